"""The plan for one interview: questions picked from sets (and one's own), and their time budget.

A :class:`Plan` is edited during Prepare. Question text is copied in at the moment a question
is added, and :meth:`Plan.freeze` hands the interview its own copy, so editing a YAML file
later never rewrites what was planned or asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from coach.core.ids import new_id
from coach.core.interview import (
    DEFAULT_MINUTES_ASKED,
    SOURCE_OWN,
    PlannedQuestion,
    QuestionPlan,
)
from coach.core.question_set import Question, QuestionSet
from coach.core.text import clean, clean_line

# A question without a budget in its set is counted at this many minutes.
DEFAULT_QUESTION_MINUTES = 2.0
# Thanks, restating the purpose and a short self-introduction come before the first question.
OPENING_MINUTES = 2.0
# How many questions a plan for a 15–30 minute conversation usually holds.
SUGGESTED_QUESTIONS = (5, 10)


def budget_of(question: PlannedQuestion) -> float:
    """The minutes a question is expected to take (its own budget or the default)."""
    return question.minutes if question.minutes is not None else DEFAULT_QUESTION_MINUTES


@dataclass(frozen=True)
class Budget:
    """The plan's time against the time asked for. All figures are minutes."""

    minutes_asked: int
    opening: float
    questions: float
    must: float
    count: int
    must_count: int

    @property
    def total(self) -> float:
        """Opening plus every question."""
        return self.opening + self.questions

    @property
    def must_total(self) -> float:
        """Opening plus the must-ask questions."""
        return self.opening + self.must

    @property
    def fits(self) -> bool:
        """True when the whole plan fits in the time asked."""
        return self.total <= self.minutes_asked

    @property
    def must_fits(self) -> bool:
        """True when the must-ask questions (with the opening) fit in the time asked."""
        return self.must_total <= self.minutes_asked

    @property
    def spare(self) -> float:
        """Minutes left over (negative when the plan runs over)."""
        return self.minutes_asked - self.total

    def warnings(self) -> list[str]:
        """What the Prepare screen should point out, most serious first (empty when all is well)."""
        found: list[str] = []
        if not self.must_fits:
            found.append(
                f"The must-ask questions alone need {_minutes(self.must_total)} "
                f"(with a {_minutes(self.opening)} opening) but you asked for "
                f"{self.minutes_asked} min: drop a must-ask or ask for more time."
            )
        elif not self.fits:
            found.append(
                f"The plan needs {_minutes(self.total)} of your {self.minutes_asked} min: "
                "expect to skip some of the questions that are not must-asks."
            )
        low, high = SUGGESTED_QUESTIONS
        if 0 < self.count < low:
            found.append(f"Only {self.count} questions: {low} to {high} leave room to follow up.")
        elif self.count > high:
            found.append(
                f"{self.count} questions: more than {high} rarely fit; mark the ones that matter."
            )
        return found


def _minutes(value: float) -> str:
    return f"{value:g} min"


