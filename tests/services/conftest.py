"""Fixtures for the store tests: a data folder and a store opened on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.store.db import Store
from coach.store.paths import DataPaths


@pytest.fixture
def store(data_paths: DataPaths) -> Iterator[Store]:
    """A store on a fresh data folder, closed after the test."""
    opened = Store.open(data_paths)
    yield opened
    opened.close()
