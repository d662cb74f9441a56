"""The line under the plan: its time against the time asked, and what to do about it.

On a short terminal every row counts: the plan list above must keep room to be worked with.
The budget says its summary, then each warning; when two sets repeat each other in several
places, the repeats are said in one sentence rather than one line each.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.core.open_questions import offer
from coach.core.plan import Plan
from coach.core.repeats import Repeat


def _numbers(repeat: Repeat) -> str:
    *rest, last = (str(n) for n in repeat.numbers)
    return f"{', '.join(rest)} and {last}"


def repeats_line(repeats: list[Repeat]) -> str:
    """The repeats as one warning: "Questions 1 and 6 (how they came to this work), 2 and 7
    ask much the same: keep one of each." One repeat keeps its own wording."""
    if len(repeats) == 1:
        return repeats[0].warning
    said = [_numbers(r) + (f" ({r.asks})" if r.asks else "") for r in repeats]
    return f"Questions {', '.join(said)} ask much the same: keep one of each."


class PlanBudget(Static):
    """The plan's budget and warnings, most serious first."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, plan: Plan, minutes_asked: int, waiting: int = 0) -> None:
        """Show ``plan``'s budget against ``minutes_asked``, and the open questions of
        earlier conversations ``waiting`` to be added."""
        budget = plan.budget(minutes_asked)
        warnings = budget.warnings()
        repeats = plan.repeats()
        if repeats:
            warnings.append(repeats_line(repeats))
        lines = [Content(budget.summary)]
        lines += [Content.styled(warning, "bold $text-warning") for warning in warnings]
        if waiting:
            them = "it" if waiting == 1 else "them"
            lines.append(
                Content.assemble(
                    Content(offer(waiting)), Content.styled(f": e in the plan adds {them}", "dim")
                )
            )
        self.update(Content("\n").join(lines))
