"""The 30–60 second introduction, with its length in words and seconds spoken as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static, TextArea

from coach.core.intro import estimate


class IntroField(Vertical):
    """The introduction's editor, its length and any advice, kept in view as one group: on a
    short terminal the length sits below the fold, and it is read while typing."""

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text

    def compose(self) -> ComposeResult:
        yield Label(
            "Your introduction: who you are, what you are exploring (30–60 s spoken)",
            classes="field-label",
        )
        yield TextArea(self._text, id="prepare-intro")
        yield Static("", id="prepare-intro-length", classes="field-note")
        yield Static("", id="prepare-intro-advice", classes="warning")

    def on_mount(self) -> None:
        self.show_length(self._text)

    def show_length(self, text: str) -> None:
        """Show how long ``text`` takes to say, and what to change if it is too long or short."""
        length = estimate(text)
        self.query_one("#prepare-intro-length", Static).update(Content(length.label))
        advice = self.query_one("#prepare-intro-advice", Static)
        advice.update(Content(length.advice))
        advice.display = bool(length.advice)

    @on(TextArea.Changed, "#prepare-intro")
    def _typed(self, event: TextArea.Changed) -> None:
        self.show_length(event.text_area.text)
        self.on_descendant_focus()

    def on_descendant_focus(self) -> None:
        # After the layout has made room for the advice.
        self.call_after_refresh(self.scroll_visible, animate=False, immediate=True)
