"""The result of importing contacts: counts, and each row left out or noted, with its line."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from coach.services.contacts import ImportOutcome, RowNote
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES


class ImportSummaryScreen(ModalScreen[None]):
    """The result of an import: counts, and each skipped row with its reason."""

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Close", id="contacts.import.close"),
    ]
    HELP = "What the import did. Skipped rows are listed with their line and the reason."

    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__()
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        with Vertical(classes="confirm-box", id="import-box"):
            yield Static(Content.styled("Import", "bold"))
            yield Static(literal(str(outcome.source)), classes="field-note")
            if outcome.error is not None:
                yield Static(
                    Content.assemble("Nothing imported: ", literal(self.error_text())),
                    id="import-summary",
                    classes="field-message",
                )
            else:
                yield Static(literal(outcome.summary), id="import-summary")
                if outcome.skipped or outcome.remarks:
                    with VerticalScroll(id="import-skipped"):
                        if outcome.skipped:
                            yield Static(
                                Content.styled("Rows skipped:", "dim"), id="import-skipped-title"
                            )
                            for row in outcome.skipped:
                                yield Static(literal(row_line(row)))
                        if outcome.remarks:
                            yield Static(Content.styled("Notes:", "dim"), id="import-notes-title")
                            for row in outcome.remarks:
                                yield Static(literal(row_line(row)))
            with Horizontal(classes="confirm-buttons"):
                yield Button("Close", id="import-close", variant="primary", compact=True)
        yield Footer(compact=True, show_command_palette=False)

    def error_text(self) -> str:
        """The reason the file was refused, without the path shown just above it."""
        error = self.outcome.error or ""
        rest = error.removeprefix(str(self.outcome.source))
        if rest == error:
            return error
        rest = rest.lstrip(":").strip()
        line, colon, reason = rest.partition(":")
        return f"line {line}: {reason.strip()}" if colon and line.isdigit() else rest

    @on(Button.Pressed, "#import-close")
    def _close(self) -> None:
        self.dismiss(None)


def row_line(row: RowNote) -> str:
    """A row left out or noted: its line, whose row it was when known, and why."""
    whose = f" ({row.name})" if row.name else ""
    return f"line {row.line}{whose}: {row.reason}"
