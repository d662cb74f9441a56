"""A small history for the screens that learn across conversations: three paths, four
conversations with notes under shared questions, debriefs with interest and open questions,
referrals, actions and one transcript. Fixed dates, so pictures do not move."""

from __future__ import annotations

from typing import Any

from coach.core.contact import Contact
from coach.core.interview import (
    Action,
    Debrief,
    Flag,
    Interview,
    Note,
    PlannedQuestion,
    QuestionPlan,
    Referral,
    StageTimes,
    ThankYou,
)
from coach.core.open_questions import carry_forward
from coach.core.paths import CareerPath, set_path
from coach.store.db import Store

STAMP = "2026-01-05T09:00:00+00:00"
NOW = "2026-03-20T09:00:00+00:00"

WEEK = PlannedQuestion(
    "week-set/typical-week", "What does a typical week look like?", source="week-set"
)
ROUTE = PlannedQuestion("week-set/route-in", "How did you get into this work?", source="week-set")


def own(number: int, text: str) -> PlannedQuestion:
    return PlannedQuestion(f"own-{number}", text, section="My questions")


def _call(day: str) -> dict[str, StageTimes]:
    return {
        "prepare": StageTimes(),
        "live": StageTimes(started=f"{day}T15:00:00+00:00", ended=f"{day}T15:25:00+00:00"),
        "debrief": StageTimes(),
    }


def paths() -> list[CareerPath]:
    return [
        CareerPath(
            id="p-health",
            title="Data analysis in healthcare",
            question="Would I enjoy it more than teaching?",
            verdict="promising",
            created_at=STAMP,
            updated_at=STAMP,
        ),
        CareerPath(
            id="p-teach",
            title="[bold]Teaching[/] online",
            question="",
            verdict="",
            created_at=STAMP,
            updated_at=STAMP,
        ),
        CareerPath(id="p-ux", title="UX research", created_at=STAMP, updated_at=STAMP),
    ]


def contacts() -> list[dict[str, Any]]:
    common = {"created_at": STAMP, "updated_at": STAMP}
    return [
        Contact(
            id="c-dana",
            name="Dana Whitfield",
            organisation="Acme Health",
            stage="thanked",
            **common,
        ).to_dict(),
        Contact(
            id="c-priya", name="Priya Nair", organisation="City Hospital", stage="thanked", **common
        ).to_dict(),
        Contact(
            id="c-ana",
            name="Ana Silva",
            organisation="Evergreen School",
            stage="interviewed",
            **common,
        ).to_dict(),
        Contact(
            id="c-luis",
            name="Luis Ortega",
            organisation="Acme Health",
            how_known="referral",
            source="referral",
            referred_by="c-dana",
            **common,
        ).to_dict(),
    ]


def interviews() -> list[Interview]:
    dana = Interview(
        id="iv-dana",
        contact_id="c-dana",
        contact_name="Dana Whitfield",
        contact_org="Acme Health",
        status="debriefed",
        scheduled_at="2026-02-02T15:00:00+00:00",
        stages=_call("2026-02-02"),
        goals="Learn how analysts get into healthcare",
        intro="I teach maths and I am exploring data work in hospitals.",
        plan=QuestionPlan(["week-set"], [ROUTE, WEEK, own(1, "What would you do in my place?")]),
        notes=[
            Note(ROUTE.id, 30, "Came from nursing; a portfolio mattered more than a degree."),
            Note(WEEK.id, 90, "Two days of reviews with clinicians, then planning and dashboards."),
            Note("own-1", 200, "Start with public NHS data and publish two small analyses."),
        ],
        flags=[
            Flag("advice", "own-1", 210, "Publish two small analyses"),
            Flag("referral", None, 300, "Talk to my colleague Luis Ortega"),
        ],
        debrief=Debrief(
            learned="Clinicians trust analysts who sit with them.",
            interest=3,
            still_need="What do junior analysts earn?\nWhich certificates count?",
        ),
        referrals=[Referral("Luis Ortega", contact_id="c-luis", confirmed=True)],
        actions=[Action("Publish two small analyses", "2026-02-16")],
        thank_you=ThankYou(text="Thank you for the advice.", sent_at="2026-02-03T09:00:00+00:00"),
        created_at=STAMP,
        updated_at=STAMP,
    )
    priya = Interview(
        id="iv-priya",
        contact_id="c-priya",
        contact_name="Priya Nair",
        contact_org="City Hospital",
        status="debriefed",
        scheduled_at="2026-02-20T15:00:00+00:00",
        stages=_call("2026-02-20"),
        plan=QuestionPlan(["week-set"], [WEEK, own(7, "what would you do in my place")]),
        notes=[
            Note(WEEK.id, 60, "Mostly SQL and meetings; Fridays for [bold]training[/] juniors."),
            Note("own-7", 150, "Take the hospital's data course first."),
        ],
        debrief=Debrief(interest=4, still_need="Which certificates count?"),
        thank_you=ThankYou(text="Thanks!", sent_at="2026-02-21T09:00:00+00:00"),
        created_at=STAMP,
        updated_at=STAMP,
    )
    ana = Interview(
        id="iv-ana",
        contact_id="c-ana",
        contact_name="Ana Silva",
        contact_org="Evergreen School",
        status="debriefed",
        scheduled_at="2026-01-20T15:00:00+00:00",
        stages=_call("2026-01-20"),
        plan=QuestionPlan(["week-set"], [WEEK]),
        notes=[Note(WEEK.id, 40, "Lessons every morning, marking at night.")],
        debrief=Debrief(interest=2),
        created_at=STAMP,
        updated_at=STAMP,
    )
    luis = Interview(
        id="iv-luis",
        contact_id="c-luis",
        contact_name="Luis Ortega",
        contact_org="Acme Health",
        status="planned",
        scheduled_at="2026-03-25T15:00:00+00:00",
        plan=QuestionPlan(["week-set"], [WEEK]),
        created_at=STAMP,
        updated_at=STAMP,
    )
    set_path(dana, "p-health")
    set_path(priya, "p-health")
    set_path(luis, "p-health")
    set_path(ana, "p-teach")
    return [dana, priya, ana, luis]


def transcripts() -> list[dict[str, Any]]:
    return [
        {
            "id": "iv-priya",
            "interview_id": "iv-priya",
            "format": "vtt",
            "me": "Me",
            "segments": [
                {"start": 1.0, "end": 4.0, "speaker": "Me", "text": "What is a typical week?"},
                {
                    "start": 5.0,
                    "end": 12.0,
                    "speaker": "Priya",
                    "text": "Honestly it is SQL in the morning and people in the afternoon.",
                    "question_id": WEEK.id,
                },
            ],
        }
    ]


def fill(store: Store) -> None:
    """Save the whole history into ``store``."""
    kept = paths()
    talks = interviews()
    for interview in talks:
        for path in kept:
            if path.id == "p-health":
                carry_forward(path, interview.id, interview.debrief.still_need, STAMP)
    store.change(
        saves=[
            *[("path", p.to_dict()) for p in kept],
            *[("contact", c) for c in contacts()],
            *[("interview", i.to_dict()) for i in talks],
            *[("transcript", t) for t in transcripts()],
        ]
    )
