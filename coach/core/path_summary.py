"""Where each path stands: conversations held and planned, interest over time, what is open.

Worked out from the paths, the interview summaries (top-level fields, the debrief, referrals
and actions are all in them) and the contacts every time it is asked, like the agenda: nothing
here is stored. Practice runs never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.core import fields
from coach.core.contact import STAGES
from coach.core.interview import counted
from coach.core.open_questions import open_questions
from coach.core.paths import CareerPath, path_of
from coach.core.progress import InterestPoint, path_progress
from coach.core.search_fields import interview_date

_HELD = frozenset({"ended", "debriefed"})
_PLANNED = frozenset({"planned", "live"})
_ASKED_STAGES = frozenset(STAGES[STAGES.index("asked") :])


@dataclass(frozen=True)
class Suggested:
    """Someone a conversation on the path suggested, not asked for a conversation yet."""

    name: str
    suggested_by: str
    interview_id: str
    contact_id: str | None = None


@dataclass(frozen=True)
class OpenAction:
    """Advice to act on, or one's own action, from a conversation on the path, not done yet."""

    text: str
    due: str
    person: str
    interview_id: str


@dataclass(frozen=True)
class PathSummary:
    """One path and where it stands."""

    path: CareerPath
    held: int = 0
    planned: int = 0
    interest: tuple[InterestPoint, ...] = ()
    open_questions: tuple[str, ...] = ()
    suggested: tuple[Suggested, ...] = ()
    actions: tuple[OpenAction, ...] = ()

    @property
    def verdict(self) -> str:
        """The person's own line about the path, or ``""``."""
        return self.path.verdict

    def conversations(self) -> str:
        """ "2 held · 1 planned", in words."""
        held = f"{self.held} held"
        return f"{held} · {self.planned} planned" if self.planned else held

    def interest_line(self) -> str:
        """Interest from each debrief, oldest first, as numbers ("3 → 4 → 2"), or ``""``."""
        return " → ".join(str(point.interest) for point in self.interest)


def summarise(
    paths: Sequence[CareerPath],
    interviews: Iterable[Mapping[str, Any]],
    contacts: Iterable[Mapping[str, Any]],
) -> list[PathSummary]:
    """A summary of each path, in the order given."""
    talks = counted(doc for doc in interviews if isinstance(doc, Mapping))
    people = {fields.line(c.get("id")): c for c in contacts if isinstance(c, Mapping)}
    with_talks = {fields.line(t.get("contact_id")) for t in talks if t.get("contact_id")}
    on_path: dict[str, list[Mapping[str, Any]]] = {}
    for talk in talks:
        path_id = path_of(talk)
        if path_id is not None:
            on_path.setdefault(path_id, []).append(talk)
    interest = {
        progress.id: progress.interest
        for progress in path_progress([p.to_dict() for p in paths], talks)
    }
    summaries: list[PathSummary] = []
    for path in paths:
        mine = sorted(on_path.get(path.id, []), key=interview_date)
        statuses = [fields.line(t.get("status")).lower() for t in mine]
        summaries.append(
            PathSummary(
                path=path,
                held=sum(1 for s in statuses if s in _HELD),
                planned=sum(1 for s in statuses if s in _PLANNED),
                interest=interest.get(path.id, ()),
                open_questions=tuple(q.text for q in open_questions(path)),
                suggested=tuple(_suggested(mine, people, with_talks)),
                actions=tuple(_open_actions(mine)),
            )
        )
    return summaries


def _asked(contact: Mapping[str, Any] | None, contact_id: str, with_talks: set[str]) -> bool:
    if contact_id in with_talks:
        return True
    if contact is None:
        return False
    kinds = {
        fields.line(i.get("kind")).lower() for i in fields.mappings(contact.get("interactions"))
    }
    return (
        fields.iso(contact.get("asked_at")) is not None
        or "ask" in kinds
        or fields.line(contact.get("stage")).lower() in _ASKED_STAGES
    )


def _suggested(
    talks: Sequence[Mapping[str, Any]],
    people: Mapping[str, Mapping[str, Any]],
    with_talks: set[str],
) -> list[Suggested]:
    found: list[Suggested] = []
    seen: set[str] = set()
    for talk in talks:
        by = fields.line(talk.get("contact_name"))
        for referral in fields.mappings(talk.get("referrals")):
            name = fields.line(referral.get("name"))
            contact_id = fields.optional_id(referral.get("contact_id"))
            contact = people.get(contact_id) if contact_id else None
            if contact is not None:
                name = fields.line(contact.get("name")) or name
            key = contact_id or " ".join(name.casefold().split())
            if not name or key in seen or _asked(contact, contact_id or "", with_talks):
                continue
            seen.add(key)
            found.append(Suggested(name, by, fields.line(talk.get("id")), contact_id))
    return found


def _open_actions(talks: Sequence[Mapping[str, Any]]) -> list[OpenAction]:
    found: list[OpenAction] = []
    for talk in talks:
        for action in fields.mappings(talk.get("actions")):
            text = fields.text(action.get("text")).strip()
            if not text or fields.iso(action.get("done_at")) is not None:
                continue
            found.append(
                OpenAction(
                    text=text,
                    due=fields.day(action.get("due")) or "",
                    person=fields.line(talk.get("contact_name")),
                    interview_id=fields.line(talk.get("id")),
                )
            )
    found.sort(key=lambda a: (a.due or "9999", a.text.casefold()))
    return found
