"""Time as the domain sees it: a wall clock for records and a monotonic clock for durations.

The live engine and the schedulers take a :class:`Clock` rather than calling ``datetime.now``
so that tests can drive a whole 20-minute call in microseconds with :class:`FakeClock`.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    """Where the current time comes from."""

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never jump backwards (for elapsed time)."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current time in UTC, aware."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """``time.monotonic()``: immune to the wall clock being changed mid-call."""
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to; both readings advance together."""

    def __init__(self, start: datetime | None = None, monotonic_start: float = 1000.0) -> None:
        when = start if start is not None else datetime(2025, 3, 3, 14, 0, tzinfo=UTC)
        if when.tzinfo is None:
            raise ValueError("FakeClock needs an aware start time")
        self._now = when.astimezone(UTC)
        self._mono = monotonic_start

    def now(self) -> datetime:
        """The fake current time, in UTC."""
        return self._now

    def monotonic(self) -> float:
        """The fake monotonic reading."""
        return self._mono

    def advance(self, seconds: float) -> None:
        """Move both clocks forward by ``seconds`` (negative values are refused)."""
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._now += timedelta(seconds=seconds)
        self._mono += seconds


def iso(when: datetime) -> str:
    """An aware time as ISO 8601 with its offset, to the second."""
    if when.tzinfo is None:
        raise ValueError("naive datetime: times in records carry their offset")
    return when.isoformat(timespec="seconds")


def now_iso() -> str:
    """The current local time as ISO 8601 with its UTC offset, to the second.

    For defaults of records made outside a call (a contact added, an import); anything a test
    must pin takes a Clock instead.
    """
    return datetime.now().astimezone().isoformat(timespec="seconds")


def parse_when(value: object) -> datetime | None:
    """Read an ISO 8601 date or date-time; naive values are taken as local time.

    None when unreadable: stored times are read tolerantly, never with an exception.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.astimezone()


# A day typed in full, right or wrong: "2026-02-30" has the shape of a day but is not one.
_DAY_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_problem(text: str, example: str = "2026-12-01") -> str | None:
    """What is wrong with a typed day (year-month-day), or None when it is a real day.

    A day that has the right shape but is not on the calendar is told so, not sent back to
    the format it already follows.
    """
    text = text.strip()
    if _DAY_SHAPE.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return f"There is no day {text} on the calendar."
        return None
    return f"Write the day as year-month-day, e.g. {example}."
