"""Debrief on a career path: what is still unknown becomes the path's open questions, the
questions an earlier conversation left can be ticked off as answered here, and a referral said
to work with the person interviewed joins their organisation and the path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from textual.widgets import OptionList, SelectionList, TextArea

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.core.interview import Flag, Interview, Note, PlannedQuestion, QuestionPlan
from coach.core.open_questions import CARRIED_FROM
from coach.core.paths import new_path
from coach.services import paths
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import TextQuestionScreen
from coach.tui.screens.debrief import DebriefScreen

NOW = "2026-03-01T09:00:00+00:00"
CLOCK = FakeClock(datetime(2026, 3, 20, 15, 30, tzinfo=UTC))


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        path = new_path("Data analysis in healthcare", now=NOW)
        path.id = "p-health"
        from coach.core.open_questions import carry_forward

        carry_forward(path, "iv-dana", "What do junior analysts earn?\nWhich tools?", NOW)
        opened.save("path", path.to_dict())
        dana = Contact("Dana Whitfield", id="c-dana", organisation="Acme Health")
        opened.save("contact", dana.to_dict())
        yield opened


def second_call(store: Store) -> Interview:
    """A second call with Dana on the path: the pay question was carried into its plan and
    noted on."""
    pay = paths.open_questions_for(store, "p-health")[0]
    carried = PlannedQuestion("own-1", pay.text)
    carried.kept.unknown[CARRIED_FROM] = pay.id
    interview = Interview(
        id="iv-second",
        contact_id="c-dana",
        contact_name="Dana Whitfield",
        contact_org="Acme Health",
        status="ended",
        path_id="p-health",
        plan=QuestionPlan([], [carried]),
        notes=[Note("own-1", 40, "Starting pay is about 30k")],
        flags=[Flag("referral", None, 80, "Ask my colleague Luis Ortega about dashboards")],
    )
    interview.stage("live").started = "2026-03-20T15:00:00+00:00"
    interview.stage("live").ended = "2026-03-20T15:25:00+00:00"
    return interview


async def open_debrief(app: CoachApp, pilot: object, interview: Interview) -> DebriefScreen:
    screen = DebriefScreen(interview, clock=CLOCK)
    await app.push_screen(screen)
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_each_still_need_line_becomes_an_open_question_on_the_path_as_it_is_saved(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=CLOCK)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, second_call(store))
        area = screen.query_one("#debrief-still_need", TextArea)
        area.focus()
        await pilot.press(*"- Which certificates count?", "enter", *"Who hires juniors?")
        screen.save_now()
        mine = [
            q.text
            for q in paths.get_path(store, "p-health").open_questions
            if q.from_interview == "iv-second"
        ]
        assert mine == ["Which certificates count?", "Who hires juniors?"]
        area.load_text("Which certificates count?")
        await pilot.pause()
        screen.save_now()
        mine = [
            q.text
            for q in paths.get_path(store, "p-health").open_questions
            if q.from_interview == "iv-second"
        ]
        assert mine == ["Which certificates count?"]


async def test_a_question_carried_into_the_call_and_noted_on_is_ticked_answered_and_can_be_untaken(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=CLOCK)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, second_call(store))
        ticks = screen.query_one("#debrief-answered", SelectionList)
        shown = [str(ticks.get_option_at_index(i).prompt) for i in range(ticks.option_count)]
        assert shown == ["What do junior analysts earn?  noted in the call", "Which tools?"]
        pay, tools = (ticks.get_option_at_index(i).value for i in range(2))
        assert ticks.selected == [pay]
        assert paths.get_path(store, "p-health").find(pay).answered_by == "iv-second"
        # Not answered after all: the tick comes off and the question is open again.
        ticks.focus()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert paths.get_path(store, "p-health").find(pay).is_open
        await pilot.press("down", "space")
        await pilot.pause()
        assert paths.get_path(store, "p-health").find(tools).answered_by == "iv-second"
        # Opening the debrief again ticks nothing by itself: the person's answer stands.
    async with CoachApp(data_paths, store, clock=CLOCK).run_test(size=(100, 30)) as pilot:
        again = Interview.from_dict(store.get_interview("iv-second"))
        screen = await open_debrief(pilot.app, pilot, again)
        assert paths.get_path(store, "p-health").find(pay).is_open


async def test_a_referral_said_to_work_with_them_joins_their_organisation_and_the_path(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store, clock=CLOCK)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, second_call(store))
        await pilot.press("f3")
        await pilot.pause()
        referrals = screen.query_one("#debrief-referrals", OptionList)
        line = str(referrals.get_option_at_index(0).prompt)
        # "my colleague" in the flagged line: said to work with Dana until the user says not.
        assert "Luis Ortega  works with Dana Whitfield" in line
        referrals.focus()
        await pilot.press("w")
        await pilot.pause()
        assert "works with" not in str(referrals.get_option_at_index(0).prompt)
        await pilot.press("w", "c")
        await pilot.pause()
        assert isinstance(app.screen, TextQuestionScreen)
        await pilot.press("enter")
        await pilot.pause()
        luis = next(c for c in store.contacts() if c["name"] == "Luis Ortega")
        assert (luis["organisation"], luis["path_id"], luis["referred_by"]) == (
            "Acme Health",
            "p-health",
            "c-dana",
        )
        assert store.get_interview("iv-second")["referrals"][0]["colleague"] is True
