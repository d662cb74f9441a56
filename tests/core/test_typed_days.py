"""A typed day or date and time that has the right shape but is not on the calendar is told so."""

from __future__ import annotations

import pytest

from coach.core.clock import day_problem
from coach.core.plan import DATE_HINT, date_time_problem


@pytest.mark.parametrize("text", ["2026-02-28", " 2028-02-29 ", "2026-12-31"])
def test_a_real_day_has_no_problem(text: str) -> None:
    assert day_problem(text) is None


@pytest.mark.parametrize("text", ["2026-02-29", "2026-02-30", "2026-13-01", "2026-04-31"])
def test_a_day_not_on_the_calendar_is_named(text: str) -> None:
    assert day_problem(text) == f"There is no day {text} on the calendar."


@pytest.mark.parametrize("text", ["", "tomorrow", "2026-2-3", "01/12/2026", "20261201"])
def test_anything_else_gets_the_format_with_an_example(text: str) -> None:
    assert day_problem(text, example="2026-11-20") == (
        "Write the day as year-month-day, e.g. 2026-11-20."
    )


def test_a_date_and_time_names_what_does_not_exist() -> None:
    assert date_time_problem("") is None
    assert date_time_problem("2026-11-24  14:30") is None
    assert date_time_problem("2026-11-24") == DATE_HINT
    assert date_time_problem("2026-02-30 09:00") == "There is no day 2026-02-30"
    assert date_time_problem("2026-11-24 25:00") == "There is no time 25:00"
    assert date_time_problem("2026-11-24 10:61") == "There is no time 10:61"
