"""Why this call was asked for, one key away during it: the goals and the introduction.

Under pressure the reason for the conversation and the 30-second introduction are the first
things to slip; the Live screen shows them on request where the earlier notes go, and hides
them again with the same key.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.core.interview import Interview
from coach.tui.literal import literal


class GoalsPanel(Static):
    """The interview's goals and introduction (outside text, shown literally); hidden until
    asked for."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.display = False

    def show(self, interview: Interview) -> None:
        """Fill the panel from ``interview`` (what Prepare saved)."""
        parts: list[Content] = []
        for title, text in (("Goals", interview.goals), ("Introduction", interview.intro)):
            body = text.strip()
            parts.append(Content.styled(title, "bold"))
            parts.append(literal(body) if body else Content.styled("(none written)", "dim"))
        self.update(Content("\n").join(parts))
