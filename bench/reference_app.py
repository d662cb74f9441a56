"""The yardstick for cold start: a bare Textual app with a header, a 20-row list, an input
and a footer. It does nothing else, so its start-up time is what Textual itself costs here.

Run it with ``python -P bench/reference_app.py`` (``-P`` keeps ``bench/`` off ``sys.path``,
where ``bench/typing.py`` would shadow the standard library's ``typing``).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, Label, ListItem, ListView

ROWS = 20
# The strings the cold-start poller waits for: the last list row and the footer's key.
READY_MARKERS = (f"Row {ROWS:02d}", "Add row")


class ReferenceApp(App[None]):
    """Header, list, input, footer: the least a useful screen has."""

    TITLE = "reference"
    BINDINGS = [  # noqa: RUF012 - Textual reads this class attribute as-is
        Binding("ctrl+a", "add_row", "Add row"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield ListView(*(ListItem(Label(f"Row {i:02d}")) for i in range(1, ROWS + 1)))
        yield Input(placeholder="Type here")
        yield Footer()

    def action_add_row(self) -> None:
        self.query_one(ListView).append(ListItem(Label("Row +")))


if __name__ == "__main__":
    ReferenceApp().run()
