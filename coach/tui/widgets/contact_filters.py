"""The line above the contacts list: words to search for, a stage and a way of knowing."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from coach.core.contact import HOW_KNOWN, HOW_KNOWN_LABELS, STAGES


@dataclass(frozen=True)
class ContactFilter:
    """What the list is narrowed to; an empty part lets everyone through."""

    query: str = ""
    stages: tuple[str, ...] = ()
    how_known: tuple[str, ...] = ()


class ContactFilters(Horizontal):
    """The search box and the two pickers; the screen listens for their Changed messages."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search (/)", id="contacts-search")
        yield Select(
            [(s, s) for s in STAGES], prompt="any stage", id="contacts-stage", compact=True
        )
        yield Select(
            [(HOW_KNOWN_LABELS[k], k) for k in HOW_KNOWN],
            prompt="known any way",
            id="contacts-how-known",
            compact=True,
        )

    @property
    def search(self) -> Input:
        """The search box."""
        return self.query_one("#contacts-search", Input)

    def values(self) -> ContactFilter:
        """The filter as set now."""
        stage = self.query_one("#contacts-stage", Select).value
        how = self.query_one("#contacts-how-known", Select).value
        return ContactFilter(
            self.search.value,
            (stage,) if isinstance(stage, str) else (),
            (how,) if isinstance(how, str) else (),
        )
