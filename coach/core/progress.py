"""Progress at a glance: the outreach funnel, conversations per week, replies, interest by path.

Everything here is computed from contacts and interview *summaries* (the top-level fields,
the flat mappings such as ``debrief`` and ``thank_you``, and ``stages``), so it stays cheap
at any history size. Practice runs never count (:func:`coach.core.interview.counted`).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeGuard

from coach.core.clock import parse_when
from coach.core.contact import STAGES
from coach.core.interview import counted
from coach.core.search import interview_date
from coach.core.text import clean_line

WEEKS = 12
FUNNEL_STEPS: tuple[str, ...] = ("identified", "asked", "replied", "scheduled", "held", "thanked")

# Contact stages that say the person has answered (a time was agreed, or more).
_ANSWERED_STAGES = frozenset(STAGES[STAGES.index("scheduled") :])
_ASKED_STAGES = frozenset(STAGES[STAGES.index("asked") :])
_HELD = frozenset({"ended", "debriefed"})
_UNDER_WAY = frozenset({"live", "ended", "debriefed"})
_STATUSES = frozenset({"planned", "live", "ended", "debriefed"})
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Funnel:
    """How far outreach has got. The first three steps count people, the last three
    conversations; see :func:`funnel` for each rule."""

    identified: int = 0
    asked: int = 0
    replied: int = 0
    scheduled: int = 0
    held: int = 0
    thanked: int = 0

    def to_dict(self) -> dict[str, int]:
        """``{"identified": n, ..., "thanked": n}`` in funnel order."""
        return {step: getattr(self, step) for step in FUNNEL_STEPS}


@dataclass(frozen=True)
class WeekCount:
    """Conversations held in one ISO week (``"2026-W07"``)."""

    week: str
    conversations: int

    def to_dict(self) -> dict[str, Any]:
        """``{"week", "conversations"}``."""
        return {"week": self.week, "conversations": self.conversations}


@dataclass(frozen=True)
class InterestPoint:
    """The interest (1–5) a debrief recorded, and the day of that conversation."""

    date: str
    interest: int

    def to_dict(self) -> dict[str, Any]:
        """``{"date", "interest"}``."""
        return {"date": self.date, "interest": self.interest}


@dataclass(frozen=True)
class PathProgress:
    """One path being explored and how interest in it moved, oldest conversation first."""

    id: str
    title: str
    verdict: str
    interest: tuple[InterestPoint, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "title", "verdict", "interest": [...]}``."""
        return {
            "id": self.id,
            "title": self.title,
            "verdict": self.verdict,
            "interest": [point.to_dict() for point in self.interest],
        }


@dataclass(frozen=True)
class Progress:
    """Everything ``coach stats`` and the Progress screen show.

    ``reply_rate`` is replied / asked (people), None before anyone was asked;
    ``median_reply_days`` is None until a reply follows a dated ask.
    """

    funnel: Funnel
    per_week: tuple[WeekCount, ...]
    reply_rate: float | None
    median_reply_days: float | None
    paths: tuple[PathProgress, ...]

    def to_dict(self) -> dict[str, Any]:
        """The shape ``coach stats --json`` prints."""
        return {
            "funnel": self.funnel.to_dict(),
            "per_week": [week.to_dict() for week in self.per_week],
            "reply_rate": self.reply_rate,
            "median_reply_days": self.median_reply_days,
            "paths": [path.to_dict() for path in self.paths],
        }


def progress(
    contacts: Iterable[Mapping[str, Any]],
    interviews: Iterable[Mapping[str, Any]],
    paths: Sequence[Mapping[str, Any]] = (),
    *,
    now: datetime,
    weeks: int = WEEKS,
) -> Progress:
    """Progress from stored contacts, interview documents or summaries, and paths.

    ``now`` (timezone-aware) decides which weeks are "the last ``weeks``": the current ISO
    week and the ones before it, in ``now``'s timezone.
    """
    if now.tzinfo is None:
        raise ValueError("now must carry a timezone")
    people = [c for c in contacts if _is_map(c)]
    talks = counted(i for i in interviews if _is_map(i))
    counts = funnel(people, talks)
    delays = [d for person in people for d in reply_delays(person)]
    return Progress(
        funnel=counts,
        per_week=per_week(talks, now, weeks),
        reply_rate=round(counts.replied / counts.asked, 3) if counts.asked else None,
        median_reply_days=round(statistics.median(delays), 1) if delays else None,
        paths=path_progress(paths, talks),
    )


def funnel(people: Sequence[Mapping[str, Any]], talks: Sequence[Mapping[str, Any]]) -> Funnel:
    """The outreach funnel; ``talks`` must already leave practice runs out.

    People (contacts):

    - **identified**: every contact.
    - **asked**: a contact with an ask on record (``asked_at`` or an "ask" interaction), or
      at stage "asked" or beyond, or counted as replied below.
    - **replied**: a contact with a reply on record (``replied_at`` or a "reply"
      interaction), or at stage "scheduled" or beyond, or with a conversation scheduled or
      held (below): agreeing to a time is an answer. A conversation only being prepared,
      with no time yet, is not.

    Conversations (interviews, practice runs left out):

    - **scheduled**: given a time (``scheduled_at``) or under way or over (status live,
      ended or debriefed).
    - **held**: took place: status ended or debriefed.
    - **thanked**: held, and the thank-you was sent (``thank_you.sent_at``).

    Each step counts what reached it or any later step, so within people and within
    conversations the numbers never grow down the funnel. (Held can exceed replied: one
    person may give several conversations.)
    """
    booked = [t for t in talks if _scheduled(t)]
    with_talks = {t.get("contact_id") for t in booked if isinstance(t.get("contact_id"), str)}
    asked = replied = 0
    for person in people:
        kinds = {_line(i.get("kind")).lower() for i in _mappings(person.get("interactions"))}
        stage = _line(person.get("stage")).lower()
        answered = (
            parse_when(person.get("replied_at")) is not None
            or "reply" in kinds
            or stage in _ANSWERED_STAGES
            or person.get("id") in with_talks
        )
        if answered:
            replied += 1
        if (
            answered
            or parse_when(person.get("asked_at")) is not None
            or "ask" in kinds
            or stage in _ASKED_STAGES
        ):
            asked += 1
    scheduled = held = thanked = 0
    for talk in booked:
        scheduled += 1
        if _status(talk) in _HELD:
            held += 1
            thanks = talk.get("thank_you")
            if _is_map(thanks) and _is_time(thanks.get("sent_at")):
                thanked += 1
    return Funnel(len(people), asked, replied, scheduled, held, thanked)


