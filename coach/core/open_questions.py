"""What one conversation left unknown directs the next: open questions carried along a path.

Each line of a debrief's "What do I still need to find out" becomes an :class:`OpenQuestion`
on the interview's path, remembering the interview it came from. Editing the answer keeps the
questions in step (a reworded line keeps its question, a removed one goes, nothing is added
twice); a later interview can mark one answered. Prepare offers the open ones as questions for
the next plan, and the goals and introduction of the last preparation on the same path can be
taken up again.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coach.core import fields
from coach.core.interview import Interview, PlannedQuestion
from coach.core.paths import CareerPath, OpenQuestion, path_of
from coach.core.plan import Plan
from coach.core.search_fields import interview_date
from coach.core.search_folding import words_of

#: The tag a plan question carried from an open question has, and the key that names it.
OPEN_QUESTION_TAG = "open-question"
CARRIED_FROM = "open_question"
# A reworded line is the same question when this much of it is unchanged.
_SAME_LINE = 0.6
# "- ", "* ", "• ", "1. ", "2) ": list marks people type before each line.
_LIST_MARK = re.compile(r"^\s*(?:[-*•·–—]|\d{1,3}[.)])\s+")


def _key(text: str) -> str:
    return " ".join(words_of(text))


def still_need_lines(text: str) -> list[str]:
    """The lines of a "still need to find out" answer, each once, without list marks."""
    found: dict[str, str] = {}
    for raw in fields.text(text).splitlines():
        line = " ".join(_LIST_MARK.sub("", raw).split())
        key = _key(line)
        if key and key not in found:
            found[key] = line
    return list(found.values())


def carry_forward(path: CareerPath, interview_id: str, still_need: str, now: str) -> bool:
    """Keep ``path``'s open questions from ``interview_id`` in step with its still-need text.

    A line already there keeps its question; a reworded line (mostly the same words) keeps its
    question with the new wording; a new line adds one; an open question whose line is gone
    is dropped (one already answered stays: it is the record of what was learned). True when
    anything changed.
    """
    lines = still_need_lines(still_need)
    mine = [q for q in path.open_questions if q.from_interview == interview_id]
    changed = False
    left_over: list[OpenQuestion] = []
    waiting = {_key(line): line for line in lines}
    for question in mine:
        same = waiting.pop(_key(question.text), None)
        if same is None:
            left_over.append(question)
        elif question.text != same:
            question.text, changed = same, True
    added: list[str] = []
    for line in waiting.values():
        best = max(left_over, key=lambda q: _likeness(q.text, line), default=None)
        if best is not None and _likeness(best.text, line) >= _SAME_LINE:
            best.text, changed = line, True
            left_over.remove(best)
        else:
            added.append(line)
    for question in left_over:
        if question.is_open:
            path.open_questions.remove(question)
            changed = True
    for line in added:
        path.open_questions.append(
            OpenQuestion(text=line, from_interview=interview_id, created_at=now)
        )
        changed = True
    if changed:
        path.updated_at = now
    return changed


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _key(a), _key(b), autojunk=False).ratio()


def release(path: CareerPath, interview_id: str, now: str) -> bool:
    """Drop the open questions ``interview_id`` left on ``path`` (it moved to another path or
    was deleted); answered ones stay. True when anything changed."""
    kept = [q for q in path.open_questions if q.from_interview != interview_id or not q.is_open]
    if len(kept) == len(path.open_questions):
        return False
    path.open_questions = kept
    path.updated_at = now
    return True


def mark_answered(path: CareerPath, question_id: str, interview_id: str, now: str) -> OpenQuestion:
    """Record that ``interview_id`` answered an open question, and any other still open in the
    same words (two conversations left the same question); raises LookupError when the path
    has no such question."""
    question = path.find(question_id)
    if question is None:
        raise LookupError("That open question is no longer on the path.")
    for same in _worded_as(path, question):
        if same is question or same.is_open:
            same.answered_by = interview_id
            same.answered_at = now
    path.updated_at = now
    return question


def reopen(path: CareerPath, question_id: str, now: str) -> OpenQuestion:
    """Open an answered question again (an undo), with those the same interview answered in
    the same words; raises LookupError when it is gone."""
    question = path.find(question_id)
    if question is None:
        raise LookupError("That open question is no longer on the path.")
    by = question.answered_by
    for same in _worded_as(path, question):
        if same is question or (by is not None and same.answered_by == by):
            same.answered_by = same.answered_at = None
    path.updated_at = now
    return question


def _worded_as(path: CareerPath, question: OpenQuestion) -> list[OpenQuestion]:
    key = _key(question.text)
    return [q for q in path.open_questions if _key(q.text) == key]


def open_questions(path: CareerPath, *, besides: str | None = None) -> list[OpenQuestion]:
    """The questions still open on ``path``, oldest first, each wording once; ``besides``
    leaves out those an interview left itself (Prepare offers only earlier conversations')."""
    seen: set[str] = set()
    found: list[OpenQuestion] = []
    for question in path.open_questions:
        key = _key(question.text)
        if not question.is_open or question.from_interview == besides or key in seen:
            continue
        seen.add(key)
        found.append(question)
    return found


def offer(count: int) -> str:
    """How Prepare announces them: "3 open questions from earlier conversations"."""
    if count <= 0:
        return ""
    if count == 1:
        return "1 open question from an earlier conversation"
    return f"{count} open questions from earlier conversations"


def carried_from(question: PlannedQuestion) -> str | None:
    """The id of the open question a plan question was carried from, or None."""
    return fields.optional_id(question.kept.unknown.get(CARRIED_FROM))


def add_to_plan(
    plan: Plan, questions: Iterable[OpenQuestion], after: str | None = None
) -> list[PlannedQuestion]:
    """Put open questions into ``plan`` as the person's own questions, in order, after the
    selected one (before the closing questions); one already in the plan, carried or typed
    with the same words, is not added again. Returns the questions added."""
    added: list[PlannedQuestion] = []
    cursor = after
    for question in questions:
        if not not_yet_in(plan.questions, [question]):
            continue
        planned = plan.write_own(question.text, after=cursor)
        planned.tags.append(OPEN_QUESTION_TAG)
        planned.kept.unknown[CARRIED_FROM] = question.id
        added.append(planned)
        cursor = planned.id
    return added


def not_yet_in(
    planned: Iterable[PlannedQuestion], questions: Iterable[OpenQuestion]
) -> list[OpenQuestion]:
    """The open questions a plan does not hold yet, carried or typed in the same words: what
    Prepare still offers."""
    planned = list(planned)
    carried = {carried_from(q) for q in planned}
    wordings = {_key(q.text) for q in planned}
    return [q for q in questions if q.id not in carried and _key(q.text) not in wordings]


def answered_in(path: CareerPath, interview: Interview) -> list[OpenQuestion]:
    """The open questions carried into ``interview``'s plan that got notes during the call:
    what Debrief suggests marking answered."""
    noted = {note.question_id for note in interview.notes if note.text}
    found: list[OpenQuestion] = []
    for planned in interview.plan.questions:
        question_id = carried_from(planned)
        question = path.find(question_id) if question_id else None
        if question is not None and question.is_open and planned.id in noted:
            found.append(question)
    return found


# -- taking up the last preparation on the same path ----------------------------------------


@dataclass(frozen=True)
class EarlierPreparation:
    """The goals and introduction written for an earlier conversation on the same path."""

    interview_id: str
    person: str
    date: str
    goals: str
    intro: str


def last_preparation(
    interviews: Iterable[Mapping[str, Any]], path_id: str, *, besides: str | None = None
) -> EarlierPreparation | None:
    """The latest conversation on ``path_id`` (other than ``besides``) with goals or an
    introduction written, from stored interviews or their summaries; None when there is none.
    """
    best: tuple[str, EarlierPreparation] | None = None
    for doc in interviews:
        interview_id = fields.line(doc.get("id"))
        if path_of(doc) != path_id or not interview_id or interview_id == besides:
            continue
        goals, intro = fields.text(doc.get("goals")).strip(), fields.text(doc.get("intro")).strip()
        if not goals and not intro:
            continue
        day, when = interview_date(doc)
        earlier = EarlierPreparation(
            interview_id, fields.line(doc.get("contact_name")), day, goals, intro
        )
        if best is None or when > best[0]:
            best = (when, earlier)
    return best[1] if best else None
