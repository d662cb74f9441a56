"""A small hand-made history to search: five conversations, two paths, one transcript.

Each conversation is built through coach's own models, so the documents have exactly the
stored shape; ``path_id`` and the transcript are added as the paths and transcripts tables
will carry them.
"""

from __future__ import annotations

from typing import Any

from coach.core.contact import Contact
from coach.core.interview import (
    Action,
    Debrief,
    Flag,
    Interview,
    Note,
    StageTimes,
    ThankYou,
)

PATHS: list[dict[str, Any]] = [
    {
        "id": "p-health",
        "title": "Data analysis in healthcare",
        "question": "Would I enjoy it more than teaching?",
        "verdict": "promising",
    },
    {"id": "p-teach", "title": "Teaching [bold]online[/]", "question": "", "verdict": ""},
]


def _call(day: str) -> dict[str, StageTimes]:
    return {
        "prepare": StageTimes(),
        "live": StageTimes(started=f"{day}T15:00:00+00:00", ended=f"{day}T15:25:00+00:00"),
        "debrief": StageTimes(),
    }


def contacts() -> list[dict[str, Any]]:
    """The people behind the conversations (Dana has since married: a new surname)."""
    return [
        Contact(id="c-dana", name="Dana Whitfield-Okafor", organisation="Acme Café").to_dict(),
        Contact(id="c-luis", name="Luis Ortega", organisation="Blue Harbor").to_dict(),
    ]


def interviews() -> list[dict[str, Any]]:
    """Five conversations, newest first: Sam (planned), Zoë (practice), Luis, Dana, Ana."""
    dana = Interview(
        id="dana00000001",
        contact_id="c-dana",
        contact_name="Dana Whitfield",
        contact_org="Acme Café",
        status="debriefed",
        scheduled_at="2026-03-02T15:00:00+00:00",
        stages=_call("2026-03-02"),
        goals="Learn how analysts get into healthcare",
        research="Acme runs clinics in three cities",
        intro="I teach maths and I am exploring data work",
        notes=[
            Note("q1", 30, "She said a portfolio matters more than a degree."),
            Note("q2", 90, "A typical week: two days of reviews, then planning."),
        ],
        flags=[
            Flag("advice", "q1", 40, "Build a small portfolio site"),
            Flag("quote", "q2", 95, "Data is a team sport"),
            Flag("referral", None, 120, "Talk to Luis Ortega at Blue Harbor"),
        ],
        debrief=Debrief(
            learned="Portfolios beat résumés for analysts",
            interest=4,
            still_need="How do hospitals hire analysts?",
        ),
        actions=[Action(text="Draft a portfolio page", due="2026-03-09")],
        thank_you=ThankYou(
            text="Thank you for the advice about the portfolio.",
            sent_at="2026-03-02T18:00:00+00:00",
        ),
    ).to_dict()
    dana["path_id"] = "p-health"
    luis = Interview(
        id="luis00000002",
        contact_id="c-luis",
        contact_name="Luis Ortega",
        contact_org="Blue Harbor",
        status="ended",
        scheduled_at="2026-04-10T09:00:00+00:00",
        stages=_call("2026-04-10"),
        notes=[
            Note("q1", 10, "Co-op programmes help; a typical week is mostly meetings."),
            Note("q2", 60, "He works at a café near the port."),
        ],
        flags=[Flag("opening", "q2", 70, "They are hiring a junior analyst")],
    ).to_dict()
    luis["path_id"] = "p-teach"
    zoe = Interview(
        id="zoe000000003",
        contact_name="Zoë Martin",
        contact_org="Cedar Health",
        practice=True,
        status="ended",
        scheduled_at="2026-05-01T10:00:00+00:00",
        stages=_call("2026-05-01"),
        notes=[Note(None, 5, "Practice run: my portfolio pitch, to a friend")],
    ).to_dict()
    ana = Interview(
        id="ana000000004",
        contact_name="Ana Silva",
        contact_org="Evergreen Bank",
        status="debriefed",
        scheduled_at="2025-12-01T11:00:00+00:00",
        stages=_call("2025-12-01"),
        notes=[Note(None, 5, "Spreadsheets everywhere; nobody asked about a portfolio")],
        debrief=Debrief(learned="Banking data teams are small", interest=2),
    ).to_dict()
    ana["path_id"] = "p-health"
    sam = Interview(
        id="sam000000005",
        contact_name="Sam Lee",
        contact_org="Delta Freight",
        status="planned",
        scheduled_at="2026-06-01T10:00:00+00:00",
        goals="Ask about the weekly rhythm of a data team",
    ).to_dict()
    return [sam, zoe, luis, dana, ana]


def transcripts() -> list[dict[str, Any]]:
    """Dana's call, transcribed."""
    return [
        {
            "id": "dana00000001",
            "interview_id": "dana00000001",
            "format": "vtt",
            "me": "Me",
            "segments": [
                {"start": 1.0, "end": 4.0, "speaker": "Me", "text": "Thanks for your time."},
                {
                    "start": 5.0,
                    "end": 9.0,
                    "speaker": "Dana",
                    "text": "Honestly, the portfolio is what got me hired.",
                    "question_id": "q1",
                },
            ],
        }
    ]


def write_folder(paths: Any, *, with_tables: bool = True) -> None:
    """Write the samples as a data folder's DB file, in the layout the store writes (the
    ``paths`` and ``transcripts`` tables left out with ``with_tables=False``)."""
    import orjson

    from coach.store.loading import SCHEMA_VERSION
    from coach.store.storage import write_atomically

    data: dict[str, Any] = {
        "contacts": {str(k + 1): doc for k, doc in enumerate(contacts())},
        "interviews": {str(k + 1): doc for k, doc in enumerate(interviews())},
        "transcripts": {},
        "paths": {},
    }
    if with_tables:
        data["transcripts"] = {str(k + 1): doc for k, doc in enumerate(transcripts())}
        data["paths"] = {str(k + 1): doc for k, doc in enumerate(PATHS)}
    data["meta"] = {"1": {"schema_version": SCHEMA_VERSION}}
    paths.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(paths.db, [orjson.dumps(data)])
