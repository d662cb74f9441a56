"""Shared pieces for TUI tests: a small planned interview in a real store, and a fake clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from coach.core.clock import FakeClock
from coach.core.interview import Interview
from coach.core.plan import Plan
from coach.core.question_set import Question, QuestionSet, Section
from coach.store.db import Store
from coach.store.paths import DataPaths


def small_set(text_prefix: str = "") -> QuestionSet:
    """Four questions (two must-asks) with budgets that add up to 12 minutes."""
    questions = (
        Question(
            "path",
            f"{text_prefix}How did you come into this work?",
            "must",
            3.0,
            probes=("What nearly stopped you?", "Who helped?"),
        ),
        Question(
            "day",
            f"{text_prefix}What does an ordinary week look like?",
            "should",
            3.0,
            probes=("Which part takes longest?",),
        ),
        Question("trends", f"{text_prefix}Where is the field going in five years?", "could", 3.0),
        Question("who-else", f"{text_prefix}Who else should I talk to?", "must", 3.0),
    )
    return QuestionSet("test-set", "Test set", (Section("main", "Main", questions),), minutes=20)


def planned_interview(
    name: str = "Ada Lovelace", practice: bool = False, text_prefix: str = "", minutes: int = 20
) -> Interview:
    """An interview whose plan was built from :func:`small_set` with the core Plan API."""
    plan = Plan.from_sets([small_set(text_prefix)], minutes_asked=minutes)
    return Interview(
        id="iv-live-1",
        contact_name=name,
        contact_role="Data engineer",
        contact_org="Analytical Engines Ltd",
        practice=practice,
        minutes_asked=minutes,
        plan=plan.freeze(),
        created_at="2025-03-03T13:00:00+00:00",
        updated_at="2025-03-03T13:00:00+00:00",
    )


@pytest.fixture
def make_interview() -> Callable[..., Interview]:
    """Build a planned interview (see :func:`planned_interview` for the arguments)."""
    return planned_interview


@pytest.fixture
def fake_clock() -> FakeClock:
    """A clock that stands still until a test moves it."""
    return FakeClock(datetime(2025, 3, 3, 14, 0, tzinfo=UTC))


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    """A real store on the test's own data folder."""
    with Store.open(data_paths) as opened:
        yield opened
