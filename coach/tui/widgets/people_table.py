"""The contacts table: columns fitted to the terminal, cells that are never markup, and the
line under it with what was last logged with the person highlighted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable

from coach.core.contact import Contact
from coach.core.text import clean_line
from coach.tui.literal import literal


@dataclass(frozen=True)
class Column:
    """One column of the table: its header, the width below which it is not shown, the width
    it never needs to pass, its share of any room left, and what it shows of a contact."""

    header: str
    least: int
    most: int
    share: int
    value: Callable[[Contact], str]


# In the order shown, left to right.
COLUMNS: tuple[Column, ...] = (
    Column("Name", 20, 44, 3, lambda c: c.name or "(no name)"),
    Column("Organisation", 24, 36, 3, lambda c: c.organisation),
    Column("Role", 18, 28, 2, lambda c: c.role),
    Column("Stage", 16, 16, 1, lambda c: c.stage),
    Column("How known", 19, 19, 1, lambda c: c.connection),
    Column("Last touch", 10, 10, 1, lambda c: short_date(c.last_interaction)),
)
# Which columns a narrow table keeps, most wanted first: at 80 columns the name, where they
# work and the stage, each wide enough to read; from 100 how you know them, from 120 the role,
# from 140 the last touch.
KEPT_FIRST = ("Name", "Organisation", "Stage", "How known", "Role", "Last touch")
# Each column takes one cell of padding either side; the vertical scrollbar takes two more.
_CELL_PADDING = 2
_SCROLLBAR = 2


def table_layout(total: int, longest_name: int = 0) -> list[tuple[Column, int]]:
    """The columns a table ``total`` cells wide shows, in order, each with its width.

    Columns join in the order of `KEPT_FIRST` while each still gets its least width. The room
    left goes first to the name, until the longest name (``longest_name``) fits whole; then a
    cell at a time to the column furthest below its share, until each has all it wants.
    """
    room = total - _SCROLLBAR
    by_header = {column.header: column for column in COLUMNS}
    kept: set[str] = set()
    for header in KEPT_FIRST:
        need = by_header[header].least + _CELL_PADDING
        if need > room:
            break
        kept.add(header)
        room -= need
    shown = [column for column in COLUMNS if column.header in kept]
    widths = [column.least for column in shown]
    if shown and shown[0].header == "Name":
        grow = max(0, min(room, min(longest_name, shown[0].most) - widths[0]))
        widths[0] += grow
        room -= grow

    def below_share(index: int) -> float:
        return (widths[index] - shown[index].least) / shown[index].share

    while room > 0:
        growing = [i for i, column in enumerate(shown) if widths[i] < column.most]
        if not growing:
            break
        widths[min(growing, key=below_share)] += 1
        room -= 1
    return list(zip(shown, widths, strict=True))


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
    """The contacts list: as many columns as the width holds, names first; Home and End go to
    the first and last person, as in any list (the table's own Home and End scroll sideways,
    which a list of rows never needs)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.layout_now: list[tuple[Column, int]] = []
        self.shown: list[Contact] = []
        #: The width the columns are fitted to (the screen's, less the table's margins).
        self.fitted_width = 80

    @property
    def headers(self) -> list[str]:
        """The headers of the columns shown now."""
        return [column.header for column, _ in self.layout_now]

    def show(self, contacts: list[Contact], keep: str | None = None) -> None:
        """List ``contacts`` in this order, the cursor on ``keep`` (or where it was); the
        columns fit `fitted_width` and the longest name among them."""
        current = keep or self.current_id()
        longest = max((len(c.name) for c in contacts), default=0)
        layout = table_layout(self.fitted_width, longest)
        if layout != self.layout_now or not self.columns:
            self.layout_now = layout
            self.clear(columns=True)
            for column, size in layout:
                self.add_column(column.header, width=size)
        self.shown = contacts
        self.clear()
        for contact in contacts:
            self.add_row(
                *(cell(column.value(contact), size) for column, size in self.layout_now),
                key=contact.id,
            )
        ids = [c.id for c in contacts]
        if current in ids:
            self.move_cursor(row=ids.index(current))

    def current_id(self) -> str | None:
        """The id of the person the cursor is on, or None."""
        row = self.cursor_row
        return self.shown[row].id if 0 <= row < len(self.shown) else None

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


# Interaction kinds as a past event reads in the history line.
HISTORY_LABELS = {"ask": "asked", "reply": "replied"}


def history_line(contact: Contact | None, *, with_connection: bool = False) -> Content:
    """The highlighted person's latest logged interactions, newest first, on one line.

    ``with_connection`` puts how the user knows them first (for a table too narrow to show it).
    """
    if contact is None:
        return Content("")
    lead: list[Content | str] = []
    if with_connection and contact.connection:
        lead = [
            Content.styled(contact.connection.capitalize(), "italic"),
            Content.styled(" · ", "dim"),
        ]
    latest = contact.latest_interactions()
    if not latest:
        return Content.assemble(
            *lead,
            Content.styled("Nothing logged with them yet (l logs a call or a message).", "dim"),
        )
    parts: list[Content | str] = [*lead, Content.styled("Latest: ", "dim")]
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
