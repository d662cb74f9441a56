"""On the Reflect tab: the open questions of the conversation's path, to tick off as answered.

Earlier conversations on the path left questions open ("what do junior analysts earn?"); this
one may have answered some. A tick records which interview answered it (the path stops
offering it to the next plan); taking the tick away opens it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from coach.core.debrief_session import DebriefSession
from coach.core.open_questions import carried_from
from coach.core.paths import path_of
from coach.services import paths
from coach.tui.literal import literal
from coach.tui.widgets.tick_list import TickList

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


class AnsweredTicks(TickList[str]):
    """The open questions, ticked once answered in this conversation."""

    HELP_NAME = "Open questions of the path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "select",
            "Answered",
            id="debrief.answered",
            tooltip="Mark the open question answered in this conversation, or open it again",
        ),
    ]


class AnsweredQuestions(Vertical):
    """Which of the path's open questions this conversation answered; hidden when the
    interview is on no path or the path has none."""

    app: CoachApp

    def __init__(self, session: DebriefSession, **kwargs: object) -> None:
        super().__init__(classes="field", **kwargs)  # type: ignore[arg-type]
        self.session = session

    def compose(self) -> ComposeResult:
        yield Label("", id="debrief-answered-label", classes="field-label")
        yield AnsweredTicks(id="debrief-answered")

    def on_mount(self) -> None:
        self.show_questions()

    def show_questions(self) -> None:
        """List the questions as the path has them now."""
        interview = self.session.interview
        found = paths.answerable(self.app.store, interview)
        self.display = bool(found)
        if not found:
            return
        title = paths.title_of(self.app.store, path_of(interview))
        self.query_one("#debrief-answered-label", Label).update(
            Content.assemble(
                "Open questions on ",
                literal(title or "this path"),
                " that this conversation answered (Space ticks)",
            )
        )
        noted = {note.question_id for note in interview.notes}
        asked_here = {carried_from(q): q.id for q in interview.plan.questions}
        ticks = self.query_one(AnsweredTicks)
        ticks.clear_options()
        for question in found:
            label = literal(question.text)
            if asked_here.get(question.id) in noted:
                label = Content.assemble(label, Content.styled("  noted in the call", "dim"))
            ticks.add_option(Selection(label, question.id, question.answered_by == interview.id))
        ticks.highlighted = 0  # Space works as soon as the list has the cursor

    @on(SelectionList.SelectionToggled, "#debrief-answered")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        event.stop()
        interview = self.session.interview
        path_id = path_of(interview)
        question_id = event.selection.value
        if not path_id:
            return
        try:
            if question_id in event.selection_list.selected:
                paths.mark_answered(
                    self.app.store, path_id, question_id, interview.id, clock=self.session.clock
                )
            else:
                paths.reopen(self.app.store, path_id, question_id, clock=self.session.clock)
        except LookupError as gone:  # the path or the question went meanwhile
            self.notify(str(gone), severity="warning", markup=False)
            self.show_questions()
