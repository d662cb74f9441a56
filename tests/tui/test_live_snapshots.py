"""How the Live screen looks at 80×24 (the size it must work at) and at 100×30."""

from __future__ import annotations

import pytest

from coach.core.live import LiveCall
from coach.tui.app import CoachApp
from coach.tui.screens.live import LiveScreen


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_live_screen_mid_call_with_wrap_up_cue(
    snap_compare, theme, data_paths, store, fake_clock, make_interview, size
):
    app = CoachApp(data_paths, store)
    app.theme = theme

    async def to_wrap_up(pilot):
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await pilot.app.push_screen(screen)
        await pilot.pause()
        screen.notes.cursor_blink = False
        await pilot.press(*"Started in a bank, moved after a data course.")
        await pilot.press("ctrl+n")
        fake_clock.advance(15 * 60 + 7)
        screen._tick()
        await pilot.press(*"Mostly meetings on Mondays")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=to_wrap_up)


def test_live_screen_stays_usable_at_60x20(
    snap_compare, theme, data_paths, store, fake_clock, make_interview
):
    app = CoachApp(data_paths, store)
    app.theme = theme

    async def start(pilot):
        screen = LiveScreen(LiveCall(make_interview(practice=True), fake_clock))
        await pilot.app.push_screen(screen)
        await pilot.pause()
        screen.notes.cursor_blink = False
        await pilot.press(*"first note")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(60, 20), run_before=start)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_live_screen_with_the_goals_and_introduction_shown(
    snap_compare, theme, data_paths, store, fake_clock, make_interview, size
):
    app = CoachApp(data_paths, store)
    app.theme = theme
    interview = make_interview()
    interview.goals = "Learn how analysts get into healthcare.\nAsk what a first year looks like."
    interview.intro = "I teach maths and I am exploring data work in hospitals."

    async def show_goals(pilot):
        screen = LiveScreen(LiveCall(interview, fake_clock, "Learn how analysts get in."))
        await pilot.app.push_screen(screen)
        await pilot.pause()
        screen.notes.cursor_blink = False
        await pilot.press(*"Started in a bank", "f9")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=show_goals)
