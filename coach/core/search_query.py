"""The query language: what a person types in a search box or after ``coach search``.

See :mod:`coach.core.search` for the language itself; this module reads it into a
:class:`Query` or says, in words a person can act on, what to change.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from coach.core.interview import FLAG_KINDS
from coach.core.search_folding import words_of
from coach.core.text import clean, clean_line

FILTERS: tuple[str, ...] = ("person", "org", "path", "flag", "since")

# Long enough for any real search; a pasted page is refused with a reason rather than parsed.
MAX_QUERY_CHARS = 500
MAX_PIECES = 32


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
