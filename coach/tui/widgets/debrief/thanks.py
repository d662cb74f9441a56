"""The Thank-you & export tab: the draft to edit, copy and mark sent, the question about an
opening flagged in the call, and the Markdown record written to the exports folder."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from coach.core import debrief as core_debrief
from coach.core.clock import parse_when
from coach.core.debrief_session import DebriefSession
from coach.core.thank_you import OPENING_PROMPT
from coach.tui.literal import literal
from coach.tui.widgets.debrief import SessionEdited

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


class ThanksTab(VerticalScroll):
    """The thank-you note and the export."""

    app: CoachApp

    def __init__(self, session: DebriefSession, **kwargs: Any) -> None:
        super().__init__(classes="form-scroll", **kwargs)
        self.session = session
        self.export_path: Path | None = None
        # The opening question is asked once a visit; Esc leaves it for the next one.
        self._asked_opening = False

    def compose(self) -> ComposeResult:
        yield Static("", id="debrief-thank-you-due", classes="field-note")
        yield TextArea(self.session.interview.thank_you.text, id="debrief-thank-you")
        with Horizontal(classes="button-row"):
            yield Button("Copy (F6)", id="debrief-copy")
            yield Button("Mark sent (F7)", id="debrief-sent")
            yield Button("Export Markdown (F8)", id="debrief-export")
            yield Button("Finish (F5)", id="debrief-finish", variant="primary")
        yield Static("", id="debrief-export-path")

    def on_mount(self) -> None:
        self.show_state()

    @property
    def area(self) -> TextArea:
        """The note being edited."""
        return self.query_one("#debrief-thank-you", TextArea)

    def show_state(self) -> None:
        """The line above the note: when it is due, or when it was sent."""
        interview = self.session.interview
        thank_you = interview.thank_you
        sent = parse_when(thank_you.sent_at)
        due = parse_when(thank_you.due_at)
        if sent is not None:
            line = Content.styled(f"Sent {_local(sent)}. Well done.", "$text-success")
        elif interview.practice:
            line = Content("Practice run: nobody is waiting for this note, but drafting it helps.")
        else:
            # One line at 80 columns, so the draft below keeps its rows.
            when = (
                f"Send by {_local(due)} (a day after the call)"
                if due is not None
                else "Send it within 24 hours of the call"
            )
            unsigned = core_debrief.SIGNATURE in thank_you.text
            line = Content(
                when + (f"; replace {core_debrief.SIGNATURE} first." if unsigned else ".")
            )
        self.query_one("#debrief-thank-you-due", Static).update(line)

    @on(TextArea.Changed, "#debrief-thank-you")
    def _note_changed(self, event: TextArea.Changed) -> None:
        if self.session.edit_thank_you(event.text_area.text):
            self.show_state()
        self.post_message(SessionEdited())

    def shown(self) -> None:
        """The tab came into view: bring coach's draft up to date, wrap it to its box, and
        ask about an opening flagged in the call if that was not answered yet."""
        self._redraft()
        self.call_after_refresh(self._wrap)
        if self.session.asks_about_opening() and not self._asked_opening:
            self._asked_opening = True
            self.call_after_refresh(self._ask_about_opening)

    def _redraft(self) -> None:
        """Draft the note again from the debrief so far, unless it was edited or sent."""
        fresh = self.session.redraft(self.area.text)
        if fresh is not None:
            self.area.load_text(fresh)  # the Changed handler stores it

    def _wrap(self) -> None:
        # Textual 8.2.8 shows a hidden tab without sending its text area a Resize when the tab
        # left had just scrolled (tabbing down People does that): the draft stays wrapped for
        # zero width, one line per paragraph cut off at the edge. Tell it its size.
        area = self.area
        area.post_message(events.Resize(area.size, area.virtual_size, area.container_size))

    def _ask_about_opening(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        def answered(mention: bool | None) -> None:
            if mention is None:
                return  # asked again next time the debrief opens
            self.session.answer_opening(mention)
            self.post_message(SessionEdited())
            before = self.area.text
            self._redraft()
            if mention and self.area.text == before:
                # The note is the user's own now: coach does not write into it.
                self.notify(
                    "Your note has your own edits, so coach left it as it is: add a sentence "
                    "saying you would like to apply for the opening.",
                    timeout=8,
                    markup=False,
                )

        answers = [("Yes, mention it", True), ("No", False)]
        self.app.push_screen(
            ChoiceScreen[bool](OPENING_PROMPT, answers, title="An opening came up"), answered
        )

    # -- copying and sending -------------------------------------------------------------------

    @on(Button.Pressed, "#debrief-copy")
    def copy(self) -> None:
        """Put the note on the clipboard."""
        self.app.copy_to_clipboard(self.area.text)
        self.notify("Thank-you note copied (if your terminal allows copying from apps).")

    @on(Button.Pressed, "#debrief-sent")
    def mark_sent(self) -> None:
        """Record that the note was sent; asked first while it is still unsigned."""
        text = self.area.text
        if self.session.unsigned(text):
            # It may have been signed in the mail program after copying; ask, do not refuse.
            from coach.tui.screens.confirm import ChoiceScreen

            def answered(choice: str | None) -> None:
                if choice == "sent":
                    self._sent(text)
                else:
                    self.area.focus()

            question = (
                f"The note here still ends with {core_debrief.SIGNATURE}. Was it sent signed "
                "with your name?"
            )
            answers = [("Go back and sign it", "sign"), ("Yes, it was sent", "sent")]
            self.app.push_screen(ChoiceScreen[str](question, answers, title="Unsigned"), answered)
            return
        self._sent(text)

    def _sent(self, text: str) -> None:
        self.session.mark_sent(text)
        self.post_message(SessionEdited(now=True))
        self.show_state()

    # -- export ----------------------------------------------------------------------------------

    @on(Button.Pressed, "#debrief-export")
    def export(self) -> None:
        """Write the Markdown record into the exports folder."""
        from coach.core.record import to_markdown
        from coach.store.exports import export_name

        interview = self.session.interview
        # The day the call happened, as the record's "When" line says; the planned time only
        # when there was no call.
        when = parse_when(interview.stage("live").started) or parse_when(interview.scheduled_at)
        name = export_name(interview.contact_name, when, interview.id, "md")
        person = self.session.person
        connection = person.connection if person is not None else ""
        self._write_export(name, to_markdown(interview, connection))

    @work(thread=True, exclusive=True, group="export")
    def _write_export(self, name: str, text: str) -> None:
        from coach.store.exports import write_export

        try:
            path = write_export(self.app.paths, name, text)
        except OSError as error:
            message = f"Export failed: {error.strerror or error} ({name})"
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._exported, path)

    def _exported(self, path: Path) -> None:
        self.export_path = path
        line = Content.assemble(Content("Markdown record written to "), literal(str(path)))
        self.query_one("#debrief-export-path", Static).update(line)
        # The name on a line of its own: a toast is narrow, and a name cut in two is hard to find.
        self.notify(
            f"{path.name}\nin {path.parent}",
            title="Markdown record written",
            timeout=6,
            markup=False,
        )


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%a %d %b %H:%M")
