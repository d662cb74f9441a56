"""A call's transcript as coach keeps it: who said what and when, and which speaker is the user.

The readers in ``coach.io.transcripts`` turn an exported file (Zoom, Teams, Meet, Otter…) into a
:class:`Transcript`; this module knows no file format. Talk share is in
:mod:`coach.core.transcript.talk`, lining up with the plan in
:mod:`coach.core.transcript.alignment`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from coach.core.file_errors import ImportFileError
from coach.core.text import clean, clean_line, fold

FORMATS: tuple[str, ...] = ("zoom", "teams", "vtt", "srt", "meet", "otter", "text")
#: Each format as a person knows it.
FORMAT_NAMES: dict[str, str] = {
    "zoom": "Zoom WebVTT",
    "teams": "Microsoft Teams WebVTT",
    "vtt": "WebVTT",
    "srt": "SubRip",
    "meet": "Google Meet text",
    "otter": "Otter.ai text",
    "text": "Name: text lines",
}
# Plain WebVTT and unnamed SubRip cues do not say who spoke.
UNKNOWN_SPEAKER = ""
# A conversational pace; used where a format gives no times (or no end time) to give some.
WORDS_PER_MINUTE = 150
SECONDS_PER_WORD = 60.0 / WORDS_PER_MINUTE


class TranscriptError(ImportFileError):
    """A file that cannot be read as a transcript; the message is ``FILE:LINE: what is wrong``."""


class SpeakerNotFound(ValueError):
    """A name given as the user that matches none of the transcript's speakers."""


def word_count(text: str) -> int:
    """Words in ``text``, as spoken: what times are spread by where a format has none."""
    return len(text.split())


def seconds_for_words(words: int) -> float:
    """How long ``words`` take to say at :data:`WORDS_PER_MINUTE` (at least one word's worth)."""
    return max(1, words) * SECONDS_PER_WORD


# -- the model ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of speech: seconds from the start of the recording, who, what, and the id of
    the plan question it belongs to (None before the first question, or not yet aligned)."""

    start: float
    end: float
    speaker: str
    text: str
    question_id: str | None = None

    @property
    def words(self) -> int:
        """Number of words said."""
        return word_count(self.text)

    @property
    def seconds(self) -> float:
        """How long it lasted (never negative)."""
        return max(0.0, self.end - self.start)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape, which is also the shape of the JSON export."""
        return {
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "text": self.text,
            "question_id": self.question_id,
        }

    @classmethod
    def from_dict(cls, doc: object) -> Segment | None:
        """Read one stored segment; None when it has no text or no usable times."""
        if not isinstance(doc, Mapping):
            return None
        start, end = _seconds(doc.get("start")), _seconds(doc.get("end"))
        text = doc.get("text")
        if start is None or end is None or not isinstance(text, str):
            return None
        text = clean(text).strip()
        if not text:
            return None
        speaker = doc.get("speaker")
        question_id = doc.get("question_id")
        return cls(
            start=start,
            end=max(start, end),
            speaker=clean_line(speaker) if isinstance(speaker, str) else UNKNOWN_SPEAKER,
            text=text,
            question_id=question_id if isinstance(question_id, str) and question_id else None,
        )


