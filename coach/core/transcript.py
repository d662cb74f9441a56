"""A call's transcript: who said what and when, lined up with the plan, and who did the talking.

The readers in ``coach.io.transcripts`` turn an exported file (Zoom, Teams, Meet, Otter…) into a
:class:`Transcript`; this module knows no file format. It answers three questions:

- **Who is who**: :func:`speakers` lists everyone with their share of the talk, so the user can
  say which one they are; :meth:`Transcript.with_me` records it.
- **Which question was being discussed**: :func:`align` gives every segment the id of the plan
  question it belongs to, from the live call's question timeline when there is one, else from
  the user's lines that read as the plan's questions.
- **Who did the talking**: :func:`talk_share`, overall and per question, with the coaching
  point that the person asking should mostly listen.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from statistics import median
from typing import Any, Literal, Protocol

from coach.core.merge import ImportFileError
from coach.core.text import clean, clean_line, fold

FORMATS: tuple[str, ...] = ("zoom", "teams", "vtt", "srt", "meet", "otter", "text")
# Plain WebVTT and unnamed SubRip cues do not say who spoke.
UNKNOWN_SPEAKER = ""
# A conversational pace; used where a format gives no times (or no end time) to give some.
WORDS_PER_MINUTE = 150
SECONDS_PER_WORD = 60.0 / WORDS_PER_MINUTE
# Above this share of the talk the user is told they spoke too much.
TALK_LIMIT = 0.40


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
    """

    format: str
    me: str | None
    segments: tuple[Segment, ...]
    estimated_times: bool = False
    interview_id: str = ""
    offset_s: float | None = None

    def speaker_names(self) -> list[str]:
        """Every speaker once, in the order they first speak."""
        return list(dict.fromkeys(segment.speaker for segment in self.segments))

    def find_speaker(self, name: str) -> str | None:
        """The speaker ``name`` refers to, or None.

        Case, accents and spacing do not count ("jose m. ortega" finds "José M. Ortega"), then
        neither do punctuation and spaces ("dr zoe oneil"); last, a name whose words all appear
        in exactly one speaker's name finds that speaker ("José Ortega" finds "José M. Ortega").
        """
        names = [n for n in self.speaker_names() if n != UNKNOWN_SPEAKER]
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
            named = [n for n in self.speaker_names() if n != UNKNOWN_SPEAKER]
            there = ", ".join(named) if named else "none: this transcript does not name them"
            raise SpeakerNotFound(
                f"no speaker called {name!r} in the transcript; speakers: {there}"
            )
        return replace(self, me=found)

    def for_interview(self, interview_id: str) -> Transcript:
        """This transcript as stored for the interview ``interview_id``."""
        return replace(self, interview_id=interview_id)

    def to_dict(self) -> dict[str, Any]:
        """The stored document (one per interview, in a table of its own)."""
        return {
            "interview_id": self.interview_id,
            "format": self.format,
            "me": self.me,
            "estimated_times": self.estimated_times,
            "offset_s": self.offset_s,
            "segments": [segment.to_dict() for segment in self.segments],
        }

    @classmethod
    def from_dict(cls, doc: object) -> Transcript | None:
        """Read a stored transcript; None when it is not one (not a mapping, unknown format).

        Segments without text or times are dropped; the rest are put back in time order.
        """
        if not isinstance(doc, Mapping) or doc.get("format") not in FORMATS:
            return None
        raw = doc.get("segments")
        read = (Segment.from_dict(item) for item in raw) if isinstance(raw, list) else ()
        segments = tuple(sorted((s for s in read if s is not None), key=_by_start))
        me = doc.get("me")
        interview_id = doc.get("interview_id")
        return cls(
            format=str(doc["format"]),
            me=clean_line(me) or None if isinstance(me, str) else None,
            segments=segments,
            estimated_times=doc.get("estimated_times") is True,
            interview_id=interview_id if isinstance(interview_id, str) else "",
            offset_s=_seconds(doc.get("offset_s"), signed=True),
        )

    def to_export(self) -> dict[str, Any]:
        """The JSON contract of ``coach export --format json`` (its ``"transcript"`` value):
        format, me, segments and each speaker's share of the talk as a fraction."""
        share = talk_share(self)
        return {
            "format": self.format,
            "me": self.me,
            "segments": [segment.to_dict() for segment in self.segments],
            "talk_share": {name: round(value, 4) for name, value in share.overall.items()},
        }


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


# -- who is who --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Speaker:
    """One voice in the transcript and how much of the talk was theirs."""

    name: str
    share: float
    seconds: float
    words: int
    segments: int


