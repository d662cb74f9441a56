"""Deleting an interview made by mistake: its person goes back to where they stood before it.

An interview leaves marks on its person's record: the call and the thank-you are logged in
their history, report-backs on its advice too, and the stage moves along the pipeline. When
the interview is deleted those marks go with it, and the stage is worked out again from what
remains, so that the contact does not stay "interviewed" after a call that never was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from coach.core.clock import now_iso, parse_when
from coach.core.contact import STAGES, Contact, Interaction
from coach.core.interview import Interview

_SCHEDULED = STAGES.index("scheduled")
_INTERVIEWED = STAGES.index("interviewed")
_THANKED = STAGES.index("thanked")


def without_interview(
    contact: Contact, interview: Interview, others: Iterable[Interview], at: str | None = None
) -> Contact:
    """``contact`` as they stood before ``interview``, which is being deleted.

    What the interview logged on them goes: its call (logged at the moment the call started,
    or ended), its thank-you (at the moment the note was sent) and each report-back on its
    advice (at the moment it was reported). Their latest-contact date follows what is left.

    The stage goes back only as far as this interview moved it. An interview moves a person
    to "scheduled" (it had a date), "interviewed" (its call took place) or "thanked" (its note
    was sent); "keeping-in-touch" is set by hand on top of a call. When the interview moved
    them nowhere (a practice run, no date yet) or they stand beyond where it took them (set
    by hand, or by another interview), the stage stays. Otherwise it becomes the highest
    stage the rest of their history justifies, and never higher than it is now:

    - "thanked" for a thank-you still in their history or another interview's note sent
      ("keeping-in-touch" stays then, if that is where they are);
    - "interviewed" for another interview whose call took place;
    - "scheduled" for another interview still planned, with a date;
    - "asked" for a dated ask (``asked_at``, or an ask in their history);
    - "identified" otherwise.

    ``others`` may hold any interviews: only this person's, other than this one and not
    practice runs, count. ``at`` dates the change (default: now) when anything changed.
    """
    if interview.practice or interview.contact_id != contact.id:
        return contact
    logged = _logged_by(interview)
    kept = [i for i in contact.interactions if (i.kind, i.at) not in logged]
    theirs = [
        other
        for other in others
        if other.contact_id == contact.id and other.id != interview.id and not other.practice
    ]
    stage = _stage_after(contact.stage, _reach(interview), _justified(contact, kept, theirs))
    if len(kept) == len(contact.interactions) and stage == contact.stage:
        return contact
    latest = contact.last_interaction
    if latest is not None and any(latest == when for _, when in logged):
        # That date was the interview's own: the latest of what is left takes its place.
        dated = [(when, i.at) for i in kept if (when := parse_when(i.at)) is not None]
        latest = max(dated)[1] if dated else None
    return replace(
        contact,
        interactions=kept,
        last_interaction=latest,
        stage=stage,
        updated_at=at or now_iso(),
    )


def _logged_by(interview: Interview) -> set[tuple[str, str]]:
    """(kind, time) of each interaction the interview logged on its person."""
    live = interview.stage("live")
    logged = {("call", when) for when in (live.started, live.ended) if when}
    if interview.thank_you.sent_at:
        logged.add(("thanks", interview.thank_you.sent_at))
    logged |= {("news", a.reported_back_at) for a in interview.actions if a.reported_back_at}
    return logged


def _held(interview: Interview) -> bool:
    """Whether the interview's call took place (or is taking place)."""
    return interview.status != "planned" or interview.stage("live").started is not None


def _reach(interview: Interview) -> int:
    """The furthest stage (its place in STAGES) the interview moved its person to; -1: none."""
    if interview.thank_you.sent_at:
        return _THANKED
    if _held(interview):
        return _INTERVIEWED
    if interview.scheduled_at:
        return _SCHEDULED
    return -1


def _justified(contact: Contact, kept: list[Interaction], others: list[Interview]) -> int:
    """The furthest stage (its place in STAGES) the rest of the person's history stands for."""
    if any(i.kind == "thanks" for i in kept) or any(o.thank_you.sent_at for o in others):
        return _THANKED
    if any(_held(o) for o in others):
        return _INTERVIEWED
    if any(o.status == "planned" and o.scheduled_at for o in others):
        return _SCHEDULED
    if contact.asked_at or any(i.kind == "ask" for i in kept):
        return STAGES.index("asked")
    return STAGES.index("identified")


def _stage_after(stage: str, reach: int, justified: int) -> str:
    """The stage once the interview's part is taken away (see `without_interview`)."""
    now = STAGES.index(stage) if stage in STAGES else 0
    on_top = stage == "keeping-in-touch" and reach >= _INTERVIEWED
    if reach < 0 or (now > reach and not on_top):
        return stage
    if stage == "keeping-in-touch" and justified >= _THANKED:
        return stage
    return STAGES[min(now, justified)]
