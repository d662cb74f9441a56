"""The debrief, straight after the call: reflect, confirm referrals, plan actions, thank them.

Everything here works on an :class:`Interview` that has ended. Contacts for confirmed referrals
are created elsewhere (the store and the contacts screen), "referred by" this interview's contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from coach.core.agenda import thank_you_due_at
from coach.core.clock import Clock, iso
from coach.core.contact import Contact, the_one_named
from coach.core.interview import Action, Interview, Note, Referral, parse_when
from coach.core.text import clean, clean_line

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


# -- the thank-you note ------------------------------------------------------------------------


# How long the specific thing from the notes may run in the note before it is cut short.
POINT_LIMIT = 140
# Where the user's own name goes: the app does not know it, and a sign-off with nothing under it
# reads as unfinished.
SIGNATURE = "[your name]"

# Advice usually starts with what to do ("Take the evening course"); these first words let the
# note say "I will take the evening course". Anything else is quoted after a colon instead.
# fmt: off
_DOING_WORDS = frozenset({
    "apply", "ask", "attend", "build", "call", "check", "consider", "contact", "create", "do",
    "email", "enrol", "enroll", "find", "follow", "get", "go", "join", "keep", "learn", "look",
    "make", "meet", "practise", "practice", "prepare", "read", "reach", "register", "research",
    "review", "send", "set", "share", "sign", "spend", "start", "study", "take", "talk", "try",
    "update", "use", "visit", "volunteer", "watch", "write",
})
# fmt: on
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
# A whole line in quotation marks (the quote added below would double them), maybe with the
# sentence's own end after the closing mark.
_QUOTED = re.compile(r"^[\"'“‘«](.+)[\"'”’»]([.!?]?)$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _one_line(text: str) -> str:
    line = _BULLET.sub("", clean_line(text)).strip()
    quoted = _QUOTED.match(line)
    return (quoted.group(1).strip() + quoted.group(2)) if quoted else line


def trim_words(text: str, limit: int = POINT_LIMIT) -> str:
    """``text`` on one line, cut at the last whole word that fits in ``limit`` characters (with
    "…" to show it was cut)."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if line[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def as_sentence(text: str) -> str:
    """``text`` ending as a sentence does: its own ".", "?", "!" or "…" kept, a trailing comma,
    colon or dash dropped, and a full stop added when there was none."""
    line = text.strip()
    if not line or _SENTENCE_END.search(line):
        return line
    return line.rstrip(" ,;:–—-") + "."


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0].strip(".,;:!?").casefold() if text.split() else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def next_step(interview: Interview) -> Action | None:
    """The one action the thank-you promises: the first from their advice, else one's own."""
    actions = [a for a in interview.actions if a.kind == "advice"] or interview.actions
    return next((a for a in actions if a.text.strip()), None)


def specific_point(interview: Interview) -> str:
    """The one specific thing the thank-you mentions, on one line and not yet trimmed.

    In order: the first quote flagged; the first thought written under "what did I learn" in
    the debrief (already in full words, unlike notes taken at speed); the longest line of the
    notes that was not flagged (what they told you, rather than whom to see or what to do); the
    longest advice not already promised as the next step; the opening flagged.
    """
    return _point(interview)[0]


def _point(interview: Interview) -> tuple[str, str]:
    # The point, and what it is: "quote" (their words), "note" or the flag kind.
    quotes = [q for f in interview.flags_of("quote") if (q := _one_line(f.text))]
    if quotes:
        return quotes[0], "quote"
    learned = [line for raw in interview.debrief.learned.splitlines() if (line := _one_line(raw))]
    if learned:
        return learned[0], "learned"
    flagged = {referral_key(f.text) for f in interview.flags}
    lines = [_one_line(line) for note in interview.notes for line in note.text.splitlines()]
    lines = [line for line in lines if line and referral_key(line) not in flagged]
    if lines:
        # The fullest thought that fits whole; failing that, the longest, cut short.
        fitting = [line for line in lines if len(line) <= POINT_LIMIT]
        return max(fitting or lines, key=len), "note"
    step = next_step(interview)
    promised = referral_key(step.text) if step else ""
    advice = [a for f in interview.flags_of("advice") if (a := _one_line(f.text))]
    advice = [a for a in advice if referral_key(a) != promised]
    if advice:
        return max(advice, key=len), "advice"
    openings = [o for f in interview.flags_of("opening") if (o := _one_line(f.text))]
    return (openings[0], "opening") if openings else ("", "")


