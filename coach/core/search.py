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
:mod:`coach.core.search_index`; the store keeps a copy of it on disk. The parts live in
modules of their own — the language (`search_query`), folding (`search_folding`), what an
interview is searched in (`search_fields`), snippets and results (`search_results`) — and
everything that reads search imports them from here.
"""

from __future__ import annotations

from coach.core.search_fields import (
    DEBRIEF_ANSWERS,
    FIELDS,
    SECTIONS,
    Searchable,
    field_of,
    interview_date,
    searchable,
    section_items,
)
from coach.core.search_folding import fold, word_bytes, words_of
from coach.core.search_query import (
    FILTERS,
    MAX_PIECES,
    MAX_QUERY_CHARS,
    Filter,
    Query,
    QueryProblem,
    Term,
    parse_query,
)
from coach.core.search_results import (
    SNIPPET_WIDTH,
    Match,
    SearchResults,
    Snippet,
    TextSource,
    make_snippet,
    match_spans,
    term_pattern,
)

__all__ = [
    "DEBRIEF_ANSWERS",
    "FIELDS",
    "FILTERS",
    "MAX_PIECES",
    "MAX_QUERY_CHARS",
    "SECTIONS",
    "SNIPPET_WIDTH",
    "Filter",
    "Match",
    "Query",
    "QueryProblem",
    "SearchResults",
    "Searchable",
    "Snippet",
    "Term",
    "TextSource",
    "field_of",
    "fold",
    "interview_date",
    "make_snippet",
    "match_spans",
    "parse_query",
    "searchable",
    "section_items",
    "term_pattern",
    "word_bytes",
    "words_of",
]
