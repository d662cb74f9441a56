"""What Debrief looks like right after a call, at 100×30 and at the smallest common size, 80×24,
in a dark and a light theme."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.widgets import TextArea

from coach.core.clock import FakeClock
from coach.core.interview import Flag, Interview, Note
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.debrief import DebriefScreen


@pytest.fixture
def store(data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    import time

    # The due time is shown in local time: pin the zone so the picture is the same everywhere.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    with Store.open(data_paths) as opened:
        yield opened
    monkeypatch.undo()
    time.tzset()


def debrief_screen() -> DebriefScreen:
    interview = Interview(
        id="iv-snap", contact_name="Ada Lovelace", contact_org="Engines Ltd", status="ended"
    )
    interview.stage("live").started = "2025-03-03T14:00:00+00:00"
    interview.stage("live").ended = "2025-03-03T14:20:00+00:00"
    interview.notes = [Note(None, 30.0, "Most people move in from support roles")]
    interview.flags = [
        Flag("referral", None, 40.0, "Talk to Grace Hopper about the lab"),
        Flag("referral", None, 50.0, "grace hopper."),  # the same person: one referral
        Flag("advice", None, 90.0, "Take the evening course on data pipelines"),
    ]
    return DebriefScreen(interview, clock=FakeClock(datetime(2025, 3, 3, 14, 25, tzinfo=UTC)))


async def settled(pilot: Any) -> None:
    """Wait until the thank-you draft is wrapped for the width it is shown at.

    The tab rewraps it after its first refresh, and a busy machine may need more than one
    pause for that to land.
    """
    await pilot.pause()
    area = pilot.app.screen.query_one("#debrief-thank-you", TextArea)
    for _ in range(100):
        if not area.display or not area.region.width:
            break
        if area.wrap_width and area.wrapped_document._width == area.wrap_width:
            break
        await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("tab", ["f2", "f3", "f4"])
def test_debrief_tabs_at_100_by_30(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store, tab: str
) -> None:
    app = CoachApp(data_paths, store)
    app.theme = theme

    async def open_it(pilot: Any) -> None:
        await pilot.app.push_screen(debrief_screen())
        await pilot.pause()
        await pilot.press(tab)
        await settled(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=open_it)


@pytest.mark.parametrize("tab", ["f2", "f3", "f4"])
def test_debrief_tabs_at_80_by_24(
    snap_compare: Any, theme: str, data_paths: DataPaths, store: Store, tab: str
) -> None:
    app = CoachApp(data_paths, store)
    app.theme = theme

    async def open_it(pilot: Any) -> None:
        await pilot.app.push_screen(debrief_screen())
        await pilot.pause()
        await pilot.press(tab)
        await settled(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)
