"""Ctrl+P reaches every destination, every interview by name and the actions of the screen in
front; nothing that does not apply here is offered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.command import CommandList, CommandPalette

from coach.core.interview import Interview
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.palette import destinations, interview_commands, screen_commands
from coach.tui.screens.contacts import ContactsScreen
from coach.tui.screens.debrief import DebriefScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.prepare import PrepareScreen


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    with Store.open(data_paths) as opened:
        yield opened


async def choose(app: CoachApp, pilot: object, typed: str) -> None:
    """Open the palette, type, and take the first hit."""
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert CommandPalette.is_open(app)
    await pilot.press(*typed)  # type: ignore[attr-defined]
    # The palette gathers hits in a worker: wait for it, not for a time.
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    hits = app.screen.query_one(CommandList)
    if hits.highlighted is None:  # the best hit is highlighted once the hits are in
        await pilot.press("down")  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_typing_cont_in_the_palette_and_choosing_contacts_opens_contacts(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await choose(app, pilot, "cont")
        assert isinstance(app.screen, ContactsScreen)


async def test_an_interview_is_found_by_its_persons_name_and_opens_where_it_stands(
    data_paths: DataPaths, store: Store
) -> None:
    store.save("interview", Interview(id="iv-1", contact_name="Priya Raman").to_dict())
    store.save(
        "interview", Interview(id="iv-2", contact_name="Tomás Ortega", status="ended").to_dict()
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose(app, pilot, "tomas")
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.interview.id == "iv-2"
        # From there, another: the debrief is handed over and closed, Prepare opens on Home.
        await choose(app, pilot, "priya")
        assert isinstance(app.screen, PrepareScreen)
        assert app.screen.interview.id == "iv-1"
        assert [type(s) for s in app.screen_stack[1:]] == [HomeScreen, PrepareScreen]


async def test_the_palette_offers_the_screens_actions_and_none_of_another_screen(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await choose(app, pilot, "contacts")
        screen = app.screen
        names = [c.name for c in screen_commands(app, screen)]
        assert "Contacts: Import" in names and "Contacts: Add" in names
        assert not any(name.startswith("Home:") for name in names)
        places = [c.name for c in destinations(app, screen)]
        assert "Contacts" not in places  # already here
        assert {"Home", "Agenda", "New interview", "Practice run", "Referral tree"} <= set(places)
        # Choosing an action runs it, as its key would.
        await choose(app, pilot, "contacts: add")
        assert type(app.screen).__name__ == "ContactFormScreen"
        # A dialog offers only its own keys, never a way elsewhere.
        assert destinations(app, app.screen) == []
        assert interview_commands(app, app.screen) == []


async def test_plan_list_keys_are_offered_on_prepare_whatever_has_the_cursor(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepareScreen)
        names = [c.name for c in screen_commands(app, screen)]
        assert "Prepare: Start call" in names
        assert "Plan list: Write a question of your own" in names


async def test_during_a_call_the_palette_offers_only_the_calls_own_keys(
    data_paths: DataPaths, store: Store, make_interview, fake_clock
) -> None:
    from coach.core.live import LiveCall
    from coach.tui.screens.live import LiveScreen

    store.save("interview", Interview(id="iv-9", contact_name="Grace Lin").to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = LiveScreen(LiveCall(make_interview(), fake_clock))
        await app.push_screen(screen)
        await pilot.pause()
        assert destinations(app, screen) == []
        assert interview_commands(app, screen) == []
        names = [c.name for c in screen_commands(app, screen)]
        assert "Live call: Flag referral" in names and "Live call: End" in names


async def test_names_in_the_palette_are_shown_as_typed_never_as_markup(
    data_paths: DataPaths, store: Store
) -> None:
    store.save("interview", Interview(id="iv-m", contact_name="[bold]Mal[/] \x1b[31m").to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [command] = [c for c in interview_commands(app, app.screen) if "Mal" in c.name]
        assert command.name == "Interview: [bold]Mal[/]"
        await pilot.press("ctrl+p")
        await pilot.press(*"mal")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = [str(option.prompt) for option in app.screen.query_one("CommandList")._options]
        assert any("Interview: [bold]Mal[/]" in text for text in shown)


@pytest.mark.parametrize(
    ("typed", "screen"),
    [
        ("search conv", "SearchScreen"),
        ("paths", "PathsScreen"),
        ("progress", "ProgressScreen"),
        ("side by side", "SideBySideScreen"),
    ],
)
async def test_the_palette_reaches_search_paths_progress_and_side_by_side(
    data_paths: DataPaths, store: Store, typed: str, screen: str
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        names = [command.name for command in destinations(app, app.screen)]
        assert {"Search conversations", "Paths", "Progress", "Side by side answers"} <= set(names)
        await choose(app, pilot, typed)
        assert type(app.screen).__name__ == screen
        # Not offered again from the screen it opens.
        assert typed.title() not in [c.name for c in destinations(app, app.screen)]
