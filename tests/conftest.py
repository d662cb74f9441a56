"""Hermetic tests: every test gets its own data folder, and nothing blinks or animates."""

from __future__ import annotations

import time
from pathlib import Path

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
