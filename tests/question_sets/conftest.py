"""Fixtures for question-set tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def write_set():
    """Write ``text`` as ``name`` inside ``folder`` (created if needed) and return the path."""

    def write(folder: Path, name: str, text: str) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
