"""The persistent "not saved" banner a screen shows while the disk refuses its saves."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static


class SaveBanner(Static):
    """Hidden while saves succeed; shows the app's save error until a save succeeds again.

    It picks up an error already reported when its screen opens, so a screen opened after a
    failed save does not look as if everything were on disk.
    """

    def __init__(self, **kwargs: Any) -> None:
        # The message holds paths and OS text: never markup.
        super().__init__("", markup=False, classes="save-error", **kwargs)

    def on_mount(self) -> None:
        self.show(getattr(self.app, "save_error", None))

    def show(self, message: str | None) -> None:
        """Show ``message``, or hide the banner when it is None."""
        self.update(message or "")
        self.set_class(bool(message), "-visible")
