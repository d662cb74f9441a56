"""The debrief, straight after the call: reflect, confirm referrals, plan actions, thank them.

Everything here works on an :class:`Interview` that has ended. Contacts for confirmed referrals
are created elsewhere (the store and the contacts screen), "referred by" this interview's contact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.core.clock import Clock, iso
from coach.core.interview import Action, Interview, Referral, parse_when
from coach.core.text import clean, clean_line

# Report back on advice within 1–2 weeks; 10 days sits in the middle.
REPORT_BACK_DAYS = 10
THANK_YOU_HOURS = 24


@dataclass(frozen=True)
class Prompt:
    """One debrief question and the :class:`~coach.core.interview.Debrief` field it fills."""

    field: str
    text: str


PROMPTS: tuple[Prompt, ...] = (
    Prompt("learned", "What did I learn that I could not have found by reading?"),
    Prompt("surprised", "What surprised me?"),
    Prompt("interest", "How interested am I now, from 1 (not at all) to 5 (very)?"),
    Prompt("interest_why", "Why more, or less, than before the call?"),
    Prompt("fit", "How does this work fit my skills, my values and what I enjoy?"),
    Prompt("still_need", "What do I still need to find out, and from whom?"),
)


def begin(interview: Interview, clock: Clock) -> None:
    """Record that the debrief started (once) and list the referrals flagged during the call."""
    stage = interview.stage("debrief")
    if stage.started is None:
        stage.started = iso(clock.now())
    if not interview.referrals:
        interview.referrals = referral_candidates(interview)


def finish(interview: Interview, clock: Clock) -> None:
    """Mark the interview debriefed and make sure a thank-you draft exists."""
    begin(interview, clock)
    if not interview.thank_you.text:
        draft_thank_you(interview)
    interview.stage("debrief").ended = iso(clock.now())
    interview.status = "debriefed"
    interview.updated_at = iso(clock.now())


def set_interest(interview: Interview, value: int | None) -> None:
    """Set interest now (1–5) or clear it; other values raise ValueError."""
    if value is not None and not 1 <= value <= 5:
        raise ValueError("interest is a number from 1 to 5")
    interview.debrief.interest = value


# -- referrals ---------------------------------------------------------------------------------

# Two or three capitalised words in a row are most likely a person's name ("Priya Nair").
_NAME = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\b")


def guess_name(line: str) -> str:
    """The likeliest person's name in a flagged line, or ``""`` (the user confirms or edits it)."""
    match = _NAME.search(line)
    return match.group(1) if match else ""


def referral_candidates(interview: Interview) -> list[Referral]:
    """One unconfirmed referral per referral flag, with a guessed name and the line as a note."""
    return [
        Referral(name=guess_name(flag.text), note=flag.text)
        for flag in interview.flags_of("referral")
        if flag.text
    ]


def confirm_referral(interview: Interview, index: int, name: str | None = None) -> Referral:
    """Confirm one referral (optionally correcting the name); it then becomes a contact."""
    referral = interview.referrals[index]
    if name is not None:
        referral.name = clean_line(name)
    if not referral.name:
        raise ValueError("a referral needs a name before it can become a contact")
    referral.confirmed = True
    return referral


def add_referral(interview: Interview, name: str, note: str = "") -> Referral:
    """Add a referral that was not flagged during the call (confirmed: the user typed it)."""
    referral = Referral(name=clean_line(name), note=clean(note).strip(), confirmed=True)
    if not referral.name:
        raise ValueError("a referral needs a name")
    interview.referrals.append(referral)
    return referral


def confirmed_referrals(interview: Interview) -> list[Referral]:
    """The referrals to turn into contacts (those without a contact yet)."""
    return [r for r in interview.referrals if r.confirmed and r.contact_id is None]


# -- actions -----------------------------------------------------------------------------------


def _call_day(interview: Interview, clock: Clock) -> date:
    ended = parse_when(interview.stage("live").ended)
    return (ended or clock.now()).date()


