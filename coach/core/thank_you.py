"""The thank-you note, drafted from the interview for the user to edit and send.

A short note in the user's voice, due 24 hours after the call: their name, thanks for their
time, one specific thing from the call, the one action the user will take, and a sign-off.
Nothing here sends anything; the debrief records when it was sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coach.core.agenda import thank_you_due_at
from coach.core.clock import parse_when
from coach.core.interview import Action, Interview
from coach.core.text import clean, clean_line


def _key(text: str) -> str:
    # How two lines compare when deciding whether the point repeats a flagged line or the
    # promised action: case, punctuation and spacing do not count.
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


# A point longer than this is made shorter by choosing one of the user's own sentences or
# clauses that fits, never by cutting their words: if none fits, the shortest whole sentence.
POINT_LIMIT = 140
# Where the user's own name goes: the app does not know it, and a sign-off with nothing under it
# reads as unfinished.
SIGNATURE = "[your name]"
# What the debrief asks when an opening was flagged: the note mentions it only on "yes".
OPENING_PROMPT = (
    "An opening came up during the call. Say in the thank-you that the conversation confirmed "
    "your interest and that you would like to apply?"
)

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
# The first words that are lower-cased when the user's words follow a colon in the note. Only
# words that are never a name: "Most people…" becomes "most people…", while "Priya's team…",
# "Python is…" or "I had no idea…" keep their capital. A word not listed keeps it too, which is
# the safe side: a stray capital reads better than a person's name in lower case.
_COMMON_STARTS = frozenset({
    "a", "about", "after", "all", "almost", "also", "although", "an", "and", "another", "any",
    "anyone", "as", "at", "because", "before", "being", "both", "but", "by", "each", "even",
    "every", "everyone", "everything", "few", "for", "from", "getting", "having", "he", "her",
    "his", "how", "if", "in", "into", "it", "it's", "it’s", "its", "just", "less", "lots",
    "many", "more", "most", "much", "my", "never", "no", "nobody", "none", "not", "nothing",
    "now", "of", "often", "on", "once", "one", "only", "or", "other", "our", "people", "quite",
    "rather", "she", "since", "so", "some", "someone", "something", "sometimes", "that",
    "the", "their", "there", "there's", "there’s", "these", "they", "they're", "they’re",
    "this", "those", "though", "to", "too", "two", "usually", "very", "we", "what", "when",
    "where", "whether", "which", "while", "who", "why", "with", "without", "you", "your",
    # The words that most often open a note about work, none of them anyone's name.
    "budgets", "companies", "courses", "employers", "experience", "hiring", "interviews",
    "learning", "managers", "mentors", "networking", "projects", "recruiters", "teaching",
    "teams", "working",
})
# fmt: on
# A point needs this many words to say anything ("Great call." does not); a clause, taken out of
# its sentence, one more.
_SENTENCE_WORDS = 3
_CLAUSE_WORDS = 4
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
# A whole line in quotation marks (the quote added below would double them), maybe with the
# sentence's own end after the closing mark.
_QUOTED = re.compile(r"^[\"'“‘«](.+)[\"'”’»]([.!?]?)$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Where one sentence may end and the next begin: its end mark (and a closing quote or bracket),
# then a space and a capital letter, a digit or an opening quote or bracket.
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
# A full stop after these is no sentence's end ("e.g. Python", "Dr. Hopper").
# fmt: off
_ABBREVIATIONS = frozenset({
    "approx", "co", "cf", "dr", "e.g", "eg", "etc", "i.e", "ie", "inc", "jr", "ltd", "mr", "mrs",
    "ms", "mx", "no", "prof", "sr", "st", "vs",
})
# fmt: on
# How much of the notes the point is looked for in (characters), and the longest line read.
_NOTES_READ = 100_000
_LONGEST_NOTE_LINE = 5_000
# Where a sentence falls into clauses: a semicolon, a colon or a spaced dash, or a comma before
# "and", "but", "so" or "yet" (the joining word goes with the break).
_CLAUSE_BREAK = re.compile(r"\s*[;:]\s+|\s+[–—-]\s+|,\s+(?:and|but|so|yet)\s+")
_OPENS, _CLOSES = "([{", ")]}"


def _one_line(text: str) -> str:
    line = _BULLET.sub("", clean_line(text)).strip()
    quoted = _QUOTED.match(line)
    return (quoted.group(1).strip() + quoted.group(2)) if quoted else line


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each whole with its own end mark, on one line each.

    A full stop after an abbreviation or an initial ("e.g. Python", "J. Smith") ends nothing.
    """
    found: list[str] = []
    for line in clean(text).splitlines():
        line = _one_line(line)
        start = 0
        for end in _SENTENCE_BREAK.finditer(line):
            before = line[start : end.start()].split()
            last = before[-1].casefold().lstrip("(\"'“‘") if before else ""
            short = len(last) == 1 and last.isalpha()
            if end.group().startswith(".") and (last in _ABBREVIATIONS or short):
                continue
            found.append(line[start : end.end()].strip())
            start = end.end()
        if line[start:].strip():
            found.append(line[start:].strip())
    return found


