"""The notes editor of a live call: a TextArea that repaints only the rows a key changed.

Textual's TextArea repaints every visible row whenever the cursor moves, and a keystroke
always moves it: with twenty rows of notes on screen, re-rendering them was most of what a
key cost (docs/benchmarks.md). Here typing within a line repaints that line (and the row the
cursor left); anything that moves other rows — a new line, a rewrap that changes the height,
a selection, undo, loading text — still repaints the whole editor.

A line flagged during the call (a referral, advice…) carries a mark in a narrow column of
its own on the left, so it stands out without colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, Selection

# The mark of a flagged line, and the blank column beside every other line.
FLAG_MARK = "⚑ "
NO_MARK = "  "


class NotesArea(TextArea):
    """A TextArea for prose notes: soft-wrapped, no bracket matching, row-level repaints."""

    # Same as TextArea's, but without the whole-widget repaint on every change: the watcher
    # below repaints what changed.
    selection = reactive(Selection(), init=False, always_update=True, repaint=False)

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        super().__init__(text, **kwargs)
        # Bracket matching paints a second row that a row-level repaint would leave stale;
        # notes are prose, so it is off.
        self.match_cursor_bracket = False
        self._flagged: tuple[str, ...] = ()

    # -- the marks of flagged lines ----------------------------------------------------------

    @property
    def gutter_width(self) -> int:
        # A column for the marks, always there, so that flagging a line never rewraps the notes.
        return len(FLAG_MARK)

    def mark_flagged(self, texts: Iterable[str]) -> None:
        """Mark the lines that begin with one of ``texts`` (the lines flagged so far)."""
        flagged = tuple(dict.fromkeys(t.strip() for t in texts if t.strip()))
        if flagged != self._flagged:
            self._flagged = flagged
            self._line_cache.clear()
            self.refresh()

    def is_flagged(self, line_index: int) -> bool:
        """Whether the document line ``line_index`` is one flagged (or one flagged, typed on)."""
        if not self._flagged or line_index >= self.document.line_count:
            return False
        line = self.document.get_line(line_index).strip()
        return bool(line) and any(line.startswith(text) for text in self._flagged)

    def _render_line(self, y: int) -> Strip:
        strip = super()._render_line(y)
        try:
            line_index, section = self.wrapped_document._offset_to_line_info[
                y + self.scroll_offset.y
            ]
        except IndexError:
            line_index, section = -1, 1
        if section == 0 and line_index >= 0 and self.is_flagged(line_index):
            colour = self.app.theme_variables.get("text-warning")
            mark = Segment(FLAG_MARK, Style(color=colour, bold=True))
        else:
            mark = Segment(NO_MARK)
        theme = self._theme
        base = theme.base_style if theme and theme.base_style is not None else self.rich_style
        return Strip.join([Strip([mark], len(FLAG_MARK)).apply_style(base), strip])

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        super()._watch_selection(previous_selection, selection)
        if not self.is_mounted:
            return
        if previous_selection.is_empty and selection.is_empty:
            # The cursor (and the cursor-line highlight) left one row and reached another.
            self._repaint_line(previous_selection.end[0])
            self._repaint_line(selection.end[0])
        else:
            self.refresh()

    def edit(self, edit: Edit) -> Any:
        height = self.wrapped_document.height
        result = super().edit(edit)
        one_line = edit.top[0] == edit.bottom[0] == result.end_location[0]
        if one_line and "\n" not in edit.text and self.wrapped_document.height == height:
            self._repaint_line(edit.top[0])
        else:
            self.refresh()  # rows below moved
        return result

    def _undo_batch(self, edits: Sequence[Edit]) -> None:
        super()._undo_batch(edits)
        self.refresh()

    def _redo_batch(self, edits: Sequence[Edit]) -> None:
        super()._redo_batch(edits)
        self.refresh()

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self.move_cursor_to_end()
        self.refresh()

    def line_at_cursor(self) -> str:
        """The line the cursor is on, or on an empty line (Enter just pressed) the last line
        written above it; stripped, "" when there is none."""
        row, _ = self.cursor_location
        lines = self.text.split("\n")
        line = lines[row] if row < len(lines) else ""
        if line.strip():
            return line.strip()
        for earlier in reversed(lines[:row]):
            if earlier.strip():
                return earlier.strip()
        return ""

    def move_cursor_to_end(self) -> None:
        """Put the cursor after the last word: notes loaded back are added to, not typed over."""
        self.move_cursor(self.document.end)

    def _repaint_line(self, line_index: int) -> None:
        """Repaint every screen row of one document line (it may wrap onto several)."""
        wrapped = self.wrapped_document
        try:
            top = wrapped.location_to_offset((line_index, 0)).y
            rows = max(1, len(wrapped.get_sections(line_index)))
        except (IndexError, ValueError):
            self.refresh()
            return
        self.refresh_lines(top, rows)
