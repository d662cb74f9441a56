"""Two versions of one record, side by side: what differs, in words a person can choose by.

A record changed on two devices keeps the version that lost (see the store's sync); the
person looks at what differs and keeps one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coach.core.text import clean_line

# Bookkeeping that differs between any two saves and says nothing to choose by.
_NOT_COMPARED = frozenset(
    {"id", "updated_at", "created_at", "conflicts", "versions_kept", "live", "stages"}
)


@dataclass(frozen=True)
class Difference:
    """One field the two versions disagree on, each side shortened to a line."""

    field: str
    here: str
    there: str


def _short(value: Any, width: int = 60) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, list):
        text = f"{len(value)} item{'s' if len(value) != 1 else ''}"
        if value and isinstance(value[-1], Mapping) and isinstance(value[-1].get("text"), str):
            text += f", the last: {value[-1]['text']}"
    elif isinstance(value, Mapping):
        text = "; ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, "", [], {}))
    else:
        text = str(value)
    line = clean_line(text)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def differences(here: Mapping[str, Any], there: Mapping[str, Any]) -> list[Difference]:
    """The fields ``here`` and ``there`` disagree on (bookkeeping left out), in a stable
    order: those of ``here`` first, then any only ``there`` has."""
    found: list[Difference] = []
    for key in [*here, *(k for k in there if k not in here)]:
        if key in _NOT_COMPARED:
            continue
        if here.get(key) != there.get(key):
            found.append(Difference(key, _short(here.get(key)), _short(there.get(key))))
    return found
