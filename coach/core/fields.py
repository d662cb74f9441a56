"""Tolerant readers for stored documents: one odd value must never stop the app from opening.

Each turns whatever a stored field holds (a hand edit, an older or newer coach, another tool)
into the value the models expect, or a harmless default; text is cleaned on the way in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from coach.core.clock import parse_when
from coach.core.text import clean, clean_line


def line(value: object) -> str:
    """One line of text: text cleaned, a number as written; anything else (None, a list, a
    mapping) is empty — and kept as it was by `Kept` rather than shown as Python's repr."""
    if isinstance(value, str):
        return clean_line(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


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


def _kind_of(value: object) -> str:
    # The JSON kind of a value: what a reader expects, whatever the Python type.
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "list"
    return "object"


@dataclass
class Kept:
    """What a stored document held that this version of coach does not read, given back when
    the document is saved again: keys it does not know (a newer coach's, another tool's) and
    values of the wrong kind (kept as they were unless the field is edited)."""

    unknown: dict[str, Any] = field(default_factory=dict)
    #: key -> (the stored value, what was read in its place)
    unread: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Mapping[str, Any], read: Mapping[str, Any]) -> Kept:
        """What ``doc`` holds beyond ``read`` (the document as the model writes it back)."""
        unknown = {key: value for key, value in doc.items() if key not in read}
        unread = {
            key: (stored, value)
            for key, value in read.items()
            if key in doc
            # The same Python type is the same kind: the common case, tested first, since
            # every contact on Home's agenda is read through here at start-up.
            and type(stored := doc[key]) is not type(value)
            and _kind_of(stored) != _kind_of(value)
        }
        return cls(unknown, unread)

    def onto(self, out: dict[str, Any]) -> dict[str, Any]:
        """``out`` (a model's document) with what was kept put back."""
        for key, (stored, read) in self.unread.items():
            if out.get(key) == read:  # not edited since: the stored value stays
                out[key] = stored
        for key, value in self.unknown.items():
            out.setdefault(key, value)
        return out


class Stored(Protocol):
    """A model read from a stored document and written back to one."""

    kept: Kept

    def to_dict(self) -> dict[str, Any]:
        """The document the model writes."""
        ...


Model = TypeVar("Model", bound=Stored)


def keeping(model: Model, doc: Mapping[str, Any]) -> Model:
    """``model``, read from ``doc``, remembering what it did not read (see `Kept`)."""
    model.kept = Kept.of(doc, model.to_dict())
    return model
