"""Jump to a question during a call: the plan as a short list, Enter to go, Esc to stay."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.core.interview import PlannedQuestion
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES


class QuestionPicker(ModalScreen[str | None]):
    """The plan with what is done marked; dismisses with the chosen question id (None on Esc)."""

    CSS_PATH = SCREEN_RULES

    DEFAULT_CSS = """
    QuestionPicker {
        align: center middle;
    }
    QuestionPicker > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    QuestionPicker OptionList {
        height: auto;
        max-height: 20;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Back to the call", id="live.jump.cancel"),
    ]
    HELP = "Pick the question to go to and press Enter. Esc goes back to the call unchanged."

    def __init__(
        self,
        questions: Sequence[PlannedQuestion],
        current_id: str | None,
        asked: Sequence[str],
        skipped: Sequence[str],
    ) -> None:
        super().__init__()
        self.questions = list(questions)
        self.current_id = current_id
        self.asked = set(asked)
        self.skipped = set(skipped)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content.styled("Go to a question", "bold"))
            yield OptionList(*self._options(), id="jump-list")
            yield Static(Content.styled("Enter goes there · Esc back to the call", "dim"))

    def _options(self) -> list[Option]:
        options = []
        for number, question in enumerate(self.questions, start=1):
            if question.id == self.current_id:
                mark = "▶"
            elif question.id in self.asked:
                mark = "✓"
            elif question.id in self.skipped:
                mark = "–"
            else:
                mark = " "
            must = Content.styled("  · must-ask", "bold") if question.is_must else Content("")
            # One line per question: the full text would make the list as long as the plan.
            first_line = question.text.splitlines()[0] if question.text else ""
            label = Content.assemble(Content(f"{mark} {number:>2}. "), literal(first_line), must)
            options.append(Option(label, id=question.id))
        return options

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        for index, question in enumerate(self.questions):
            if question.id == self.current_id:
                option_list.highlighted = index
                break
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