def speakers(transcript: Transcript) -> list[Speaker]:
    """Everyone who speaks, in the order they first do, with their share of the talk (by time
    where the format has real times, else by words): what the user picks "which one is you"
    from."""
    share = talk_share(transcript)
    seconds: dict[str, float] = {}
    words: dict[str, int] = {}
    counts: dict[str, int] = {}
    for segment in transcript.segments:
        seconds[segment.speaker] = seconds.get(segment.speaker, 0.0) + segment.seconds
        words[segment.speaker] = words.get(segment.speaker, 0) + segment.words
        counts[segment.speaker] = counts.get(segment.speaker, 0) + 1
    return [
        Speaker(name, share.overall.get(name, 0.0), seconds[name], words[name], counts[name])
        for name in seconds
    ]


# -- talk time ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stretch:
    """The user's segments one after another, with nobody else speaking in between (a
    murmur over the user's own words does not count)."""

    start: float
    end: float
    words: int
    segments: int

    @property
    def seconds(self) -> float:
        """From the start of the first segment to the end of the last."""
        return max(0.0, self.end - self.start)


@dataclass(frozen=True)
class TalkShare:
    """Who did the talking: fractions (0..1) per speaker, overall and per plan question (key
    None: before the first question), measured ``by`` time or by words.

    The user's figures (``my_share``, ``longest_stretch``, ``questions_asked``) are None or 0
    while the transcript does not say who the user is.
    """

    by: Literal["time", "words"]
    overall: dict[str, float]
    per_question: dict[str | None, dict[str, float]]
    me: str | None
    my_share: float | None
    longest_stretch: Stretch | None
    questions_asked: int

    @property
    def coaching(self) -> str | None:
        """The coaching point when the user spoke more than :data:`TALK_LIMIT` of the talk."""
        if self.my_share is None or self.my_share <= TALK_LIMIT:
            return None
        of = "the time" if self.by == "time" else "the words"
        return (
            f"You spoke {_percent(self.my_share)}% of {of}; "
            "the people you ask should do most of the talking."
        )

    def summary(self) -> str:
        """One line for the Debrief: each speaker's share (the user first, as "You"), the
        longest stretch and the number of questions asked."""
        if not self.overall:
            return "Nobody speaks in this transcript."
        names = sorted(self.overall, key=lambda name: (name != self.me, -self.overall[name]))
        parts = [
            f"{'You' if name == self.me else name or 'Unnamed'} {_percent(self.overall[name])}%"
            for name in names
        ]
        line = " · ".join(parts) + f" (by {self.by})"
        stretch = self.longest_stretch
        if stretch is not None:
            if self.by == "words":
                line += f" · longest stretch {stretch.words} words"
            else:
                line += f" · longest stretch {_minutes(stretch.seconds)}"
        if self.me is not None:
            line += f" · {self.questions_asked} question{'s' if self.questions_asked != 1 else ''}"
            line += " asked"
        return line


def _minutes(seconds: float) -> str:
    # As the Live clock shows time (m:ss); the live engine is not imported for three lines.
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


def _percent(fraction: float) -> int:
    return int(fraction * 100 + 0.5)


_QUESTION_MARKS = re.compile(r"\?+")


def talk_share(transcript: Transcript) -> TalkShare:
    """Each speaker's share of the talk, overall and per question, and the user's habits.

    By time where the format has real times; by words where they were estimated (Meet, plain
    text), or where every segment has no length. Overlapping speech counts for everyone
    speaking. Questions asked are the user's question marks (a run of them counts once).
    """
    segments = transcript.segments
    by_time = not transcript.estimated_times and any(s.end > s.start for s in segments)
    totals: dict[str, float] = {}
    by_question: dict[str | None, dict[str, float]] = {}
    for segment in segments:
        weight = segment.seconds if by_time else float(segment.words)
        totals[segment.speaker] = totals.get(segment.speaker, 0.0) + weight
        inside = by_question.setdefault(segment.question_id, {})
        inside[segment.speaker] = inside.get(segment.speaker, 0.0) + weight
    overall = _fractions(totals)
    per_question = {question_id: _fractions(part) for question_id, part in by_question.items()}
    me = transcript.me
    mine = [s for s in segments if s.speaker == me] if me is not None else []
    return TalkShare(
        by="time" if by_time else "words",
        overall=overall,
        per_question=per_question,
        me=me,
        my_share=overall.get(me, 0.0) if me is not None and segments else None,
        longest_stretch=_longest_stretch(segments, me, by_time) if me is not None else None,
        questions_asked=sum(len(_QUESTION_MARKS.findall(s.text)) for s in mine),
    )


def _fractions(totals: Mapping[str, float]) -> dict[str, float]:
    whole = sum(totals.values())
    if whole <= 0:
        return {name: 0.0 for name in totals}
    return {name: value / whole for name, value in totals.items()}