class Plan:
    """An editable list of questions for one interview, with its budget.

    Every method that changes the plan returns nothing and keeps ids unique; question ids are
    ``"<set id>/<question id>"`` for set questions and ``"own-…"`` for one's own.
    """

    def __init__(
        self,
        questions: Iterable[PlannedQuestion] = (),
        set_ids: Iterable[str] = (),
        minutes_asked: int = DEFAULT_MINUTES_ASKED,
    ) -> None:
        self._questions: list[PlannedQuestion] = []
        self.set_ids: list[str] = []
        self.minutes_asked = minutes_asked
        for set_id in set_ids:
            if set_id not in self.set_ids:
                self.set_ids.append(set_id)
        for question in questions:
            if self._find(question.id) is None:
                self._questions.append(replace(question))

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def from_sets(
        cls,
        sets: Iterable[QuestionSet],
        minutes_asked: int = DEFAULT_MINUTES_ASKED,
        priorities: Iterable[str] = ("must", "should", "could"),
    ) -> Plan:
        """A plan holding every question of ``sets`` whose priority is in ``priorities``."""
        plan = cls(minutes_asked=minutes_asked)
        wanted = set(priorities)
        for question_set in sets:
            plan.add_set(question_set, wanted)
        return plan

    @classmethod
    def from_frozen(cls, frozen: QuestionPlan, minutes_asked: int) -> Plan:
        """Reopen a saved plan for editing (its frozen text is kept as is)."""
        return cls(frozen.questions, frozen.set_ids, minutes_asked)

    def add_set(self, question_set: QuestionSet, priorities: Iterable[str] | None = None) -> None:
        """Add the questions of one set (optionally only some priorities), skipping repeats."""
        wanted = set(priorities) if priorities is not None else None
        if question_set.id not in self.set_ids:
            self.set_ids.append(question_set.id)
        for section in question_set.sections:
            for question in section.questions:
                if wanted is None or question.priority in wanted:
                    self.add_from_set(question_set, question, section.title)

    def add_from_set(
        self, question_set: QuestionSet, question: Question, section: str = ""
    ) -> PlannedQuestion | None:
        """Add one question of a set at the end; None when it is already in the plan."""
        qid = f"{question_set.id}/{question.id}"
        if self._find(qid) is not None:
            return None
        if not section:
            section = next((s.title for s in question_set.sections if question in s.questions), "")
        if question_set.id not in self.set_ids:
            self.set_ids.append(question_set.id)
        planned = PlannedQuestion(
            id=qid,
            text=clean(question.text).strip(),
            section=clean_line(section),
            priority=question.priority,
            minutes=question.minutes,
            probes=[clean(p).strip() for p in question.probes if clean(p).strip()],
            tags=[clean_line(t) for t in question.tags if clean_line(t)],
            source=question_set.id,
        )
        self._questions.append(planned)
        return planned

    def write_own(
        self, text: str, priority: str = "should", minutes: float | None = None
    ) -> PlannedQuestion:
        """Add a question of one's own at the end. Raises ValueError on empty text."""
        cleaned = clean(text).strip()
        if not cleaned:
            raise ValueError("a question needs some words")
        question = PlannedQuestion(
            id=f"own-{new_id()[:8]}",
            text=cleaned,
            section="My questions",
            priority=priority if priority in ("must", "should", "could") else "should",
            minutes=minutes,
            source=SOURCE_OWN,
        )
        self._questions.append(question)
        return question

    # -- editing -------------------------------------------------------------------------------

    @property
    def questions(self) -> tuple[PlannedQuestion, ...]:
        """The questions in the order they will be asked."""
        return tuple(self._questions)

    def __len__(self) -> int:
        return len(self._questions)

    def remove(self, question_id: str) -> bool:
        """Take a question out; False when it was not in the plan."""
        index = self._find(question_id)
        if index is None:
            return False
        del self._questions[index]
        return True

    def move(self, question_id: str, to_index: int) -> None:
        """Put a question at position ``to_index`` (clamped to the plan's ends)."""
        index = self._require(question_id)
        question = self._questions.pop(index)
        to_index = max(0, min(to_index, len(self._questions)))
        self._questions.insert(to_index, question)

    def move_up(self, question_id: str) -> None:
        """Ask this question one place earlier."""
        self.move(question_id, self._require(question_id) - 1)

    def move_down(self, question_id: str) -> None:
        """Ask this question one place later."""
        self.move(question_id, self._require(question_id) + 1)

    def set_priority(self, question_id: str, priority: str) -> None:
        """Change a question's priority (``must``, ``should`` or ``could``)."""
        if priority not in ("must", "should", "could"):
            raise ValueError(f"unknown priority {priority!r}")
        index = self._require(question_id)
        self._questions[index] = replace(self._questions[index], priority=priority)

    def toggle_must(self, question_id: str) -> bool:
        """Mark a question must-ask, or unmark it (back to ``should``); returns the new state."""
        question = self._questions[self._require(question_id)]
        self.set_priority(question_id, "should" if question.is_must else "must")
        return not question.is_must

    def set_minutes(self, question_id: str, minutes: float | None) -> None:
        """Give a question its own budget (None: use the default)."""
        if minutes is not None and minutes < 0:
            raise ValueError("a budget cannot be negative")
        index = self._require(question_id)
        self._questions[index] = replace(self._questions[index], minutes=minutes)

    def edit_text(self, question_id: str, text: str) -> None:
        """Reword a question in this plan only (the set it came from is untouched)."""
        cleaned = clean(text).strip()
        if not cleaned:
            raise ValueError("a question needs some words")
        index = self._require(question_id)
        self._questions[index] = replace(self._questions[index], text=cleaned)

    # -- the budget ----------------------------------------------------------------------------

    def budget(self, minutes_asked: int | None = None) -> Budget:
        """The plan's time budget against ``minutes_asked`` (default: the plan's own)."""
        asked = self.minutes_asked if minutes_asked is None else minutes_asked
        return Budget(
            minutes_asked=asked,
            opening=OPENING_MINUTES,
            questions=sum(budget_of(q) for q in self._questions),
            must=sum(budget_of(q) for q in self._questions if q.is_must),
            count=len(self._questions),
            must_count=sum(1 for q in self._questions if q.is_must),
        )

    def freeze(self) -> QuestionPlan:
        """The plan as the interview keeps it: independent copies, safe from later edits."""
        return QuestionPlan(
            set_ids=list(self.set_ids),
            questions=[
                replace(q, probes=list(q.probes), tags=list(q.tags)) for q in self._questions
            ],
        )

    def _find(self, question_id: str) -> int | None:
        for index, question in enumerate(self._questions):
            if question.id == question_id:
                return index
        return None

    def _require(self, question_id: str) -> int:
        index = self._find(question_id)
        if index is None:
            raise KeyError(question_id)
        return index
