from datetime import date

import pytest
from network_samples import at

from coach.core.business_days import (
    add_business_days,
    business_days_after,
    business_days_between,
    counting_from,
)

# 2024-05-06 is a Monday.
MON, FRI, SAT, SUN = date(2024, 5, 6), date(2024, 5, 10), date(2024, 5, 11), date(2024, 5, 12)


def test_three_business_days_from_friday_land_on_wednesday():
    assert add_business_days(FRI, 3) == date(2024, 5, 15)


def test_a_weekend_start_counts_from_monday():
    assert add_business_days(SAT, 3) == date(2024, 5, 16)
    assert add_business_days(SUN, 0) == date(2024, 5, 13)


def test_long_windows_skip_every_weekend():
    assert add_business_days(MON, 10) == date(2024, 5, 20)
    assert add_business_days(MON, 7) == date(2024, 5, 15)


def test_negative_windows_are_refused():
    with pytest.raises(ValueError):
        add_business_days(MON, -1)


def test_an_ask_sent_before_noon_counts_from_that_day():
    assert counting_from(at("2024-05-06 11:59")) == MON
    assert business_days_after(at("2024-05-06 09:00"), 3) == date(2024, 5, 9)


def test_an_ask_sent_at_or_after_noon_counts_from_the_next_business_day():
    assert counting_from(at("2024-05-06 12:00")) == date(2024, 5, 7)
    assert business_days_after(at("2024-05-06 15:30"), 3) == date(2024, 5, 10)


def test_a_friday_afternoon_ask_counts_from_monday():
    assert business_days_after(at("2024-05-10 16:00"), 3) == date(2024, 5, 16)
    assert business_days_after(at("2024-05-10 16:00"), 7) == date(2024, 5, 22)


def test_a_saturday_morning_ask_counts_from_monday():
    assert counting_from(at("2024-05-11 08:00")) == date(2024, 5, 13)


def test_business_days_between_ignores_weekends_both_ways():
    assert business_days_between(FRI, date(2024, 5, 13)) == 1
    assert business_days_between(MON, date(2024, 5, 20)) == 10
    assert business_days_between(date(2024, 5, 20), MON) == -10
