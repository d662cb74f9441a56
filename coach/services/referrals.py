"""Confirming a referral from a debrief: the person becomes a contact, referred by the one
interviewed, and the interview remembers who they became.

A new contact also gets what the conversation tells about them (see
:mod:`coach.core.referral_follow`): the referrer's organisation when flagged as a colleague,
and the interview's path. The agenda then asks for the conversation with them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coach.core import debrief
from coach.core.contact import Contact
from coach.core.interview import Interview, Referral
from coach.core.referral_follow import followed_through, set_colleague
from coach.services.contacts import on_file
from coach.store.db import Kind, Store


@dataclass(frozen=True)
class Confirmed:
    """The contact a referral now is, and whether they were on file already."""

    contact: Contact
    on_file: bool


def confirm_referral(
    store: Store, interview: Interview, referral: Referral, *, colleague: bool | None = None
) -> Confirmed:
    """Turn a confirmed referral into a contact (or link the one already on file by that
    name), and save the contact and the interview together.

    ``colleague`` flags (or unflags) the referral as working with the referrer first; None
    leaves the flag as it is. A contact already on file keeps their organisation and path.
    """
    if colleague is not None:
        set_colleague(referral, colleague)
    if referral.contact_id:
        known = store.get_contact(referral.contact_id)
        if known is not None:
            return Confirmed(Contact.from_dict(known), True)
    contact, already = debrief.contact_for_referral(referral, interview.contact_id, on_file(store))
    referral.contact_id = contact.id
    saves: list[tuple[Kind, dict[str, Any]]] = [("interview", interview.to_dict())]
    was = store.get_contact(contact.id)
    doc = contact.to_dict()  # someone on file keeps all they had: the model carries it
    if was is None:
        referrer = store.get_contact(interview.contact_id) if interview.contact_id else None
        doc = followed_through(doc, referral, interview, referrer)
        contact = Contact.from_dict(doc)
    if was is None or was != doc:
        saves.append(("contact", doc))
    store.change(saves=saves)
    return Confirmed(contact, already)