@dataclass(frozen=True)
class Transcript:
    """A call's transcript as imported: the source format, which speaker is the user (None
    until known), and the segments in time order.

    ``estimated_times`` is True when the format gave no times, or too few (Meet, plain text):
    the times were spread by words and talk is then measured in words. ``interview_id`` is
    the interview it belongs to once stored; ``offset_s`` is the shift the last alignment by
    timeline used (recording time + offset = call time), kept so it can be shown and adjusted.
    ``aligned_by`` says how the segments got their questions (``"timeline"``, ``"text"``, or
    None before any alignment) and ``unplanned`` holds the indexes of the user's questions
    that match no plan question. ``source`` is the name of the file it came from.
    """

    format: str
    me: str | None
    segments: tuple[Segment, ...]
    estimated_times: bool = False
    interview_id: str = ""
    offset_s: float | None = None
    aligned_by: str | None = None
    unplanned: tuple[int, ...] = ()
    source: str = ""

    @property
    def format_name(self) -> str:
        """The format as a person knows it ("Microsoft Teams WebVTT")."""
        return FORMAT_NAMES.get(self.format, self.format)

    def speaker_names(self) -> list[str]:
        """Every speaker once, in the order they first speak."""
        return list(dict.fromkeys(segment.speaker for segment in self.segments))

    def named_speakers(self) -> list[str]:
        """The speakers the file names (an unnamed voice cannot be the user)."""
        return [name for name in self.speaker_names() if name != UNKNOWN_SPEAKER]

    def find_speaker(self, name: str) -> str | None:
        """The speaker ``name`` refers to, or None.

        Case, accents and spacing do not count ("jose m. ortega" finds "José M. Ortega"), then
        neither do punctuation and spaces ("dr zoe oneil"); last, a name whose words all appear
        in exactly one speaker's name finds that speaker ("José Ortega" finds "José M. Ortega").
        """
        names = self.named_speakers()
        wanted = fold(name)
        if not wanted:
            return None
        for candidate in names:
            if fold(candidate) == wanted:
                return candidate
        compact = _compact(wanted)
        for candidate in names:
            if _compact(fold(candidate)) == compact:
                return candidate
        words = set(_name_words(wanted))
        holding = [c for c in names if words <= set(_name_words(fold(c)))]
        return holding[0] if len(holding) == 1 else None

    def with_me(self, name: str | None) -> Transcript:
        """This transcript with ``name`` as the user (None: not known).

        Raises :class:`SpeakerNotFound`, naming the speakers there are, when no speaker
        matches (see :meth:`find_speaker`).
        """
        if name is None:
            return replace(self, me=None)
        found = self.find_speaker(name)
        if found is None:
            named = self.named_speakers()
            there = ", ".join(named) if named else "none: this transcript does not name them"
            raise SpeakerNotFound(
                f"no speaker called {name!r} in the transcript; speakers: {there}"
            )
        return replace(self, me=found)

    def for_interview(self, interview_id: str) -> Transcript:
        """This transcript as stored for the interview ``interview_id``."""
        return replace(self, interview_id=interview_id)

    def from_file(self, name: str) -> Transcript:
        """This transcript, remembering the name of the file it was read from."""
        return replace(self, source=clean_line(name))

    def to_dict(self) -> dict[str, Any]:
        """The stored document (one per interview, in a table of its own, keyed by the
        interview's id)."""
        return {
            "id": self.interview_id,
            "interview_id": self.interview_id,
            "format": self.format,
            "me": self.me,
            "source": self.source,
            "estimated_times": self.estimated_times,
            "offset_s": self.offset_s,
            "aligned_by": self.aligned_by,
            "unplanned": list(self.unplanned),
            "segments": [segment.to_dict() for segment in self.segments],
        }

    @classmethod
    def from_dict(cls, doc: object) -> Transcript | None:
        """Read a stored transcript; None when it is not one (not a mapping, unknown format).

        Segments without text or times are dropped; the rest are put back in time order.
        The unplanned questions are kept only while every segment could be read (their
        indexes would point at other lines otherwise).
        """
        if not isinstance(doc, Mapping) or doc.get("format") not in FORMATS:
            return None
        raw = doc.get("segments")
        read = [Segment.from_dict(item) for item in raw] if isinstance(raw, list) else []
        segments = tuple(sorted((s for s in read if s is not None), key=_by_start))
        whole = all(s is not None for s in read) and list(segments) == read
        me, source = doc.get("me"), doc.get("source")
        interview_id = doc.get("interview_id") or doc.get("id")
        aligned_by = doc.get("aligned_by")
        return cls(
            format=str(doc["format"]),
            me=clean_line(me) or None if isinstance(me, str) else None,
            segments=segments,
            estimated_times=doc.get("estimated_times") is True,
            interview_id=interview_id if isinstance(interview_id, str) else "",
            offset_s=_seconds(doc.get("offset_s"), signed=True),
            aligned_by=aligned_by if aligned_by in ("timeline", "text") else None,
            unplanned=_indexes(doc.get("unplanned"), len(segments)) if whole else (),
            source=clean_line(source) if isinstance(source, str) else "",
        )


def _indexes(value: object, count: int) -> tuple[int, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        sorted(
            {
                item
                for item in value
                if isinstance(item, int) and not isinstance(item, bool) and 0 <= item < count
            }
        )
    )


def _by_start(segment: Segment) -> float:
    return segment.start


def _seconds(value: object, *, signed: bool = False) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    if not math.isfinite(number) or (number < 0 and not signed):
        return None
    return number


_NOT_LETTERS = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(r"['’]")


def _compact(folded: str) -> str:
    # "Dr Zoe ONeil", "dr. zoë o'neil" and "DrZoëO'Neil" are one name typed three ways.
    return _NOT_LETTERS.sub("", folded)


def _name_words(folded: str) -> list[str]:
    return _NOT_LETTERS.sub(" ", _APOSTROPHES.sub("", folded)).split()
