"""What Home shows: what is next, computed from interview summaries each time it is asked."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
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
    summaries: Iterable[Mapping[str, Any]],
    interrupted_ids: Iterable[str],
    *,
    of_total: int | None = None,
) -> Outlook:
    """Sort interviews into interrupted calls, upcoming ones and those waiting for the user.

    ``summaries`` are interview documents (top-level fields suffice, plus ``thank_you``);
    ``interrupted_ids`` are interviews with a leftover live-notes journal. ``of_total``, when
    given, is how many interviews there are in all: ``summaries`` are then only those
    `outlook_shortlist` chose of them.
    """
    interrupted_set = set(interrupted_ids)
    interrupted: list[OutlookItem] = []
    upcoming: list[OutlookItem] = []
    waiting: list[OutlookItem] = []
    # Finished interviews are most of a long history and only a few are shown: keep the
    # document and build (parse the date of) only those.
    done: list[tuple[str, Mapping[str, Any]]] = []
    total = 0
    for doc in summaries:
        total += 1
        if str(doc.get("id", "")) in interrupted_set:
            interrupted.append(_item(doc, "interrupted"))
            continue
        shelf = _shelf(doc)
        if shelf == "upcoming":
            item = _item(doc, "upcoming")
            upcoming.append(item if item.when else _item(doc, "unscheduled"))
        elif shelf == "done":
            done.append((_finished_at(doc), doc))
        elif shelf is not None:
            waiting.append(_item(doc, shelf))
    # Scheduled first, soonest first; unscheduled drafts after them.
    upcoming.sort(key=lambda item: (item.when is None, item.when.timestamp() if item.when else 0))
    newest = heapq.nlargest(RECENT_DONE, done, key=lambda pair: pair[0])
    recent = tuple(_item(doc, "done") for _, doc in newest)
    if of_total is not None:
        total = of_total
    return Outlook(tuple(interrupted), tuple(upcoming), tuple(waiting), total, recent)


def _shelf(doc: Mapping[str, Any]) -> Literal["upcoming", "debrief", "thank-you", "done"] | None:
    """Where an interview no call of which is interrupted goes, by its status (None: nowhere)."""
    status = doc.get("status", "planned")
    if status == "planned":
        return "upcoming"
    if status in ("ended", "live"):
        return "debrief"
    if status == "debriefed":
        thank_you = doc.get("thank_you") or {}
        unsent = isinstance(thank_you, Mapping) and not thank_you.get("sent_at")
        return "thank-you" if unsent and not doc.get("practice", False) else "done"
    return None


def outlook_shortlist(summaries: Sequence[Mapping[str, Any]]) -> list[int]:
    """The positions in ``summaries`` of every interview `build_outlook` can list when no call
    is interrupted: all it files as upcoming or waiting, and the `RECENT_DONE` finished ones
    it shows. Nothing here depends on the date, so it can be kept with the summaries.

    `build_outlook` over just these (in the same order, with ``of_total`` the length of
    ``summaries``) gives the same outlook as over all of them, as long as no call is
    interrupted: an interrupted call moves its interview to the top, which can bring
    another finished one into view.
    """
    chosen: list[int] = []
    done: list[tuple[str, int]] = []
    for index, doc in enumerate(summaries):
        shelf = _shelf(doc)
        if shelf == "done":
            done.append((_finished_at(doc), index))
        elif shelf is not None:
            chosen.append(index)
    # The same choice `build_outlook` makes: ties go to the earlier one, as there.
    newest = heapq.nlargest(RECENT_DONE, done, key=lambda pair: pair[0])
    return sorted(chosen + [index for _, index in newest])


def _item(doc: Mapping[str, Any], reason: Reason) -> OutlookItem:
    held = None if reason in ("upcoming", "unscheduled") else _held_at(doc)
    return OutlookItem(
        str(doc.get("id", "")),
        reason,
        _person(doc),
        held or _when(doc.get("scheduled_at")),
        bool(doc.get("practice", False)),
    )


def _held_at(doc: Mapping[str, Any]) -> datetime | None:
    """When the call began: a call held on another day than planned is listed by its real day."""
    stages = doc.get("stages")
    live = stages.get("live") if isinstance(stages, Mapping) else None
    return _when(live.get("started")) if isinstance(live, Mapping) else None


def _finished_at(doc: Mapping[str, Any]) -> str:
    # ISO strings with offsets from one machine sort well enough for "most recent first".
    value = doc.get("updated_at") or doc.get("scheduled_at") or ""
    return value if isinstance(value, str) else ""
