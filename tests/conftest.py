"""Hermetic tests: every test gets its own data folder, and nothing blinks or animates."""

from __future__ import annotations

import time
from pathlib import Path
from types import ModuleType

import pytest

from coach.store.paths import DataPaths


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing a test does may reach the real user's data folder.
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    # Textual reads that variable once, when it is first imported (which may be before this
    # fixture runs): set the value it read, too, or tab underlines slide in the pictures.
    import textual.constants
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    # A cursor that blinks is on or off depending on how long the machine took to get to the
    # picture: keep it on.
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # Local times on screen must not depend on where the tests run.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    """A fresh, empty data folder for one test."""
    return DataPaths(tmp_path / "data")


_TESTS = Path(__file__).parent


def _starts_the_app(item: pytest.Item) -> bool:
    # Everything under tests/tui/ drives the app (Pilot, snapshots, a real coach under a
    # pseudo-terminal), and so does the benchmark harness (typing into it, starting it cold);
    # elsewhere, a snapshot test or a test module that imports the app's screens does. These
    # take most of the suite's time.
    if _TESTS / "tui" in item.path.parents or _TESTS / "bench" in item.path.parents:
        return True
    if "snap_compare" in getattr(item, "fixturenames", ()):
        return True
    module = getattr(item, "module", None)
    return module is not None and any(_of_the_app(value) for value in vars(module).values())


def _of_the_app(value: object) -> bool:
    name = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", "")
    return isinstance(name, str) and name.startswith("coach.tui")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that start the app ``tui``, so ``pytest -m "not tui"`` is a quick check."""
    for item in items:
        if _starts_the_app(item):
            item.add_marker(pytest.mark.tui)


#: Every snapshot of a screen is taken in a dark and in a light theme.
THEMES = ("textual-dark", "textual-light")


@pytest.fixture(params=THEMES)
def theme(request: pytest.FixtureRequest) -> str:
    """The theme a snapshot test draws the app in (the test runs once per theme)."""
    return str(request.param)
