"""What an interview is searched in: its fields and sections, who, and when."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coach.core.clock import parse_when
from coach.core.interview import FLAG_KINDS
from coach.core.text import clean, clean_line

#: The fields a result can come from, as ``coach search --json`` names them.
FIELDS: tuple[str, ...] = (
    "notes",
    "debrief",
    "flags",
    "goals",
    "research",
    "intro",
    "thank_you",
    "actions",
    "transcript",
)

#: The parts of an interview that are searched, in the order a conversation produces them
#: (results within one interview come in this order). Flagged lines are kept apart by kind so
#: that ``flag:advice`` can look at advice alone; all four are reported as the field "flags".
SECTIONS: tuple[str, ...] = (
    "goals",
    "research",
    "intro",
    "notes",
    *(f"flags:{kind}" for kind in FLAG_KINDS),
    "transcript",
    "debrief",
    "actions",
    "thank_you",
)

#: The debrief answers that are text (the interest score is a number and is not searched).
DEBRIEF_ANSWERS: tuple[str, ...] = ("learned", "surprised", "interest_why", "fit", "still_need")


def field_of(section: str) -> str:
    """The field a section is reported as ("flags:advice" is in the field "flags")."""
    return section.split(":", 1)[0]


@dataclass(frozen=True)
class Searchable:
    """One interview as search sees it: who, when, and the text of each section.

    ``people`` and ``orgs`` are every name the conversation can be found by with ``person:``
    and ``org:`` (the names copied into the interview and the contact's current ones).
    ``when`` orders conversations (newest first); ``date`` is the day shown.
    """

    interview_id: str
    person: str
    date: str
    when: str
    practice: bool
    path_id: str | None
    people: tuple[str, ...]
    orgs: tuple[str, ...]
    sections: Mapping[str, tuple[str, ...]]


def _text(value: object) -> str:
    return clean(value).strip() if isinstance(value, str) else ""


def _line(value: object) -> str:
    return clean_line(value) if isinstance(value, str) else ""


def _mappings(value: object) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _texts(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(t for t in (_text(v) for v in values) if t)


def section_items(
    interview: Mapping[str, Any], section: str, transcript: Mapping[str, Any] | None = None
) -> tuple[str, ...]:
    """The texts of one section of a stored interview (cleaned, empty ones left out).

    ``transcript`` is the interview's document from the ``transcripts`` table, if any.
    """
    if section in ("goals", "research", "intro"):
        return _texts([interview.get(section)])
    if section == "notes":
        return _texts(n.get("text") for n in _mappings(interview.get("notes")))
    if section.startswith("flags:"):
        kind = section[6:]
        return _texts(
            f.get("text")
            for f in _mappings(interview.get("flags"))
            if _line(f.get("kind")).lower() == kind
        )
    if section == "debrief":
        debrief = interview.get("debrief")
        if not isinstance(debrief, Mapping):
            return ()
        return _texts(debrief.get(answer) for answer in DEBRIEF_ANSWERS)
    if section == "actions":
        return _texts(a.get("text") for a in _mappings(interview.get("actions")))
    if section == "thank_you":
        thanks = interview.get("thank_you")
        return _texts([thanks.get("text")]) if isinstance(thanks, Mapping) else ()
    if section == "transcript":
        if transcript is None:
            return ()
        return _texts(s.get("text") for s in _mappings(transcript.get("segments")))
    return ()


def interview_date(interview: Mapping[str, Any]) -> tuple[str, str]:
    """``(day, sort key)`` of a conversation: when the call started, else when it was
    scheduled, else when it was made. The day is as recorded (in its own offset); the key is
    UTC, so conversations order by when they happened. ``("", "")`` when none is readable."""
    stages = interview.get("stages")
    live = stages.get("live") if isinstance(stages, Mapping) else None
    candidates = (
        live.get("started") if isinstance(live, Mapping) else None,
        interview.get("scheduled_at"),
        interview.get("created_at"),
    )
    for value in candidates:
        when = parse_when(value)
        if when is not None:
            key = when.timestamp()
            return when.date().isoformat(), f"{key:020.3f}"
    return "", ""


def searchable(
    interview: Mapping[str, Any],
    *,
    contact: Mapping[str, Any] | None = None,
    transcript: Mapping[str, Any] | None = None,
) -> Searchable:
    """What search needs of one stored interview, its contact and its call transcript."""
    day, when = interview_date(interview)
    person = _line(interview.get("contact_name"))
    people = [person]
    orgs = [_line(interview.get("contact_org"))]
    if contact is not None:
        people.append(_line(contact.get("name")))
        orgs.append(_line(contact.get("organisation")))
    path_id = _line(interview.get("path_id")) or None
    sections = {s: section_items(interview, s, transcript) for s in SECTIONS}
    return Searchable(
        interview_id=_line(interview.get("id")),
        person=person,
        date=day,
        when=when,
        practice=interview.get("practice") is True,
        path_id=path_id,
        people=tuple(dict.fromkeys(p for p in people if p)),
        orgs=tuple(dict.fromkeys(o for o in orgs if o)),
        sections={s: items for s, items in sections.items() if items},
    )
