"""iCalendar (RFC 5545): scheduled interviews as events, due follow-ups as to-dos.

Also the content-line rules shared with vCard (which borrows them): CRLF line ends, folding at
75 octets without splitting a UTF-8 sequence, and escaping of backslash, comma, semicolon and
newline in text values. A small parser reads files back (tests round-trip what we write).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from coach import __version__
from coach.core.agenda import AgendaItem
from coach.core.contact import Contact, parse_when
from coach.core.text import clean

CRLF = "\r\n"
FOLD_OCTETS = 75
ALARM_MINUTES = 15
DEFAULT_MINUTES = 20


# -- content lines -----------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newline."""
    value = clean(value)
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
        .replace("\t", " ")
    )


_UNESCAPE = re.compile(r"\\(.)", re.S)


def unescape_text(value: str) -> str:
    """Undo :func:`escape_text` (``\\n`` and ``\\N`` are newlines; other escapes keep the char)."""
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_unescaped(value: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not escaped with a backslash (values stay escaped)."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char)
            current.append(next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets, joined by CRLF and a space."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return line
    chunks: list[str] = []
    start = 0
    limit = FOLD_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        # Step back off UTF-8 continuation bytes so a character is never cut in two.
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        chunks.append(data[start:end].decode("utf-8"))
        start = end
        limit = FOLD_OCTETS - 1  # continuation lines start with a space, which counts
    return (CRLF + " ").join(chunks)


def unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the physical line number each starts on; accepts CRLF or LF."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if raw[:1] in (" ", "\t") and lines:
            start, previous = lines[-1]
            lines[-1] = (start, previous + raw[1:])
        elif raw:
            lines.append((number, raw))
    return lines


@dataclass(frozen=True)
class ContentLine:
    """``[group.]NAME[;PARAM=value...]:value``; name upper-cased, group lower-cased."""

    name: str
    params: dict[str, list[str]]
    value: str
    group: str = ""


class ContentLineError(ValueError):
    """A logical line that is not ``name:value``."""


def parse_content_line(line: str) -> ContentLine:
    """Split one unfolded line into group, name, parameters and the raw (still escaped) value."""
    in_quotes = False
    colon = -1
    for position, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            colon = position
            break
    if colon <= 0:
        raise ContentLineError("expected NAME:value")
    head, value = line[:colon], line[colon + 1 :]
    pieces = _split_params(head)
    name = pieces[0]
    group = ""
    if "." in name:
        group, name = name.rsplit(".", 1)
    if not re.fullmatch(r"[A-Za-z0-9-]+", name):
        raise ContentLineError(f"bad property name {name!r}")
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, _, raw = piece.partition("=")
        values = [v.strip('"') for v in _split_outside_quotes(raw, ",")] if raw else []
        params.setdefault(key.upper(), []).extend(values)
    return ContentLine(name=name.upper(), params=params, value=value, group=group.lower())


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    for char in text:
        if char == '"':
            in_quotes = not in_quotes
            current.append(char)
        elif char == separator and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_params(head: str) -> list[str]:
    return _split_outside_quotes(head, ";")


# -- the calendar ------------------------------------------------------------------------------


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
    """The calendar being written: its lines before folding."""

    lines: list[str] = field(default_factory=list)

    def add(self, name: str, value: str, params: str = "") -> None:
        """One property; ``value`` must already be escaped where it is text."""
        self.lines.append(f"{name}{params}:{value}")

    def text(self) -> str:
        """The whole calendar, folded, with CRLF line ends."""
        return "".join(fold(line) + CRLF for line in self.lines)


def build_calendar(
    interviews: Iterable[Mapping[str, Any]],
    contacts: Sequence[Contact],
    items: Iterable[AgendaItem],
    now: datetime,
) -> str:
    """The iCalendar text: a VEVENT per scheduled interview (plan in the description, an alarm
    15 minutes before) and a VTODO per follow-up item. ``now`` becomes every DTSTAMP.
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
    return cal.text()


# -- reading back ------------------------------------------------------------------------------


@dataclass
class Component:
    """A parsed component (VCALENDAR, VEVENT, ...) with its properties and children."""

    name: str
    properties: list[ContentLine] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        """The unescaped value of the first property called ``name``."""
        for prop in self.properties:
            if prop.name == name:
                return unescape_text(prop.value)
        return None

    def all(self, name: str) -> list[Component]:
        """Child components called ``name``."""
        return [c for c in self.children if c.name == name]


class CalendarError(ValueError):
    """A file that is not a well-formed iCalendar, with the line where it goes wrong."""


def parse_calendar(text: str) -> Component:
    """Parse iCalendar text into its top component, checking BEGIN/END nesting."""
    stack: list[Component] = []
    top: Component | None = None
    for number, line in unfold(text):
        try:
            prop = parse_content_line(line)
        except ContentLineError as error:
            raise CalendarError(f"line {number}: {error}") from None
        if prop.name == "BEGIN":
            component = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(component)
            elif top is not None:
                raise CalendarError(f"line {number}: content after the calendar ended")
            else:
                top = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.upper():
                raise CalendarError(f"line {number}: END:{prop.value} does not close anything open")
            stack.pop()
        elif not stack:
            raise CalendarError(f"line {number}: property outside any component")
        else:
            stack[-1].properties.append(prop)
    if top is None or stack:
        raise CalendarError("the calendar is not closed")
    return top
