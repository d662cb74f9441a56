"""The debrief, straight after the call: reflect, confirm referrals, plan actions, thank them.

Everything here works on an :class:`Interview` that has ended. Contacts for confirmed referrals
are created elsewhere (the store and the contacts screen), "referred by" this interview's contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from coach.core.clock import Clock, iso, parse_when
from coach.core.contact import Contact, the_one_named
from coach.core.interview import FLAG_KINDS, Action, Flag, Interview, Note, Referral
from coach.core.text import clean, clean_line

# The Debrief screen still reads the drafting here; the drafting itself lives in thank_you.
from coach.core.thank_you import SIGNATURE as SIGNATURE
from coach.core.thank_you import draft_thank_you as draft_thank_you
from coach.core.thank_you import thank_you_draft as thank_you_draft
from coach.core.transcript import Transcript

# Report back on advice within 1–2 weeks; 10 days sits in the middle.
REPORT_BACK_DAYS = 10


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


def finish(interview: Interview, clock: Clock, signature: str = "") -> None:
    """Mark the interview debriefed and make sure a thank-you draft exists."""
    begin(interview, clock)
    if not interview.thank_you.text:
        draft_thank_you(interview, signature)
    interview.stage("debrief").ended = iso(clock.now())
    interview.status = "debriefed"
    interview.updated_at = iso(clock.now())


@dataclass(frozen=True)
class NotesUnder:
    """The notes of the call under one heading: a question, or none for notes outside any."""

    question: str | None
    notes: list[Note]


def call_notes(interview: Interview) -> list[NotesUnder]:
    """What was written during the call, question by question in the plan's order.

    The plan's order is the call's: an unplanned question sits where it came up. Questions
    without notes are left out; notes written outside any question come last.
    """
    groups = [
        NotesUnder(question.text, interview.notes_for(question.id))
        for question in interview.plan.questions
    ]
    loose = interview.notes_for(None)
    if loose:
        groups.append(NotesUnder(None, loose))
    return [group for group in groups if group.notes]


def set_interest(interview: Interview, value: int | None) -> None:
    """Set interest now (1–5) or clear it; other values raise ValueError."""
    if value is not None and not 1 <= value <= 5:
        raise ValueError("interest is a number from 1 to 5")
    interview.debrief.interest = value


# -- referrals ---------------------------------------------------------------------------------

# Two or three capitalised words in a row are most likely a person's name ("Priya Nair").
_NAME = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\b")
# Capitalised words that start a flagged line but are not part of a name ("Ask Priya Nair…").
# fmt: off
_NOT_NAMES = frozenset({
    "ask", "also", "call", "contact", "email", "introduce", "maybe", "meet", "message", "mention",
    "ping", "reach", "see", "speak", "talk", "text", "try", "write",
})
# fmt: on
_POSSESSIVE = re.compile(r"['’]s?$")


def guess_name(line: str) -> str:
    """The likeliest person's name in a flagged line, or ``""`` (the user confirms or edits it)."""
    match = _NAME.search(line)
    if not match:
        return ""
    words = match.group(1).split()
    while len(words) > 1 and words[0].casefold() in _NOT_NAMES:
        words.pop(0)
    # "Sam Lee's email" names Sam Lee.
    words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    return " ".join(words)


