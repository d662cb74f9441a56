"""The persistent "not saved" banner a screen shows while the disk refuses its saves."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.tui.literal import literal


class SaveBanner(Static):
    """Hidden while saves succeed; shows the app's ``save_state`` until writing works again.

    It watches the app's reactive, so a screen opened after a failed save shows it too, and
    every screen's banner goes away together once a write succeeds. ``lead`` comes before the
    reason (the Live screen tells the person on a call what to do).
    """

    def __init__(self, lead: str = "Not saved: ", **kwargs: object) -> None:
        # The reason holds paths and OS text: never markup.
        super().__init__("", markup=False, classes="save-error", **kwargs)  # type: ignore[arg-type]
        self.lead = lead

    def on_mount(self) -> None:
        self.watch(self.app, "save_state", self.show, init=True)

    def show(self, problem: str | None) -> None:
        """Show ``problem``, or hide the banner when it is None."""
        self.update(Content.assemble(self.lead, literal(problem)) if problem else "")
        self.set_class(bool(problem), "-visible")