def _longest_stretch(segments: Sequence[Segment], me: str, by_time: bool) -> Stretch | None:
    best: Stretch | None = None
    run: list[Segment] = []
    # When the others last stopped talking: if after the end of the user's last segment,
    # someone spoke in between and the user's next segment starts a new stretch.
    others_until = -math.inf

    def measure(stretch: Stretch) -> float:
        return stretch.seconds if by_time else stretch.words

    def close() -> None:
        nonlocal best
        if run:
            stretch = Stretch(
                start=run[0].start,
                end=max(s.end for s in run),
                words=sum(s.words for s in run),
                segments=len(run),
            )
            if best is None or measure(stretch) > measure(best):
                best = stretch
            run.clear()

    for segment in segments:
        if segment.speaker != me:
            # A murmur inside the user's own segment ("mm-hm") does not interrupt them.
            others_until = max(others_until, segment.end)
            continue
        if run and others_until > run[-1].end:
            close()
        run.append(segment)
    close()
    return best


# -- lining the transcript up with the plan ----------------------------------------------------


class PlanQuestion(Protocol):
    """What alignment needs of a plan's question (``PlannedQuestion`` has both)."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


# (question id, start, end) in seconds since the call started; end None for the last one.
QuestionShown = tuple[str, float, float | None]


@dataclass(frozen=True)
class Alignment:
    """The outcome of :func:`align`.

    ``method`` is ``"timeline"`` (the live call's record of which question was on screen) or
    ``"text"`` (the user's lines read as the plan's questions). With a timeline, ``offset_s``
    is the shift applied (recording time + offset = call time) and ``offset_basis`` says where
    it came from: ``"given"``, ``"matched"`` (estimated from ``matched_lines`` of the user's
    lines that read as questions) or ``"assumed"`` (nothing matched: the recording is taken to
    start with the call). ``unplanned`` holds the indexes of the user's questions that match
    no plan question.
    """

    transcript: Transcript
    method: Literal["timeline", "text"]
    offset_s: float | None
    offset_basis: Literal["given", "matched", "assumed"] | None
    matched_lines: int
    unplanned: tuple[int, ...] = field(default=())

    @property
    def unplanned_questions(self) -> list[Segment]:
        """The user's unplanned questions themselves, in the order asked."""
        return [self.transcript.segments[index] for index in self.unplanned]


# Words that say nothing about which question is meant: a line matches a question on the
# words that are left.
_FILLER_WORDS = """
    a an the and or but so if of to in on at for from with about as by into over than then
    that this these those there here it its im me my we our us you your youre yours ive youve weve
    he she they them their his her who whom whose what which when where why how do does did
    doing done is are was were be been being am have has had having can could would should
    will shall may might must just really very quite maybe well like kind sort bit lot any
    some much many more most also too not no yes yeah okay ok oh um uh er right get got
    thing things let lets tell say said know mean think one"""
_FILLER = frozenset(_FILLER_WORDS.split())
_WORD = re.compile(r"[^\W_]+")
# A line reads as a question when it holds this share of the question's telling words.
_MATCH_SHARE = 0.6


def _stem(word: str) -> str:
    # Enough to let "careers" meet "career" and "organisation" meet "organization".
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + replacement
            break
    return word.replace("iz", "is")


def telling_words(text: str) -> frozenset[str]:
    """The words of ``text`` that tell one question from another, folded and stemmed."""
    # Apostrophes go first so that "it's" is one word, as the filler list spells it.
    folded = fold(text).replace("'", "").replace("\u2019", "")
    return frozenset(
        _stem(word) for word in _WORD.findall(folded) if len(word) > 1 and word not in _FILLER
    )


def _match(
    line: frozenset[str], questions: Sequence[tuple[str, frozenset[str]]]
) -> tuple[str, float] | None:
    """The plan question ``line`` reads as, with the share of its telling words found, or
    None: the question with the largest share in the line, at least :data:`_MATCH_SHARE` of
    them and at least two (all, for a question with one telling word)."""
    best: tuple[float, int] | None = None
    found: str | None = None
    for question_id, wanted in questions:
        if not wanted:
            continue
        common = len(wanted & line)
        share = common / len(wanted)
        if share < _MATCH_SHARE or common < min(2, len(wanted)):
            continue
        if best is None or (share, common) > best:
            best, found = (share, common), question_id
    return (found, best[0]) if found is not None and best is not None else None


@dataclass(frozen=True)
class _QuestionLines:
    # Index of each segment that starts a plan question, with the question's id; and the
    # segments that finish a question begun on the segment before.
    starts: dict[int, str]
    second_halves: frozenset[int]


def _question_lines(
    transcript: Transcript, questions: Sequence[tuple[str, frozenset[str]]]
) -> _QuestionLines:
    """The user's segments that read as plan questions.

    A question split over two of the user's cues in a row is found on the pair, and starts at
    the first of them. Without a known user, everyone's lines are read.
    """
    segments = transcript.segments
    me = transcript.me
    starts: dict[int, str] = {}
    second_halves: set[int] = set()
    words = [telling_words(s.text) if me is None or s.speaker == me else None for s in segments]
    for index, line in enumerate(words):
        if line is None or index in second_halves:
            continue
        found = _match(line, questions)
        following = words[index + 1] if index + 1 < len(segments) else None
        if found is None and following is not None:
            # Read with the next cue of the same voice only when that reads as a question
            # better than the next cue alone: else the question starts there, not a cue early.
            together = _match(line | following, questions)
            alone = _match(following, questions)
            same_voice = segments[index + 1].speaker == segments[index].speaker
            if together is not None and same_voice and (alone is None or together[1] > alone[1]):
                found = together
                second_halves.add(index + 1)
        if found is not None:
            starts[index] = found[0]
    return _QuestionLines(starts, frozenset(second_halves))


def align(
    transcript: Transcript,
    questions: Iterable[PlanQuestion],
    timeline: Iterable[QuestionShown] | None = None,
    *,
    offset_s: float | None = None,
) -> Alignment:
    """Give every segment the id of the plan question it belongs to.

    With ``timeline`` (when each question was on screen during the live call, in seconds since
    the call started): the timeline is shifted by ``offset_s`` when given, else by the offset
    at which the user's lines that read as questions line up with those questions appearing
    (the median over the questions found), else not at all; each segment then belongs to the
    question on screen at its midpoint, or to none outside every question.

    Without a timeline (None or empty): a user's line that reads as a plan question starts
    that question and the lines after it belong to it until the next one; lines before the
    first are small talk (None). Either way, the user's lines ending in "?" that read as no
    plan question are listed as unplanned. Without a known user, every speaker's lines are
    read, and no line is listed as unplanned.
    """
    plan = [(q.id, telling_words(q.text)) for q in questions]
    found = _question_lines(transcript, plan)
    lines = found.starts
    segments = transcript.segments
    spans = sorted(timeline or (), key=lambda span: span[1])
    if spans:
        basis: Literal["given", "matched", "assumed"]
        if offset_s is not None:
            offset, basis = float(offset_s), "given"
        else:
            estimated = _estimate_offset(segments, lines, spans)
            offset, basis = (estimated, "matched") if estimated is not None else (0.0, "assumed")
        ids = _by_timeline(segments, spans, offset)
        aligned = replace(
            transcript,
            segments=tuple(replace(s, question_id=q) for s, q in zip(segments, ids, strict=True)),
            offset_s=offset,
        )
        result = Alignment(aligned, "timeline", offset, basis, len(lines))
    else:
        current: str | None = None
        assigned: list[Segment] = []
        for index, segment in enumerate(segments):
            current = lines.get(index, current)
            assigned.append(replace(segment, question_id=current))
        aligned = replace(transcript, segments=tuple(assigned), offset_s=None)
        result = Alignment(aligned, "text", None, None, len(lines))
    return replace(result, unplanned=_unplanned(transcript, found))


def _estimate_offset(
    segments: Sequence[Segment], lines: Mapping[int, str], spans: Sequence[QuestionShown]
) -> float | None:
    first_shown: dict[str, float] = {}
    for question_id, start, _end in spans:
        first_shown.setdefault(question_id, start)
    first_asked: dict[str, float] = {}
    for index in sorted(lines):
        first_asked.setdefault(lines[index], segments[index].start)
    shifts = [first_shown[q] - at for q, at in first_asked.items() if q in first_shown]
    return float(median(shifts)) if shifts else None


def _by_timeline(
    segments: Sequence[Segment], spans: Sequence[QuestionShown], offset: float
) -> list[str | None]:
    starts = [span[1] for span in spans]
    ids: list[str | None] = []
    for segment in segments:
        moment = (segment.start + segment.end) / 2 + offset
        # The latest question to appear at or before this moment, if still on screen.
        at = bisect_right(starts, moment) - 1
        question_id: str | None = None
        if at >= 0:
            shown_id, _start, end = spans[at]
            if end is None or moment < end:
                question_id = shown_id
        ids.append(question_id)
    return ids


def _unplanned(transcript: Transcript, found: _QuestionLines) -> tuple[int, ...]:
    if transcript.me is None:
        return ()
    return tuple(
        index
        for index, segment in enumerate(transcript.segments)
        if segment.speaker == transcript.me
        and segment.text.rstrip().endswith("?")
        and index not in found.starts
        and index not in found.second_halves
    )
