"""Questions to the user: a choice between a few answers, or one line of text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from coach.tui.screens import SCREEN_RULES
from coach.tui.widgets.tick_list import TickList

T = TypeVar("T")


class ChoiceScreen(ModalScreen[T | None], Generic[T]):
    """Ask one question; dismiss with the value of the chosen answer, or None on Esc.

    ``question`` may hold outside text (a name, a note count), so it is shown as plain
    content, never as markup.
    """

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="confirm.cancel"),
        Binding("left,up", "app.focus_previous", show=False),
        Binding("right,down", "app.focus_next", show=False),
    ]
    HELP = "Choose an answer with Tab or the arrow keys and press Enter. Esc cancels."

    def __init__(
        self, question: str | Content, answers: Sequence[tuple[str, T]], *, title: str = ""
    ) -> None:
        super().__init__()
        self.question = question if isinstance(question, Content) else Content(question)
        self.answers = list(answers)
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box"):
            if self.title_text:
                yield Static(Content.styled(self.title_text, "bold"), classes="confirm-title")
            yield Static(self.question, classes="confirm-question")
            # Side by side only while they fit the box (64 columns inside its border and
            # padding; a button is its label and four, at least 16, and a gap of one): else
            # one per line, never cut.
            wide = sum(max(len(label) + 4, 16) + 1 for label, _value in self.answers) > 64
            many = len(self.answers) > 3 or wide
            with Horizontal(classes="confirm-buttons -many" if many else "confirm-buttons"):
                for index, (label, _value) in enumerate(self.answers):
                    yield Button(
                        Content(label),
                        id=f"answer-{index}",
                        variant="primary" if index == 0 else "default",
                        compact=many,
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        index = int((event.button.id or "answer-0").removeprefix("answer-"))
        self.dismiss(self.answers[index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextQuestionScreen(ModalScreen[str | None]):
    """Ask for one line of text (e.g. a question of your own); None when cancelled or empty."""

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="confirm.cancel"),
    ]
    HELP = "Type the text and press Enter. Esc cancels."

    def __init__(self, question: str, *, placeholder: str = "", value: str = "") -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box"):
            yield Static(Content(self.question), classes="confirm-question")
            yield Input(self.value, placeholder=self.placeholder, id="confirm-input")
            yield Static(Content.styled("Enter to accept · Esc to cancel", "dim"))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickScreen(ModalScreen[list[T] | None], Generic[T]):
    """Tick any number of items from a list; dismiss with the ticked values (None on Esc)."""

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="confirm.cancel"),
        Binding("enter", "accept", "Add ticked", id="confirm.accept", priority=True),
    ]
    HELP = (
        "Space ticks or unticks the highlighted item; Enter accepts the ticked ones. Esc cancels."
    )

    def __init__(
        self, question: str, choices: Sequence[tuple[Content, T]], *, all_ticked: bool = False
    ) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)
        # Ticked to start with: for a short list the person will most likely take whole.
        self.all_ticked = all_ticked

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box pick-box"):
            yield Static(Content(self.question), classes="confirm-question")
            yield TickList[int](
                *(
                    Selection(label, index, self.all_ticked)
                    for index, (label, _value) in enumerate(self.choices)
                ),
                id="pick-list",
            )
            yield Static("", id="pick-detail")
            yield Static(Content.styled("Space ticks · Enter adds · Esc cancels", "dim"))

    @on(SelectionList.SelectionHighlighted, "#pick-list")
    def _show_whole(self, event: SelectionList.SelectionHighlighted[int]) -> None:
        index = event.selection.value
        label = self.choices[index][0] if 0 <= index < len(self.choices) else Content("")
        self.query_one("#pick-detail", Static).update(label)

    def action_accept(self) -> None:
        ticked = self.query_one("#pick-list", SelectionList).selected
        self.dismiss([self.choices[index][1] for index in sorted(ticked)])

    def action_cancel(self) -> None:
        self.dismiss(None)
