"""Transcripts saved as plain text: Google Meet's transcript document, Otter.ai's text export,
and lines of ``Name: text``.

These say who spoke but give few times or none. Meet writes a clock line every few minutes;
plain text may have such lines or not; Otter gives each paragraph its start but no end. Times
that are missing are spread by words: between two clock lines in proportion to each line's
words, and past the last one (or with none at all) at a speaking pace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.core.text import clean
from coach.core.transcript import (
    UNKNOWN_SPEAKER,
    Segment,
    Transcript,
    seconds_for_words,
    word_count,
)
from coach.io.transcripts.source import clock, speaker_line

# A clock line on its own ("00:05:12", "[05:12]"), or at the head of a speaker's line.
_STAMP = re.compile(
    r"\[?(?P<clock>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\]?(?:\s+(?P<rest>.*))?"
)
_MEET_END = re.compile(r"transcription ended after (?P<clock>\d{1,2}:\d{2}:\d{2})", re.IGNORECASE)
# Meet's closing note, which is not speech.
_MEET_FOOTER = re.compile(r"this editable transcript was computer generated.*", re.IGNORECASE)
# Otter: "Dr. Zoë O'Neil  1:02" heads each paragraph.
_OTTER_HEAD = re.compile(r"(?P<name>\S.*?)[ \t]+(?P<clock>(?:\d{1,2}:)?\d{1,2}:\d{2})")
_OTTER_HEAD_MAX = 80
_OTTER_FOOTER = re.compile(r"transcribed by .*otter\.ai.*", re.IGNORECASE)


@dataclass
class _Said:
    speaker: str
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(clean(part).split()) for part in self.parts).strip()


def _stamp(line: str) -> tuple[float, str] | None:
    match = _STAMP.fullmatch(line.strip())
    if match is None:
        return None
    seconds, rest = clock(match["clock"]), match["rest"] or ""
    # "10:30 is when the ward round ends" is speech, not a clock line.
    if seconds is None or (rest and speaker_line(rest) is None):
        return None
    return seconds, rest


def _otter_head(line: str) -> tuple[str, float] | None:
    line = line.strip()
    # A head is a name and a time; the bound keeps a long line of spaces from being tried
    # at every split.
    if len(line) > _OTTER_HEAD_MAX:
        return None
    match = _OTTER_HEAD.fullmatch(line)
    if match is None:
        return None
    named = speaker_line(match["name"] + ": ")
    seconds = clock(match["clock"])
    if named is None or seconds is None:
        return None
    return named[0], seconds


def _content(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


# -- telling the formats apart ----------------------------------------------------------------


def meet_start(lines: list[str]) -> int | None:
    """Index of the line after Meet's ``Transcript`` heading, when one is followed by a clock
    line or a speaker's line; else None."""
    for index, line in enumerate(lines[:400]):
        if line.strip().casefold() != "transcript":
            continue
        following = next((later.strip() for later in lines[index + 1 :] if later.strip()), "")
        if _stamp(following) is not None or speaker_line(following) is not None:
            return index + 1
    return None


def is_otter(lines: list[str]) -> bool:
    """True when the first line with text heads an Otter paragraph (``Name  M:SS``)."""
    content = _content(lines[:50])
    return bool(content) and _otter_head(content[0]) is not None


def is_plain(lines: list[str]) -> bool:
    """True when the first line with words (past clock lines) is ``Name: text``."""
    for line in _content(lines[:200]):
        stamp = _stamp(line)
        if stamp is not None and not stamp[1]:
            continue
        return speaker_line(stamp[1] if stamp else line) is not None
    return False


# -- spreading times ----------------------------------------------------------------------------


def _spread(items: list[float | _Said]) -> list[Segment]:
    """Segments from speech and clock times in the order written: the speech between two
    clock times shares that interval by words; speech with no clock after it goes at a
    speaking pace."""
    segments: list[Segment] = []
    moment = 0.0
    run: list[tuple[str, str]] = []

    def place(until: float | None) -> None:
        nonlocal moment
        words = [max(1, word_count(text)) for _speaker, text in run]
        total = sum(words)
        span = until - moment if until is not None and until > moment else None
        for (speaker, text), count in zip(run, words, strict=True):
            length = span * count / total if span is not None else seconds_for_words(count)
            segments.append(Segment(round(moment, 3), round(moment + length, 3), speaker, text))
            moment += length
        run.clear()

    for item in items:
        if isinstance(item, float):
            if run:
                place(item)
            moment = item
        elif item.text:
            run.append((item.speaker, item.text))
    if run:
        place(None)
    return segments


def _lines_of_speech(content: list[str], end: re.Pattern[str] | None) -> list[float | _Said]:
    items: list[float | _Said] = []
    current: _Said | None = None
    for line in content:
        if _MEET_FOOTER.fullmatch(line):
            break
        if end is not None and (finished := end.fullmatch(line)) is not None:
            seconds = clock(finished["clock"])
            if seconds is not None:
                items.append(seconds)
            break
        stamp = _stamp(line)
        if stamp is not None:
            items.append(stamp[0])
            if not stamp[1]:
                continue
            line = stamp[1]
        named = speaker_line(line)
        if named is not None:
            current = _Said(named[0], [named[1]])
            items.append(current)
        elif current is not None:
            current.parts.append(line)
        else:
            current = _Said(UNKNOWN_SPEAKER, [line])
            items.append(current)
    return items


def read_meet(lines: list[str], start: int) -> Transcript:
    """Google Meet's transcript document saved as text: ``Transcript`` at line ``start``, then
    ``Name: text`` lines with a clock line every few minutes, and perhaps "Transcription ended
    after HH:MM:SS" and a footer. The title and attendee list above are not speech."""
    segments = _spread(_lines_of_speech(_content(lines[start:]), _MEET_END))
    segments.sort(key=lambda segment: segment.start)
    return Transcript(format="meet", me=None, segments=tuple(segments), estimated_times=True)


def read_plain(lines: list[str]) -> Transcript:
    """Lines of ``Name: text``, perhaps with clock lines; a line without a name continues the
    one before. Times are always estimated."""
    segments = _spread(_lines_of_speech(_content(lines), None))
    segments.sort(key=lambda segment: segment.start)
    return Transcript(format="text", me=None, segments=tuple(segments), estimated_times=True)


def read_otter(lines: list[str]) -> Transcript:
    """Otter.ai's text export: paragraphs headed ``Name  M:SS``, separated by blank lines.

    Each paragraph lasts until the next one starts; the last one, which has nothing after it,
    lasts as long as its words take to say.
    """
    paragraphs: list[tuple[str, float, list[str]]] = []
    head_allowed = True
    for line in lines:
        text = line.strip()
        if not text:
            head_allowed = True
            continue
        if _OTTER_FOOTER.fullmatch(text):
            continue
        head = _otter_head(text) if head_allowed or not paragraphs else None
        head_allowed = False
        if head is not None:
            paragraphs.append((head[0], head[1], []))
        elif paragraphs:
            paragraphs[-1][2].append(text)
    said = [(name, at, _Said(name, parts).text) for name, at, parts in paragraphs]
    said = [entry for entry in said if entry[2]]
    said.sort(key=lambda entry: entry[1])
    segments = []
    for index, (name, at, text) in enumerate(said):
        following = said[index + 1][1] if index + 1 < len(said) else None
        end = following if following is not None else at + seconds_for_words(word_count(text))
        segments.append(Segment(round(at, 3), round(end, 3), name, text))
    return Transcript(format="otter", me=None, segments=tuple(segments))