def _status(talk: Mapping[str, Any]) -> str:
    # Statuses are a handful of known words, stored as written by the model: compared as they
    # are (this runs for every interview of a long history), tidied only when they are not.
    status = talk.get("status")
    if status in _STATUSES:
        return str(status)
    return status.strip().lower() if isinstance(status, str) else ""


def _is_map(value: object) -> TypeGuard[Mapping[str, Any]]:
    # isinstance against the Mapping ABC is slow; stored documents are plain dicts.
    return type(value) is dict or isinstance(value, Mapping)


def _is_time(value: object) -> bool:
    if type(value) is not str or not value:
        return False
    try:
        datetime.fromisoformat(value)  # the stored spelling: the quick way
    except ValueError:
        return parse_when(value) is not None
    return True


def _scheduled(talk: Mapping[str, Any]) -> bool:
    return _status(talk) in _UNDER_WAY or _is_time(talk.get("scheduled_at"))


def reply_delays(person: Mapping[str, Any]) -> list[float]:
    """Days from each ask to the first reply after it (before any later ask).

    Read from the logged interactions; a contact with no logged reply but an ``asked_at``
    followed by a ``replied_at`` gives that one delay.
    """
    logged: list[tuple[datetime, str]] = []
    for item in _mappings(person.get("interactions")):
        kind = _line(item.get("kind")).lower()
        when = parse_when(item.get("at"))
        if when is not None and kind in ("ask", "reply"):
            logged.append((when, kind))
    logged.sort(key=lambda pair: (pair[0], pair[1] == "reply"))
    delays: list[float] = []
    pending: datetime | None = None
    for when, kind in logged:
        if kind == "ask":
            pending = when
        elif pending is not None:
            delays.append((when - pending).total_seconds() / 86400)
            pending = None
    if not delays:
        asked = parse_when(person.get("asked_at"))
        replied = parse_when(person.get("replied_at"))
        if asked is not None and replied is not None and replied >= asked:
            delays.append((replied - asked).total_seconds() / 86400)
    return delays


def week_of(day: date) -> str:
    """The ISO week of ``day``, as ``"2026-W07"``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def per_week(
    talks: Sequence[Mapping[str, Any]], now: datetime, weeks: int = WEEKS
) -> tuple[WeekCount, ...]:
    """Conversations held in each of the last ``weeks`` ISO weeks, oldest first (zeros kept).

    A conversation is dated by when the call started (else when it was scheduled).
    """
    today = now.date()
    monday = today - timedelta(days=today.weekday())
    labels = [week_of(monday - timedelta(weeks=k)) for k in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(labels, 0)
    # A day written two days before the first Monday cannot fall in the window in any
    # timezone: such conversations (most of a long history) are passed over unparsed.
    too_old = (monday - timedelta(weeks=weeks - 1, days=2)).isoformat()
    for talk in talks:
        if _status(talk) not in _HELD:
            continue
        stages = talk.get("stages")
        live = stages.get("live") if _is_map(stages) else None
        started = live.get("started") if _is_map(live) else None
        if type(started) is str and started[:10] < too_old and _DAY.match(started):
            continue
        day, _ = interview_date(talk)
        if not day:
            continue
        label = week_of(date.fromisoformat(day))
        if label in counts:
            counts[label] += 1
    return tuple(WeekCount(label, counts[label]) for label in labels)


def path_progress(
    paths: Sequence[Mapping[str, Any]], talks: Sequence[Mapping[str, Any]]
) -> tuple[PathProgress, ...]:
    """Each path, in the order given, with the interest of each debriefed conversation on it
    (oldest first); ``talks`` must already leave practice runs out."""
    points: dict[str, list[tuple[str, str, int]]] = {}
    for talk in talks:
        path_id = talk.get("path_id")
        debrief = talk.get("debrief")
        if not isinstance(path_id, str) or not _is_map(debrief):
            continue
        raw = debrief.get("interest")
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            continue
        interest = int(raw)
        if not 1 <= interest <= 5:
            continue
        day, when = interview_date(talk)
        points.setdefault(path_id, []).append((day, when, interest))
    result: list[PathProgress] = []
    for path in paths:
        if not isinstance(path, Mapping) or not isinstance(path.get("id"), str):
            continue
        path_id = path["id"]
        series = sorted(points.get(path_id, []))
        result.append(
            PathProgress(
                id=clean_line(path_id),
                title=_line(path.get("title")),
                verdict=_line(path.get("verdict")),
                interest=tuple(InterestPoint(day, value) for day, _, value in series),
            )
        )
    return tuple(result)


def _line(value: object) -> str:
    return clean_line(value) if isinstance(value, str) else ""


def _mappings(value: object) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]
