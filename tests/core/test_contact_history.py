"""A contact's logged history: newest first, and the time a past day's interaction is given."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from coach.core.contact import Contact, interaction_time

BERLIN_WINTER = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=BERLIN_WINTER)


def test_the_latest_interactions_come_newest_first_whatever_order_they_were_logged_in():
    ana = Contact("Ana Silva")
    for at, kind in [
        ("2026-11-20T10:00:00+01:00", "ask"),
        ("2026-11-27T10:00:00+01:00", "call"),
        ("2026-11-05T10:00:00+01:00", "message"),
        ("2026-11-27T10:00:00+01:00", "thanks"),
    ]:
        ana = ana.with_interaction(kind, at=at)
    assert [i.kind for i in ana.latest_interactions()] == ["thanks", "call", "ask"]
    assert [i.kind for i in ana.latest_interactions(10)] == ["thanks", "call", "ask", "message"]
    assert Contact("Nobody").latest_interactions() == []


def test_an_interaction_logged_for_today_is_now_and_for_an_earlier_day_is_that_midday():
    assert interaction_time(date(2026, 11, 28), NOW) == "2026-11-28T09:30:00+01:00"
    assert interaction_time(date(2026, 11, 20), NOW) == "2026-11-20T12:00:00+01:00"


def test_a_day_still_to_come_cannot_be_logged():
    with pytest.raises(ValueError, match="not come yet"):
        interaction_time(date(2026, 11, 29), NOW)
