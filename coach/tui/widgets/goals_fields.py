"""Prepare's Goals tab: what to learn, the research, the introduction — and, on a path, the
goals and introduction of the last conversation on it, one key away.

A series of conversations on one path mostly asks the same things and introduces the same
person: starting from what was written last time saves retyping it, and nothing written here
is replaced without asking.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static, TextArea

from coach.core.open_questions import EarlierPreparation
from coach.core.paths import path_of
from coach.core.preparation import Preparation
from coach.services import paths
from coach.tui.literal import literal
from coach.tui.widgets.intro_field import IntroField

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


def from_whom(earlier: EarlierPreparation) -> Content:
    """ "Dana Whitfield, 2 Feb 2026": whose preparation it was, and when."""
    parts: list[Content | str] = [literal(earlier.person or "an earlier conversation")]
    try:
        day = date.fromisoformat(earlier.date)
    except ValueError:
        return Content.assemble(*parts)
    parts.append(f", {day.day} {day:%b %Y}")
    return Content.assemble(*parts)


class GoalsFields(VerticalScroll):
    """Goals, research and the introduction, edited through the screen's `Preparation`."""

    HELP_NAME = "Goals tab"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f8",
            "reuse",
            "Reuse",
            id="prepare.reuse",
            tooltip="Use the goals and introduction of the last conversation on this path",
        ),
    ]

    app: CoachApp

    def __init__(self, preparation: Preparation, **kwargs: object) -> None:
        super().__init__(classes="form-scroll", **kwargs)  # type: ignore[arg-type]
        self.preparation = preparation
        self.earlier: EarlierPreparation | None = None

    def compose(self) -> ComposeResult:
        interview = self.preparation.interview
        # Side by side, so that at 80×24 the whole tab, the introduction's length included,
        # fits without scrolling.
        with Horizontal(classes="field-row"):
            with Vertical(classes="field"):
                yield Label("Goals: what do you want to learn?", classes="field-label")
                yield TextArea(interview.goals, id="prepare-goals")
            with Vertical(classes="field"):
                yield Label("Research: person, organisation, field", classes="field-label")
                yield TextArea(interview.research, id="prepare-research")
        yield IntroField(interview.intro, id="prepare-intro-group")
        yield Static("", id="prepare-reuse-note", classes="field-note")

    def on_mount(self) -> None:
        self.show_offer()

    def show_offer(self) -> None:
        """Look for an earlier preparation on the interview's path and say F8 reuses it."""
        interview = self.preparation.interview
        self.earlier = paths.earlier_preparation(
            self.app.store, path_of(interview), besides=interview.id
        )
        note = self.query_one("#prepare-reuse-note", Static)
        note.display = self.earlier is not None
        if self.earlier is not None:
            note.update(
                Content.assemble(
                    Content.styled("F8 ", "bold"),
                    "uses the goals and introduction from ",
                    from_whom(self.earlier),
                )
            )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reuse":
            return self.earlier is not None
        return True

    def action_reuse(self) -> None:
        earlier = self.earlier
        if earlier is None:
            return
        if not self.preparation.would_replace(earlier):
            self._take_up(earlier, replace=False)
            return
        from coach.tui.screens.confirm import ChoiceScreen

        question = Content.assemble(
            "Your goals or introduction already hold words of your own. Replace them with "
            "those from ",
            from_whom(earlier),
            "?",
        )
        answers = [
            ("Keep mine, fill only what is empty", "empty"),
            ("Replace them", "replace"),
        ]
        self.app.push_screen(
            ChoiceScreen[str](question, answers, title="Reuse"),
            lambda choice: None if choice is None else self._take_up(earlier, choice == "replace"),
        )

    def _take_up(self, earlier: EarlierPreparation, replace: bool) -> None:
        changed = self.preparation.take_up(earlier, replace=replace)
        for which in changed:
            # The editor shows it; its Changed tells the screen to save.
            self.query_one(f"#prepare-{which}", TextArea).load_text(getattr(earlier, which))
        said = " and ".join("goals" if w == "goals" else "introduction" for w in changed)
        if said:
            self.notify(f"{said.capitalize()} taken up; edit them for this conversation.")
        else:
            self.notify("Nothing to take up: they already say the same.", markup=False)
