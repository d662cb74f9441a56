"""A selection list whose ticks read without colour."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

Value = TypeVar("Value")

# Textual draws the same "X" in every box and tells ticked from not by colour alone, which a
# monochrome terminal, a screen reader or a colour-blind user loses.
TICKED = "X"
UNTICKED = " "


class TickList(SelectionList[Value]):
    """A :class:`SelectionList` that shows an empty box for an unticked entry."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        mark = TICKED if selection.value in self._selected else UNTICKED
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
