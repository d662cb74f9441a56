"""Progress on a hand-made network, every number worked out by hand below."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from coach.core.contact import Contact, Interaction
from coach.core.interview import Debrief, Interview, StageTimes, ThankYou
from coach.core.progress import Progress, progress, reply_delays, week_of

# Thursday of ISO week 2026-W20; the last 12 weeks are 2026-W09 .. 2026-W20.
NOW = datetime(2026, 5, 14, 12, 0, tzinfo=UTC)


def ask(day: str) -> Interaction:
    return Interaction(at=f"{day}T09:00:00+00:00", kind="ask")


def reply(day: str, hour: int = 9) -> Interaction:
    return Interaction(at=f"{day}T{hour:02d}:00:00+00:00", kind="reply")


def people() -> list[dict[str, Any]]:
    """Seven people.

    - Ann: identified only.
    - Ben: asked 05-01, no reply yet.                              asked
    - Cai: asked 05-01, replied 05-03 (2 days).                     asked, replied
    - Dee: asked 04-01, replied 04-02 12:00 (1.125 days); asked
      again 04-20, replied 04-24 (4 days).                          asked, replied
    - Eve: stage "scheduled", nothing logged.                        asked, replied
    - Fay: nothing logged, but has a conversation on file.          asked, replied
    - Gus: asked_at 03-01 and replied_at 03-04 from an import
      (3 days), no interactions.                                    asked, replied

    identified 7, asked 6, replied 5; reply rate 5/6 = 0.833;
    delays 2, 1.125, 4, 3 -> median (2 + 3) / 2 = 2.5 days.
    """
    return [
        Contact(id="ann", name="Ann").to_dict(),
        Contact(id="ben", name="Ben", stage="asked", interactions=[ask("2026-05-01")]).to_dict(),
        Contact(
            id="cai", name="Cai", interactions=[ask("2026-05-01"), reply("2026-05-03")]
        ).to_dict(),
        Contact(
            id="dee",
            name="Dee",
            interactions=[
                ask("2026-04-01"),
                reply("2026-04-02", hour=12),
                ask("2026-04-20"),
                reply("2026-04-24"),
            ],
        ).to_dict(),
        Contact(id="eve", name="Eve", stage="scheduled").to_dict(),
        Contact(id="fay", name="Fay").to_dict(),
        Contact(
            id="gus",
            name="Gus",
            asked_at="2026-03-01T10:00:00+00:00",
            replied_at="2026-03-04T10:00:00+00:00",
        ).to_dict(),
    ]


def held_on(day: str) -> dict[str, StageTimes]:
    return {
        "prepare": StageTimes(),
        "live": StageTimes(started=f"{day}T15:00:00+00:00", ended=f"{day}T15:30:00+00:00"),
        "debrief": StageTimes(),
    }


def talks() -> list[dict[str, Any]]:
    """Seven interviews.

    - fay-1: debriefed 2026-05-12 (W20), thank-you sent, path p1, interest 4.
    - fay-2: debriefed 2026-04-28 (W18), thank-you not sent, path p1, interest 2.
    - dee-1: ended 2026-05-13 (W20), no debrief yet.
    - cai-1: planned, scheduled 2026-05-20.                       scheduled only
    - ben-1: planned, no time yet.                                 nothing
    - old-1: debriefed 2025-10-01 (outside the 12 weeks), sent, path p2, interest 5.
    - zoe-p: practice, debriefed 2026-05-11, sent, path p1, interest 1: never counts.

    scheduled 5 (fay-1, fay-2, dee-1, cai-1, old-1), held 4, thanked 2.
    per week: W18 1, W20 2, the other ten weeks 0.
    p1 interest: 2026-04-28 2, then 2026-05-12 4; p2: 2025-10-01 5; p3: none.
    """

    def debriefed(iid: str, who: str, day: str, interest: int, sent: bool) -> Interview:
        return Interview(
            id=iid,
            contact_id=who,
            status="debriefed",
            scheduled_at=f"{day}T15:00:00+00:00",
            stages=held_on(day),
            debrief=Debrief(interest=interest),
            thank_you=ThankYou(sent_at=f"{day}T19:00:00+00:00" if sent else None),
        )

    docs = [
        debriefed("fay-1", "fay", "2026-05-12", 4, True).to_dict() | {"path_id": "p1"},
        debriefed("fay-2", "fay", "2026-04-28", 2, False).to_dict() | {"path_id": "p1"},
        Interview(
            id="dee-1",
            contact_id="dee",
            status="ended",
            scheduled_at="2026-05-13T10:00:00+00:00",
            stages=held_on("2026-05-13"),
        ).to_dict(),
        Interview(id="cai-1", contact_id="cai", scheduled_at="2026-05-20T10:00:00+00:00").to_dict(),
        Interview(id="ben-1", contact_id="ben").to_dict(),
        debriefed("old-1", "gus", "2025-10-01", 5, True).to_dict() | {"path_id": "p2"},
        debriefed("zoe-p", "zoe", "2026-05-11", 1, True).to_dict()
        | {"path_id": "p1", "practice": True},
    ]
    return docs


PATHS = [
    {"id": "p1", "title": "Healthcare data", "question": "", "verdict": "promising"},
    {"id": "p2", "title": "Banking", "question": "", "verdict": "ruled out"},
    {"id": "p3", "title": "Teaching", "question": "", "verdict": ""},
]


@pytest.fixture
def result() -> Progress:
    return progress(people(), talks(), PATHS, now=NOW)


def test_the_funnel_counts_people_then_conversations(result: Progress) -> None:
    assert result.funnel.to_dict() == {
        "identified": 7,
        "asked": 6,
        "replied": 5,
        "scheduled": 5,
        "held": 4,
        "thanked": 2,
    }


def test_the_reply_rate_is_the_share_of_people_asked_who_replied(result: Progress) -> None:
    assert result.reply_rate == 0.833


def test_the_median_reply_time_counts_each_ask_to_its_first_reply(result: Progress) -> None:
    assert result.median_reply_days == 2.5
    assert reply_delays(people()[3]) == [1.125, 4.0]


def test_conversations_per_week_cover_the_last_twelve_weeks_with_zeros(result: Progress) -> None:
    weeks = [w.to_dict() for w in result.per_week]
    assert [w["week"] for w in weeks] == [f"2026-W{n:02d}" for n in range(9, 21)]
    assert {w["week"]: w["conversations"] for w in weeks if w["conversations"]} == {
        "2026-W18": 1,
        "2026-W20": 2,
    }


def test_interest_per_path_runs_oldest_first_and_practice_never_counts(result: Progress) -> None:
    assert [p.to_dict() for p in result.paths] == [
        {
            "id": "p1",
            "title": "Healthcare data",
            "verdict": "promising",
            "interest": [
                {"date": "2026-04-28", "interest": 2},
                {"date": "2026-05-12", "interest": 4},
            ],
        },
        {
            "id": "p2",
            "title": "Banking",
            "verdict": "ruled out",
            "interest": [{"date": "2025-10-01", "interest": 5}],
        },
        {"id": "p3", "title": "Teaching", "verdict": "", "interest": []},
    ]


def test_an_empty_history_has_zeros_and_no_rates() -> None:
    empty = progress([], [], now=NOW).to_dict()
    assert empty["funnel"] == dict.fromkeys(empty["funnel"], 0)
    assert empty["reply_rate"] is None and empty["median_reply_days"] is None
    assert len(empty["per_week"]) == 12 and empty["paths"] == []


def test_iso_weeks_at_the_turn_of_the_year() -> None:
    assert week_of(datetime(2027, 1, 1).date()) == "2026-W53"


def test_now_must_carry_a_timezone() -> None:
    with pytest.raises(ValueError):
        progress([], [], now=datetime(2026, 5, 14))
