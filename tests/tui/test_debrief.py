"""Debrief: literal outside text, editable due dates, interrupted-call and export behaviour."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from textual.widgets import Input, OptionList, Static

from coach.core.clock import FakeClock
from coach.core.interview import Flag, Interview, Note
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.debrief import DUE_MESSAGE, DebriefScreen

MARKUP = "[bold]Ada[/] [@click=app.quit]x[/] \x1b[31mred"


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


def ended_interview(name: str = "Ada Lovelace", line: str = "Talk to Grace Hopper") -> Interview:
    interview = Interview(id="iv-debrief", contact_name=name, status="ended")
    interview.stage("live").started = "2025-03-03T14:00:00+00:00"
    interview.stage("live").ended = "2025-03-03T14:20:00+00:00"
    interview.notes = [Note("q1", 30.0, line)]
    interview.flags = [
        Flag("referral", "q1", 30.0, line),
        Flag("advice", "q1", 60.0, f"Read {line}"),
    ]
    return interview


async def open_debrief(app: CoachApp, pilot: object, interview: Interview) -> DebriefScreen:
    clock = FakeClock(datetime(2025, 3, 3, 14, 25, tzinfo=UTC))
    screen = DebriefScreen(interview, clock=clock)
    await app.push_screen(screen)
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_markup_in_names_notes_and_flags_is_shown_exactly_as_typed_on_debrief(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview(MARKUP, MARKUP))
        expected = "[bold]Ada[/] [@click=app.quit]x[/] [31mred"
        heading = str(screen.query_one("#debrief-heading", Static).render())
        assert expected in heading and "\x1b" not in heading
        await pilot.press("f3")
        await pilot.pause()
        referral = str(
            screen.query_one("#debrief-referrals", OptionList).get_option_at_index(0).prompt
        )
        assert expected in referral and "\x1b" not in referral
        action = str(screen.query_one(".action-text", Static).render())
        assert expected in action
        await pilot.click("#debrief-referrals")
        await pilot.click("#debrief-heading")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, DebriefScreen)


async def test_advice_becomes_an_action_whose_due_date_can_be_changed_and_is_checked(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        [action] = screen.interview.actions
        assert action.text == "Read Talk to Grace Hopper"
        assert action.due == "2025-03-13"  # ten days after the call, to report back
        due = screen.query_one(f"#due-{action.id}", Input)
        due.value = "the 20th"
        await pilot.pause()
        assert str(screen.query_one("#debrief-action-message", Static).render()) == DUE_MESSAGE
        assert action.due == "2025-03-13"
        due.value = "2025-03-20"
        await pilot.pause()
        screen.save_now()
        assert app.saver.flush(10)
    assert store.get_interview("iv-debrief")["actions"][0]["due"] == "2025-03-20"


async def test_the_thank_you_is_drafted_with_their_name_and_due_a_day_after_the_call(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        thank_you = screen.interview.thank_you
        assert thank_you.text.startswith("Dear Ada,")
        assert thank_you.due_at == "2025-03-04T14:20:00+00:00"
        await pilot.press("f6")
        await pilot.press("f7")
        await pilot.pause()
        assert thank_you.sent_at == "2025-03-03T14:25:00+00:00"
        assert "Sent" in str(screen.query_one("#debrief-thank-you-due", Static).render())
        assert app.saver.flush(10)
    assert store.get_interview("iv-debrief")["thank_you"]["sent_at"] == thank_you.sent_at


async def test_export_writes_the_markdown_record_into_the_exports_folder_and_shows_the_path(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_debrief(app, pilot, ended_interview())
        await pilot.press("f8")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = screen.export_path
        assert path is not None and path.parent == data_paths.root / "exports"
        assert str(path) in str(screen.query_one("#debrief-export-path", Static).render())
    assert "Talk to Grace Hopper" in path.read_text(encoding="utf-8")
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
