"""Lining a call's transcript up with the plan: which question each segment belongs to.

From the live call's question timeline when there is one (shifted by the offset between the
recording and the call), else from the user's lines that read as the plan's questions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from statistics import median
from typing import Literal, Protocol

from coach.core.text import fold
from coach.core.transcript.model import Segment, Transcript


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

    def summary(self, planned: int) -> str:
        """One line on how the lines were lined up and how many of the ``planned`` questions
        have lines under them."""
        found = len({s.question_id for s in self.transcript.segments if s.question_id})
        if self.method == "text":
            how = "by the wording of your questions"
        else:
            how = "by when each question was on screen in the call"
            shift = abs(self.offset_s or 0.0)
            if self.offset_basis == "assumed":
                how += " (the recording taken to start with the call)"
            elif shift >= 0.5:
                side = "after" if (self.offset_s or 0.0) > 0 else "before"
                minutes, seconds = divmod(round(shift), 60)
                how += f" (the recording started {minutes}:{seconds:02d} {side} the call)"
        return f"Lined up {how}: {found} of {planned} questions have lines under them."


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
            aligned_by="timeline",
        )
        result = Alignment(aligned, "timeline", offset, basis, len(lines))
    else:
        current: str | None = None
        assigned: list[Segment] = []
        for index, segment in enumerate(segments):
            current = lines.get(index, current)
            assigned.append(replace(segment, question_id=current))
        aligned = replace(transcript, segments=tuple(assigned), offset_s=None, aligned_by="text")
        result = Alignment(aligned, "text", None, None, len(lines))
    unplanned = _unplanned(transcript, found)
    return replace(
        result, transcript=replace(result.transcript, unplanned=unplanned), unplanned=unplanned
    )


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
