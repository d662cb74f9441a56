"""What Home shows: what is next, computed from interview summaries each time it is asked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

Reason = Literal["interrupted", "upcoming", "unscheduled", "debrief", "thank-you", "done"]

# Home shows this many finished interviews; the rest are a command away (coach interviews list).
RECENT_DONE = 5


@dataclass(frozen=True)
class OutlookItem:
    """One line on Home: an interview and why it is listed."""

    interview_id: str
    reason: Reason
    person: str
    when: datetime | None
    practice: bool


@dataclass(frozen=True)
class Outlook:
    """Home's lists, each in the order a person would work through them."""

    interrupted: tuple[OutlookItem, ...]
    upcoming: tuple[OutlookItem, ...]
    waiting: tuple[OutlookItem, ...]
    total_interviews: int
    # The most recently finished interviews, newest first, so a record is easy to reopen.
    done: tuple[OutlookItem, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True on a first run: nothing recorded yet."""
        return self.total_interviews == 0 and not self.interrupted


def _when(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _person(doc: Mapping[str, Any]) -> str:
    name = str(doc.get("contact_name") or "").strip()
    return name or "(no name yet)"


def build_outlook(
    summaries: Iterable[Mapping[str, Any]], interrupted_ids: Iterable[str]
) -> Outlook:
    """Sort interviews into interrupted calls, upcoming ones and those waiting for the user.

    ``summaries`` are interview documents (top-level fields suffice, plus ``thank_you``);
    ``interrupted_ids`` are interviews with a leftover live-notes journal.
    """
    interrupted_set = set(interrupted_ids)
    interrupted: list[OutlookItem] = []
    upcoming: list[OutlookItem] = []
    waiting: list[OutlookItem] = []
    done: list[tuple[str, OutlookItem]] = []
    total = 0
    for doc in summaries:
        total += 1
        interview_id = str(doc.get("id", ""))
        status = doc.get("status", "planned")
        practice = bool(doc.get("practice", False))
        when = _when(doc.get("scheduled_at"))
        person = _person(doc)
        if interview_id in interrupted_set:
            interrupted.append(OutlookItem(interview_id, "interrupted", person, when, practice))
        elif status == "planned":
            reason: Reason = "upcoming" if when else "unscheduled"
            upcoming.append(OutlookItem(interview_id, reason, person, when, practice))
        elif status in ("ended", "live"):
            waiting.append(OutlookItem(interview_id, "debrief", person, when, practice))
        elif status == "debriefed":
            thank_you = doc.get("thank_you") or {}
            unsent = isinstance(thank_you, Mapping) and not thank_you.get("sent_at")
            if unsent and not practice:
                waiting.append(OutlookItem(interview_id, "thank-you", person, when, practice))
            else:
                item = OutlookItem(interview_id, "done", person, when, practice)
                done.append((_finished_at(doc), item))
    # Scheduled first, soonest first; unscheduled drafts after them.
    upcoming.sort(key=lambda item: (item.when is None, item.when.timestamp() if item.when else 0))
    done.sort(key=lambda pair: pair[0], reverse=True)
    recent = tuple(item for _, item in done[:RECENT_DONE])
    return Outlook(tuple(interrupted), tuple(upcoming), tuple(waiting), total, recent)


def _finished_at(doc: Mapping[str, Any]) -> str:
    # ISO strings with offsets from one machine sort well enough for "most recent first".
    value = doc.get("updated_at") or doc.get("scheduled_at") or ""
    return value if isinstance(value, str) else ""
