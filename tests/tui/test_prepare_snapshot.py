"""What Prepare looks like at 100×30: the person, goals and plan tabs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from coach.core.clock import FakeClock
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


GOALS = (
    "Find out how people move from analytics into product work.\n"
    "Which skills carry over, and which would I need to learn?"
)
RESEARCH = "Ada led the move to the new engine in 2024; spoke at DataConf about team habits."
# 99 words: about 40 seconds spoken, inside the 30–60 second aim.
INTRO = (
    "Thank you for making time for this. I'm Sam, and for the last four years I have been a "
    "data analyst at a regional bank, mostly building the reports that product teams use to "
    "decide what to build next. The part of the job I enjoy most is sitting with those teams "
    "and working out which question the numbers should answer. That has made me curious "
    "about product work itself, so I'm talking to people who made a similar move. I'd love "
    "to hear how you got into it and what you wish you had known at the start."
)


def question_set() -> QuestionSet:
    questions = (
        Question("start", "How did you start out in this work?", "must", 3.0),
        Question("week", "What fills an ordinary week?", "should", 3.0),
        Question("next", "What will change most in five years?", "must", 4.0),
    )
    closing = (
        Question("missed", "What should I have asked you?", "must", 1.0, tags=("closing",)),
        Question("who", "Who else should I talk to?", "must", 2.0, tags=("closing",)),
    )
    return QuestionSet(
        "paths",
        "Paths into the field",
        (Section("main", "Main", questions), Section("closing", "Closing", closing)),
    )


def prepared_app(data_paths: DataPaths, store: Store) -> tuple[CoachApp, PrepareScreen]:
    # A fixed "now", so nothing on screen or in the records depends on the day the test runs.
    app = CoachApp(data_paths, store, clock=FakeClock(datetime(2026, 11, 20, 9, 0, tzinfo=UTC)))
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
        goals=GOALS,
        research=RESEARCH,
        intro=INTRO,
        plan=Plan.from_sets([question_set()]).freeze(),
    )
    return app, PrepareScreen(interview, contact)


def steady(screen: PrepareScreen) -> None:
    """No blinking cursors: a picture taken half a second later must be the same picture."""
    for field in screen.query("Input, TextArea"):
        field.cursor_blink = False  # type: ignore[attr-defined]


def test_prepare_person_tab_at_100_by_30(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store
) -> None:
    app, screen = prepared_app(data_paths, store)
    app.theme = theme

    async def open_it(pilot: Any) -> None:
        await pilot.app.push_screen(screen)
        steady(screen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_it)


def test_prepare_plan_tab_at_100_by_30(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store
) -> None:
    app, screen = prepared_app(data_paths, store)
    app.theme = theme

    async def open_plan(pilot: Any) -> None:
        await pilot.app.push_screen(screen)
        steady(screen)
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_plan)


def test_prepare_goals_tab_at_100_by_30(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store
) -> None:
    app, screen = prepared_app(data_paths, store)
    app.theme = theme

    async def open_goals(pilot: Any) -> None:
        await pilot.app.push_screen(screen)
        steady(screen)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_goals)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_prepare_person_tab_with_the_path_chooser(
    snap_compare: Any, theme: str, data_paths: DataPaths, size: tuple[int, int]
) -> None:
    """A new interview in a history with paths: it starts on the path used last."""
    import learning_samples

    from coach.tui import flow

    with Store.open(data_paths) as store:
        learning_samples.fill(store)
        app = CoachApp(data_paths, store, clock=FakeClock(datetime(2026, 3, 20, 9, tzinfo=UTC)))
        app._catalogue = Catalogue({"paths": question_set()})
        app.theme = theme

        async def open_it(pilot: Any) -> None:
            await pilot.pause()
            flow.new_interview(app, practice=False)
            await pilot.pause()
            steady(app.screen)  # type: ignore[arg-type]
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=open_it)
