"""What Prepare looks like at 100×30: the person tab and the plan tab."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from coach.core.contact import Contact
from coach.core.interview import Interview
from coach.core.plan import Plan
from coach.core.question_set import Question, QuestionSet, Section
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.question_sets import Catalogue
from coach.tui.app import CoachApp
from coach.tui.screens.prepare import PrepareScreen


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


def question_set() -> QuestionSet:
    questions = (
        Question("start", "How did you start out in this work?", "must", 3.0),
        Question("week", "What fills an ordinary week?", "should", 3.0),
        Question("next", "What will change most in five years?", "must", 4.0),
    )
    return QuestionSet("paths", "Paths into the field", (Section("main", "Main", questions),))


def prepared_app(data_paths: DataPaths, store: Store) -> tuple[CoachApp, PrepareScreen]:
    app = CoachApp(data_paths, store)
    app._catalogue = Catalogue({"paths": question_set()})
    contact = Contact(
        id="c-ada",
        name="Ada Lovelace",
        role="Analyst",
        organisation="Engines Ltd",
        how_known="former-colleague",
    )
    interview = Interview(
        id="iv-snap",
        contact_id=contact.id,
        contact_name=contact.name,
        scheduled_at="2026-11-24T14:30:00+00:00",
        medium="phone",
        plan=Plan.from_sets([question_set()]).freeze(),
    )
    return app, PrepareScreen(interview, contact)


def test_prepare_person_tab_at_100_by_30(
    snap_compare: Any, data_paths: DataPaths, store: Store
) -> None:
    app, screen = prepared_app(data_paths, store)

    async def open_it(pilot: Any) -> None:
        await pilot.app.push_screen(screen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_it)


def test_prepare_plan_tab_at_100_by_30(
    snap_compare: Any, data_paths: DataPaths, store: Store
) -> None:
    app, screen = prepared_app(data_paths, store)

    async def open_plan(pilot: Any) -> None:
        await pilot.app.push_screen(screen)
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_plan)
