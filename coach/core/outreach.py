"""Asking for the conversation: request templates, filling them, and checking a draft.

The checks encode what makes a request likely to get a yes: short enough to read on a phone,
the connection up front, one small ask phrased as a question, no hint of asking for a job, and
more about the reader than about the writer. Each check returns a verdict and a short message
so the editor can show them live as the user types.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import Literal

from coach.core.clock import now_iso
from coach.core.contact import Contact

DEFAULT_WORD_LIMIT = 75

CheckId = Literal[
    "length", "connection-first", "ask-question", "no-job-words", "about-them", "filled-in"
]

PLACEHOLDERS: tuple[str, ...] = (
    "name",
    "first_name",
    "organisation",
    "role",
    "connection",
    "referrer",
    "referrer_first_name",
    "path",
    "my_name",
)


@dataclass(frozen=True)
class RequestTemplate:
    """A request template loaded from YAML; ``suits`` lists the ``how_known`` values it fits."""

    id: str
    title: str
    body: str
    subject: str = ""
    suits: tuple[str, ...] = ()
    source: str = ""
    builtin: bool = False


@dataclass(frozen=True)
class CheckResult:
    """The verdict of one check on a draft."""

    id: CheckId
    passed: bool
    message: str


# -- filling a template ------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


# What a placeholder becomes when the contact does not say: a visible gap to fill in (the
# "filled-in" check points at it), never a silent hole like "your work at ,".
BLANKS: dict[str, str] = {
    "name": "[their name]",
    "first_name": "[their first name]",
    "organisation": "[their organisation]",
    "role": "[their role]",
    "connection": "[how you know them]",
    "referrer": "[who suggested them]",
    "referrer_first_name": "[who suggested them]",
    "my_name": "[your name]",
}
# What {path} says for someone on no path: paths are optional, and "I am exploring this line
# of work" is a whole sentence where a gap would make everyone without one fill it in.
NO_PATH = "this line of work"


def template_values(
    contact: Contact, referrer: Contact | None = None, my_name: str = "", path: str = ""
) -> dict[str, str]:
    """What each placeholder becomes for ``contact``; see :data:`BLANKS` where nothing is known.

    ``my_name`` is the user's own name, as they sign (saved with m on Home); ``path`` the
    title of the career path the request is about (:data:`NO_PATH` without one).
    """
    known = {
        "name": contact.name,
        "first_name": contact.first_name,
        "organisation": contact.organisation,
        "role": contact.role,
        "connection": contact.connection,
        "referrer": referrer.name if referrer else "",
        "referrer_first_name": referrer.first_name if referrer else "",
        "my_name": my_name,
    }
    values = {key: value.strip() or BLANKS[key] for key, value in known.items()}
    values["path"] = in_a_sentence(path) or NO_PATH
    return values


def in_a_sentence(title: str) -> str:
    """A path's title as it reads inside a sentence: "Data analysis in healthcare" becomes
    "data analysis in healthcare"; a first word with more capitals ("UX research", "McKinsey
    strategy") stays as written."""
    title = " ".join(title.split())
    first = title.split(" ", 1)[0] if title else ""
    if first[:1].isupper() and first[1:] == first[1:].lower():
        return first[0].lower() + title[1:]
    return title


def fill_template(text: str, values: dict[str, str]) -> str:
    """Replace ``{placeholder}`` with its value in one pass.

    Never ``str.format``: the text and the values are the user's, and braces or attribute
    lookups in them must stay plain text. A value that itself contains ``{name}`` is not
    expanded again, and an unknown placeholder is left as written.
    """

    def substitute(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            return match.group(0)
        value = values[key]
        if value.endswith(".") and text.startswith(".", match.end()):
            # "Widgets, Inc." before the template's own full stop: one stop, not two.
            return value[:-1]
        return value

    return _PLACEHOLDER.sub(substitute, text)


def fill_for(
    template: RequestTemplate,
    contact: Contact,
    referrer: Contact | None = None,
    my_name: str = "",
    path: str = "",
) -> str:
    """The template's body filled in for ``contact``, signed ``my_name`` when it is known;
    ``referrer`` is who suggested them, ``path`` the title of the path it is about."""
    return fill_template(template.body, template_values(contact, referrer, my_name, path))


def pick_template(templates: list[RequestTemplate], contact: Contact) -> RequestTemplate | None:
    """The first template that suits how the user knows ``contact``, else the first one.

    Someone who was suggested by another contact, with nothing else said about how they are
    known, is a referral: the note should open with the person who suggested them.
    """
    how = contact.how_known or ("referral" if contact.referred_by else "")
    for template in templates:
        if how and how in template.suits:
            return template
    return templates[0] if templates else None


def template_of(
    draft: str,
    templates: list[RequestTemplate],
    contact: Contact,
    referrer: Contact | None = None,
    my_name: str = "",
    path: str = "",
) -> RequestTemplate | None:
    """The template a saved draft most likely started from, or None when none is close.

    Only the draft is stored, not the template it came from: the one whose filled-in text
    shares the most with the draft is taken, so a draft begun from "referral" reopens under
    "referral" even when the user has since edited it.
    """
    best: RequestTemplate | None = None
    best_ratio = 0.5  # below this the draft is the user's own, not an edited template
    for template in templates:
        filled = fill_for(template, contact, referrer, my_name, path)
        ratio = difflib.SequenceMatcher(None, filled, draft, autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = template, ratio
    return best


# -- checking a draft --------------------------------------------------------------------------

_WORD = re.compile(r"[\w'’-]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
_GREETING = re.compile(r"^\s*(hi|hello|hey|dear|good (morning|afternoon|evening))\b[^\n]*\n", re.I)
_JOB_WORDS = re.compile(
    r"\b(jobs?|positions?|openings?|hiring|hire me|internships?|employment|"
    r"résum[ée]s?|resumés?|cv|vacanc(?:y|ies)|refer me)\b",
    re.I,
)
# Without its accents "resume" is also a verb ("before work resumes"): only the noun counts.
_RESUME_NOUN = re.compile(r"\b(?:my|a|the|your|our|attached|updated)\s+(resumes?)\b", re.I)
# A gap left to fill in: a blank from a template, or any other "[like this]" in the text.
_GAP = re.compile(r"\[[^\[\]\n]{1,40}\]")
_YOU = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
_ME = re.compile(r"\b(i|me|my|mine|myself)\b", re.I)
# Words that name the conversation being asked for; the sentence holding them is the ask.
_ASK_WORDS = re.compile(
    r"\b(calls?|chat|talk|speak|conversation|minutes?|mins?|time|meet|meeting|coffee|"
    r"zoom|phone|video)\b",
    re.I,
)
# How a closing line starts: "Thanks for your time," names time but is no ask.
_CLOSING = re.compile(
    r"^\W*(?:(?:thanks|thank you|many thanks|with thanks|cheers|regards|kind regards|"
    r"warm regards|best regards|best wishes|all the best|sincerely|yours|warmly|take care|"
    r"looking forward|hope to (?:hear|speak|talk|meet)|talk soon|speak soon|gratefully)\b"
    r"|best\W*$)",
    re.I,
)
# Quotes or brackets that may follow the question mark: 'a call (20 minutes?)'.
_TRAILING_CLOSERS = " \t)]}\"'’”"

# Words that show the connection for each way of knowing someone.
_CONNECTION_WORDS: dict[str, tuple[str, ...]] = {
    "friend": ("friend",),
    "family": ("family", "cousin", "aunt", "uncle", "sister", "brother", "relative"),
    "neighbour": ("neighbour", "neighbor", "street", "building"),
    "co-worker": ("co-worker", "coworker", "colleague", "team"),
    "former-colleague": ("colleague", "worked together", "worked with", "used to work"),
    "classmate-alumni": ("alum", "class", "graduat", "studied", "school", "university", "college"),
    "professor": ("professor", "course", "class", "lecture", "student"),
    "supervisor": ("supervis", "manager", "reported to", "worked for"),
    "association": ("association", "member", "society", "chapter"),
    "conference": ("conference", "met", "talk", "panel", "session", "meetup"),
    "recruiter-hr": ("recruit", "spoke", "hr"),
    "online": ("group", "forum", "post", "article", "online", "community", "read"),
    "referral": ("suggested", "recommended", "mentioned", "referred", "pointed me"),
}


def count_words(text: str) -> int:
    """Words as a reader would count them (contractions and hyphenated words count once)."""
    return len(_WORD.findall(text))


def first_sentence(text: str) -> str:
    """The opening sentence, skipping a greeting line such as "Hi Ana,"."""
    body = _GREETING.sub("", text.lstrip(), count=1).strip()
    parts = _SENTENCE_END.split(body, maxsplit=1)
    return parts[0] if parts else ""


def sentences(text: str) -> list[str]:
    """The draft split into sentences (greeting line excluded)."""
    body = _GREETING.sub("", text.lstrip(), count=1).strip()
    return [s.strip() for s in _SENTENCE_END.split(body) if s and s.strip()]


def connection_hints(contact: Contact | None, referrer: Contact | None = None) -> tuple[str, ...]:
    """Words whose presence in the first sentence shows how the writer is connected."""
    if contact is None:
        return tuple(word for words in _CONNECTION_WORDS.values() for word in words)
    hints: list[str] = []
    if referrer is not None and referrer.name:
        hints.extend([referrer.name, referrer.first_name])
    if contact.how_known:
        hints.extend(_CONNECTION_WORDS.get(contact.how_known, ()))
        if contact.connection:
            hints.append(contact.connection)
    if contact.organisation:
        hints.append(contact.organisation)
    if not hints:
        hints.extend(word for words in _CONNECTION_WORDS.values() for word in words)
    return tuple(h for h in hints if h)


def _mentions(sentence: str, hint: str) -> bool:
    # Word-start match so that "hr" does not fire inside "three", but "graduat" finds "graduated".
    return re.search(r"(?<!\w)" + re.escape(hint.casefold()), sentence.casefold()) is not None


def _is_question(text: str) -> bool:
    return text.rstrip(_TRAILING_CLOSERS).endswith("?")


def _is_closing(text: str) -> bool:
    return not _is_question(text) and _CLOSING.match(text.strip()) is not None


def _is_signature(line: str) -> bool:
    # The name (or name and title) under a closing line: a few words, no sentence end.
    line = line.strip()
    return 0 < count_words(line) <= 4 and line[-1] not in ".!?:;" and not _ASK_WORDS.search(line)


def without_sign_off(text: str) -> str:
    """The draft without its closing lines ("Thanks,", "Looking forward to our chat") and
    the name under them, so the ask is found even when nothing ends the sentence before them.
    """
    lines = text.rstrip().splitlines()
    index = len(lines)
    while index > 0:
        line = lines[index - 1]
        if _is_closing(line):
            lines = lines[: index - 1]
            index = len(lines)
        elif not line.strip() or _is_signature(line):
            index -= 1
        else:
            break
    return "\n".join(lines)


def find_ask(text: str) -> str | None:
    """The sentence that asks for the conversation: the last one naming it (a call, a chat,
    some minutes, a coffee), with the greeting and the sign-off left out. None when no
    sentence asks for one.
    """
    asks = [
        " ".join(line.strip() for line in sentence.splitlines() if line.strip())
        for sentence in sentences(without_sign_off(text))
        if _ASK_WORDS.search(sentence) and not _is_closing(sentence)
    ]
    return asks[-1] if asks else None


def _quoted(sentence: str, width: int = 32) -> str:
    return f'"{sentence}"' if len(sentence) <= width else f'"{sentence[: width - 1].rstrip()}…"'


def _check_ask(text: str) -> CheckResult:
    ask = find_ask(text)
    if ask is not None and _is_question(ask):
        return CheckResult("ask-question", True, "The ask is a question")
    if ask is not None:
        return CheckResult(
            "ask-question", False, f'Phrase the ask as a question ending in "?": {_quoted(ask)}'
        )
    if any(_is_question(s) for s in sentences(text)):
        return CheckResult(
            "ask-question", False, "Make the question a clear ask for a short conversation"
        )
    return CheckResult(
        "ask-question", False, 'Ask for a short conversation, as a question ending in "?"'
    )


def check_request(
    text: str,
    contact: Contact | None = None,
    referrer: Contact | None = None,
    limit: int = DEFAULT_WORD_LIMIT,
    my_name: str = "",
    path: str = "",
) -> list[CheckResult]:
    """Run every check on a draft request; the order is the order the editor lists them in.
    ``path`` is the title of the path it is about (brackets in it are not gaps to fill in)."""
    results: list[CheckResult] = []

    words = count_words(text)
    if words <= limit:
        results.append(CheckResult("length", True, f"{words} of {limit} words: short enough"))
    else:
        results.append(
            CheckResult(
                "length", False, f"{words} words: cut {words - limit} to stay within {limit}"
            )
        )

    opening = first_sentence(text)
    hints = connection_hints(contact, referrer)
    named = next((h for h in hints if _mentions(opening, h)), None)
    if named is not None:
        results.append(
            CheckResult("connection-first", True, f"The first sentence names the link ({named})")
        )
    else:
        example = (referrer.name if referrer else "") or (contact.connection if contact else "")
        advice = f" (for example, mention {example})" if example else ""
        results.append(
            CheckResult(
                "connection-first",
                False,
                f"Say how you are connected in the first sentence{advice}",
            )
        )

    results.append(_check_ask(text))

    found: list[str] = []
    matches = [*_JOB_WORDS.finditer(text), *_RESUME_NOUN.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start(1)):
        word = match.group(1).lower()
        if word not in found:
            found.append(word)
    if found:
        results.append(
            CheckResult(
                "no-job-words",
                False,
                "Leave out job words: " + ", ".join(f'"{w}"' for w in found),
            )
        )
    else:
        results.append(CheckResult("no-job-words", True, "No talk of jobs"))

    you = len(_YOU.findall(text))
    me = len(_ME.findall(text))
    if you > me:
        results.append(
            CheckResult(
                "about-them", True, f"More about them ({you} you/your) than you ({me} I/me/my)"
            )
        )
    else:
        results.append(
            CheckResult(
                "about-them",
                False,
                f"Turn it towards them: {you} you/your against {me} I/me/my",
            )
        )

    # Brackets that are part of what the person's record says (a name like "Ada [she/her]")
    # were put there on purpose: only the rest are gaps.
    theirs = [
        value
        for value in (
            *(
                (contact.name, contact.organisation, contact.role, contact.connection)
                if contact
                else ()
            ),
            referrer.name if referrer else "",
            my_name,
            path,
        )
        if value.strip()
    ]
    gaps = list(
        dict.fromkeys(
            m.group(0)
            for m in _GAP.finditer(text)
            if not any(m.group(0) in value for value in theirs)
        )
    )
    if gaps:
        results.append(CheckResult("filled-in", False, "Fill in " + ", ".join(gaps)))
    else:
        results.append(CheckResult("filled-in", True, "Nothing left to fill in"))
    return results


def all_passed(results: list[CheckResult]) -> bool:
    """True when every check passed."""
    return all(r.passed for r in results)


# -- the ask itself ----------------------------------------------------------------------------


def mark_asked(contact: Contact, at: str | None = None) -> Contact:
    """A copy of ``contact`` with the ask dated: reply cleared, an "ask" logged, and the stage
    moved to "asked" unless the person is further along already.

    Dating the ask is what starts the 3- and 7-business-day reply windows on the agenda.
    """
    when = at or now_iso()
    logged = contact.with_interaction("ask", "asked for a conversation", at=when)
    return replace(logged.advanced_to("asked"), asked_at=when, replied_at=None)


def restaged(before: Contact, after: Contact, at: str) -> Contact:
    """``after`` as edited by hand from ``before``: a stage moved to "asked" dates the ask.

    Without the date the person would sit at "asked" with no reply reminders ever coming due.
    """
    if after.stage == "asked" and before.stage != "asked":
        return mark_asked(after, at=at)
    return after


def mark_replied(contact: Contact, at: str | None = None, note: str = "") -> Contact:
    """A copy with the reply dated; it closes the reply windows."""
    when = at or now_iso()
    logged = contact.with_interaction("reply", note, at=when)
    return replace(logged, replied_at=when)
