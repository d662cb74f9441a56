"""Finding what was said: the query language, the text an interview is searched in, snippets.

A query is what a person types in a search box or after ``coach search``::

    portfolio "typical week" -recruiter person:dana org:acme path:health flag:advice
    since:2026-01-01

Words must all appear (as whole words; the last one may also be the start of a longer word, so
results follow the typing), a quoted phrase must appear as those words in that order, a word
or phrase after ``-`` must not appear. ``person:``, ``org:`` and ``path:`` keep conversations
whose person, organisation or path has words starting with what follows (``person:"dana w"``
for more than one word); ``flag:KIND`` looks only in lines flagged as that kind; ``since:DAY``
keeps conversations on or after that day. A ``-`` before a filter turns it round. Repeating a
filter offers alternatives: ``flag:advice flag:quote`` looks in both kinds. Case and accents
never matter: ``cafe`` finds "Café".

Words are matched within one field of one interview (its notes, its debrief, its flagged lines
of one kind, ...): every result names the field it was found in, with a one-line snippet around
the match. Practice runs are left out unless asked for.

This module is plain Python: the index that answers queries fast is
:mod:`coach.core.search_index`; the store keeps a copy of it on disk.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.core.clock import parse_when
from coach.core.interview import FLAG_KINDS
from coach.core.text import clean, clean_line

#: The fields a result can come from, as ``coach search --json`` names them.
FIELDS: tuple[str, ...] = (
    "notes",
    "debrief",
    "flags",
    "goals",
    "research",
    "intro",
    "thank_you",
    "actions",
    "transcript",
)

#: The parts of an interview that are searched, in the order a conversation produces them
#: (results within one interview come in this order). Flagged lines are kept apart by kind so
#: that ``flag:advice`` can look at advice alone; all four are reported as the field "flags".
SECTIONS: tuple[str, ...] = (
    "goals",
    "research",
    "intro",
    "notes",
    *(f"flags:{kind}" for kind in FLAG_KINDS),
    "transcript",
    "debrief",
    "actions",
    "thank_you",
)

#: The debrief answers that are text (the interest score is a number and is not searched).
DEBRIEF_ANSWERS: tuple[str, ...] = ("learned", "surprised", "interest_why", "fit", "still_need")

FILTERS: tuple[str, ...] = ("person", "org", "path", "flag", "since")

# Long enough for any real search; a pasted page is refused with a reason rather than parsed.
MAX_QUERY_CHARS = 500
MAX_PIECES = 32
SNIPPET_WIDTH = 100


def field_of(section: str) -> str:
    """The field a section is reported as ("flags:advice" is in the field "flags")."""
    return section.split(":", 1)[0]


# -- folding: the form text is compared in -----------------------------------------------------


def _fold_char(char: str) -> str:
    # Case first (ß -> ss), then split accents off their letters and drop them, then case again
    # for the compatibility forms decomposition can produce (a circled Ⓐ becomes A).
    if char < "\x80":
        return char.lower()
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.casefold()


class _Folding(dict[int, str]):
    """``str.translate`` table that learns each character the first time it is met."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLDING = _Folding()
# Word characters are letters and digits (``[^\W_]``): punctuation and underscores separate
# words, so "co-op" is the two words "co op" and "10:30" is "10 30".
_WORD = re.compile(r"[^\W_]+")
_ASCII_GAPS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
# The same for ASCII bytes, lower-casing as it goes: the index reads every word of every note
# through this table, and bytes.translate costs almost nothing per call.
_BYTE_FOLD = bytes(
    c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() and c < 128 else 32 for c in range(256)
)


def fold(text: str) -> str:
    """``text`` without case or accents, character by character ("Café" -> "cafe").

    Letters that do not decompose (ø, ł) stay themselves. Each character folds on its own, so
    a position in the folded text can always be traced back to the original.
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDING)


def words_of(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    folded = fold(text)
    if folded.isascii():
        return folded.translate(_ASCII_GAPS).split()
    return _WORD.findall(folded)


def word_bytes(text: str) -> list[bytes]:
    """:func:`words_of` as UTF-8 bytes (what the index stores; faster for ASCII text)."""
    if text.isascii():
        return text.encode().translate(_BYTE_FOLD).split()
    return [word.encode() for word in _WORD.findall(fold(text))]


def _origins(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded, and for each folded character the index of the one it came from
    (None when they are the same, as for ASCII)."""
    if text.isascii():
        return text.lower(), None
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char < "\x80" else _FOLDING[ord(char)]
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin


def term_pattern(term: Term) -> re.Pattern[str]:
    """A regular expression that finds ``term`` in folded text, exactly as the index does:
    whole words, any non-word characters between the words of a phrase."""
    between = r"[\W_]+".join(re.escape(word) for word in term.words)
    tail = r"[^\W_]*" if term.prefix else ""
    return re.compile(rf"(?<![^\W_]){between}{tail}(?![^\W_])")


# -- the query ---------------------------------------------------------------------------------


class QueryProblem(ValueError):
    """What is wrong with a typed query, in words a person can act on."""


@dataclass(frozen=True)
class Term:
    """A word or a phrase to look for: its folded words in order.

    ``prefix`` lets the last word also be the start of a longer word (the word being typed).
    A typed word that folds into several words ("co-op") is matched as a phrase.
    """

    words: tuple[str, ...]
    prefix: bool = False
    typed: str = ""

    @property
    def is_phrase(self) -> bool:
        """True when more than one word must appear in a row."""
        return len(self.words) > 1


@dataclass(frozen=True)
class Filter:
    """``person:``, ``org:``, ``path:`` or ``flag:`` and the folded words that follow it."""

    kind: str
    words: tuple[str, ...]
    negated: bool = False
    typed: str = ""


@dataclass(frozen=True)
class Query:
    """A parsed search: what must appear, what must not, and which conversations to look in."""

    text: str = ""
    include: tuple[Term, ...] = ()
    exclude: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = ()
    since: str | None = None

    @property
    def is_empty(self) -> bool:
        """True for a blank search, which finds nothing."""
        return not (self.include or self.exclude or self.filters or self.since)

    def filters_of(self, kind: str, *, negated: bool = False) -> list[Filter]:
        """The filters of one kind (``negated``: the ones after a ``-``)."""
        return [f for f in self.filters if f.kind == kind and f.negated == negated]

    @classmethod
    def parse(cls, text: str) -> Query:
        """Read a typed query; raises :class:`QueryProblem` saying what to change."""
        return parse_query(text)


@dataclass(frozen=True)
class _Piece:
    negated: bool
    key: str | None
    value: str
    quoted: bool
    typed: str


_QUOTES = '"“”'
_KEY = re.compile(r"[A-Za-z]+")


def parse_query(text: str) -> Query:
    """Read a typed query into a :class:`Query`.

    Raises :class:`QueryProblem` for a query that cannot mean anything: an unclosed quote, a
    lone ``-`` or ``:``, an unknown ``name:``, a filter without a value, a day that is not a
    day, or a query too long to be a search. A blank query is an empty Query, not a problem.
    """
    if not isinstance(text, str):
        raise QueryProblem("A search is text.")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryProblem(
            f"That search is {len(text):,} characters long; keep it under {MAX_QUERY_CHARS}."
        )
    shown = clean_line(text)
    pieces = _pieces(clean(text).replace("\n", " ").replace("\t", " "))
    if len(pieces) > MAX_PIECES:
        raise QueryProblem(f"That search has {len(pieces)} parts; use at most {MAX_PIECES}.")
    include: list[Term] = []
    exclude: list[Term] = []
    filters: list[Filter] = []
    since: str | None = None
    wordless: list[str] = []
    last_text = max((n for n, p in enumerate(pieces) if p.key is None), default=-1)
    for n, piece in enumerate(pieces):
        if piece.key is None:
            words = tuple(words_of(piece.value))
            if not words:
                wordless.append(piece.typed)
                continue
            # Only the word being typed grows: a closed phrase or an exclusion is complete.
            growing = n == last_text == len(pieces) - 1 and not piece.quoted and not piece.negated
            term = Term(words, prefix=growing, typed=piece.typed)
            (exclude if piece.negated else include).append(term)
        elif piece.key == "since":
            if piece.negated:
                raise QueryProblem(
                    "since: cannot take a “-”: it keeps conversations on or after a day."
                )
            since = max(since or "", _day(piece.value))
        else:
            filters.append(_filter(piece))
    query = Query(shown, tuple(include), tuple(exclude), tuple(filters), since)
    if query.is_empty and wordless:
        raise QueryProblem(
            f"There is nothing to search for in “{' '.join(wordless)}”: use letters or digits."
        )
    return query


