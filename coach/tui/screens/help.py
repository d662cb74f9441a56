"""F1: the keys of the screen underneath and a few words on what it is for."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """A modal listing the keys that work on ``target`` right now."""

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

    def _body(self) -> Content:
        title = getattr(self.target, "HELP_TITLE", None) or type(self.target).__name__.removesuffix(
            "Screen"
        )
        lines: list[Content] = [Content.styled(f"{title} — help", "bold"), Content("")]
        about = getattr(self.target, "HELP", "")
        if about:
            lines += [Content(about), Content("")]
        rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for active in self.target.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            rows.append((self.app.get_key_display(binding), binding.description))
        extra = getattr(self.target, "HELP_KEYS", ())
        rows.extend(extra)
        width = max((len(k) for k, _ in rows), default=0)
        lines.append(Content.styled("Keys", "bold"))
        lines += [Content(f"  {k:<{width}}  {d}") for k, d in rows]
        return Content("\n").join(lines)
