"""Helpers for the network tests: fixed times in a fixed zone, and the fixture folder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "network"

# A fixed "local" zone one hour ahead of UTC, so tests never depend on the machine's zone.
LOCAL = timezone(timedelta(hours=1))


def at(text: str) -> datetime:
    """A local time in the fixed test zone, from ``YYYY-MM-DD HH:MM``."""
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL)


def iso(text: str) -> str:
    """The stored ISO form of :func:`at`."""
    return at(text).isoformat(timespec="seconds")
