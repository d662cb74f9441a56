"""Shared builders for the interview-domain tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coach.core.clock import FakeClock
from coach.core.interview import Interview, PlannedQuestion, QuestionPlan


def make_interview(minutes: int = 20, musts: int = 2, shoulds: int = 4) -> Interview:
    """An interview with ``musts`` must-ask then ``shoulds`` other 2-minute questions."""
    questions = [
        PlannedQuestion(id=f"s/m{i}", text=f"Must question {i}?", priority="must", minutes=2)
        for i in range(musts)
    ] + [
        PlannedQuestion(id=f"s/q{i}", text=f"Other question {i}?", priority="should", minutes=2)
        for i in range(shoulds)
    ]
    return Interview(
        contact_name="Dana Reyes",
        contact_role="Data engineer",
        contact_org="Harbor Labs",
        minutes_asked=minutes,
        plan=QuestionPlan(set_ids=["s"], questions=questions),
    )


@pytest.fixture
def build() -> Callable[..., Interview]:
    """The :func:`make_interview` builder, for tests that need their own shape of plan."""
    return make_interview


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