def _point_sentence(interview: Interview) -> str:
    point, kind = _point(interview)
    if not point:
        return ""
    text = as_sentence(trim_words(point))
    if kind == "quote":
        return f"I keep coming back to something you said: “{text}”"
    if kind == "learned":
        return f"I came away knowing something I could not have read anywhere: {text}"
    if kind == "advice" and _doing(point):
        what = trim_words(point).rstrip(" .!?")
        return f"Your tip to {_lower_first(what)} was especially useful."
    return f"One thing you told me has stayed with me: {text}"


def _doing(text: str) -> bool:
    # Starts with what to do, typed in ordinary case: "Take the course", not "TAKE".
    return _first_word(text) in _DOING_WORDS and not text[1:2].isupper()


def _step_sentence(interview: Interview) -> str:
    step = next_step(interview)
    if step is None:
        return "I will put what I learned to use and let you know where it leads."
    text = as_sentence(trim_words(_one_line(step.text)))
    advice = step.kind == "advice"
    lead = "Following your advice, " if advice else "Next, "
    first = _first_word(text)
    if first in ("i", "i'll", "i’ll", "i'm", "i’m"):
        promise = lead + text  # already in the user's voice: "I signed up for the course."
    elif _doing(text):
        promise = lead + "I will " + _lower_first(text)  # "Take the course": "I will take…"
    elif advice:
        promise = f"Your advice gave me a clear next step: {text}"
    else:
        promise = f"My next step: {text}"
    return promise + " I'll write again to tell you how it goes."


_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss"})


def _greeting_name(full_name: str) -> str:
    # "Ada Lovelace" is greeted as "Ada"; "Dr. Ada Lovelace" as "Dr. Lovelace", not "Dr.".
    words = clean_line(full_name).split()
    if len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
        return f"{words[0]} {words[-1]}"
    return words[0] if words else ""


def draft_thank_you(interview: Interview, signature: str = "") -> str:
    """Write the thank-you draft into the interview (due 24 h after the call) and return it."""
    text = thank_you_draft(interview, signature)
    interview.thank_you.text = text
    if interview.thank_you.due_at is None:
        interview.thank_you.due_at = thank_you_due(interview)
    return text


def thank_you_draft(interview: Interview, signature: str = "") -> str:
    """The thank-you as coach would draft it from the interview now; nothing is changed.

    ``signature`` is the user's own name as they sign; without one the note ends with
    :data:`SIGNATURE`, a gap the debrief asks them to fill before it is marked sent.

    A short note in the user's voice: their first name, thanks for their time, one specific
    thing from the notes, the one action the user will take, and a sign-off. When an opening
    came up, it says the conversation confirmed the interest in applying (the thank-you is the
    right moment for that, never the call itself).
    """
    name = _greeting_name(interview.contact_name)
    greeting = f"Dear {name}," if name else "Hello,"
    work = f"your work at {interview.contact_org}" if interview.contact_org else "your work"
    first = [f"Thank you for making the time to talk with me about {work}."]
    point = _point_sentence(interview)
    if point:
        first.append(point)
    second = [_step_sentence(interview)]
    if interview.flags_of("opening"):
        place = f"joining {interview.contact_org}" if interview.contact_org else "this work"
        second.append(
            f"Our conversation confirmed my interest in {place}, and I would like to apply "
            "for the opening you mentioned."
        )
    return "\n".join(
        [
            greeting,
            "",
            " ".join(first),
            "",
            " ".join(second),
            "",
            "Warm regards,",
            clean_line(signature).strip() or SIGNATURE,
        ]
    )


def thank_you_due(interview: Interview) -> str | None:
    """When the thank-you is due: 24 hours after the call ended (None before it ended)."""
    ended = parse_when(interview.stage("live").ended)
    if ended is None:
        return None
    return thank_you_due_at(ended).isoformat(timespec="seconds")


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


def contact_for_referral(
    referral: Referral, referrer_id: str | None, existing: Iterable[Contact]
) -> tuple[Contact, bool]:
    """The contact a confirmed referral becomes, and whether it is one already on file.

    When exactly one contact already has the referral's name, the referral is that person:
    they gain "referred by" this interview's person if they had no referrer, and nothing else
    changes. Two or more with that name cannot be told apart, and none means someone new, so
    both give a new contact "referred by" this person.
    """
    found = the_one_named(referral.name, existing)
    if found is not None:
        if found.referred_by is None and referrer_id and referrer_id != found.id:
            found = replace(found, referred_by=referrer_id)
        return found, True
    contact = Contact(
        name=referral.name,
        how_known="referral",
        referred_by=referrer_id,
        notes=referral.note,
        source="referral",
    )
    return contact, False