def _pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = text[i] == "-"
        if negated:
            i += 1
            if i >= n or text[i].isspace():
                raise QueryProblem(
                    "A “-” on its own leaves nothing out: put the word right after it, "
                    "as in -recruiter."
                )
        if text[i] in _QUOTES:
            value, i = _quoted(text, i)
            pieces.append(_Piece(negated, None, value, True, text[start:i]))
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        word = text[i:j]
        key, colon, value = word.partition(":")
        if not colon:
            pieces.append(_Piece(negated, None, word, False, text[start:j]))
            i = j
            continue
        if not key:
            if not value.strip(":"):
                raise QueryProblem(
                    "A “:” on its own is not a search: a filter is a name, a colon and a "
                    "value, as in person:dana."
                )
            pieces.append(_Piece(negated, None, word, False, text[start:j]))
            i = j
            continue
        if not _KEY.fullmatch(key):
            # "10:30" or "v2:beta": text with a colon in it, not a filter.
            pieces.append(_Piece(negated, None, word, False, text[start:j]))
            i = j
            continue
        name = key.lower()
        if name not in FILTERS:
            raise QueryProblem(_unknown_filter(key, word))
        quoted = False
        if not value and j < n and text[j] in _QUOTES:
            value, j = _quoted(text, j)
            quoted = True
        if not value.strip():
            raise QueryProblem(f"{name}: needs a value right after it, as in {_EXAMPLES[name]}.")
        pieces.append(_Piece(negated, name, value, quoted, text[start:j]))
        i = j
    return pieces


_EXAMPLES = {
    "person": "person:dana",
    "org": "org:acme",
    "path": "path:healthcare",
    "flag": "flag:advice",
    "since": "since:2026-01-31",
}


def _quoted(text: str, at: int) -> tuple[str, int]:
    """The text between the quote at ``at`` and the next one, and where reading goes on."""
    end = next((k for k in range(at + 1, len(text)) if text[k] in _QUOTES), -1)
    if end < 0:
        opened = text[at + 1 : at + 31].strip()
        shown = f" after “{opened}”" if opened else ""
        raise QueryProblem(f'A quote is not closed: add "{shown}.')
    return text[at + 1 : end], end + 1


def _unknown_filter(key: str, word: str) -> str:
    known = ", ".join(f"{name}:" for name in FILTERS)
    close = difflib.get_close_matches(key.lower(), FILTERS, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]}:?" if close else ""
    return (
        f"There is no filter “{key}:”.{hint} The filters are {known}. "
        f'To search for the text itself, put it in quotes: "{word}".'
    )


def _filter(piece: _Piece) -> Filter:
    assert piece.key is not None
    if piece.key == "flag":
        kind = piece.value.strip().lower()
        if kind not in FLAG_KINDS:
            close = difflib.get_close_matches(kind, FLAG_KINDS, n=1, cutoff=0.6)
            hint = f" Did you mean flag:{close[0]}?" if close else ""
            raise QueryProblem(
                f"flag: takes {', '.join(FLAG_KINDS[:-1])} or {FLAG_KINDS[-1]}, "
                f"not “{clean_line(piece.value)[:40]}”.{hint}"
            )
        return Filter("flag", (kind,), piece.negated, piece.typed)
    words = tuple(words_of(piece.value))
    if not words:
        raise QueryProblem(
            f"{piece.key}: needs letters or digits after it, as in {_EXAMPLES[piece.key]}."
        )
    return Filter(piece.key, words, piece.negated, piece.typed)


def _day(value: str) -> str:
    text = value.strip()
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise QueryProblem(
            f"since: takes a day written year-month-day, as in since:2026-01-31, "
            f"not “{clean_line(text)[:40]}”."
        ) from None


# -- what an interview is searched in ----------------------------------------------------------


