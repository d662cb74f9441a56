"""Prepare on a career path: the chooser starts on the path used last, a new path is named
right there, the path's open questions are one key from the plan, and the last conversation's
goals and introduction one key from the Goals tab."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import learning_samples
import pytest
from textual.widgets import Input, Select, Static, TextArea

from coach.core.clock import FakeClock
from coach.core.interview import Interview
from coach.core.open_questions import carried_from
from coach.core.paths import path_of
from coach.services import paths
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ChoiceScreen, PickScreen
from coach.tui.screens.line_question import LineQuestionScreen
from coach.tui.screens.prepare import PrepareScreen
from coach.tui.widgets.plan_budget import PlanBudget

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        learning_samples.fill(opened)
        yield opened


async def new_interview(app: CoachApp, pilot: object) -> PrepareScreen:
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, PrepareScreen)
    return screen


def saved(app: CoachApp, screen: PrepareScreen) -> Interview:
    screen.save_now()
    doc = app.store.get_interview(screen.interview.id)
    assert doc is not None
    return Interview.from_dict(doc)


async def test_a_new_interview_starts_on_the_path_used_last_and_another_can_be_chosen(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_interview(app, pilot)
        chooser = screen.query_one("#prepare-path", Select)
        # The latest interview made (Luis's, planned) is on the healthcare path.
        assert chooser.value == "p-health"
        chooser.value = "p-ux"
        await pilot.pause()
        assert path_of(saved(app, screen)) == "p-ux"
        chooser.clear()
        await pilot.pause()
        assert path_of(saved(app, screen)) is None


async def test_a_new_path_is_named_from_the_chooser_and_the_interview_goes_on_it(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_interview(app, pilot)
        screen.query_one("#prepare-path", Select).value = ""  # "New path…"
        await pilot.pause()
        assert isinstance(app.screen, LineQuestionScreen)
        await pilot.press("enter")  # nothing typed: the reason shows, the box stays
        await pilot.pause()
        assert isinstance(app.screen, LineQuestionScreen)
        assert "needs a name" in str(app.screen.query_one("#line-problem", Static).render())
        await pilot.press(*"[b]Product[/b] analytics", "enter")
        await pilot.pause()
        assert app.screen is screen
        made = next(p for p in paths.all_paths(store) if "Product" in p.title)
        assert made.title == "[b]Product[/b] analytics"  # kept as typed, shown literally
        assert screen.query_one("#prepare-path", Select).value == made.id
        assert path_of(saved(app, screen)) == made.id


async def test_e_in_the_plan_adds_the_paths_open_questions_from_earlier_conversations(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_interview(app, pilot)
        await pilot.press("f4")
        await pilot.pause()
        budget = str(screen.query_one(PlanBudget).render())
        assert "2 open questions from earlier conversations: e in the plan adds them" in budget
        screen.query_one("#prepare-plan").focus()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")  # all are ticked to start with
        await pilot.pause()
        interview = saved(app, screen)
        carried = [(q.text, carried_from(q)) for q in interview.plan.questions]
        open_ids = {q.text: q.id for q in paths.open_questions_for(store, "p-health")}
        assert carried == [
            ("What do junior analysts earn?", open_ids["What do junior analysts earn?"]),
            ("Which certificates count?", open_ids["Which certificates count?"]),
        ]
        assert "open questions" not in str(screen.query_one(PlanBudget).render())
        await pilot.press("e")  # nothing left to offer
        await pilot.pause()
        assert app.screen is screen


async def test_f8_takes_up_the_last_goals_and_introduction_on_the_path_asking_before_replacing(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await new_interview(app, pilot)
        await pilot.press("f3")
        await pilot.pause()
        note = str(screen.query_one("#prepare-reuse-note", Static).render())
        assert note == "F8 uses the goals and introduction from Dana Whitfield, 2 Feb 2026"
        await pilot.press(*"My own goal")
        await pilot.press("f8")
        await pilot.pause()
        # The introduction was empty and the goals were not: ask before replacing them.
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # "Keep mine, fill only what is empty"
        await pilot.pause()
        intro = screen.query_one("#prepare-intro", TextArea).text
        assert intro == "I teach maths and I am exploring data work in hospitals."
        assert screen.query_one("#prepare-goals", TextArea).text == "My own goal"
        interview = saved(app, screen)
        assert (interview.goals, interview.intro) == ("My own goal", intro)


async def test_on_no_path_nothing_is_offered_and_f8_is_not_in_the_footer(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PrepareScreen(Interview(id="iv-none")))
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#prepare-path", Select).value == Select.NULL
        await pilot.press("f3")
        await pilot.pause()
        assert not screen.query_one("#prepare-reuse-note", Static).display
        footer = [strip.text for strip in screen._compositor.render_strips()][-1]
        assert "Reuse" not in footer
        await pilot.press("f4")
        await pilot.pause()
        assert "open question" not in str(screen.query_one(PlanBudget).render())


async def test_linking_a_person_suggested_on_a_path_puts_the_interview_on_it(
    data_paths: DataPaths, store: Store
) -> None:
    paths.create_path(store, "Teaching abroad", clock=FakeClock(NOW))
    app = CoachApp(data_paths, store, clock=FakeClock(NOW))
    luis = store.get_contact("c-luis")
    store.save("contact", {**luis, "path_id": "p-teach"})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await new_interview(app, pilot)
        assert screen.query_one("#prepare-path", Select).value == "p-health"
        await pilot.press(*"Luis Ortega")
        screen.query_one("#prepare-when", Input).focus()  # the name is settled
        await pilot.pause()
        assert screen.query_one("#prepare-path", Select).value == "p-teach"
        assert path_of(saved(app, screen)) == "p-teach"