def actions_from_advice(
    interview: Interview, clock: Clock, days: int = REPORT_BACK_DAYS
) -> list[Action]:
    """Turn each advice flag into an action due ``days`` after the call (once per flag text)."""
    due = (_call_day(interview, clock) + timedelta(days=days)).isoformat()
    existing = {a.text for a in interview.actions}
    added: list[Action] = []
    for flag in interview.flags_of("advice"):
        if flag.text and flag.text not in existing:
            existing.add(flag.text)
            added.append(Action(text=flag.text, due=due, kind="advice"))
    interview.actions.extend(added)
    return added


def add_action(interview: Interview, text: str, due: date, kind: str = "own") -> Action:
    """Add an action of one's own (or advice not flagged during the call)."""
    cleaned = clean(text).strip()
    if not cleaned:
        raise ValueError("an action needs some words")
    action = Action(text=cleaned, due=due.isoformat(), kind="advice" if kind == "advice" else "own")
    interview.actions.append(action)
    return action


# -- the thank-you note ------------------------------------------------------------------------


def specific_point(interview: Interview) -> str:
    """The one specific thing the thank-you mentions.

    In order: the first quote flagged, the longest advice or opening flag, the longest note.
    """
    quotes = [f.text for f in interview.flags_of("quote") if f.text]
    if quotes:
        return quotes[0]
    flagged = [f.text for f in interview.flags if f.kind in ("advice", "opening") and f.text]
    if flagged:
        return max(flagged, key=len)
    notes = [n.text for n in interview.notes if n.text]
    return max(notes, key=len) if notes else ""


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def draft_thank_you(interview: Interview) -> str:
    """Write the thank-you draft into the interview (due 24 h after the call) and return it.

    It names the person, one specific thing from the notes and one action the user will take;
    when an opening came up, it says the conversation confirmed the interest in applying (the
    thank-you is the right moment for that, never the call itself).
    """
    first = interview.first_name or "there"
    lines = [f"Dear {first},", ""]
    opening = "Thank you for taking the time to talk with me"
    lines.append(
        opening
        + (f" about your work at {interview.contact_org}." if interview.contact_org else ".")
    )
    point = specific_point(interview)
    if point:
        lines.append(f"What stays with me most is what you said about this: {_one_line(point)}")
    actions = [a for a in interview.actions if a.kind == "advice"] or interview.actions
    if actions:
        lines.append(f"Following your advice, my next step is this: {_one_line(actions[0].text)}")
        lines.append("I will let you know how it goes.")
    else:
        lines.append("I will put what I learned to use and let you know where it leads.")
    if interview.flags_of("opening"):
        place = interview.contact_org or "your team"
        lines.append(
            f"Our talk confirmed my interest in {place}, and I would like to apply for the "
            "opening you mentioned."
        )
    lines += ["", "With thanks,"]
    text = "\n".join(lines)
    interview.thank_you.text = text
    if interview.thank_you.due_at is None:
        interview.thank_you.due_at = thank_you_due(interview)
    return text


def thank_you_due(interview: Interview) -> str | None:
    """When the thank-you is due: 24 hours after the call ended (None before it ended)."""
    ended = parse_when(interview.stage("live").ended)
    if ended is None:
        return None
    return (ended + timedelta(hours=THANK_YOU_HOURS)).isoformat(timespec="seconds")


def mark_sent(interview: Interview, clock: Clock, text: str | None = None) -> None:
    """Record that the thank-you was sent now (keeping the final wording if given)."""
    if text is not None:
        interview.thank_you.text = clean(text)
    interview.thank_you.sent_at = iso(clock.now())
    interview.updated_at = interview.thank_you.sent_at


def thank_you_overdue(interview: Interview, now: datetime) -> bool:
    """True when the thank-you is past due and not sent (practice runs never are)."""
    due = parse_when(interview.thank_you.due_at)
    return (
        not interview.practice
        and interview.thank_you.sent_at is None
        and due is not None
        and now > due
    )
