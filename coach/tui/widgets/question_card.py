"""The question being asked right now: large enough to read at a glance mid-sentence."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from coach.tui.literal import literal


class QuestionCard(Static):
    """The current question in bold with its probes underneath, dimmed.

    Question text comes from YAML or from what the person typed, so it is outside text: it is
    rendered as plain content and never parsed as markup.
    """

    DEFAULT_CSS = """
    QuestionCard {
        height: auto;
        max-height: 12;
        padding: 0 2;
        border: tall $primary;
        border-title-color: $text-muted;
        background: $boost;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)

    def show(self, label: str, text: str, probes: Sequence[str] = (), tag: str = "") -> None:
        """Show ``text`` with its probes; ``label`` (may hold a section title) goes in the border.

        ``tag`` is our own word for the question's kind, e.g. "must-ask".
        """
        title = [literal(label)]
        if tag:
            title.append(Content.styled(f" · {tag}", "bold"))
        self.border_title = Content.assemble(*title)
        lines = [literal(text, style="bold")]
        lines += [
            Content.assemble(Content.styled("  · ", "dim"), literal(probe, style="italic"))
            for probe in probes
        ]
        self.update(Content("\n").join(lines))


class NextQuestion(Static):
    """One dim line saying what comes after the current question, so there is no dead air."""

    DEFAULT_CSS = """
    NextQuestion {
        height: auto;
        max-height: 2;
        padding: 0 2;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)

    def show(self, text: str | None, *, closing_now: bool = False) -> None:
        """Show the next question's text, or that this is the last one (``closing_now``: the
        one on screen is already a closing question, so only the thanks are left)."""
        if text is None:
            last = (
                "Next: nothing planned — thank them and say what you will do next."
                if closing_now
                else "Next: nothing planned — the closing questions, then thank them."
            )
            self.update(Content.styled(last, "dim"))
        else:
            self.update(
                Content.assemble(Content.styled("Next: ", "dim bold"), literal(text, style="dim"))
            )
