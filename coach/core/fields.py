"""Tolerant readers for stored documents: one odd value must never stop the app from opening.

Each turns whatever a stored field holds (a hand edit, an older or newer coach, another tool)
into the value the models expect, or a harmless default; text is cleaned on the way in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from coach.core.clock import parse_when
from coach.core.text import clean, clean_line


def line(value: object) -> str:
    """One line of text (None is empty); anything else is its cleaned text."""
    if value is None:
        return ""
    return clean_line(value if isinstance(value, str) else str(value))


def text(value: object) -> str:
    """Cleaned text (newlines kept); anything not text is empty."""
    return clean(value) if isinstance(value, str) else ""


def iso(value: object) -> str | None:
    """A time with its offset, in the stored spelling when that is readable; else None."""
    # Keep the stored spelling when it is readable, but never a naive time.
    when = parse_when(value)
    if when is None or not isinstance(value, str):
        return None
    text = value.strip()
    return text if datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo else when.isoformat()


def day(value: object) -> str | None:
    """A day as YYYY-MM-DD, or None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def number(value: object, default: float = 0.0) -> float:
    """A number, or ``default`` for anything that is not one."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return default
    return default


def maybe_number(value: object) -> float | None:
    """A number that is not negative, or None."""
    if value is None or isinstance(value, bool):
        return None
    read = number(value, -1.0)
    return read if read >= 0 else None


def mappings(value: object) -> list[Mapping[str, Any]]:
    """The mappings in a list, skipping anything else."""
    if not isinstance(value, list | tuple):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def lines(value: object) -> list[str]:
    """The non-empty lines of text in a list."""
    if not isinstance(value, list | tuple):
        return []
    return [text for text in (line(item) for item in value) if text]


def ids(value: object) -> list[str]:
    """Ids in a list, each once, in order."""
    seen: list[str] = []
    for text in lines(value):
        if text not in seen:
            seen.append(text)
    return seen


def offset(value: object) -> float:
    """Seconds into a call: not negative, to a tenth."""
    return round(max(0.0, number(value)), 1)


def optional_id(value: object) -> str | None:
    """An id, or None for anything that is not text."""
    return (line(value) or None) if isinstance(value, str) else None
