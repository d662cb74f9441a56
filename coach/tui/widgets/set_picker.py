"""The question sets a plan is built from, ticked when their questions are in the plan."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from textual.content import Content
from textual.widgets.selection_list import Selection

from coach.core.question_set import QuestionSet
from coach.core.text import counted
from coach.tui.literal import literal
from coach.tui.widgets.tick_list import TickList


def set_choices(sets: Sequence[QuestionSet], chosen: Collection[str]) -> list[Selection[str]]:
    """One entry per set: its title (outside text, shown as written) and how many questions."""
    return [
        Selection(
            Content.assemble(
                literal(question_set.title),
                Content.styled(f"  {counted(len(question_set.questions), 'question')}", "dim"),
            ),
            question_set.id,
            question_set.id in chosen,
        )
        for question_set in sets
    ]


class SetPicker(TickList[str]):
    """The sets in display order; Space ticks one (the screen adds its must-asks)."""

    def __init__(
        self, sets: Sequence[QuestionSet], chosen: Collection[str], *, id: str | None = None
    ) -> None:
        super().__init__(*set_choices(sets, chosen), id=id)

    def refill(self, sets: Sequence[QuestionSet], chosen: Collection[str]) -> None:
        """List ``sets`` again (read again from their files), the cursor where it was."""
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(set_choices(sets, chosen))
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def fit_rows(self, screen_height: int) -> None:
        """Four sets in view suit 24 rows; a taller screen shows every set (up to a dozen), so
        one's own sets, listed last, are not hidden below the fold."""
        rows = 4 if screen_height < 32 else min(self.option_count, 12)
        self.styles.max_height = rows + 2  # and the border
