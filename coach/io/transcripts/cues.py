"""Cue files: WebVTT (as Zoom, Microsoft Teams and other tools write it) and SubRip (.srt).

Both are blocks separated by blank lines, each with a timing line ``start --> end``. Who spoke
is told three ways: Teams wraps the text in a voice span (``<v Name>text</v>``, and some exports
never close it), Zoom starts the text with ``Name: ``, and plain WebVTT or SubRip may not say at
all. Cue markup (``<i>``, ``<c.colour>``, ``<00:00:01.000>``) is dropped and HTML entities are
read, because the formats define them; what is left is kept literally.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from coach.core.text import clean, clean_line
from coach.core.transcript import UNKNOWN_SPEAKER, Segment, Transcript, word_count
from coach.io.transcripts.source import clock, fail, speaker_line

_TIMING = re.compile(r"[ \t]*(?P<start>\S+)[ \t]+-->[ \t]+(?P<end>\S+)(?P<settings>.*)")
# Blocks of a WebVTT file that carry no speech.
_NOT_SPEECH = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
# Tags of the cue text syntax, including timestamp tags; "x < y" and "<3" are left alone.
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>|<\d[\d:.]*>")
# The name is bounded so that a line of unclosed "<v " costs no more than a normal one.
_VOICE = re.compile(r"<v(?:\.[^\s<>]{0,40})?(?:[ \t]+([^<>\n]{0,200}))?>")
# Share of cues that must start with "Name: " for the prefixes to be read as speakers.
_NAMED_SHARE = 0.6
# More names than this on a call, written only at turn changes, are more likely words.
_FEW_NAMES = 12


@dataclass
class _Cue:
    line: int
    start: float
    end: float
    payload: str


def is_subrip(lines: list[str]) -> bool:
    """True when the first block looks like SubRip: an optional number, then a timing line."""
    head = [line for line in lines[:8] if line.strip()][:2]
    if not head:
        return False
    timing = head[1] if head[0].strip().isdigit() and len(head) > 1 else head[0]
    return _TIMING.fullmatch(timing) is not None


def _times(line: str, source: str, number: int) -> tuple[float, float]:
    match = _TIMING.fullmatch(line)
    start = clock(match["start"]) if match else None
    end = clock(match["end"]) if match else None
    if start is None or end is None:
        raise fail(
            source,
            number,
            f"{line.strip()!r} is not a cue timing line like '00:01:02.000 --> 00:01:05.500'",
        )
    # A cue that ends before it starts is a tool's slip: keep what was said, at its start.
    return start, max(start, end)


def _cues(lines: list[str], source: str, webvtt: bool) -> list[_Cue]:
    cues: list[_Cue] = []
    index, total = 0, len(lines)
    if webvtt:
        # The header (after any blank lines) runs to the next blank line.
        while not lines[index].strip():
            index += 1
        while index < total and lines[index].strip():
            index += 1
    while index < total:
        if not lines[index].strip():
            index += 1
            continue
        first = index
        while index < total and lines[index].strip():
            index += 1
        block = lines[first:index]
        if webvtt and _NOT_SPEECH.fullmatch(block[0].strip()):
            continue
        at = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if at is None:
            raise fail(
                source, first + 1, "expected a cue timing line like '00:01:02.000 --> 00:01:05.500'"
            )
        start, end = _times(block[at], source, first + at + 1)
        cues.append(_Cue(first + 1, start, end, "\n".join(block[at + 1 :])))
    return cues


def _spoken(markup: str) -> str:
    """Cue text as said: tags dropped, entities read, controls removed, lines joined."""
    if "<" in markup:
        markup = _TAG.sub("", markup)
    if "&" in markup:
        markup = html.unescape(markup)
    return " ".join(clean(markup).split())


def _by_voice(cue: _Cue, previous: str) -> list[tuple[str, str]]:
    """(speaker, text) for each voice span of a Teams cue; text before any span, or in a cue
    without one, is the previous speaker's."""
    pieces = _VOICE.split(cue.payload)
    said = [(previous, pieces[0])]
    for at in range(1, len(pieces), 2):
        said.append((clean_line(html.unescape(pieces[at] or "")), pieces[at + 1]))
    return [(speaker, text) for speaker, text in ((s, _spoken(t)) for s, t in said) if text]


def _split_time(cue: _Cue, said: list[tuple[str, str]]) -> list[Segment]:
    # Several voices in one cue share its time in proportion to their words.
    words = [max(1, word_count(text)) for _speaker, text in said]
    total, moment, segments = sum(words), cue.start, []
    for (speaker, text), count in zip(said, words, strict=True):
        end = moment + (cue.end - cue.start) * count / total
        segments.append(Segment(round(moment, 3), round(end, 3), speaker, text))
        moment = end
    return segments


def _names_told(texts: list[str], named: list[tuple[str, str] | None]) -> bool:
    """Whether the ``Name: `` prefixes found name speakers: on most cues (Zoom), or, as some
    tools write them, only where the speaker changes: on the first cue and on several more,
    with few names among them."""
    with_names = sum(1 for found in named if found is not None)
    if with_names >= _NAMED_SHARE * sum(1 for text in texts if text):
        return True
    first = next((found for text, found in zip(texts, named, strict=True) if text), None)
    names = {found[0] for found in named if found is not None}
    return first is not None and with_names >= 2 and len(names) <= _FEW_NAMES


def read_cues(lines: list[str], source: str, webvtt: bool) -> Transcript:
    """A WebVTT (``webvtt``) or SubRip file's lines as a transcript.

    The format is ``"teams"`` when cues carry voice spans, ``"zoom"`` when WebVTT cues start
    with ``Name: ``, ``"vtt"`` for other WebVTT, and ``"srt"`` for SubRip with or without
    names; a cue with no name continues the speaker before. Cues are put in time order;
    overlapping ones are all kept.
    """
    cues = _cues(lines, source, webvtt)
    if not cues:
        raise fail(source, 1, "no cues: the file holds no speech")
    segments: list[Segment] = []
    if any("<v" in cue.payload and _VOICE.search(cue.payload) for cue in cues):
        form, speaker = "teams", UNKNOWN_SPEAKER
        for cue in cues:
            said = _by_voice(cue, speaker)
            if said:
                speaker = said[-1][0]
                segments.extend(_split_time(cue, said))
    else:
        texts = [_spoken(cue.payload) for cue in cues]
        named = [speaker_line(text) for text in texts]
        use_names = _names_told(texts, named)
        form = "srt" if not webvtt else "zoom" if use_names else "vtt"
        speaker = UNKNOWN_SPEAKER
        for cue, text, found in zip(cues, texts, named, strict=True):
            if use_names and found is not None:
                speaker, text = found
            if text:
                segments.append(Segment(round(cue.start, 3), round(cue.end, 3), speaker, text))
    if not segments:
        raise fail(source, cues[0].line, "the cues hold no words")
    segments.sort(key=lambda segment: segment.start)
    return Transcript(format=form, me=None, segments=tuple(segments))
