"""Mark how you know people a group at a time: everyone at one organisation, or connected in
one year, is often known the same way (former colleagues, classmates). After a LinkedIn
import nobody's "how known" is recorded, and the request drafts and the list's order need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from coach.core.clock import iso
from coach.core.contact import (
    HOW_KNOWN,
    HOW_KNOWN_LABELS,
    Contact,
    ContactGroup,
    GroupBy,
    groups_of,
)
from coach.core.text import counted
from coach.services import contacts as people
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES
from coach.tui.widgets.tick_list import TickList

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

GROUPINGS: tuple[tuple[str, GroupBy], ...] = (
    ("organisation", "organisation"),
    ("year you connected", "year"),
)


def unmarked_count(contacts: list[Contact]) -> int:
    """How many people have no "how known" recorded."""
    return sum(1 for contact in contacts if contact.how_known not in HOW_KNOWN)


def offer_marking(app: CoachApp) -> None:
    """After an import: say how many people have no "how known" and how to mark them.

    Every guide starts with the people one already knows; an import records none of that.
    """
    unmarked = unmarked_count(people.on_file(app.store))
    if unmarked:
        app.notify(
            f"{counted(unmarked, 'person', 'people')} with no 'how known' yet: press k to "
            "mark them a group at a time (by organisation or the year you connected).",
            title="How you know them",
            timeout=10,
            markup=False,
        )


class MarkGroupsScreen(ModalScreen[int]):
    """Tick groups, choose how you know them, mark; dismisses with how many were marked."""

    CSS_PATH = SCREEN_RULES

    HELP = (
        "Mark how you know people a group at a time. Group them by organisation or by the year "
        "you connected, choose how you know them, tick the groups you know that way with Space, "
        "and press Ctrl+S (or Mark). Only people not marked yet change; anyone you "
        "already marked keeps what you chose. Esc closes."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "mark", "Mark ticked", id="contacts.groups.mark", priority=True),
        Binding("escape", "done", "Done", id="contacts.groups.done"),
    ]

    app: CoachApp

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Contact] = []
        self.groups: list[ContactGroup] = []
        self.by: GroupBy = "organisation"
        self.marked = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box", id="groups-box"):
            yield Static(Content.styled("How you know them", "bold"))
            yield Static("", id="groups-intro")
            with Horizontal(classes="contact-field"):
                yield Label("Group by", classes="contact-field-label")
                yield Select(
                    [(label, value) for label, value in GROUPINGS],
                    allow_blank=False,
                    value="organisation",
                    id="groups-by",
                    compact=True,
                )
            with Horizontal(classes="contact-field"):
                yield Label("How known", classes="contact-field-label")
                yield Select(
                    [(HOW_KNOWN_LABELS[k], k) for k in HOW_KNOWN],
                    prompt="choose how…",
                    id="groups-how-known",
                    compact=True,
                )
            yield TickList[int](id="groups-list")
            with Horizontal(classes="confirm-buttons"):
                yield Button(
                    "Mark ticked (Ctrl+S)", id="groups-mark", variant="primary", compact=True
                )
                yield Button("Done", id="groups-done", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._reload()
        self.query_one("#groups-how-known", Select).focus()

    def _reload(self) -> None:
        self.people = people.on_file(self.app.store)
        self.groups = groups_of(self.people, self.by)
        unmarked = unmarked_count(self.people)
        self.query_one("#groups-intro", Static).update(
            f"{unmarked} of {counted(len(self.people), 'person', 'people')} have no "
            "'how known' yet. Choose how you know a group, tick the groups you know that way "
            "(Space), and mark them."
        )
        groups = self.query_one("#groups-list", TickList)
        groups.clear_options()
        groups.add_options(
            Selection(
                Content.assemble(
                    literal(group.label),
                    Content.styled(
                        f"  {counted(len(group.ids), 'person', 'people')}, "
                        f"{group.unmarked} not marked",
                        "dim",
                    ),
                ),
                index,
            )
            for index, group in enumerate(self.groups)
        )
        if self.groups:
            groups.highlighted = 0

    @on(Select.Changed, "#groups-by")
    def _grouping_changed(self, event: Select.Changed) -> None:
        if event.value in ("organisation", "year") and event.value != self.by:
            self.by = event.value
            self._reload()

    @on(Button.Pressed, "#groups-mark")
    def action_mark(self) -> None:
        ticked = self.query_one("#groups-list", SelectionList).selected
        how = self.query_one("#groups-how-known", Select).value
        if not ticked:
            self.notify("Tick a group first (Space).", markup=False)
            return
        if not isinstance(how, str):
            self.notify("Choose how you know them first.", markup=False)
            self.query_one("#groups-how-known", Select).focus()
            return
        ids = [contact_id for index in ticked for contact_id in self.groups[index].ids]
        now = iso(self.app.clock.now().astimezone())
        changed = people.mark_how_known(self.app.store, self.people, ids, how, now)
        self.marked += len(changed)
        self.notify(
            f"Marked {counted(len(changed), 'person', 'people')} as {HOW_KNOWN_LABELS[how]}.",
            markup=False,
        )
        self._reload()
        self.query_one("#groups-list", TickList).focus()

    @on(Button.Pressed, "#groups-done")
    def action_done(self) -> None:
        self.dismiss(self.marked)
