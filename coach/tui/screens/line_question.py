"""Ask for one line that must pass a check (a path's name): the reason shows, the box stays."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES

#: Says what is wrong with the text typed (None: it will do).
Check = Callable[[str], str | None]


class LineQuestionScreen(ModalScreen[str | None]):
    """One line of text; Enter accepts it when ``check`` finds nothing wrong, else the
    reason shows under the box and the text stays to be corrected. Esc cancels (None)."""

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="line.cancel", tooltip="Leave it as it was"),
    ]
    HELP = "Type the text and press Enter. Esc cancels and changes nothing."

    def __init__(
        self, question: str, *, value: str = "", placeholder: str = "", check: Check | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box"):
            yield Static(Content(self.question), classes="confirm-question")
            yield Input(self.value, placeholder=self.placeholder, id="line-input")
            yield Static("", id="line-problem")
            yield Static(Content.styled("Enter to accept · Esc to cancel", "dim"))

    @on(Input.Submitted, "#line-input")
    def _submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check is not None else None
        if problem:
            self.query_one("#line-problem", Static).update(literal(problem, style="bold"))
            return
        self.dismiss(event.value)

    @on(Input.Changed, "#line-input")
    def _edited(self) -> None:
        self.query_one("#line-problem", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
