"""The thank-you note, drafted from the interview for the user to edit and send.

A short note in the user's voice, due 24 hours after the call: their name, thanks for their
time, one specific thing from the call, the one action the user will take, and a sign-off.
Nothing here sends anything; the debrief records when it was sent.
"""

from __future__ import annotations

import re

from coach.core.agenda import thank_you_due_at
from coach.core.interview import Action, Interview, parse_when
from coach.core.text import clean_line


def _key(text: str) -> str:
    # How two lines compare when deciding whether the point repeats a flagged line or the
    # promised action: case, punctuation and spacing do not count.
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


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
    flagged = {_key(f.text) for f in interview.flags}
    lines = [_one_line(line) for note in interview.notes for line in note.text.splitlines()]
    lines = [line for line in lines if line and _key(line) not in flagged]
    if lines:
        # The fullest thought that fits whole; failing that, the longest, cut short.
        fitting = [line for line in lines if len(line) <= POINT_LIMIT]
        return max(fitting or lines, key=len), "note"
    step = next_step(interview)
    promised = _key(step.text) if step else ""
    advice = [a for f in interview.flags_of("advice") if (a := _one_line(f.text))]
    advice = [a for a in advice if _key(a) != promised]
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
