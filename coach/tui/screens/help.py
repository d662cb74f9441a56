"""F1: the keys of the screen underneath and a few words on what it is for."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coach.tui.screens import SCREEN_RULES


class HelpScreen(ModalScreen[None]):
    """A modal listing the keys that work on ``target`` right now."""

    CSS_PATH = SCREEN_RULES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._body(), id="help-body")
            yield Static(Content.styled("Esc or F1 closes this.", "dim"))

    def on_resize(self) -> None:
        # The key table wraps its descriptions under themselves, which needs the box's width.
        self.call_after_refresh(self._fit_to_box)

    def _fit_to_box(self) -> None:
        width = self.query_one("#help-box", VerticalScroll).scrollable_content_region.width
        if width > 0:
            self.query_one("#help-body", Static).update(self._body(width))

    def _body(self, width: int = 86) -> Content:
        title = getattr(self.target, "HELP_TITLE", None) or type(self.target).__name__.removesuffix(
            "Screen"
        )
        lines: list[Content] = [Content.styled(f"{title} — help", "bold"), Content("")]
        # Keys first: that is what a person presses F1 for, often in the middle of a call.
        screen_rows, field_rows = self._key_rows()
        screen_rows += self._widget_rows()
        lines.append(Content.styled("Keys", "bold"))
        lines += _table(screen_rows, width)
        about = getattr(self.target, "HELP", "")
        if about:
            lines += [Content(""), Content(about)]
        if field_rows:
            lines += [Content(""), Content.styled("In the field that has the cursor", "bold")]
            lines += _table(field_rows, width)
        return Content("\n").join(lines)

    def _widget_rows(self) -> list[tuple[str, str]]:
        """The keys of the screen's lists and boxes that have their own (the plan list, the
        referral list…), from their bindings' tooltips, whether or not they have focus now."""
        rows: list[tuple[str, str]] = []
        seen: set[type] = set()
        for widget in self.target.walk_children(with_self=False):
            kind = type(widget)
            name = getattr(kind, "HELP_NAME", None)
            if not name or kind in seen:
                continue
            seen.add(kind)
            for binding in Binding.make_bindings(getattr(kind, "BINDINGS", [])):
                if not binding.tooltip:
                    continue
                display = self.app.get_key_display(binding)
                for row in rows:
                    if row[1] == f"{name}: {_lower_first(binding.tooltip)}":
                        rows[rows.index(row)] = (f"{row[0]} / {display}", row[1])
                        break
                else:
                    rows.append((display, f"{name}: {_lower_first(binding.tooltip)}"))
        if self.target.query("Input, TextArea"):
            rows.append(("Tab", "Next field (Shift+Tab: the one before)"))
        return rows

    def _key_rows(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(the screen's and the app's keys, the focused widget's keys), each key once per
        action with its alternatives joined ("Ctrl+N / Alt+Down")."""
        keys: dict[tuple[bool, str], list[str]] = {}
        descriptions: dict[tuple[bool, str], str] = {}
        for active in self.target.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.system or "focus_" in binding.action:
                continue  # moving focus with Tab is not this screen's to explain
            of_field = active.node is not self.target and active.node is not self.app
            slot = (of_field, binding.action)
            display = self.app.get_key_display(binding)
            if display not in keys.setdefault(slot, []):
                keys[slot].append(display)
            descriptions.setdefault(slot, _CLEARER.get(binding.description, binding.description))
        screen_rows: list[tuple[str, str]] = []
        field_rows: list[tuple[str, str]] = []
        for slot, shown in keys.items():
            row = (" / ".join(shown), descriptions[slot])
            (field_rows if slot[0] else screen_rows).append(row)
        return screen_rows, field_rows


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# Textual's own short footer labels, said in full where there is room.
_CLEARER = {"palette": "Command palette"}


def _table(rows: list[tuple[str, str]], width: int) -> list[Content]:
    """One line per key, its description wrapped to ``width`` with a hanging indent so that the
    keys stay in a column of their own."""
    key_width = max((len(key) for key, _ in rows), default=0)
    indent = " " * (key_width + 4)
    lines: list[Content] = []
    for key, description in rows:
        lead = f"  {key:<{key_width}}  "
        wrapped = textwrap.wrap(
            description,
            width=max(width, len(indent) + 20),
            initial_indent=lead,
            subsequent_indent=indent,
        ) or [lead.rstrip()]
        lines += [Content(line) for line in wrapped]
    return lines