@dataclass(frozen=True)
class Searchable:
    """One interview as search sees it: who, when, and the text of each section.

    ``people`` and ``orgs`` are every name the conversation can be found by with ``person:``
    and ``org:`` (the names copied into the interview and the contact's current ones).
    ``when`` orders conversations (newest first); ``date`` is the day shown.
    """

    interview_id: str
    person: str
    date: str
    when: str
    practice: bool
    path_id: str | None
    people: tuple[str, ...]
    orgs: tuple[str, ...]
    sections: Mapping[str, tuple[str, ...]]


def _text(value: object) -> str:
    return clean(value).strip() if isinstance(value, str) else ""


def _line(value: object) -> str:
    return clean_line(value) if isinstance(value, str) else ""


def _mappings(value: object) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def _texts(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(t for t in (_text(v) for v in values) if t)


def section_items(
    interview: Mapping[str, Any], section: str, transcript: Mapping[str, Any] | None = None
) -> tuple[str, ...]:
    """The texts of one section of a stored interview (cleaned, empty ones left out).

    ``transcript`` is the interview's document from the ``transcripts`` table, if any.
    """
    if section in ("goals", "research", "intro"):
        return _texts([interview.get(section)])
    if section == "notes":
        return _texts(n.get("text") for n in _mappings(interview.get("notes")))
    if section.startswith("flags:"):
        kind = section[6:]
        return _texts(
            f.get("text")
            for f in _mappings(interview.get("flags"))
            if _line(f.get("kind")).lower() == kind
        )
    if section == "debrief":
        debrief = interview.get("debrief")
        if not isinstance(debrief, Mapping):
            return ()
        return _texts(debrief.get(answer) for answer in DEBRIEF_ANSWERS)
    if section == "actions":
        return _texts(a.get("text") for a in _mappings(interview.get("actions")))
    if section == "thank_you":
        thanks = interview.get("thank_you")
        return _texts([thanks.get("text")]) if isinstance(thanks, Mapping) else ()
    if section == "transcript":
        if transcript is None:
            return ()
        return _texts(s.get("text") for s in _mappings(transcript.get("segments")))
    return ()


def interview_date(interview: Mapping[str, Any]) -> tuple[str, str]:
    """``(day, sort key)`` of a conversation: when the call started, else when it was
    scheduled, else when it was made. The day is as recorded (in its own offset); the key is
    UTC, so conversations order by when they happened. ``("", "")`` when none is readable."""
    stages = interview.get("stages")
    live = stages.get("live") if isinstance(stages, Mapping) else None
    candidates = (
        live.get("started") if isinstance(live, Mapping) else None,
        interview.get("scheduled_at"),
        interview.get("created_at"),
    )
    for value in candidates:
        when = parse_when(value)
        if when is not None:
            key = when.timestamp()
            return when.date().isoformat(), f"{key:020.3f}"
    return "", ""


def searchable(
    interview: Mapping[str, Any],
    *,
    contact: Mapping[str, Any] | None = None,
    transcript: Mapping[str, Any] | None = None,
) -> Searchable:
    """What search needs of one stored interview, its contact and its call transcript."""
    day, when = interview_date(interview)
    person = _line(interview.get("contact_name"))
    people = [person]
    orgs = [_line(interview.get("contact_org"))]
    if contact is not None:
        people.append(_line(contact.get("name")))
        orgs.append(_line(contact.get("organisation")))
    path_id = _line(interview.get("path_id")) or None
    sections = {s: section_items(interview, s, transcript) for s in SECTIONS}
    return Searchable(
        interview_id=_line(interview.get("id")),
        person=person,
        date=day,
        when=when,
        practice=interview.get("practice") is True,
        path_id=path_id,
        people=tuple(dict.fromkeys(p for p in people if p)),
        orgs=tuple(dict.fromkeys(o for o in orgs if o)),
        sections={s: items for s, items in sections.items() if items},
    )


# -- results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snippet:
    """One line of text around a match, and the spans of it to highlight (start, end)."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def marked(self, opening: str = "«", closing: str = "»") -> str:
        """The line with each span between markers: a highlight that needs no colour."""
        out: list[str] = []
        at = 0
        for start, end in self.spans:
            out += [self.text[at:start], opening, self.text[start:end], closing]
            at = end
        out.append(self.text[at:])
        return "".join(out)


@dataclass(frozen=True)
class Match:
    """One result: which conversation, which field of it, and the line that matched."""

    interview_id: str
    person: str
    date: str
    field: str
    section: str
    snippet: Snippet

    def to_dict(self) -> dict[str, str]:
        """The shape ``coach search --json`` prints for one result."""
        return {
            "interview_id": self.interview_id,
            "person": self.person,
            "date": self.date,
            "field": self.field,
            "snippet": self.snippet.text,
        }


@dataclass(frozen=True)
class SearchResults:
    """The first matches of a search and how many there are in all.

    ``problem`` says what is wrong with the query when it cannot be read (then there are no
    matches); it is None otherwise, also when nothing matched.
    """

    query: str
    total: int = 0
    matches: tuple[Match, ...] = ()
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"query", "total", "results"}`` as ``coach search --json`` prints it."""
        return {
            "query": self.query,
            "total": self.total,
            "results": [m.to_dict() for m in self.matches],
        }


#: Where the text of a result comes from: (interview id, section) -> the section's texts.
TextSource = Callable[[str, str], Sequence[str]]


def make_snippet(items: Sequence[str], query: Query, width: int = SNIPPET_WIDTH) -> Snippet:
    """A one-line snippet from the texts of a section, around the first match of ``query``.

    The text chosen is the first one holding the most of the query's words and phrases;
    every occurrence of them within the line is a span. Without words to show (a search by
    filters alone) the snippet is the start of the first text.
    """
    patterns = [term_pattern(term) for term in query.include]
    best: tuple[int, int] | None = None
    for index, item in enumerate(items):
        if not patterns:
            break
        folded = fold(item)
        found = sum(1 for pattern in patterns if pattern.search(folded))
        if found and (best is None or found > best[0]):
            best = (found, index)
            if found == len(patterns):
                break
    if best is None:
        return _window(items[0] if items else "", [], width)
    text = items[best[1]]
    folded, origin = _origins(text)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in pattern.finditer(folded):
            if origin is None:
                spans.append((m.start(), m.end()))
            else:
                spans.append((origin[m.start()], origin[m.end() - 1] + 1))
    return _window(text, spans, width)


def _window(text: str, spans: list[tuple[int, int]], width: int) -> Snippet:
    """Cut one line of at most ``width`` characters around the first span."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    anchor = merged[0][0] if merged else 0
    # Whole when it fits; else the match a third of the way in, the line as full as it can be.
    begin = 0 if len(text) <= width else max(0, min(anchor - width // 3, len(text) - width))
    if begin and not text[begin - 1].isspace():
        # Start at a word: move forward to the next space unless that passes the match.
        space = text.find(" ", begin, anchor)
        begin = space + 1 if space >= 0 else begin
    # Collapse runs of whitespace (newlines included) to one space, keeping a map of where
    # each original character went.
    out: list[str] = []
    where: dict[int, int] = {}
    for index in range(begin, len(text)):
        char = text[index]
        if char.isspace():
            if out and out[-1] != " ":
                where[index] = len(out)
                out.append(" ")
            else:
                where[index] = len(out)
            continue
        if len(out) >= width:
            break
        where[index] = len(out)
        out.append(char)
    cut_end = any(not c.isspace() for c in text[begin + len(where) :])
    line = "".join(out).rstrip()
    spans_at: list[tuple[int, int]] = []
    for start, end in merged:
        if start not in where:
            continue
        last = max(k for k in range(start, end) if k in where)
        spans_at.append((where[start], where[last] + 1))
    if cut_end:
        # End on a whole word, unless that would cut into a match or lose half the line.
        space = line.rfind(" ")
        if space > max(len(line) // 2, max((b for _, b in spans_at), default=0)):
            line = line[:space]
    prefix = "…" if begin > 0 else ""
    suffix = "…" if cut_end else ""
    shift = len(prefix)
    shown: list[tuple[int, int]] = []
    for a, b in spans_at:
        b = min(b, len(line))
        if b > a:
            shown.append((a + shift, b + shift))
    return Snippet(prefix + line + suffix, tuple(shown))
