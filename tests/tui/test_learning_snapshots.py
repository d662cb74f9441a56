"""What Search, Side by side, Paths and Progress look like at 80×24 and 120×40, in a dark and a
light theme."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import learning_samples
import pytest

from coach.core.clock import FakeClock
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.paths import PathsScreen
from coach.tui.screens.progress import ProgressScreen
from coach.tui.screens.search import SearchScreen
from coach.tui.screens.side_by_side import SideBySideScreen

NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
SIZES = [(80, 24), (120, 40)]


def snapshot_of(
    snap_compare: Any, theme: str, data_paths: DataPaths, make: Any, size, keys=()
) -> bool:
    with Store.open(data_paths) as store:
        learning_samples.fill(store)
        app = CoachApp(data_paths, store, clock=FakeClock(NOW))
        app.theme = theme

        async def open_screen(pilot: Any) -> None:
            screen = make()
            if screen is not None:
                await app.push_screen(screen)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()

        return snap_compare(app, terminal_size=size, run_before=open_screen)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_search_screen(snap_compare: Any, theme: str, data_paths: DataPaths, size) -> None:
    assert snapshot_of(snap_compare, theme, data_paths, SearchScreen, size, keys="analys")


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_side_by_side_screen(snap_compare: Any, theme: str, data_paths: DataPaths, size) -> None:
    assert snapshot_of(snap_compare, theme, data_paths, SideBySideScreen, size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_paths_screen(snap_compare: Any, theme: str, data_paths: DataPaths, size) -> None:
    # The second path by title is the one with conversations, interest and open questions.
    assert snapshot_of(snap_compare, theme, data_paths, PathsScreen, size, keys=["down"])


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_progress_screen(snap_compare: Any, theme: str, data_paths: DataPaths, size) -> None:
    assert snapshot_of(snap_compare, theme, data_paths, ProgressScreen, size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_home_with_a_history_on_paths(snap_compare: Any, theme: str, data_paths: DataPaths, size):
    # Home itself: its footer names Search; F1 and the palette have Paths, Progress and
    # Side by side.
    assert snapshot_of(snap_compare, theme, data_paths, lambda: None, size)