def clauses(sentence: str) -> list[str]:
    """The clauses of one sentence, split where its punctuation or a joining word says so.

    Nothing in brackets is split: "teaching experience (explaining, planning)" stays whole.
    """
    depth = 0
    outside = []
    # Mark where brackets are open so that a break inside them is not taken.
    for char in sentence:
        if char in _OPENS:
            depth += 1
        elif char in _CLOSES:
            depth = max(0, depth - 1)
        outside.append(depth == 0)
    found: list[str] = []
    start = 0
    for brk in _CLAUSE_BREAK.finditer(sentence):
        if outside[brk.start()]:
            found.append(sentence[start : brk.start()])
            start = brk.end()
    found.append(sentence[start:])
    return [part.strip(" ,;:–—-") for part in found if part.strip(" ,;:–—-")]


def _words(text: str) -> int:
    return len(text.split())


def in_whole_words(texts: list[str], fullest: bool = False, whole_clauses: bool = True) -> str:
    """A point for the note from the user's ``texts``, with none of their words cut.

    One whole sentence of theirs that says something and fits :data:`POINT_LIMIT` (the first,
    or with ``fullest`` the longest); else the first whole clause of such a sentence that fits
    (the main clause usually comes first; not with ``whole_clauses`` off: a quote is quoted by
    the sentence); else the shortest whole sentence, however long. Never the text cut short
    with "…": the note is sent as written.
    """
    found = [s for text in texts for s in sentences(text)]
    worthy = [s for s in found if _words(s) >= _SENTENCE_WORDS] or found
    if not worthy:
        return ""

    fitting = [s for s in worthy if len(s) <= POINT_LIMIT]
    if fitting:
        return max(fitting, key=len) if fullest else fitting[0]
    if whole_clauses:
        parts = [
            part
            for s in worthy
            for part in clauses(s)
            if _words(part) >= _CLAUSE_WORDS and len(part) <= POINT_LIMIT
        ]
        if parts:
            return parts[0]
    return min(worthy, key=len)


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


def after_colon(text: str) -> str:
    """The user's words as they continue a sentence of the note after a colon.

    The first letter is lower-cased only when the first word is a common one that is never a
    name ("Most people…" → "most people…"); "I", names, acronyms and anything unknown keep
    their capital.
    """
    words = text.split(maxsplit=1)
    if not words:
        return text
    first = words[0]
    # Capitalised as a sentence starts, not "THE" or "McKinsey".
    capitalised = first[:1].isupper() and first[1:] == first[1:].lower()
    if capitalised and first.strip(".,;:!?").casefold() in _COMMON_STARTS:
        return _lower_first(text)
    return text


def next_step(interview: Interview) -> Action | None:
    """The one action the thank-you promises: the first from their advice, else one's own."""
    actions = [a for a in interview.actions if a.kind == "advice"] or interview.actions
    return next((a for a in actions if a.text.strip()), None)


def has_opening(interview: Interview) -> bool:
    """True when an opening was flagged during the call: the debrief then asks whether the
    thank-you should mention it (see :data:`OPENING_PROMPT`)."""
    return bool(interview.flags_of("opening"))


def specific_point(interview: Interview) -> str:
    """The one specific thing the thank-you mentions, in the user's whole words (see
    :func:`in_whole_words`), before it is fitted into a sentence of the note.

    In order: the first quote flagged; a thought written under "what did I learn" in the
    debrief (already in full words, unlike notes taken at speed); the fullest line of the notes
    that was not flagged (what they told you, rather than whom to see or what to do); the
    fullest advice not already promised as the next step. An opening flagged is never the
    point: whether the note mentions it is the user's choice.
    """
    return _point(interview)[0]


def _point(interview: Interview) -> tuple[str, str]:
    # The point, and what it is: "quote" (their words), "learned", "note" or "advice".
    quotes = [q for f in interview.flags_of("quote") if (q := _one_line(f.text))]
    if quotes:
        return in_whole_words(quotes[:1], whole_clauses=False), "quote"
    learned = [line for raw in interview.debrief.learned.splitlines() if (line := _one_line(raw))]
    if learned:
        return in_whole_words(learned), "learned"
    flagged = {_key(f.text) for f in interview.flags}
    lines = [_one_line(line) for line in _note_lines(interview)]
    lines = [line for line in lines if line and _key(line) not in flagged]
    if lines:
        return in_whole_words(lines, fullest=True), "note"
    step = next_step(interview)
    promised = _key(step.text) if step else ""
    advice = [a for f in interview.flags_of("advice") if (a := _one_line(f.text))]
    advice = [a for a in advice if _key(a) != promised]
    if advice:
        return in_whole_words([max(advice, key=len)], fullest=True), "advice"
    return "", ""


