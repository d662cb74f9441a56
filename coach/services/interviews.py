"""Interviews as a whole: deleting one made by mistake."""

from __future__ import annotations

import contextlib
from typing import Any

from coach.core.clock import now_iso
from coach.core.contact import Contact
from coach.core.interview import Interview
from coach.core.interview_deletion import without_interview
from coach.services.paths import released
from coach.store.db import Kind, Store


def delete_interview(store: Store, interview_id: str, at: str | None = None) -> None:
    """Remove an interview, its transcript and any journal of its call, as one change.

    Its person stays in the contacts, put back as they stood before the interview: what it
    logged in their history goes and their stage follows what is left (see
    :func:`coach.core.interview_deletion.without_interview`). ``at`` dates that change. The
    open questions its debrief left on a path go with it (those answered stay).
    """
    when = at or now_iso()
    saves: list[tuple[Kind, dict[str, Any]]] = [
        ("path", path.to_dict()) for path in released(store, interview_id, when)
    ]
    doc = store.get_interview(interview_id)
    person = store.get_contact(str(doc.get("contact_id") or "")) if doc is not None else None
    if doc is not None and person is not None:
        interview = Interview.from_dict(doc)
        # Summaries hold the stages, thank-you and actions the rule reads: nothing is decoded.
        others = (
            Interview.from_dict(summary)
            for summary in store.interview_summaries_view()
            if summary.get("contact_id") == interview.contact_id
        )
        contact = Contact.from_dict(person)
        restored = without_interview(contact, interview, others, at)
        if restored is not contact:
            saves.append(("contact", restored.to_dict()))
    store.change(saves=saves, removals=[("interview", interview_id), ("transcript", interview_id)])
    with contextlib.suppress(OSError):  # a journal left behind is only offered back, never lost
        store.journals.discard(interview_id)
