"""Keeping an OptionList's cursor where a person expects it when the list is drawn again.

Home and the agenda rebuild their lists from the data each time they are shown. A fresh
OptionList has no highlighted row, so the first Enter did nothing and the first arrow key only
found the first row; and after coming back from a record the cursor jumped to the top.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import OptionDoesNotExist


def highlighted_id(option_list: OptionList) -> str | None:
    """The id of the highlighted option, if any (read before the list is cleared)."""
    index = option_list.highlighted
    if index is None or not 0 <= index < option_list.option_count:
        return None
    return option_list.get_option_at_index(index).id


def highlight(option_list: OptionList, option_id: str | None) -> None:
    """Highlight the option with ``option_id`` when it is still listed, else the first one
    that can be chosen (headings and notes are disabled options)."""
    if option_id is not None:
        try:
            option_list.highlighted = option_list.get_option_index(option_id)
            return
        except OptionDoesNotExist:
            pass  # the record has moved on or gone
    for index in range(option_list.option_count):
        if not option_list.get_option_at_index(index).disabled:
            option_list.highlighted = index
            return
