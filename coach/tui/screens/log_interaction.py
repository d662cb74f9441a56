"""Logging an interaction with a contact: when it happened, and a short note."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from coach.core.clock import day_problem
from coach.core.contact import interaction_time
from coach.core.text import clean
from coach.tui.screens import SCREEN_RULES

# A note that is only a date was meant for the When field.
_LOOKS_LIKE_A_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")

# The log dialog's title for each kind: a reply comes from someone, a message goes to them.
LOG_TITLES = {
    "call": "Call with",
    "message": "Message to",
    "reply": "Reply from",
    "news": "News of",
    "other": "Something else with",
}

# What the note of each kind of interaction is for, shown in the empty Note field.
NOTE_PROMPTS = {
    "call": "what you talked about (optional)",
    "message": "what you wrote (optional)",
    "reply": "what they said (optional)",
    "news": "what happened (optional)",
}


class LogInteractionScreen(ModalScreen[tuple[str, str] | None]):
    """When an interaction happened (today unless changed) and a short note.

    Dismisses with the time to store and the note, or None on Esc: nothing is logged then.
    """

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="contacts.log.cancel"),
    ]
    HELP = (
        "Enter logs it. The day is today unless you change it (year-month-day; not a day "
        "still to come); the note is optional. Esc logs nothing."
    )

    def __init__(self, question: Content, now: datetime, kind: str = "") -> None:
        super().__init__()
        self.question = question
        self.now = now
        self.kind = kind
        # A day typed as the note is questioned once; Enter again means it was meant.
        self._questioned_note: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="confirm-box", id="log-box"):
            yield Static(self.question, classes="confirm-question")
            with Horizontal(classes="log-row"):
                yield Static("When", classes="log-label")
                yield Input(self.now.date().isoformat(), id="log-day", compact=True)
            with Horizontal(classes="log-row"):
                yield Static("Note", classes="log-label")
                yield Input(
                    placeholder=NOTE_PROMPTS.get(self.kind, "a few words (optional)"),
                    id="log-note",
                    compact=True,
                )
            yield Static("", id="log-message", classes="field-message")
            yield Static(Content.styled("Enter to log · Esc to cancel", "dim"))

    def on_mount(self) -> None:
        self.query_one("#log-note", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        text = self.query_one("#log-day", Input).value.strip()
        try:
            at = interaction_time(date.fromisoformat(text), self.now)
        except ValueError as error:
            reason = (
                "That day has not come yet."
                if "not come" in str(error)
                else day_problem(text, example="2026-11-20")
                or "Write the day as year-month-day, e.g. 2026-11-20."
            )
            self.query_one("#log-message", Static).update(reason)
            self.query_one("#log-day", Input).focus()
            return
        note = clean(self.query_one("#log-note", Input).value).strip()
        if _LOOKS_LIKE_A_DAY.fullmatch(note) and note != self._questioned_note:
            # Probably typed into the wrong field (the cursor starts in Note): say where it
            # goes, once; Enter again logs it as the note.
            self._questioned_note = note
            self.query_one("#log-message", Static).update(
                "That looks like a day: it goes in When, above (Shift+Tab). "
                "Enter again keeps it as the note."
            )
            self.query_one("#log-day", Input).focus()
            return
        self.dismiss((at, note))

    def action_cancel(self) -> None:
        self.dismiss(None)