def _note_lines(interview: Interview) -> Iterator[str]:
    """The lines of the notes a point is looked for in: a call's worth. Past that (a long
    paste from another tool) more lines cost seconds and change nothing, and a line longer
    than a page is not a sentence anyone would quote back."""
    read = 0
    for note in interview.notes:
        for line in note.text.splitlines():
            if len(line) > _LONGEST_NOTE_LINE:
                continue
            read += len(line)
            if read > _NOTES_READ:
                return
            yield line


def _point_sentence(interview: Interview) -> str:
    point, kind = _point(interview)
    if not point:
        return ""
    text = as_sentence(point)
    if kind == "quote":
        return f"I keep coming back to something you said: “{text}”"
    if kind == "learned":
        return f"I came away knowing something I could not have read anywhere: {after_colon(text)}"
    if kind == "advice" and _doing(point):
        what = point.rstrip(" .!?")
        return f"Your tip to {_lower_first(what)} was especially useful."
    return f"One thing you told me has stayed with me: {after_colon(text)}"


def _doing(text: str) -> bool:
    # Starts with what to do, typed in ordinary case: "Take the course", not "TAKE".
    return _first_word(text) in _DOING_WORDS and not text[1:2].isupper()


def _step_sentence(interview: Interview) -> str:
    step = next_step(interview)
    if step is None:
        return "I will put what I learned to use and let you know where it leads."
    text = as_sentence(in_whole_words([step.text]))
    advice = step.kind == "advice"
    lead = "Following your advice, " if advice else "Next, "
    first = _first_word(text)
    if first in ("i", "i'll", "i’ll", "i'm", "i’m"):
        promise = lead + text  # already in the user's voice: "I signed up for the course."
    elif _doing(text):
        promise = lead + "I will " + _lower_first(text)  # "Take the course": "I will take…"
    elif advice:
        promise = f"Your advice gave me a clear next step: {after_colon(text)}"
    else:
        promise = f"My next step: {after_colon(text)}"
    return promise + " I'll write again to tell you how it goes."


def _opening_sentence(interview: Interview) -> str:
    # The accepted advice: say nothing of an opening during the call, and say in the next-day
    # note that the conversation confirmed the interest and that one would like to apply.
    place = f"joining {interview.contact_org}" if interview.contact_org else "this work"
    return (
        f"Our conversation confirmed my interest in {place}, and I would like to apply for the "
        "opening you mentioned."
    )


_TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss"})


def _greeting_name(full_name: str) -> str:
    # "Ada Lovelace" is greeted as "Ada"; "Dr. Ada Lovelace" as "Dr. Lovelace", not "Dr.".
    words = clean_line(full_name).split()
    if len(words) > 1 and words[0].rstrip(".").casefold() in _TITLES:
        return f"{words[0]} {words[-1]}"
    return words[0] if words else ""


def draft_thank_you(
    interview: Interview, signature: str = "", mention_opening: bool | None = None
) -> str:
    """Write the thank-you draft into the interview (due 24 h after the call) and return it.

    ``signature`` and ``mention_opening`` are as for :func:`thank_you_draft`.
    """
    text = thank_you_draft(interview, signature, mention_opening)
    interview.thank_you.text = text
    interview.thank_you.drafted = True
    if interview.thank_you.due_at is None:
        interview.thank_you.due_at = thank_you_due(interview)
    return text


def thank_you_draft(
    interview: Interview, signature: str = "", mention_opening: bool | None = None
) -> str:
    """The thank-you as coach would draft it from the interview now; nothing is changed.

    ``signature`` is the user's own name as they sign; without one the note ends with
    :data:`SIGNATURE`, a gap the debrief asks them to fill before it is marked sent.

    A short note in the user's voice: their first name, thanks for their time, one specific
    thing from the call in the user's whole words, the one action the user will take, and a
    sign-off. With ``mention_opening`` (the user said yes when the debrief asked), and only
    when an opening was flagged, one more sentence says the conversation confirmed their
    interest and that they would like to apply: the thank-you is the moment for that, never
    the call itself. Left as None, the answer kept on the interview decides (no answer: no).
    """
    name = _greeting_name(interview.contact_name)
    greeting = f"Dear {name}," if name else "Hello,"
    work = f"your work at {interview.contact_org}" if interview.contact_org else "your work"
    first = [f"Thank you for making the time to talk with me about {work}."]
    point = _point_sentence(interview)
    if point:
        first.append(point)
    second = [_step_sentence(interview)]
    if mention_opening is None:
        mention_opening = interview.thank_you.mention_opening is True
    if mention_opening and has_opening(interview):
        second.append(_opening_sentence(interview))
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
