"""The plan for one interview: when and how long, questions picked from sets (and one's own),
and their time budget.

A :class:`Plan` is edited during Prepare. Question text is copied in at the moment a question
is added, and :meth:`Plan.freeze` hands the interview its own copy, so editing a YAML file
later never rewrites what was planned or asked.

The closing questions ("What should I have asked?", "Who else should I talk to?") come last in
a call, so a question added to the plan goes in before them; only the person moves one after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from coach.core.clock import day_problem, parse_when
from coach.core.ids import new_id
from coach.core.interview import (
    DEFAULT_MINUTES_ASKED,
    SOURCE_OWN,
    PlannedQuestion,
    QuestionPlan,
)
from coach.core.question_set import Question, QuestionSet
from coach.core.repeats import Repeat, repeats_in
from coach.core.text import clean, clean_line

# A question without a budget in its set is counted at this many minutes.
DEFAULT_QUESTION_MINUTES = 2.0
# Thanks, restating the purpose and a short self-introduction come before the first question.
OPENING_MINUTES = 2.0
# How many questions a plan for a 15–30 minute conversation usually holds.
SUGGESTED_QUESTIONS = (5, 10)
# Ticking a set adds only these: a whole set is more than one conversation holds.
TICKED_PRIORITIES = ("must",)
# The tag (or section title) the question sets give their closing questions.
CLOSING = "closing"
# The length one may ask for, in minutes: past ten hours it is a typing slip, not a request.
MINUTES_ASKED_RANGE = (1, 600)

# How a date and time is typed on Prepare: local time, 24-hour clock.
DATE_FORMAT = "%Y-%m-%d %H:%M"
DATE_EXAMPLE = "2026-11-24 14:30"
DATE_MESSAGE = f"Write the date and time as year-month-day hours:minutes, e.g. {DATE_EXAMPLE}."
# Under the field while it does not read as a date: one line in half of an 80-column screen.
DATE_HINT = f"Not a date yet, e.g. {DATE_EXAMPLE}"


def read_date_time(text: str) -> str | None:
    """The typed ``2026-11-24 14:30`` (local time) as the ISO time an interview stores.

    None for a blank field (no date yet). Raises ValueError for anything else, a date without
    its time included, so that a half-typed date is never taken for a date.
    """
    text = " ".join(text.split())
    if not text:
        return None
    when = datetime.strptime(text, DATE_FORMAT).astimezone()
    return when.isoformat(timespec="minutes")


_DATE_TIME_SHAPE = re.compile(r"(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2})")


def date_time_problem(text: str) -> str | None:
    """What is wrong with a typed date and time, or None when it reads (or is blank).

    Short enough for one line under the field: a half-typed date gets the example, a date
    and time of the right shape that does not exist is told so.
    """
    try:
        read_date_time(text)
    except ValueError:
        shape = _DATE_TIME_SHAPE.fullmatch(" ".join(text.split()))
        if shape is None:
            return DATE_HINT
        day, hour, minute = shape.groups()
        if day_problem(day) is not None:
            return f"There is no day {day}"
        return f"There is no time {hour}:{minute}"
    return None


def show_date_time(iso: str | None) -> str:
    """A stored ISO time in the form :func:`read_date_time` reads, in local time ("" if none)."""
    when = parse_when(iso)
    return when.astimezone().strftime(DATE_FORMAT) if when is not None else ""


def read_minutes(text: str) -> int | None:
    """Minutes typed for the time asked, or None when it is not a whole number in range."""
    try:
        minutes = int(text.strip())
    except ValueError:
        return None
    low, high = MINUTES_ASKED_RANGE
    return minutes if low <= minutes <= high else None


def is_closing(question: PlannedQuestion) -> bool:
    """True for a closing question: tagged ``closing`` or from a section titled "Closing…"."""
    return CLOSING in question.tags or question.section.casefold().startswith(CLOSING)


def _closing_in_set(question: Question, section_title: str) -> bool:
    """The same rule as :func:`is_closing`, for a question still in its set."""
    return CLOSING in question.tags or section_title.casefold().startswith(CLOSING)


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

    @property
    def summary(self) -> str:
        """One line: the plan's time against the time asked, and how many questions."""
        questions = "question" if self.count == 1 else "questions"
        return (
            f"Plan {_minutes(self.total)} of {self.minutes_asked} min asked "
            f"({_minutes(self.opening)} opening) · {self.count} {questions}, "
            f"{self.must_count} must-ask"
        )

    def warnings(self) -> list[str]:
        """What the Prepare screen should point out, most serious first (empty when all is well).

        Each fits one line of an 80-column terminal.
        """
        found: list[str] = []
        if not self.must_fits:
            found.append(
                f"Must-asks alone need {_minutes(self.must_total)} of {self.minutes_asked} "
                "asked: drop one or ask for more time."
            )
        elif not self.fits:
            found.append(
                f"The plan is {_minutes(-self.spare)} over: expect to skip questions that are not "
                "must-asks."
            )
        low, high = SUGGESTED_QUESTIONS
        if 0 < self.count < low:
            questions = "question" if self.count == 1 else "questions"
            found.append(f"Only {self.count} {questions}: {low} to {high} leave room to follow up.")
        elif self.must_count > high:
            # Marking what matters is no help once more than a call holds is marked already.
            found.append(
                f"{self.must_count} must-asks: more than {high} rarely fit; remove some or ask "
                "for more time."
            )
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
        """Add the questions of one set (optionally only some priorities), skipping repeats.

        They keep the set's order; the set's closing questions join the plan's closing section
        and the others go in before it.
        """
        wanted = set(priorities) if priorities is not None else None
        if question_set.id not in self.set_ids:
            self.set_ids.append(question_set.id)
        for section in question_set.sections:
            for question in section.questions:
                if wanted is None or question.priority in wanted:
                    self.add_from_set(question_set, question, section.title)

    def tick_set(self, question_set: QuestionSet) -> None:
        """A set was ticked: add its must-ask questions (the rest can be picked one by one).

        Every full set ends with the same few closing asks in its own words (who else, may I
        mention you, what did I miss); a call needs them once. So when the plan already has
        closing questions, a further set's closing ones are left out — they stay offered by
        ``candidates`` for anyone who wants them.
        """
        wanted = set(TICKED_PRIORITIES)
        has_closing = any(is_closing(q) for q in self._questions)
        if question_set.id not in self.set_ids:
            self.set_ids.append(question_set.id)
        for section in question_set.sections:
            for question in section.questions:
                if question.priority not in wanted:
                    continue
                if has_closing and _closing_in_set(question, section.title):
                    continue
                self.add_from_set(question_set, question, section.title)

    def untick_set(self, set_id: str, sets: Mapping[str, QuestionSet] | None = None) -> int:
        """A set was unticked: take out the questions ticking it brought in and forget it;
        returns how many went.

        Questions of the set picked one by one stay: they were chosen for themselves. If the
        unticking took the plan's last closing questions with it, the must-ask closing
        questions of the first set still ticked (looked up in ``sets``) come back in their
        place.
        """
        before = len(self._questions)
        had_closing = any(is_closing(q) for q in self._questions)
        self._questions = [q for q in self._questions if q.source != set_id or q.picked]
        if set_id in self.set_ids:
            self.set_ids.remove(set_id)
        removed = before - len(self._questions)
        if had_closing and sets and not any(is_closing(q) for q in self._questions):
            for other_id in self.set_ids:
                other = sets.get(other_id)
                if other is None:
                    continue
                for section in other.sections:
                    for question in section.questions:
                        closing = _closing_in_set(question, section.title)
                        if closing and question.priority in TICKED_PRIORITIES:
                            self.add_from_set(other, question, section.title)
                break
        return removed

    def candidates(self, sets: Mapping[str, QuestionSet]) -> list[tuple[QuestionSet, Question]]:
        """Questions that could still be added: those of the ticked sets not yet in the plan.

        With no set ticked, every set in ``sets`` is offered. Sets no longer in ``sets`` (a file
        removed since) are skipped.
        """
        in_plan = {q.id for q in self._questions}
        found: list[tuple[QuestionSet, Question]] = []
        for set_id in self.set_ids or list(sets):
            question_set = sets.get(set_id)
            if question_set is None:
                continue
            for question in question_set.questions:
                if f"{set_id}/{question.id}" not in in_plan:
                    found.append((question_set, question))
        return found

    def add_from_set(
        self,
        question_set: QuestionSet,
        question: Question,
        section: str = "",
        after: str | None = None,
        picked: bool = False,
    ) -> PlannedQuestion | None:
        """Add one question of a set; None when it is already in the plan.

        It goes after the question ``after`` (the one selected), or before the closing section
        when none is given; see :meth:`place_for`. ``picked`` marks a question chosen on its
        own, which unticking its set leaves in place.
        """
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
            picked=picked,
        )
        self._questions.insert(self.place_for(planned, after), planned)
        return planned

    def write_own(
        self,
        text: str,
        priority: str = "should",
        minutes: float | None = None,
        after: str | None = None,
    ) -> PlannedQuestion:
        """Add a question of one's own (placed as :meth:`place_for` says).

        Raises ValueError on empty text.
        """
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
        self._questions.insert(self.place_for(question, after), question)
        return question

    # -- where new questions go ------------------------------------------------------------------

    def closing_section(self) -> tuple[int, int]:
        """Where the closing section starts and ends (``start == end``: there is none).

        It is the last run of closing questions. A run at the very top with other questions
        after it has been moved there on purpose and is no closing section; without one, new
        questions go at the end.
        """
        last = next(
            (i for i in range(len(self._questions) - 1, -1, -1) if is_closing(self._questions[i])),
            None,
        )
        if last is None:
            return len(self._questions), len(self._questions)
        start = last
        while start > 0 and is_closing(self._questions[start - 1]):
            start -= 1
        if start == 0 and last < len(self._questions) - 1:
            return len(self._questions), len(self._questions)
        return start, last + 1

    def place_for(self, question: PlannedQuestion, after: str | None = None) -> int:
        """The position a new ``question`` takes, given the selected question ``after``.

        A closing question joins the closing section: after the selected question when that is
        in the section, else at the section's end. Any other question goes right after the
        selected one, but never into or past the closing section: then, and with nothing
        selected, it goes just before the closing section.
        """
        start, end = self.closing_section()
        selected = self._find(after) if after is not None else None
        if is_closing(question):
            if selected is not None and start <= selected < end:
                return selected + 1
            return end
        if selected is not None and selected < start:
            return selected + 1
        return start

    # -- editing -------------------------------------------------------------------------------

    @property
    def questions(self) -> tuple[PlannedQuestion, ...]:
        """The questions in the order they will be asked."""
        return tuple(self._questions)

    def __len__(self) -> int:
        return len(self._questions)

    def following(self, question_id: str) -> str | None:
        """The question to select once this one is removed: the next one, else the one before."""
        index = self._find(question_id)
        if index is None or len(self._questions) == 1:
            return None
        neighbour = index + 1 if index + 1 < len(self._questions) else index - 1
        return self._questions[neighbour].id

    def remove(self, question_id: str) -> bool:
        """Take a question out; False when it was not in the plan."""
        return self.take_out(question_id) is not None

    def take_out(self, question_id: str) -> tuple[int, PlannedQuestion] | None:
        """Take a question out and return where it was and what it was, for :meth:`put_back`."""
        index = self._find(question_id)
        if index is None:
            return None
        return index, self._questions.pop(index)

    def put_back(self, index: int, question: PlannedQuestion) -> None:
        """Undo :meth:`take_out`: the question returns to its place, kept on its side of the
        closing questions however the plan changed since. A question already back in the plan
        is left as it is."""
        if self._find(question.id) is not None:
            return
        start, end = self.closing_section()
        index = min(max(index, start), end) if is_closing(question) else min(index, start)
        self._questions.insert(index, question)

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

    def repeats(self) -> list[Repeat]:
        """Questions from different sources that ask much the same (see :func:`repeats_in`)."""
        return repeats_in(self._questions)

    def warnings(self, minutes_asked: int | None = None) -> list[str]:
        """Everything the budget line should point out: the budget's warnings, then repeats."""
        return self.budget(minutes_asked).warnings() + [r.warning for r in self.repeats()]

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
