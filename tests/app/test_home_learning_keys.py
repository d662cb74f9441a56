"""From Home, one key reaches what is learnt across conversations: Search, Paths, Progress and
Side by side; the search index is loaded once the first frame is drawn."""

from __future__ import annotations

import pytest

from coach.core.interview import Interview, Note
from coach.services.search import live_index
from coach.store.db import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen


@pytest.mark.parametrize(
    ("key", "screen", "binding_id"),
    [
        ("slash", "SearchScreen", "home.search"),
        ("t", "PathsScreen", "home.paths"),
        ("s", "ProgressScreen", "home.progress"),
        ("b", "SideBySideScreen", "home.side_by_side"),
    ],
)
async def test_one_key_on_home_opens_each_screen_that_learns_across_conversations(
    data_paths, key, screen, binding_id
):
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            home = app.screen
            assert isinstance(home, HomeScreen)
            binding = next(b for b in home.BINDINGS if getattr(b, "id", None) == binding_id)
            assert binding.tooltip  # F1 and the palette say what it is for
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert type(app.screen).__name__ == screen
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is home


async def test_home_loads_the_search_index_after_its_first_frame(data_paths, monkeypatch):
    monkeypatch.setattr(HomeScreen, "SEARCH_WARM_DELAY", 0.05)
    with Store.open(data_paths) as store:
        talk = Interview(id="iv-1", contact_name="Dana", notes=[Note(None, 3, "portfolios")])
        store.save("interview", talk.to_dict())
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):  # the timer fires, then its worker runs
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
                if live_index(store).ready:
                    break
            assert live_index(store).ready
            await pilot.press("slash")
            await pilot.pause()
            await pilot.press(*"portf")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.results is not None and app.screen.results.total == 1


async def test_a_history_past_the_warm_up_limit_is_indexed_when_search_first_opens(
    data_paths, monkeypatch
):
    monkeypatch.setattr(HomeScreen, "SEARCH_WARM_DELAY", 0.05)
    monkeypatch.setattr(HomeScreen, "SEARCH_WARM_MOST", 1)
    with Store.open(data_paths) as store:
        for n, word in enumerate(("portfolios", "mentors")):
            talk = Interview(id=f"iv-{n}", contact_name="Dana", notes=[Note(None, 3, word)])
            store.save("interview", talk.to_dict())
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(0.3)  # well past the warm-up timer
            await app.workers.wait_for_complete()
            assert not live_index(store).ready
            await pilot.press("slash")
            await pilot.pause()
            await pilot.press(*"mentor")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.results is not None and app.screen.results.total == 1
