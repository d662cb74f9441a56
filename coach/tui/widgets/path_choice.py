"""The career path a conversation explores, chosen on Prepare's Person tab.

Every path, "No path", and "New path…", which asks for a name and makes it. Choosing one says
what the path brings to this preparation — its open questions from earlier conversations and
goals worth reusing — so nobody has to go looking for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Select
from textual.widgets.select import NoSelection

from coach.core.open_questions import offer
from coach.core.paths import path_of
from coach.core.preparation import Preparation
from coach.services import paths
from coach.tui.literal import literal

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

#: The chooser's value for "make a new path" (ids are never empty).
NEW_PATH = ""


class PathChoice(Vertical):
    """Which path the interview is on; posts :class:`Chosen` when the person changes it."""

    app: CoachApp

    class Chosen(Message):
        """The person put the interview on another path (None: on none)."""

        def __init__(self, path_id: str | None) -> None:
            super().__init__()
            self.path_id = path_id

    def __init__(self, preparation: Preparation, **kwargs: object) -> None:
        super().__init__(classes="field", **kwargs)  # type: ignore[arg-type]
        self.preparation = preparation

    def compose(self) -> ComposeResult:
        yield Label("Career path it explores", classes="field-label")
        yield Select[str](self._options(), prompt="No path", value=self._value(), id="prepare-path")

    def _options(self) -> list[tuple[Content, str]]:
        options = [(literal(p.shown_title), p.id) for p in paths.all_paths(self.app.store)]
        return [*options, (Content.styled("New path…", "italic"), NEW_PATH)]

    def _value(self) -> str | NoSelection:
        path_id = path_of(self.preparation.interview)
        known = {p.id for p in paths.all_paths(self.app.store)}
        return path_id if path_id in known else Select.NULL

    def show(self) -> None:
        """Show the interview's path as it is now (a person on file may have brought one)."""
        select = self.query_one("#prepare-path", Select)
        with self.prevent(Select.Changed):
            select.value = self._value()

    def brings(self) -> str:
        """What the interview's path brings to this preparation, in a sentence ("" for
        nothing): its open questions, and goals to reuse."""
        interview = self.preparation.interview
        path_id = path_of(interview)
        if not path_id:
            return ""
        found = paths.open_questions_for(self.app.store, path_id, besides=interview.id)
        waiting = len(self.preparation.still_to_offer(found))
        earlier = paths.earlier_preparation(self.app.store, path_id, besides=interview.id)
        said = []
        if waiting:
            said.append(f"{offer(waiting)} (e in the plan adds {'it' if waiting == 1 else 'them'})")
        if earlier is not None:
            said.append(f"the goals and introduction from {earlier.person} (F8 on the Goals tab)")
        return ("This path brings " + " and ".join(said) + ".") if said else ""

    @on(Select.Changed, "#prepare-path")
    def _changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == NEW_PATH:
            self._new_path()
            return
        value = event.value if isinstance(event.value, str) else None
        if value != path_of(self.preparation.interview):  # not the value it opened with
            self.post_message(self.Chosen(value))

    def _new_path(self) -> None:
        from coach.core.paths import PathProblem
        from coach.tui.screens.line_question import LineQuestionScreen
        from coach.tui.screens.paths import title_problem

        def named(title: str | None) -> None:
            made = None
            if title:
                try:
                    made = paths.create_path(self.app.store, title, clock=self.app.clock)
                except PathProblem as problem:  # checked in the box already; said if not
                    self.notify(str(problem), severity="warning", markup=False)
            select = self.query_one("#prepare-path", Select)
            with self.prevent(Select.Changed):
                select.set_options(self._options())
            if made is None:
                self.show()  # back to the path it was on
                return
            with self.prevent(Select.Changed):
                select.value = made.id
            self.post_message(self.Chosen(made.id))

        self.app.push_screen(
            LineQuestionScreen(
                "Name the path this conversation explores:",
                placeholder="e.g. Data analysis in healthcare",
                check=title_problem,
            ),
            named,
        )
