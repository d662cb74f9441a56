"""Whatever bytes arrive, reading ends in a transcript or in one located refusal, never a crash."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from transcript_samples import PLAN

from coach.core.text import clean
from coach.core.transcript import FORMATS, TranscriptError, align, talk_share
from coach.io.transcripts import read_transcript

# Pieces of every supported format, shuffled into files that are nearly right.
PIECES = st.sampled_from(
    [
        "WEBVTT\n",
        "\n",
        "\r\n",
        "1\n",
        "00:00:01.000 --> 00:00:04.000",
        "00:00:05,500 --> 00:00:03,000",
        " align:start position:10%",
        "7c1e/14-0\n",
        "<v Dr. Zoë O'Neil>",
        "<v.loud ",
        "</v>",
        "<c.yellow>",
        "<00:00:02.000>",
        "NOTE ",
        "STYLE\n",
        "José M. Ortega: ",
        "How did you get into healthcare data science?",
        "Transcript\n",
        "00:02:00\n",
        "[00:01]",
        "Dr. Zoë O'Neil  0:05\n",
        "Transcribed by https://otter.ai\n",
        "Transcription ended after 00:03:45\n",
        "&amp;",
        "&#27;[31m",
        "\x1b[2J",
        "\x07",
        "\ufeff",
        "[b]Ask[/b]",
        "a, b, c\n",
        "?",
        ":",
        " ",
    ]
)
LOCATED = re.compile(r"^bytes\.in:\d+: \S")


def check(data: bytes) -> None:
    try:
        transcript = read_transcript(data, "bytes.in")
    except TranscriptError as error:
        assert LOCATED.match(str(error)), str(error)
        return
    assert transcript.format in FORMATS
    assert transcript.segments
    starts = [segment.start for segment in transcript.segments]
    assert starts == sorted(starts)
    for segment in transcript.segments:
        assert 0 <= segment.start <= segment.end
        assert segment.text and clean(segment.text) == segment.text
        assert "\n" not in segment.speaker and clean(segment.speaker) == segment.speaker
    aligned = align(transcript, PLAN, [("path/into", 3.0, None)]).transcript
    shares = talk_share(aligned).overall
    assert all(0.0 <= value <= 1.0 for value in shares.values())


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_files_made_of_pieces_of_the_formats_are_read_or_refused_with_a_line(pieces):
    check("".join(pieces).encode("utf-8"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_line(data):
    check(data)
