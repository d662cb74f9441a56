"""Browser tests share one fixture: a `coach serve` of their own, stopped after the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from served_coach import ServedCoach, start


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedCoach]:
    """`coach serve --port <free port> --data-dir <tmp>`; Ctrl+C at the end if still running."""
    server = start(tmp_path)
    try:
        yield server
    finally:
        server.stop()
