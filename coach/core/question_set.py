"""A question set: an ordered, sectioned list of questions for one kind of conversation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Priority = Literal["must", "should", "could"]
PRIORITIES: tuple[Priority, ...] = ("must", "should", "could")
# A question whose set says nothing of its priority is asked when time allows.
DEFAULT_PRIORITY: Priority = "should"


@dataclass(frozen=True)
class Question:
    """One question as written in a set. ``minutes`` is its time budget, if the author gave one."""

    id: str
    text: str
    priority: Priority = DEFAULT_PRIORITY
    minutes: float | None = None
    probes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled group of questions, asked in order."""

    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class QuestionSet:
    """A whole set, as loaded from one YAML file (``source``)."""

    id: str
    title: str
    sections: tuple[Section, ...]
    description: str = ""
    minutes: float | None = None
    source: str = ""
    builtin: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question in the set, in order."""
        return tuple(q for s in self.sections for q in s.questions)

    def must_minutes(self, default_minutes: float = 2.0) -> float:
        """The time the must-ask questions need, using ``default_minutes`` where none is given."""
        return sum(
            (q.minutes if q.minutes is not None else default_minutes)
            for q in self.questions
            if q.priority == "must"
        )
