"""The contacts table: columns fitted to the terminal, cells that are never markup, and the
line under it with what was last logged with the person highlighted."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable

from coach.core.contact import Contact
from coach.core.text import clean_line
from coach.tui.literal import literal

# The table's columns: header, the width below which a column is cut, the width it never
# needs to pass, and its share of any room between the two. Narrow terminals get the least
# widths, so every header shows; the name and organisation grow first.
COLUMNS: tuple[tuple[str, int, int, int], ...] = (
    ("Name", 12, 36, 3),
    ("Organisation", 12, 36, 3),
    ("Role", 7, 28, 2),
    ("Stage", 11, 16, 1),
    ("How known", 9, 19, 1),
    ("Last touch", 10, 10, 1),
)
# Each column takes one cell of padding either side; the vertical scrollbar takes two more.
_CELL_PADDING = 2
_SCROLLBAR = 2


def column_widths(total: int) -> tuple[int, ...]:
    """Width of each column for a table ``total`` cells wide.

    Every column gets its least width; the room left is handed out a cell at a time to the
    column furthest below its share, until each has all it wants.
    """
    widths = [least for _, least, _, _ in COLUMNS]
    room = total - _SCROLLBAR - _CELL_PADDING * len(COLUMNS) - sum(widths)

    def below_share(index: int) -> float:
        _, least, _, share = COLUMNS[index]
        return (widths[index] - least) / share

    while room > 0:
        growing = [i for i, (_, _, most, _) in enumerate(COLUMNS) if widths[i] < most]
        if not growing:
            break
        widths[min(growing, key=below_share)] += 1
        room -= 1
    return tuple(widths)


def cell(text: str, width: int = 26) -> Text:
    """A table cell from outside text.

    DataTable reads a plain ``str`` as markup, so cells are Rich Text built from the cleaned
    string (never parsed), cut with an ellipsis so that one long name cannot push columns away.
    """
    value = Text(clean_line(text), no_wrap=True, overflow="ellipsis")
    value.truncate(width, overflow="ellipsis")
    return value


def short_date(iso: str | None) -> str:
    """The day part of an ISO time, or a dash."""
    return iso[:10] if iso else "—"


class PeopleTable(DataTable[Any]):
    """The contacts list: Home and End go to the first and last person, as in any list (the
    table's own Home and End scroll sideways, which a list of rows never needs)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


# Interaction kinds as a past event reads in the history line.
HISTORY_LABELS = {"ask": "asked", "reply": "replied"}


def history_line(contact: Contact | None) -> Content:
    """The highlighted person's latest logged interactions, newest first, on one line."""
    if contact is None:
        return Content("")
    latest = contact.latest_interactions()
    if not latest:
        return Content.styled("Nothing logged with them yet (l logs a call or a message).", "dim")
    parts: list[Content | str] = [Content.styled("Latest: ", "dim")]
    for n, interaction in enumerate(latest):
        if n:
            parts.append(Content.styled(" · ", "dim"))
        label = HISTORY_LABELS.get(interaction.kind, interaction.kind)
        note = clean_line(interaction.note)
        if note.casefold().startswith(label.casefold() + " "):
            # "asked" + "asked for a conversation" reads once: "asked for a conversation".
            note = note[len(label) + 1 :]
        parts.append(Content.styled(f"{short_date(interaction.at)} {label}", "bold"))
        if note:
            parts += [" ", literal(note)]
    count = len(contact.interactions)
    if count > len(latest):
        parts.append(Content.styled(f"  ({count} in all)", "dim"))
    return Content.assemble(*parts)