def referral_key(text: str) -> str:
    """How two spellings of one person compare: case, punctuation and spacing do not count
    ("Sam Lee", "sam lee." and "Sam  Lee" are one person)."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _merge_note(kept: Referral, note: str) -> None:
    if note and referral_key(note) not in {referral_key(n) for n in kept.note.split(" · ")}:
        kept.note = f"{kept.note} · {note}" if kept.note else note


def _names_in(line_key: str, named: dict[str, Referral]) -> Referral | None:
    # A line with no capitalised name ("also call sam lee") may still name someone flagged
    # elsewhere; whole words only, so "sam lee" is not found in "samuel leeds".
    padded = f" {line_key} "
    return next((r for key, r in named.items() if f" {key} " in padded), None)


def referral_candidates(interview: Interview) -> list[Referral]:
    """One unconfirmed referral per person flagged, with a guessed name and the lines as a note.

    The same person flagged twice ("Talk to Sam Lee", later "sam lee." again) is one referral,
    so confirming the list never makes two contacts for one person. A line where no name can
    be guessed stays a referral of its own (the user names it), unless it is the same line.
    """
    lines = [clean_line(flag.text) for flag in interview.flags_of("referral")]
    named: dict[str, Referral] = {}
    for line in lines:
        name = guess_name(line)
        key = referral_key(name)
        if not key:
            continue
        if key in named:
            _merge_note(named[key], line)
        else:
            named[key] = Referral(name=name, note=line)
    # In the order flagged: each person where first mentioned.
    found: list[Referral] = []
    listed: set[str] = set()
    nameless: dict[str, Referral] = {}
    for line in lines:
        key = referral_key(guess_name(line))
        if key:
            if key not in listed:
                listed.add(key)
                found.append(named[key])
            continue
        line_key = referral_key(line)
        if not line_key:
            continue
        person = _names_in(line_key, named)
        if person is not None:
            _merge_note(person, line)
        elif line_key not in nameless:
            nameless[line_key] = Referral(name="", note=line)
            found.append(nameless[line_key])
    return found


def find_referral(interview: Interview, name: str) -> int | None:
    """The index of the referral with this name (however it is spelled or punctuated), or None."""
    key = referral_key(name)
    if not key:
        return None
    for index, referral in enumerate(interview.referrals):
        if referral_key(referral.name) == key:
            return index
    return None


def confirm_referral(interview: Interview, index: int, name: str | None = None) -> Referral:
    """Confirm one referral (optionally correcting the name); it then becomes a contact.

    When the corrected name is someone already on the list, the two are merged into that one
    (its note keeps both lines) rather than becoming two contacts for one person.
    """
    referral = interview.referrals[index]
    new_name = clean_line(name) if name is not None else referral.name
    if not new_name:
        raise ValueError("a referral needs a name before it can become a contact")
    other = find_referral(interview, new_name)
    if other is not None and other != index:
        kept = interview.referrals[other]
        _merge_note(kept, referral.note)
        del interview.referrals[index]
        referral = kept
    else:
        referral.name = new_name
    referral.confirmed = True
    return referral


def add_referral(interview: Interview, name: str, note: str = "") -> Referral:
    """Add a referral that was not flagged during the call (confirmed: the user typed it).

    A name already on the list confirms that referral instead of adding the person twice.
    """
    cleaned = clean_line(name)
    if not cleaned:
        raise ValueError("a referral needs a name")
    note = clean(note).strip()
    index = find_referral(interview, cleaned)
    if index is not None:
        referral = interview.referrals[index]
        _merge_note(referral, note)
        referral.confirmed = True
        return referral
    referral = Referral(name=cleaned, note=note, confirmed=True)
    interview.referrals.append(referral)
    return referral


def refer_from_flag(interview: Interview, line: str) -> Referral | None:
    """Put a line flagged as a referral after the debrief began on its list of referrals.

    As :func:`referral_candidates` would: someone already on the list (by the name guessed,
    or named in the line) gains the line in their note; anyone else joins unconfirmed. None
    when the line has no words.
    """
    line = clean_line(line)
    line_key = referral_key(line)
    if not line_key:
        return None
    name = guess_name(line)
    index = find_referral(interview, name) if name else None
    if index is None and not name:
        named = {referral_key(r.name): r for r in interview.referrals if r.name}
        person = _names_in(line_key, named)
        if person is not None:
            _merge_note(person, line)
            return person
        same = [r for r in interview.referrals if not r.name and referral_key(r.note) == line_key]
        if same:
            return same[0]
    if index is not None:
        _merge_note(interview.referrals[index], line)
        return interview.referrals[index]
    referral = Referral(name=name, note=line)
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
    """Turn each advice flag into an action due ``days`` after the call (once per flag text).

    An action reworded since keeps the line it came from, so its flag is not made into an
    action a second time.
    """
    due = (_call_day(interview, clock) + timedelta(days=days)).isoformat()
    existing = {a.text for a in interview.actions} | {
        a.from_flag for a in interview.actions if a.from_flag
    }
    added: list[Action] = []
    for flag in interview.flags_of("advice"):
        if flag.text and flag.text not in existing:
            existing.add(flag.text)
            added.append(Action(text=flag.text, due=due, kind="advice", from_flag=flag.text))
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


def _action(interview: Interview, action_id: str) -> Action | None:
    return next((a for a in interview.actions if a.id == action_id), None)


def reword_action(interview: Interview, action_id: str, text: str) -> Action | None:
    """Put an action in the user's own words (a flagged line is rarely a to-do as it stands).

    Raises ValueError for text with no words; None when the interview has no such action.
    """
    cleaned = clean(text).strip()
    if not cleaned:
        raise ValueError("an action needs some words")
    action = _action(interview, action_id)
    if action is not None:
        if action.from_flag is None and action.kind == "advice":
            # Made before actions kept their flag: the text it had is the line it came from.
            action.from_flag = action.text
        action.text = cleaned
    return action


def set_action_done(
    interview: Interview, action_id: str, done: bool, clock: Clock
) -> Action | None:
    """Tick an action off (keeping the first time it was ticked), or open it again.

    Opening it again also forgets any report-back: that was about the action being done.
    None when the interview has no such action.
    """
    action = _action(interview, action_id)
    if action is None:
        return None
    now = iso(clock.now())
    if done and action.done_at is None:
        action.done_at = now
    elif not done:
        action.done_at = None
        action.reported_back_at = None
    interview.updated_at = now
    return action


def mark_reported_back(interview: Interview, action_id: str, clock: Clock) -> Action | None:
    """Record that the person was told how their advice worked out (which means it was done)."""
    action = _action(interview, action_id)
    if action is None:
        return None
    now = iso(clock.now())
    action.done_at = action.done_at or now
    action.reported_back_at = now
    interview.updated_at = now
    return action


def restore_action(
    interview: Interview,
    action_id: str,
    done_at: str | None,
    reported_back_at: str | None,
    clock: Clock,
) -> Action | None:
    """Put an action back as it was before a tick (an undo); None when it is gone."""
    action = _action(interview, action_id)
    if action is None:
        return None
    action.done_at = done_at
    action.reported_back_at = reported_back_at
    interview.updated_at = iso(clock.now())
    return action


# -- lines of the call's transcript ------------------------------------------------------------


def transcript_flag(interview: Interview, kind: str, at: float, text: str) -> Flag | None:
    """The flag of this kind on the transcript's line that starts at ``at`` (recording
    seconds) and says ``text``, or None."""
    return next(
        (
            f
            for f in interview.flags
            if f.kind == kind and f.transcript_at == at and f.text == clean(text).strip()
        ),
        None,
    )


def flag_transcript_line(
    interview: Interview,
    kind: str,
    at: float,
    text: str,
    question_id: str | None,
    call_offset_s: float | None,
    clock: Clock,
) -> Flag:
    """Flag a line of the call's transcript, as a line of notes is flagged during the call.

    ``at`` is where the line starts in the recording and ``call_offset_s`` the shift to call
    time (recording + offset), when known. The flag counts like any other: a referral joins
    the referrals to check (once per person), advice becomes an action due when a report-back
    would be, a quote can become the thank-you's point, and an opening makes the debrief ask
    whether the thank-you should mention it. Flagging a line twice as one kind changes nothing.
    """
    if kind not in FLAG_KINDS:
        raise ValueError(f"a flag is one of {', '.join(FLAG_KINDS)}")
    found = transcript_flag(interview, kind, at, text)
    if found is not None:
        return found
    line = clean(text).strip()
    if not line:
        raise ValueError("a flagged line needs some words")
    offset = max(0.0, at + (call_offset_s or 0.0))
    flag = Flag(kind, question_id, round(offset, 1), line, transcript_at=at)
    interview.flags.append(flag)
    if kind == "referral":
        refer_from_flag(interview, line)
    elif kind == "advice":
        actions_from_advice(interview, clock)
    interview.updated_at = iso(clock.now())
    return flag


def unflag_transcript_line(
    interview: Interview, kind: str, at: float, text: str, clock: Clock
) -> bool:
    """Take back a flag put on a line of the transcript; False when there was none.

    What the flag alone brought in goes with it while the user has not made it theirs: a
    referral still to check whose note is just this line, and an action from this advice
    not reworded or ticked off. A call's own flags are never taken back here.
    """
    flag = transcript_flag(interview, kind, at, text)
    if flag is None:
        return False
    interview.flags.remove(flag)
    still = any(f.kind == kind and f.text == flag.text for f in interview.flags)
    if not still and kind == "referral":
        line_key = referral_key(clean_line(flag.text))
        interview.referrals = [
            r
            for r in interview.referrals
            if r.confirmed or r.contact_id or referral_key(r.note) != line_key
        ]
    elif not still and kind == "advice":
        interview.actions = [
            a
            for a in interview.actions
            if not (a.from_flag == flag.text and a.text == flag.text and a.done_at is None)
        ]
    interview.updated_at = iso(clock.now())
    return True


def toggle_transcript_flag(
    interview: Interview, transcript: Transcript, index: int, kind: str, clock: Clock
) -> bool:
    """Flag line ``index`` of the call's transcript as ``kind``, or take that flag back when
    it is there (see :func:`flag_transcript_line`); True when the line is flagged now."""
    segment = transcript.segments[index]
    if transcript_flag(interview, kind, segment.start, segment.text) is not None:
        unflag_transcript_line(interview, kind, segment.start, segment.text, clock)
        return False
    flag_transcript_line(
        interview,
        kind,
        segment.start,
        segment.text,
        segment.question_id,
        transcript.offset_s,
        clock,
    )
    return True


def flags_by_line(interview: Interview, transcript: Transcript) -> dict[int, list[str]]:
    """The kinds each line of the transcript is flagged as (lines without flags left out)."""
    by_line: dict[tuple[float, str], list[str]] = {}
    for flag in interview.flags:
        if flag.transcript_at is not None:
            by_line.setdefault((flag.transcript_at, flag.text), []).append(flag.kind)
    if not by_line:
        return {}
    return {
        index: by_line[key]
        for index, segment in enumerate(transcript.segments)
        if (key := (segment.start, segment.text)) in by_line
    }


# -- the thank-you note: drafted in coach.core.thank_you, sent here ---------------------------


def mark_sent(interview: Interview, clock: Clock, text: str | None = None) -> None:
    """Record that the thank-you was sent now (keeping the final wording if given)."""
    if text is not None:
        interview.thank_you.text = clean(text)
    interview.thank_you.sent_at = iso(clock.now())
    interview.updated_at = interview.thank_you.sent_at


def contact_for_referral(
    referral: Referral, referrer_id: str | None, existing: Iterable[Contact]
) -> tuple[Contact, bool]:
    """The contact a confirmed referral becomes, and whether it is one already on file.

    When exactly one contact already has the referral's name, the referral is that person:
    they gain "referred by" this interview's person if they had no referrer, and, when how
    the user knows them was never marked (a LinkedIn import, say), "referral" as that (the
    agenda then asks for the conversation and the request names who suggested it); nothing
    else changes. Two or more with that name cannot be told apart, and none means someone new,
    so both give a new contact "referred by" this person.
    """
    found = the_one_named(referral.name, existing)
    if found is not None:
        if found.referred_by is None and referrer_id and referrer_id != found.id:
            found = replace(found, referred_by=referrer_id)
        if not found.how_known and found.referred_by:
            found = replace(found, how_known="referral")
        return found, True
    contact = Contact(
        name=referral.name,
        how_known="referral",
        referred_by=referrer_id,
        notes=referral.note,
        source="referral",
    )
    return contact, False
