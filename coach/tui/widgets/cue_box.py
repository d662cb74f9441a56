"""The cue of the moment in a call: how to open, when to wrap up, when time is up."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.core.live_state import CueShown

CUE_TITLES = {"start": "Start", "wrap_up": "Wrap up", "end": "Time"}
_NOT_DRAWN = object()


class CueBox(Static):
    """One cue with its title, marked by kind (``-cue-wrap-up``…); hidden when there is none.

    Shown every second by the call's ticker, it redraws only when the cue changes.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._drawn: object = _NOT_DRAWN

    def show(self, cue: CueShown | None) -> None:
        """Show ``cue`` (None: no cue now)."""
        if cue is self._drawn:
            return
        self._drawn = cue
        if cue is None:
            self.display = False
            return
        title = CUE_TITLES.get(cue.kind, cue.kind)
        self.update(Content.assemble(Content.styled(f"{title}: ", "bold"), Content(cue.text)))
        self.set_classes(f"-cue-{cue.kind.replace('_', '-')}")
        self.display = True
