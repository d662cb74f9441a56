"""A call's life around the Live screen: starting, ending, and an interrupted call found at the
next start — whether its journal can be replayed, what it would bring back, and discarding it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.clock import Clock
from coach.core.interview import Interview
from coach.core.live import LiveCall
from coach.store.db import Store


def keep(store: Store, call: LiveCall, *, draft: bool = True) -> None:
    """Hand the call's new events (and, with ``draft``, the draft as it is) to its journal."""
    events = call.take_journal()
    if draft and not call.ended:
        events.append(call.draft_snapshot())
    if events:
        store.journal(call.interview.id).submit(event.to_dict() for event in events)


def save(store: Store, call: LiveCall) -> None:
    """Save the interview as the call has it now (question changes, cues, the end)."""
    store.save("interview", call.document())


def end(store: Store, call: LiveCall) -> None:
    """End the call: the draft becomes a note, the interview is saved, and its journal goes
    once the ended interview is on disk (a failed save keeps it, to be offered back)."""
    call.end()
    keep(store, call, draft=False)
    save(store, call)
    store.discard_journal_once_saved(call.interview.id)


@dataclass
class Recovery:
    """What an interrupted call's journal would bring back."""

    interview: Interview
    journal: Path
    records: list[dict[str, Any]] = field(default_factory=list)
    #: The records replay onto the saved interview without an error.
    replayable: bool = False
    #: Notes the call would hold once replayed (a draft counts as one).
    notes: int = 0
    #: The journal cannot be read: why.
    error: str | None = None

    @property
    def adds_anything(self) -> bool:
        """Whether the journal holds anything the saved interview does not."""
        saved = self.interview.live.seq
        return any(isinstance(r.get("seq"), int) and int(r["seq"]) > saved for r in self.records)


def assess(store: Store, interview: Interview, clock: Clock) -> Recovery:
    """Read an interrupted call's journal and try it on a copy of the interview."""
    recovery = Recovery(interview, store.journals.path(interview.id))
    try:
        recovery.records = store.journals.read(interview.id)
    except OSError as error:
        recovery.error = error.strerror or str(error)
        return recovery
    trial = Interview.from_dict(interview.to_dict())
    try:
        call = LiveCall.recover(trial, recovery.records, clock)
    except Exception:  # a damaged journal is offered for discarding, never a traceback
        recovery.notes = len(interview.notes)
        return recovery
    recovery.replayable = True
    recovery.notes = len(call.interview.notes) + (1 if call.draft.strip() else 0)
    return recovery


def resume(recovery: Recovery, clock: Clock) -> LiveCall:
    """The interrupted call, rebuilt from its journal and paused where it stopped."""
    return LiveCall.recover(recovery.interview, recovery.records, clock)


def discard(store: Store, recovery: Recovery) -> Interview:
    """Throw the journal away; a call that was still live ends with what was saved before.

    Raises OSError when the journal cannot be removed (nothing else changes then).
    """
    store.journals.discard(recovery.interview.id)
    interview = recovery.interview
    if interview.status == "live":
        # Without its journal the call cannot go on; what was saved goes to the debrief.
        interview.status = "ended"
        store.save("interview", interview.to_dict())
    return interview
