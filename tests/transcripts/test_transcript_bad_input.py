"""A file that is not a transcript is refused with its name, the line and what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from transcript_samples import FIXTURES

from coach.core.file_errors import ImportFileError
from coach.core.transcript import TranscriptError
from coach.io.transcripts import MAX_BYTES, read_transcript, read_transcript_file


def refusal(data: bytes, source: str = "call.vtt") -> str:
    with pytest.raises(TranscriptError) as caught:
        read_transcript(data, source)
    message = str(caught.value)
    assert re.match(rf"{re.escape(source)}:\d+: \S", message), message
    assert "\n" not in message
    return message


def test_a_csv_file_is_refused_as_a_table_not_a_transcript():
    data = b"First Name,Last Name,Company\r\nAna,Souza,Harbor Labs\r\n"
    assert refusal(data, "Connections.csv") == (
        "Connections.csv:1: comma-separated values (a CSV table), not a transcript"
    )


def test_a_binary_file_is_refused_at_its_first_zero_byte():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    assert refusal(png, "photo.png") == "photo.png:3: a binary file, not a transcript"


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n  \n\t\n"])
def test_an_empty_file_is_refused(data: bytes):
    assert refusal(data) == "call.vtt:1: the file is empty"


def test_a_file_over_twenty_megabytes_is_refused_before_it_is_read(tmp_path: Path):
    cue = b"00:00:01.000 --> 00:00:02.000\nAna Souza: hello there\n\n"
    data = b"WEBVTT\n\n" + cue * (MAX_BYTES // len(cue) + 1)
    assert len(data) > 20 * 1024 * 1024
    assert "too large" in refusal(data)

    big = tmp_path / "huge.vtt"
    big.write_bytes(data)
    with pytest.raises(TranscriptError, match=r"huge\.vtt:1: 20\.0 MB is too large"):
        read_transcript_file(big)


def test_a_file_in_latin_1_is_refused_at_the_line_of_the_first_byte_that_is_not_utf_8():
    data = ("WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\nJosé M. Ortega: Olá, obrigado.\n").encode(
        "latin-1"
    )
    assert refusal(data) == (
        "call.vtt:5: not UTF-8 text; save the transcript as UTF-8 and import it again"
    )


def test_a_file_in_utf_16_is_refused_with_what_to_do():
    data = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHi\n".encode("utf-16")
    assert refusal(data) == (
        "call.vtt:1: UTF-16 text; save the transcript as UTF-8 and import it again"
    )


def test_prose_that_names_no_speaker_is_not_a_transcript():
    data = b"Meeting notes\n\nWe talked about hospital analytics and SQL.\n"
    assert refusal(data, "notes.txt").startswith("notes.txt:1: not a transcript: expected WebVTT")


def test_a_broken_cue_timing_line_is_refused_at_its_line():
    data = (
        b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nHi.\n\n"
        b"2\n00:00:0x.000 --> 00:00:06.000\nBye.\n"
    )
    assert refusal(data) == (
        "call.vtt:8: '00:00:0x.000 --> 00:00:06.000' is not a cue timing line like "
        "'00:01:02.000 --> 00:01:05.500'"
    )


def test_a_cue_block_without_a_timing_line_is_refused_at_its_line():
    data = b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nHi.\n\nstray words\nmore words\n"
    assert refusal(data) == (
        "call.vtt:7: expected a cue timing line like '00:01:02.000 --> 00:01:05.500'"
    )


def test_a_webvtt_file_with_no_cues_is_refused():
    assert refusal(b"WEBVTT\n\nNOTE nothing was said\n") == (
        "call.vtt:1: no cues: the file holds no speech"
    )


def test_the_refusal_is_an_import_error_like_any_other_file_import():
    with pytest.raises(ImportFileError):
        read_transcript(b"", "call.vtt")


def test_a_file_that_cannot_be_opened_is_refused_with_the_reason(tmp_path: Path):
    with pytest.raises(TranscriptError, match=r"missing\.vtt: cannot read \(No such file"):
        read_transcript_file(tmp_path / "missing.vtt")


def test_every_sample_file_is_read_without_refusal():
    for path in FIXTURES.iterdir():
        if not path.name.startswith("."):
            assert read_transcript_file(path).segments, path.name
