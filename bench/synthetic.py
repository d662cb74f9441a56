"""Deterministic synthetic data folders for benchmarks: the same ``i`` gives the same bytes.

An interview is about 10 KB of JSON: a plan of 8 questions, 25 notes of 300 characters,
flags, cues and a debrief — the size the targets in docs/benchmarks.md are stated for.
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


def make_contact(i: int) -> dict[str, Any]:
    """Contact number ``i``: name, role, organisation and how they are known."""
    rng = random.Random(f"contact-{i}")
    return {
        "id": f"c{i:06d}",
        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "role": rng.choice(["Engineer", "Designer", "Analyst", "Director", "Founder"]),
        "organisation": rng.choice(ORGS),
        "how_known": rng.choice(["alumni", "referral", "cold", "colleague"]),
        "email": f"person{i}@example.com",
        "notes": _text(rng, 120),
        "created": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00",
    }


def make_interview(i: int) -> dict[str, Any]:
    """Interview number ``i`` (about 10 KB as JSON), with contact ``c{i % 500}``."""
    rng = random.Random(f"interview-{i}")
    questions = [
        {
            "id": f"q{n}",
            "text": _text(rng, 70),
            "priority": rng.choice(["must", "should", "could"]),
            "minutes": rng.choice([1, 2, 3]),
            "probes": [_text(rng, 30)],
        }
        for n in range(8)
    ]
    notes = [
        {
            "question_id": f"q{n % 8}",
            "offset_s": 30 * n,
            "text": _text(rng, 300),
            "flag": rng.choice([None, None, None, "referral", "advice", "quote"]),
        }
        for n in range(25)
    ]
    return {
        "id": f"i{i:06d}",
        "contact_id": f"c{i % 500:06d}",
        "title": f"Call with contact {i % 500}",
        "status": rng.choice(["planned", "done", "debriefed"]),
        "scheduled": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T15:00:00",
        "minutes_asked": rng.choice([15, 20, 30]),
        "medium": rng.choice(["phone", "video", "in person"]),
        "practice": False,
        "plan": {"set_ids": ["general"], "questions": questions, "goals": _text(rng, 100)},
        "notes": notes,
        "cues_shown": [{"cue": "wrap-up", "offset_s": 900}],
        "debrief": {
            "learned": _text(rng, 150),
            "surprised": _text(rng, 80),
            "interest": rng.randint(1, 5),
            "next": _text(rng, 100),
        },
        "stages": {"prepare": "2024-01-01T10:00:00", "live": "2024-01-02T15:00:00"},
    }


def tinydb_data(n_interviews: int) -> dict[str, Any]:
    """The whole DB file's content as TinyDB-shaped tables."""
    n_contacts = min(500, max(1, n_interviews))
    return {
        "contacts": {str(k + 1): make_contact(k) for k in range(n_contacts)},
        "interviews": {str(k + 1): make_interview(k) for k in range(n_interviews)},
        "meta": {"1": {"schema_version": 1}},
    }


def build_data_folder(path: Path, n_interviews: int) -> Path:
    """Make ``path`` a data folder whose DB holds ``n_interviews`` interviews; returns ``path``."""
    import orjson

    from coach.store.storage import write_atomically

    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path / "coach.json", [orjson.dumps(tinydb_data(n_interviews))])
    return path
