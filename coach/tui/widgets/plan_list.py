"""The plan on the Prepare screen: numbered questions, keys that edit the plan in place."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.core.interview import PlannedQuestion
from coach.core.open_questions import OPEN_QUESTION_TAG, offer
from coach.core.paths import OpenQuestion, path_of
from coach.core.plan import budget_of
from coach.core.preparation import Preparation
from coach.services.paths import open_questions_for
from coach.tui.literal import literal

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


class Hanging(Visual):
    """A numbered line whose wrapped text lines up under its first word, not under the number."""

    def __init__(self, lead: Content, body: Content) -> None:
        self.lead = lead
        self.body = body

    def __str__(self) -> str:
        return self.lead.plain + self.body.plain

    def _body_width(self, width: int) -> int:
        return max(1, width - self.lead.cell_length)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not width:
            return []
        lead = self.lead.cell_length
        if width <= lead:
            return self.body.render_strips(width, height, style, options)
        lead_strip = self.lead.render_strips(lead, 1, style, options)[0]
        pad = Strip.blank(lead, style.rich_style)
        lines = self.body.render_strips(width - lead, height, style, options)
        return [Strip.join([lead_strip if n == 0 else pad, line]) for n, line in enumerate(lines)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        lead = self.lead.cell_length
        return lead + self.body.get_optimal_width(rules, self._body_width(container_width))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.body.get_height(rules, self._body_width(width))


# The keys that reorder the plan share one footer entry: the footer is narrow at 80 columns.
MOVE = Binding.Group("Move")


class PlanList(OptionList):
    """The questions in the order they will be asked; keys edit the plan in place.

    It edits the `Preparation` it is given and posts `Edited` after each change, for the
    screen to save and to update the budget.

    The footer names these keys in a word each so that they, F5 and F1 fit 80 columns; F1 and
    the screen's help give the long form.
    """

    HELP_NAME = "Plan list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a",
            "add_questions",
            "Add",
            id="prepare.plan.add",
            tooltip="Add questions from the ticked sets",
        ),
        Binding(
            "o",
            "own_question",
            "Own",
            id="prepare.plan.own",
            tooltip="Write a question of your own",
        ),
        Binding(
            "e",
            "open_questions",
            "Earlier",
            id="prepare.plan.open_questions",
            show=False,  # the line under the plan names it when there are any
            tooltip="Add open questions from earlier conversations on this path",
        ),
        Binding(
            "m",
            "toggle_must",
            "Must",
            id="prepare.plan.must",
            tooltip="Mark or unmark the question as must-ask",
        ),
        Binding(
            "x,delete",
            "remove_question",
            "Remove",
            id="prepare.plan.remove",
            tooltip="Remove the question from the plan",
        ),
        Binding(
            "z",
            "undo_remove",
            "Put back",
            id="prepare.plan.undo",
            show=False,
            tooltip="Put back the last question removed",
        ),
        Binding(
            "u,shift+up",
            "move(-1)",
            "Up",
            id="prepare.plan.up",
            group=MOVE,
            tooltip="Move the question up",
        ),
        Binding(
            "d,shift+down",
            "move(1)",
            "Down",
            id="prepare.plan.down",
            group=MOVE,
            tooltip="Move the question down",
        ),
        # Esc still goes back from here; kept out of the footer to leave room for the above.
        Binding("escape", "screen.back", "Back", id="prepare.plan.back", show=False),
    ]

    app: CoachApp

    class Edited(Message):
        """The plan changed."""

    def __init__(self, preparation: Preparation, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.preparation = preparation

    def on_resize(self) -> None:
        # The budget line under the list grows with its warnings and the list shrinks: keep the
        # selected question in view, whole.
        self.scroll_to_highlight()

    def show(self, keep: str | None = None) -> None:
        """Draw the plan, keeping ``keep`` (else the question selected now) selected."""
        questions = self.preparation.plan.questions
        if keep is None:
            keep = self.current_id()
        options = [
            Option(plan_line(number, question), id=question.id)
            for number, question in enumerate(questions, start=1)
        ]
        self.set_options(options)
        if not options:
            self.add_option(
                Option(
                    Content.styled(
                        "No questions yet: tick a set above, or press o to write your own.", "dim"
                    ),
                    disabled=True,
                )
            )
            return
        ids = [q.id for q in questions]
        self.highlighted = ids.index(keep) if keep in ids else 0

    def current_id(self) -> str | None:
        """The id of the question selected, or None."""
        if self.highlighted is None or self.option_count == 0:
            return None
        option = self.get_option_at_index(self.highlighted)
        return option.id if not option.disabled else None

    def _edited(self, keep: str | None) -> None:
        self.show(keep)
        self.post_message(self.Edited())

    def action_toggle_must(self) -> None:
        question_id = self.current_id()
        if question_id is not None:
            self.preparation.toggle_must(question_id)
            self._edited(question_id)

    def action_remove_question(self) -> None:
        question_id = self.current_id()
        if question_id is None:
            return
        self._edited(self.preparation.remove_question(question_id))
        self.notify("Removed from the plan. z puts it back.", timeout=3, markup=False)

    def action_undo_remove(self) -> None:
        question = self.preparation.put_back()
        if question is None:
            self.notify("Nothing removed to put back.", timeout=3, markup=False)
            return
        self._edited(question.id)

    def action_move(self, step: int) -> None:
        question_id = self.current_id()
        if question_id is not None:
            self.preparation.move(question_id, step)
            self._edited(question_id)

    def action_own_question(self) -> None:
        from coach.tui.screens.confirm import TextQuestionScreen

        after = self.current_id()

        def added(text: str | None) -> None:
            if text and text.strip():
                self._edited(self.preparation.write_own(text, after=after).id)

        self.app.push_screen(
            TextQuestionScreen("Your own question:", placeholder="What would you like to ask?"),
            added,
        )

    def offered(self) -> list[OpenQuestion]:
        """The open questions of the interview's path (left by earlier conversations) that
        the plan does not hold yet."""
        interview = self.preparation.interview
        found = open_questions_for(self.app.store, path_of(interview), besides=interview.id)
        return self.preparation.still_to_offer(found)

    def action_open_questions(self) -> None:
        from coach.tui.screens.confirm import PickScreen

        waiting = self.offered()
        if not waiting:
            said = (
                "No open questions from earlier conversations on this path."
                if path_of(self.preparation.interview)
                else "This conversation is on no path: choose one on the Person tab (F2)."
            )
            self.notify(said, markup=False)
            return
        choices = [(literal(question.text), index) for index, question in enumerate(waiting)]
        after = self.current_id()

        def picked(chosen: list[int] | None) -> None:
            added = self.preparation.add_open_questions((waiting[i] for i in chosen or []), after)
            if added:
                self._edited(added[-1].id)

        self.app.push_screen(
            PickScreen(
                f"{offer(len(waiting))}, to ask again: Enter adds the ticked ones as your own.",
                choices,
                all_ticked=True,
            ),
            picked,
        )

    def action_add_questions(self) -> None:
        from coach.tui.screens.confirm import PickScreen

        candidates = self.preparation.plan.candidates(self.app.catalogue.sets)
        if not candidates:
            self.notify("Every question of the ticked sets is already in the plan.", markup=False)
            return
        choices = [
            (
                Content.assemble(
                    literal(question.text), Content.styled(f"  {question_set.title}", "dim")
                ),
                index,
            )
            for index, (question_set, question) in enumerate(candidates)
        ]
        after = self.current_id()

        def picked(chosen: list[int] | None) -> None:
            # Each goes after the one added before it, so the picks keep the order shown.
            last = self.preparation.add_picked((candidates[i] for i in chosen or []), after)
            if last is not None:
                self._edited(last)

        self.app.push_screen(
            PickScreen("Add questions to the plan (Space ticks, Enter adds):", choices), picked
        )


def plan_line(number: int, question: PlannedQuestion) -> Hanging:
    """One numbered question of the plan, with its must-ask mark and its minutes."""
    mark = Content.styled("must ", "bold $text-warning") if question.is_must else Content("     ")
    # A question an earlier conversation left open says so: it is why it is here.
    carried = "  open question ·" if OPEN_QUESTION_TAG in question.tags else " "
    return Hanging(
        Content.assemble(Content(f"{number:>2}. "), mark),
        Content.assemble(
            literal(question.text),
            Content.styled(f"{carried} {budget_of(question):g} min", "dim"),
        ),
    )
