"""Confirming a referral from a debrief: the person becomes a contact, referred by the one
interviewed, and the interview remembers who they became."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coach.core import debrief
from coach.core.contact import Contact
from coach.core.interview import Interview, Referral
from coach.services.contacts import on_file
from coach.store.db import Kind, Store


@dataclass(frozen=True)
class Confirmed:
    """The contact a referral now is, and whether they were on file already."""

    contact: Contact
    on_file: bool


def confirm_referral(store: Store, interview: Interview, referral: Referral) -> Confirmed:
    """Turn a confirmed referral into a contact (or link the one already on file by that
    name), and save the contact and the interview together."""
    if referral.contact_id:
        known = store.get_contact(referral.contact_id)
        if known is not None:
            return Confirmed(Contact.from_dict(known), True)
    contact, already = debrief.contact_for_referral(referral, interview.contact_id, on_file(store))
    referral.contact_id = contact.id
    saves: list[tuple[Kind, dict[str, Any]]] = [("interview", interview.to_dict())]
    was = store.get_contact(contact.id)
    if was is None or was != contact.to_dict():
        saves.append(("contact", contact.to_dict()))
    store.change(saves=saves)
    return Confirmed(contact, already)
