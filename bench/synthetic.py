"""Deterministic synthetic data folders for benchmarks: the same ``i`` gives the same bytes.

An interview is about 13 KB of JSON: a plan of 8 questions, 25 notes of 300 characters,
flags, cues, a debrief, an action and a thank-you — the size the targets in
docs/benchmarks.md are stated for. Documents go through coach's own models, so they have
exactly the stored shape, and Home shows what a real history would: a few upcoming calls
and a few interviews waiting, with names.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

WORDS = [
    "team",
    "product",
    "customer",
    "market",
    "growth",
    "hiring",
    "skills",
    "data",
    "design",
    "process",
    "career",
    "role",
    "mentor",
    "advice",
    "project",
    "budget",
    "launch",
    "feedback",
    "research",
    "strategy",
    "culture",
    "manager",
    "startup",
    "learning",
    "network",
    "industry",
    "trend",
    "change",
    "challenge",
    "question",
    "referral",
    "week",
]

FIRST = ["Ana", "Ben", "Chloe", "Dev", "Ema", "Femi", "Gus", "Hana", "Ivo", "June", "Kai", "Lena"]
LAST = ["Ortiz", "Park", "Quinn", "Rao", "Silva", "Tanaka", "Ueda", "Vogel", "Wu", "Young"]
ORGS = ["Acme Labs", "Blue Harbor", "Cedar Health", "Delta Freight", "Evergreen Bank"]


def _text(rng: random.Random, length: int) -> str:
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:length]


HOW_KNOWN = ["alumni", "referral", "cold", "colleague"]


def make_contact(i: int) -> dict[str, Any]:
    """Contact number ``i``: name, role, organisation and how they are known."""
    from coach.core.contact import Contact

    rng = random.Random(f"contact-{i}")
    doc = {
        "id": f"c{i:06d}",
        "name": contact_name(i),
        "role": rng.choice(["Engineer", "Designer", "Analyst", "Director", "Founder"]),
        "organisation": rng.choice(ORGS),
        "how_known": rng.choice(HOW_KNOWN),
        "email": f"person{i}@example.com",
        "notes": _text(rng, 120),
        "created_at": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00+00:00",
    }
    # Through the real model, so the stored shape is exactly what coach writes.
    return Contact.from_dict(doc).to_dict()


def contact_name(i: int) -> str:
    """The name of contact ``i`` (also copied into that contact's interviews)."""
    rng = random.Random(f"contact-name-{i}")
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _stamp(day: int, hour: int = 15, minute: int = 0) -> str:
    """An ISO time ``day`` days after 2024-01-01 (days spread a history over ~3 years)."""
    import datetime as dt

    when = dt.datetime(2024, 1, 1, hour, minute, tzinfo=dt.UTC) + dt.timedelta(days=day)
    return when.isoformat(timespec="seconds")


def make_interview(i: int, n_interviews: int = 1000) -> dict[str, Any]:
    """Interview number ``i`` (about 13 KB as JSON when debriefed), with contact ``c{i % 500}``.

    Like a real history: most interviews are debriefed with the thank-you sent; one in 50
    is planned (scheduled after the rest), one in 50 ended without a debrief yet and one in
    50 debriefed with the thank-you still to send.
    """
    from coach.core.interview import Interview

    rng = random.Random(f"interview-{i}")
    contact = i % 500
    questions = [
        {
            "id": f"q{n}",
            "text": _text(rng, 70),
            "section": rng.choice(["Their path", "The work", "Advice"]),
            "priority": rng.choice(["must", "should", "could"]),
            "minutes": rng.choice([1, 2, 3]),
            "probes": [_text(rng, 30)],
            "source": "general",
        }
        for n in range(8)
    ]
    kind = i % 50
    status = {0: "planned", 1: "ended", 2: "debriefed"}.get(kind, "debriefed")
    # Spread the history so the newest interviews are the latest days.
    day = (i * 1000) // max(n_interviews, 1)
    scheduled = _stamp(day)
    doc: dict[str, Any] = {
        "id": f"i{i:06d}",
        "contact_id": f"c{contact:06d}",
        "contact_name": contact_name(contact),
        "contact_role": rng.choice(["Engineer", "Designer", "Analyst", "Director", "Founder"]),
        "contact_org": rng.choice(ORGS),
        "status": status,
        "scheduled_at": _stamp(1000 + i % 30) if status == "planned" else scheduled,
        "minutes_asked": rng.choice([15, 20, 30]),
        "medium": rng.choice(["phone", "video", "in_person"]),
        "goals": _text(rng, 100),
        "plan": {"set_ids": ["general"], "questions": questions},
        "created_at": _stamp(day - 7, 9),
        "updated_at": _stamp(day + 1, 9),
    }
    if status != "planned":
        doc["notes"] = [
            {
                "question_id": f"q{n % 8}",
                "offset_s": 30 * n,
                "text": _text(rng, 300),
                "at": _stamp(day, 15, n % 60),
            }
            for n in range(25)
        ]
        doc["flags"] = [
            {
                "kind": rng.choice(["referral", "advice", "quote"]),
                "question_id": "q2",
                "offset_s": 300,
                "text": _text(rng, 60),
            }
        ]
        doc["cues"] = [{"kind": "wrap-up", "offset_s": 900, "text": "Five minutes left"}]
        doc["asked"] = [f"q{n}" for n in range(6)]
        doc["stages"] = {
            "prepare": {"started": _stamp(day - 7, 9), "ended": _stamp(day - 7, 10)},
            "live": {"started": scheduled, "ended": _stamp(day, 15, 25)},
        }
    if status == "debriefed":
        doc["debrief"] = {
            "learned": _text(rng, 150),
            "surprised": _text(rng, 80),
            "interest": rng.randint(1, 5),
            "interest_why": _text(rng, 60),
            "fit": _text(rng, 60),
            "still_need": _text(rng, 100),
        }
        doc["actions"] = [
            {
                "id": f"a{i}-1",
                "text": _text(rng, 50),
                "due": _stamp(day + 7)[:10],
                "done_at": _stamp(day + 5),
                "kind": "advice",
                "reported_back_at": _stamp(day + 9),
            }
        ]
        doc["thank_you"] = {
            "text": _text(rng, 200),
            "due_at": _stamp(day + 1),
            "sent_at": None if kind == 2 else _stamp(day, 18),
        }
    # Through the real model, so the stored shape is exactly what coach writes.
    return Interview.from_dict(doc).to_dict()


def tinydb_data(n_interviews: int) -> dict[str, Any]:
    """The whole DB file's content as TinyDB-shaped tables, at coach's current schema and in
    the order coach writes them, so opening it takes the path a person's file takes (no
    migration)."""
    from coach.store.loading import SCHEMA_VERSION

    n_contacts = min(500, max(1, n_interviews))
    return {
        "contacts": {str(k + 1): make_contact(k) for k in range(n_contacts)},
        "interviews": {str(k + 1): make_interview(k, n_interviews) for k in range(n_interviews)},
        "transcripts": {},
        "paths": {},
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }


def build_data_folder(path: Path, n_interviews: int) -> Path:
    """Make ``path`` a data folder whose DB holds ``n_interviews`` interviews; returns ``path``."""
    import orjson

    from coach.store.storage import write_atomically

    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path / "coach.json", [orjson.dumps(tinydb_data(n_interviews))])
    return path
