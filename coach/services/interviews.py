"""Interviews as a whole: deleting one made by mistake."""

from __future__ import annotations

import contextlib

from coach.store.db import Store


def delete_interview(store: Store, interview_id: str) -> None:
    """Remove an interview, its transcript and any journal of its call, as one change."""
    store.change(removals=[("interview", interview_id), ("transcript", interview_id)])
    with contextlib.suppress(OSError):  # a journal left behind is only offered back, never lost
        store.discard_journal(interview_id)
