"""The agenda's ticks: an action done, a report-back given, and taking either back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coach.core import debrief
from coach.core.agenda import AgendaItem
from coach.core.clock import Clock, iso
from coach.core.contact import Contact, Interaction
from coach.core.interview import Interview
from coach.store.db import Kind, Store


class Gone(LookupError):
    """What an agenda item was about is no longer there; the message says what."""


@dataclass
class Tick:
    """What one tick changed, so that it can be put back as it was."""

    interview_id: str
    action_id: str
    text: str
    done_at: str | None
    reported_back_at: str | None
    # A report-back is also logged with the person; taking it back removes that entry.
    contact_id: str | None = None
    logged: Interaction | None = None
    last_before: str | None = None


def _interview(store: Store, interview_id: str) -> Interview:
    doc = store.get_interview(interview_id)
    if doc is None:
        raise Gone("That interview is no longer there.")
    return Interview.from_dict(doc)


def tick_off(store: Store, item: AgendaItem, clock: Clock) -> Tick:
    """Tick off an action (kind "action") or a report-back (kind "report-back").

    A report-back is a conversation with the person, so it is logged on their record too
    (which restarts the keep-in-touch clock). Raises `Gone` when the interview or the action
    is no longer there.
    """
    interview = _interview(store, item.interview_id or "")
    action_id = item.key.rsplit(":", 1)[-1]
    before = next((a for a in interview.actions if a.id == action_id), None)
    prior = (before.done_at, before.reported_back_at) if before is not None else (None, None)
    if item.kind == "report-back":
        action = debrief.mark_reported_back(interview, action_id, clock)
    else:
        action = debrief.set_action_done(interview, action_id, True, clock)
    if action is None:
        raise Gone("That action is no longer there.")
    tick = Tick(interview.id, action_id, action.text, *prior)
    saves: list[tuple[Kind, dict[str, Any]]] = [("interview", interview.to_dict())]
    person = store.get_contact(interview.contact_id or "")
    if item.kind == "report-back" and person is not None and not interview.practice:
        was = Contact.from_dict(person)
        told = was.with_interaction(
            "news", f"Told them how their advice worked out: {action.text}", iso(clock.now())
        )
        tick.contact_id, tick.logged, tick.last_before = (
            told.id,
            told.interactions[-1],
            was.last_interaction,
        )
        saves.append(("contact", told.to_dict()))
    store.change(saves=saves)
    return tick


def take_back(store: Store, tick: Tick, clock: Clock) -> None:
    """Put the action (and the person's record) back as they were before ``tick``."""
    interview = _interview(store, tick.interview_id)
    restored = debrief.restore_action(
        interview, tick.action_id, tick.done_at, tick.reported_back_at, clock
    )
    if restored is None:
        raise Gone("That action is no longer there.")
    saves: list[tuple[Kind, dict[str, Any]]] = [("interview", interview.to_dict())]
    person = store.get_contact(tick.contact_id) if tick.contact_id else None
    if person is not None and tick.logged is not None:
        contact = Contact.from_dict(person).without_interaction(tick.logged, tick.last_before)
        saves.append(("contact", contact.to_dict()))
    store.change(saves=saves)
