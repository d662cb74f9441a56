"""iCalendar (RFC 5545): scheduled interviews as events, due follow-ups as to-dos.

Lines are written by the content-line rules vCard shares (``coach/io/content_lines.py``): CRLF
line ends, folding at 75 octets without splitting a UTF-8 sequence, escaped text values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from coach import __version__
from coach.core.agenda import AgendaItem
from coach.core.clock import parse_when
from coach.core.contact import Contact
from coach.core.text import clean
from coach.io.content_lines import CRLF, escape_text, fold

ALARM_MINUTES = 15
DEFAULT_MINUTES = 20


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _plan_text(doc: Mapping[str, Any]) -> str:
    plan = doc.get("plan")
    lines: list[str] = []
    if isinstance(plan, Mapping):
        questions = plan.get("questions")
        if isinstance(questions, list):
            for number, question in enumerate(questions, 1):
                text = question.get("text") if isinstance(question, Mapping) else question
                if isinstance(text, str) and text.strip():
                    lines.append(f"{number}. {clean(text).strip()}")
    return "\n".join(lines)


@dataclass
class Calendar:
    """The calendar being written: its lines before folding, and what it holds.

    ``events`` and ``todos`` count the components written, so a summary never counts text
    (a plan may well mention ``BEGIN:VEVENT``).
    """

    lines: list[str] = field(default_factory=list)
    events: int = 0
    todos: int = 0

    def add(self, name: str, value: str, params: str = "") -> None:
        """One property; ``value`` must already be escaped where it is text."""
        self.lines.append(f"{name}{params}:{value}")
        if name == "BEGIN":
            self.events += value == "VEVENT"
            self.todos += value == "VTODO"

    def text(self) -> str:
        """The whole calendar, folded, with CRLF line ends."""
        return "".join(fold(line) + CRLF for line in self.lines)


def build_calendar(
    interviews: Iterable[Mapping[str, Any]],
    contacts: Sequence[Contact],
    items: Iterable[AgendaItem],
    now: datetime,
) -> Calendar:
    """The calendar: a VEVENT per scheduled interview (plan in the description, an alarm
    15 minutes before) and a VTODO per follow-up item. ``now`` becomes every DTSTAMP.
    ``.text()`` is the iCalendar file; ``.events`` and ``.todos`` say how many of each.
    """
    names = {c.id: c.name for c in contacts}
    stamp = _utc(now)
    cal = Calendar()
    cal.add("BEGIN", "VCALENDAR")
    cal.add("VERSION", "2.0")
    cal.add("PRODID", f"-//coach//informational interviews {__version__}//EN")
    cal.add("CALSCALE", "GREGORIAN")
    for doc in interviews:
        start = parse_when(doc.get("scheduled_at"))
        if start is None or doc.get("status") not in (None, "planned"):
            continue
        interview_id = str(doc.get("id", ""))
        contact_id = doc.get("contact_id")
        who = names.get(contact_id, "") if isinstance(contact_id, str) else ""
        who = who or str(doc.get("contact_name") or "") or "someone"
        minutes = doc.get("minutes_asked")
        length = (
            float(minutes) if isinstance(minutes, int | float) and minutes > 0 else DEFAULT_MINUTES
        )
        summary = (
            "Practice conversation with " if doc.get("practice") else "Conversation with "
        ) + who
        cal.add("BEGIN", "VEVENT")
        cal.add("UID", f"interview-{interview_id}@coach")
        cal.add("DTSTAMP", stamp)
        cal.add("DTSTART", _utc(start))
        cal.add("DTEND", _utc(start + timedelta(minutes=length)))
        cal.add("SUMMARY", escape_text(clean(summary)))
        plan = _plan_text(doc)
        if plan:
            cal.add("DESCRIPTION", escape_text(plan))
        cal.add("BEGIN", "VALARM")
        cal.add("ACTION", "DISPLAY")
        cal.add("DESCRIPTION", escape_text(summary))
        cal.add("TRIGGER", f"-PT{ALARM_MINUTES}M")
        cal.add("END", "VALARM")
        cal.add("END", "VEVENT")
    for item in items:
        cal.add("BEGIN", "VTODO")
        cal.add("UID", f"{item.key.replace(':', '-')}@coach")
        cal.add("DTSTAMP", stamp)
        cal.add("DUE", _utc(item.due))
        cal.add("SUMMARY", escape_text(item.text))
        cal.add("CATEGORIES", escape_text(item.kind))
        cal.add("STATUS", "NEEDS-ACTION")
        cal.add("END", "VTODO")
    cal.add("END", "VCALENDAR")
    return cal
