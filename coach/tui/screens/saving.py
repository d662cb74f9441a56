"""Screens that hold edits and hand them to the store shortly after they are made."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen
from textual.timer import Timer

from coach.tui.screens import SCREEN_RULES

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

Result = TypeVar("Result")

# Long enough that a burst of typing costs one save, short enough that nothing waits long.
SAVE_DELAY = 0.6


class SavingScreen(Screen[Result]):
    """A screen whose edits reach the store at most `SAVE_DELAY` after the first unsaved one.

    Subclasses call `changed` after each edit and write what their core object hands back in
    `save`. The app calls `before_quit` on every such screen when it closes (quit, SIGHUP,
    SIGTERM), so nothing typed is left behind on screen.
    """

    CSS_PATH = SCREEN_RULES

    app: CoachApp

    def __init__(self) -> None:
        super().__init__()
        self._save_timer: Timer | None = None

    def changed(self) -> None:
        """Something was edited: save soon."""
        # Timed from the first change not yet saved, never pushed back by the next key: while
        # someone types without a pause, what they wrote still reaches the disk this often.
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY, self.save_now)

    def save_now(self) -> None:
        """Hand what changed to the store now (the store writes it in the background)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self.save()

    def save(self) -> None:
        """Give the store the documents that changed since the last save."""
        raise NotImplementedError

    def before_quit(self) -> None:
        """The app is closing: hand over the last edits."""
        self.save_now()
