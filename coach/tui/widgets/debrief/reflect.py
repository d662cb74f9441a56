"""The Reflect tab: what was learned, what surprised, interest now and why, fit, what is left;
the notes of the call folded at the top."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Collapsible, Input, Label, Select, TextArea

from coach.core import debrief as core_debrief
from coach.core.debrief_session import DebriefSession
from coach.tui.widgets.call_notes_view import CallNotesView, note_rows
from coach.tui.widgets.debrief import SessionEdited
from coach.tui.widgets.debrief.answered import AnsweredQuestions

PROMPT_TEXT = {prompt.field: prompt.text for prompt in core_debrief.PROMPTS}
TEXT_FIELDS = ("learned", "surprised", "fit", "still_need")
INTEREST_LABELS = ("1 · not at all", "2 · a little", "3 · somewhat", "4 · quite", "5 · very")


class ReflectTab(VerticalScroll):
    """The reflection prompts; every answer goes to the session as it is typed."""

    def __init__(self, session: DebriefSession, **kwargs: Any) -> None:
        super().__init__(classes="form-scroll", **kwargs)
        self.session = session

    def compose(self) -> ComposeResult:
        debrief = self.session.interview.debrief
        groups = core_debrief.call_notes(self.session.interview)
        if groups:
            # Folded, so the first question keeps its place on a small screen; the notes are
            # one Enter away for whoever wants to read them back while reflecting.
            count = sum(len(group.notes) for group in groups)
            with Collapsible(
                title=f"Your notes from the call ({count}): F9 shows or hides them",
                id="debrief-call-notes",
            ):
                # Filled when first unfolded: a long paste costs nothing until it is read.
                yield CallNotesView(id="debrief-call-notes-text")
        for name in ("learned", "surprised"):
            yield Label(PROMPT_TEXT[name], classes="field-label")
            yield TextArea(getattr(debrief, name), id=f"debrief-{name}")
        with Horizontal(classes="field-row"):
            with Vertical(classes="field", id="debrief-interest-field"):
                yield Label("Interest now (1–5)", classes="field-label")
                yield Select(
                    [(label, n) for n, label in enumerate(INTEREST_LABELS, start=1)],
                    prompt="Choose…",
                    value=debrief.interest if debrief.interest else Select.NULL,
                    id="debrief-interest",
                )
            with Vertical(classes="field"):
                yield Label(PROMPT_TEXT["interest_why"], classes="field-label")
                yield Input(debrief.interest_why, id="debrief-interest-why")
        for name in ("fit", "still_need"):
            yield Label(PROMPT_TEXT[name], classes="field-label")
            yield TextArea(getattr(debrief, name), id=f"debrief-{name}")
        yield AnsweredQuestions(self.session, id="debrief-answered-field")

    def toggle_notes(self) -> bool:
        """Show or hide the call's notes; False when no notes were taken."""
        fold = next(self.query("#debrief-call-notes").results(Collapsible), None)
        if fold is None:
            return False
        fold.collapsed = not fold.collapsed
        if not fold.collapsed:
            fold.scroll_visible(top=True)
        return True

    @on(Collapsible.Expanded, "#debrief-call-notes")
    def _notes_unfolded(self) -> None:
        view = self.query_one(CallNotesView)
        if not view.rows:
            interview = self.session.interview
            view.set_rows(note_rows(core_debrief.call_notes(interview), interview.flags))

    def _edited(self) -> None:
        if self.session.changed():
            self.post_message(SessionEdited())

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        field = (event.text_area.id or "").removeprefix("debrief-")
        if field in TEXT_FIELDS:
            self.session.reflect(field, event.text_area.text)  # type: ignore[arg-type]
            self._edited()

    @on(Input.Changed, "#debrief-interest-why")
    def _why_changed(self, event: Input.Changed) -> None:
        self.session.reflect("interest_why", event.value)
        self._edited()

    @on(Select.Changed, "#debrief-interest")
    def _interest_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, int) else None
        if self.session.set_interest(value):
            self._edited()
