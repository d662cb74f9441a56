"""After a referral is confirmed: the new person gets what is known of them, and is asked soon.

A person suggested in a conversation is the series' next step. When they were said to be the
referrer's colleague they work where the referrer does (the user can change it later); they
belong to the same path as the conversation that suggested them; and the agenda says "Ask
Luis Ortega for a conversation — suggested by Dana Whitfield" a few business days after the
debrief, until they are asked (see :func:`coach.core.agenda.build_agenda`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coach.core import fields
from coach.core.agenda import ASK_REFERRAL_DAYS as ASK_REFERRAL_DAYS
from coach.core.agenda import ask_text as ask_text
from coach.core.interview import Interview, Referral
from coach.core.paths import PATH_ID, path_of

#: The key a referral keeps "works with the referrer" under (the model carries it through).
COLLEAGUE = "colleague"
# Words in a flagged line or note that say the person works with the referrer.
_COLLEAGUE_WORDS = re.compile(
    r"\b(colleague|co-?worker|teammate|my team|our team|her team|his team|their team|"
    r"works with (?:me|her|him|them)|same team|down the hall|next desk)\b",
    re.IGNORECASE,
)


def is_colleague(referral: Referral) -> bool:
    """True when the referral was flagged as working with the person who suggested them."""
    return referral.kept.unknown.get(COLLEAGUE) is True


def set_colleague(referral: Referral, colleague: bool) -> None:
    """Flag (or unflag) the referral as the referrer's colleague; saved with the interview.
    The answer is kept either way, so a "no" is not guessed over again (see
    :func:`works_with`)."""
    referral.kept.unknown[COLLEAGUE] = colleague


def works_with(referral: Referral) -> bool:
    """Whether the referral works with the person who suggested them: as the user said, or
    until they say, as the flagged line suggests ("ask my colleague Luis")."""
    said = referral.kept.unknown.get(COLLEAGUE)
    return said if isinstance(said, bool) else sounds_like_colleague(referral.note)


def sounds_like_colleague(text: str) -> bool:
    """True when a flagged line or note says the person works with the referrer ("ask my
    colleague Luis"): what Debrief can tick for the user to confirm."""
    return bool(_COLLEAGUE_WORDS.search(fields.text(text)))


def followed_through(
    contact: Mapping[str, Any],
    referral: Referral,
    interview: Interview,
    referrer: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The stored contact a confirmed referral becomes, with what the conversation tells:
    the referrer's organisation when the referral was flagged as a colleague and the contact
    names none, and the interview's path when the contact is on none."""
    out = dict(contact)
    if is_colleague(referral) and not fields.line(out.get("organisation")):
        organisation = fields.line(referrer.get("organisation")) if referrer else ""
        out["organisation"] = organisation or interview.contact_org
    path_id = path_of(interview)
    if path_id and not path_of(out):
        out[PATH_ID] = path_id
    return out
