"""The tabs of the Debrief screen, one widget each, around the screen's DebriefSession.

Each tab turns keys and edits into calls on the session and posts :class:`SessionEdited`
when the session holds something to save; the screen saves. No tab decides a rule.
"""

from __future__ import annotations

from textual.message import Message


class SessionEdited(Message):
    """A tab changed the debrief: the screen hands it to the store soon (``now``: at once,
    for a step the person will expect to be on record, such as marking the note sent)."""

    def __init__(self, now: bool = False) -> None:
        super().__init__()
        self.now = now
