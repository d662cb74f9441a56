"""Merging duplicate contacts: the one record that will remain, shown before it is saved."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from coach.core.contact import Contact
from coach.core.merge import MergePlan
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES


def record_line(contact: Contact) -> Content:
    """One record to be merged, as a bullet: name, then what sets it apart."""
    details = [contact.organisation, contact.email, contact.stage]
    parts: list[Content] = [Content("• "), literal(contact.name or "(no name)")]
    for detail in details:
        if detail:
            parts += [Content.styled(" · ", "dim"), literal(detail)]
    return Content.assemble(*parts)


class MergePreviewScreen(ModalScreen[bool]):
    """The merged record as it will be saved; Merge confirms, Esc keeps the duplicates."""

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Merge", id="contacts.merge.confirm"),
        Binding("escape", "cancel", "Cancel", id="contacts.merge.cancel"),
    ]
    # The preview's own rows, most of a short terminal: it scrolls when the screen is smaller.
    PREVIEW_ROWS = 13
    HELP = (
        "These records look like the same person (same profile URL, email, or name and "
        "organisation). The preview shows the one record that will remain: empty fields are "
        "filled from the others, tags and interactions are joined, notes kept."
    )

    def __init__(self, group: list[Contact], plan: MergePlan) -> None:
        super().__init__()
        self.group = group
        self.plan = plan

    def compose(self) -> ComposeResult:
        merged = self.plan.merged
        rows: list[tuple[str, str]] = [
            ("Name", merged.name),
            ("Organisation", merged.organisation),
            ("Role", merged.role),
            ("Email", merged.email),
            ("Profile", merged.profile_url),
            ("Phone", merged.phone),
            ("How known", merged.connection),
            ("Stage", merged.stage),
            ("Tags", ", ".join(merged.tags)),
            ("Interactions", str(len(merged.interactions))),
            ("Notes", merged.notes.replace("\n", " ")[:120]),
        ]
        lines = [
            Content.assemble(Content.styled(f"{label:<14}", "dim"), literal(value))
            for label, value in rows
        ]
        with Vertical(classes="confirm-box", id="merge-box"):
            yield Static(
                Content.styled(f"Merge {len(self.group)} records into one", "bold"),
                id="merge-title",
            )
            # The records side by side tell apart people who share a name.
            yield Static(Content("\n").join(record_line(c) for c in self.group), id="merge-records")
            yield Static(Content.styled("The one record that will remain:", "dim"))
            with VerticalScroll(id="merge-scroll"):
                yield Static(Content("\n").join(lines), id="merge-preview")
            moved = len(self.plan.repointed)
            if moved:
                yield Static(f"{moved} referral link(s) will point at the merged record.")
            with Horizontal(classes="confirm-buttons"):
                yield Button("Merge", id="merge-confirm", variant="primary", compact=True)
                yield Button("Cancel", id="merge-cancel", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#merge-confirm", Button).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_to_screen)

    def _fit_to_screen(self) -> None:
        """Give the record the rows the screen can spare, so the buttons stay in sight.

        Worked out from the natural heights (the record's own, not the scroll's current one),
        so the answer does not depend on the last fit.
        """
        box = self.query_one("#merge-box")
        scroll = self.query_one("#merge-scroll")
        record = self.query_one("#merge-preview")
        room = self.size.height - 1  # the footer's row
        # The box is clipped to the screen, so its own height hides any overflow; its other
        # children keep their natural heights.
        fixed = box.styles.gutter.height + sum(
            child.outer_size.height + child.styles.margin.height
            for child in box.children
            if child is not scroll
        )
        wanted = min(self.PREVIEW_ROWS, record.outer_size.height)
        rows = max(3, min(wanted, room - fixed - scroll.styles.margin.height))
        scroll.styles.max_height = rows

    @on(Button.Pressed, "#merge-confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#merge-cancel")
    def _cancel(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(False)
