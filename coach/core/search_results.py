"""Results of a search: one line of text around each match, with the spans to highlight."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from coach.core.search_folding import fold, origins
from coach.core.search_query import Query, Term

SNIPPET_WIDTH = 100


def term_pattern(term: Term) -> re.Pattern[str]:
    """A regular expression that finds ``term`` in folded text, exactly as the index does:
    whole words, any non-word characters between the words of a phrase."""
    between = r"[\W_]+".join(re.escape(word) for word in term.words)
    tail = r"[^\W_]*" if term.prefix else ""
    return re.compile(rf"(?<![^\W_]){between}{tail}(?![^\W_])")


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
    return _window(text, list(_spans(text, patterns)), width)


def match_spans(text: str, query: Query) -> tuple[tuple[int, int], ...]:
    """Where the words and phrases ``query`` looks for occur in ``text`` (start, end), in
    order: what a screen showing the whole text highlights."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(_spans(text, [term_pattern(term) for term in query.include])):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _spans(text: str, patterns: Sequence[re.Pattern[str]]) -> Iterator[tuple[int, int]]:
    folded, origin = origins(text)
    for pattern in patterns:
        for m in pattern.finditer(folded):
            if origin is None:
                yield m.start(), m.end()
            else:
                yield origin[m.start()], origin[m.end() - 1] + 1


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
