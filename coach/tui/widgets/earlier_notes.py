"""What was noted on the question on screen before: every earlier note, and what was flagged.

Going back to a question (Ctrl+R, or Go to) shows an empty editor for what is said next; the
notes written the first time round are listed here in full, newest last, so nothing said
earlier seems lost. A flagged line carries the same mark as in the notes editor.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coach.core.interview import Flag, Note
from coach.core.text import counted
from coach.tui.literal import literal
from coach.tui.widgets.notes_area import FLAG_MARK

FLAG_LABELS = {
    "referral": "referral",
    "advice": "advice to act on",
    "opening": "opening mentioned",
    "quote": "quote",
}


class EarlierNotes(VerticalScroll, can_focus=False):
    """The earlier notes of one question; hidden when there are none. Scrolls when long, and
    shows the newest at the bottom. (A container: a Static alone would clip what does not fit
    rather than scroll to it.) The text is the child ``#<id>-text``."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Static("", id=f"{id}-text" if id else None, markup=False)

    def compose(self) -> ComposeResult:
        yield self._text

    def show(self, notes: Sequence[Note], flags: Sequence[Flag]) -> None:
        """Show ``notes`` (oldest first) and ``flags`` made on the question on screen."""
        if not notes and not flags:
            self.display = False
            return
        heading: list[Content] = []
        if notes:
            heading.append(Content.styled(f"Earlier here: {counted(len(notes), 'note')}", "bold"))
        if flags:
            # Two referrals on one question are two people, said once with a count.
            kinds = Counter(FLAG_LABELS.get(f.kind, f.kind) for f in flags)
            said = ", ".join(k if n == 1 else f"{k} ×{n}" for k, n in kinds.items())
            heading.append(Content(f"Flagged: {said}"))
        lines = [Content(" · ").join(heading).stylize("dim")]
        flagged = [f.text for f in flags if f.text]
        for note in notes:
            for n, line in enumerate(note.text.splitlines()):
                marked = any(line.strip().startswith(text) for text in flagged)
                lead = FLAG_MARK if marked else ("· " if n == 0 else "  ")
                lines.append(Content.assemble(Content.styled(lead, "bold"), literal(line)))
        self._text.update(Content("\n").join(lines))
        self.display = True
        self.call_after_refresh(self.scroll_end, animate=False, immediate=True)
