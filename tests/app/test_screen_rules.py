"""Home starts on its own few rules; every other screen has its rules before it is drawn."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from textual._path import _css_path_type_as_list
from textual.containers import VerticalScroll
from textual.screen import Screen

import coach.tui
from coach.store.db import Store
from coach.tui.app import CoachApp
from coach.tui.screens import SCREEN_RULES
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.home import HomeScreen


def _coach_screens() -> list[type[Screen]]:
    for module in pkgutil.walk_packages(coach.tui.__path__, "coach.tui."):
        importlib.import_module(module.name)
    found: list[type[Screen]] = []
    pending = list(Screen.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("coach.") and cls not in found:
            found.append(cls)
    return found


def _loaded(app: CoachApp) -> bool:
    return app.stylesheet.has_source(str(SCREEN_RULES), "")


def test_every_screen_but_home_names_the_screen_rules():
    screens = _coach_screens()
    assert len(screens) > 20  # the walk found them
    for cls in screens:
        paths = _css_path_type_as_list(cls.CSS_PATH) if cls.CSS_PATH else []
        if cls is HomeScreen:
            assert SCREEN_RULES not in paths
        else:
            assert SCREEN_RULES in paths, f"{cls.__name__} would open without its rules"
    assert SCREEN_RULES.is_file()


async def test_home_starts_without_them_and_the_first_other_screen_reads_them(
    data_paths, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(CoachApp, "SCREEN_RULES_DELAY", 600.0)  # not read while idle here
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert not _loaded(app)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert _loaded(app)
            box = app.screen.query_one("#help-box", VerticalScroll)
            assert box.styles.border_top[0] == "round"  # a rule of screens.tcss


async def test_once_home_has_settled_they_are_read_and_no_screen_parses_again(
    data_paths, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(CoachApp, "SCREEN_RULES_DELAY", 0.01)
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):  # the timer's turn
                await pilot.pause(0.01)
                if _loaded(app):
                    break
            assert _loaded(app)
            reparsed: list[int] = []
            original = app.stylesheet.reparse
            monkeypatch.setattr(
                app.stylesheet, "reparse", lambda: (reparsed.append(1), original())[1]
            )
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert reparsed == []  # the help opened on the rules read before
            box = app.screen.query_one("#help-box", VerticalScroll)
            assert box.styles.border_top[0] == "round"


async def test_reading_them_changes_nothing_on_home(data_paths, monkeypatch: pytest.MonkeyPatch):
    from coach.core.contact import Contact

    monkeypatch.setattr(CoachApp, "SCREEN_RULES_DELAY", 600.0)
    with Store.open(data_paths) as store:
        store.save_all("contact", [Contact(name="Ana").to_dict()])
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            before = app.export_screenshot()
            app._load_screen_rules()
            await pilot.pause()
            assert _loaded(app)
            assert app.export_screenshot() == before
