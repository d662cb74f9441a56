"""Counting business days, for reply windows ("no answer after 3 business days").

Weekends are Saturday and Sunday. Public holidays differ by country and are not counted; a
reminder that comes a day early on a holiday does little harm.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

# An ask sent in the afternoon has hardly been read that day, so the count starts next morning.
NOON = time(12, 0)


def is_business_day(day: date) -> bool:
    """True from Monday to Friday."""
    return day.weekday() < 5


def next_business_day(day: date) -> date:
    """The first business day strictly after ``day``."""
    day += timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(start: date, days: int) -> date:
    """The date ``days`` business days after ``start`` (``start`` itself is day 0).

    Starting on a weekend counts from the following Monday. ``days`` must not be negative.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    # Whole weeks first keeps this constant-time for long windows.
    day = start
    while not is_business_day(day):
        day += timedelta(days=1)
    weeks, rest = divmod(days, 5)
    day += timedelta(weeks=weeks)
    for _ in range(rest):
        day = next_business_day(day)
    return day


def counting_from(sent: datetime) -> date:
    """The business day from which a reply window counts, in the sender's own local time.

    A message sent on a business day before noon counts from that day; one sent at or after noon,
    or on a weekend, counts from the next business day.
    """
    day = sent.date()
    if not is_business_day(day) or sent.timetz().replace(tzinfo=None) >= NOON:
        return next_business_day(day)
    return day


def business_days_after(sent: datetime, days: int) -> date:
    """The day a reply window of ``days`` business days ends for a message sent at ``sent``."""
    return add_business_days(counting_from(sent), days)


def business_days_between(start: date, end: date) -> int:
    """Business days in (``start``, ``end``]; negative when ``end`` comes first."""
    if end < start:
        return -business_days_between(end, start)
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start + timedelta(weeks=whole_weeks)
    for _ in range(rest):
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
