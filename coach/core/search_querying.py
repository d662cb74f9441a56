"""Answering a query from the search index: :class:`SearchIndex`.

The index is built by :mod:`coach.core.search_index` (which also re-exports this class) and
read back from the cache with :meth:`SearchIndex.from_parts`. See that module for the layout.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import orjson

from coach.core.search import (
    SECTIONS,
    SNIPPET_WIDTH,
    Match,
    Query,
    QueryProblem,
    Searchable,
    SearchResults,
    Term,
    TextSource,
    field_of,
    make_snippet,
    parse_query,
)
from coach.core.search_postings import (
    SHORT_PREFIX,
    Columns,
    IndexDamaged,
    Postings,
    mask_of,
    offsets_bytes,
    offsets_from,
    set_bits,
    union,
    word_code,
)
from coach.core.text import clean_line

if TYPE_CHECKING:
    from coach.core.search_index import UpdatedIndex

FORMAT = 1
DEFAULT_LIMIT = 50
# Below about one candidate slot per 3 KB of codes, checking candidates one by one is cheaper
# than one pass over all the codes.
_SCAN_BYTES_PER_CANDIDATE = 3000


class SearchIndex:
    """Every searchable word of every conversation; :meth:`search` answers a query.

    Build one with :func:`build_index` (or :class:`IndexBuilder`), or read one back with
    :meth:`from_parts`. ``search`` is cheap enough to call on every keystroke.
    """

    def __init__(
        self,
        *,
        columns: Columns,
        people: dict[str, list[int]],
        orgs: dict[str, list[int]],
        paths: dict[str, str],
        vocab: list[str],
        numbers: array[int],
        words: Postings,
        prefixes: list[str],
        prefix_postings: Postings,
        filled: int,
        codes: bytes,
        slot_offsets: array[int],
        texts: TextSource,
    ) -> None:
        self._columns = columns
        self._ids = columns.ids
        self._n = len(columns.ids)
        self._people = people
        self._orgs = orgs
        self._paths = paths
        self._vocab = vocab
        self._numbers = numbers
        self._words = words
        self._prefixes = prefixes
        self._prefix_postings = prefix_postings
        self._filled = filled
        self._codes = codes
        self._slot_offsets = slot_offsets
        self._texts = texts
        self._practice = mask_of(columns.practice, self._n)
        self._row_of: dict[str, int] | None = None

    @property
    def size(self) -> int:
        """How many conversations are indexed (practice runs included)."""
        return self._n

    def interview_ids(self) -> list[str]:
        """The conversations indexed, newest first."""
        return list(self._ids)

    # -- answering -----------------------------------------------------------------------------

    def search(
        self,
        query: str | Query,
        *,
        limit: int | None = DEFAULT_LIMIT,
        include_practice: bool = False,
        snippet_width: int = SNIPPET_WIDTH,
    ) -> SearchResults:
        """The first ``limit`` matches of ``query`` (None: all) and how many there are.

        Each snippet is one line of at most ``snippet_width`` characters (plus the "…" that
        mark a cut), so a screen can ask for what fits its column.

        Never raises for what was typed: a query that cannot be read comes back with
        ``problem`` set and no matches. Results run newest conversation first and, within
        one, in the order of :data:`coach.core.search.SECTIONS`.
        """
        parsed = read_query(query)
        if isinstance(parsed, SearchResults):
            return parsed
        if parsed.is_empty or self._n == 0:
            return SearchResults(parsed.text)
        hits = self.hits(parsed, include_practice=include_practice)
        found = [(self, row, s) for row, s in self._first(hits, limit)]
        return results_of(parsed, hits.bit_count(), found, snippet_width)

    def updated(
        self, changed: Iterable[Searchable] = (), removed: Iterable[str] = ()
    ) -> UpdatedIndex:
        """This index with some interviews saved again (or added) and some removed since it
        was built: a screen calls this after each save instead of building everything again.
        """
        # Imported here: the module that builds indexes imports this one.
        from coach.core.search_index import UpdatedIndex

        return UpdatedIndex(self, {}, frozenset()).updated(changed, removed)

    def rows_of(self, interview_ids: Iterable[str]) -> int:
        """The conversations with these ids, as a bit set over rows."""
        if self._row_of is None:
            self._row_of = {iid: row for row, iid in enumerate(self._ids)}
        rows = (self._row_of.get(iid) for iid in interview_ids)
        return mask_of((row for row in rows if row is not None), self._n)

    def order_key_of(self, row: int) -> tuple[str, str, str]:
        """The :func:`order_key` of one row."""
        return (self._columns.dates[row], self._columns.when[row], self._ids[row])

    def _match(self, parsed: Query, row: int, s: int, width: int) -> Match:
        interview_id = self._ids[row]
        section = SECTIONS[s]
        items = self._texts(interview_id, section)
        return Match(
            interview_id=interview_id,
            person=self._columns.persons[row],
            date=self._columns.dates[row],
            field=field_of(section),
            section=section,
            snippet=make_snippet(items, parsed, max(10, width)),
        )

    def hits(self, query: Query, *, include_practice: bool = False, hidden: int = 0) -> int:
        """The slots that match ``query``, as a bit set; ``hidden`` rows are left out."""
        n = self._n
        allowed = ((1 << n) - 1) & ~hidden
        if not include_practice:
            allowed &= ~self._practice
        if query.since:
            allowed &= (1 << self._count_since(query.since)) - 1
        for kind, table in (("person", self._people), ("org", self._orgs)):
            wanted = query.filters_of(kind)
            if wanted:
                allowed &= union(self._facet(table, f.words) for f in wanted)
            for f in query.filters_of(kind, negated=True):
                allowed &= ~self._facet(table, f.words)
        if query.filters_of("path"):
            allowed &= union(self._path_mask(f.words) for f in query.filters_of("path"))
        for f in query.filters_of("path", negated=True):
            allowed &= ~self._path_mask(f.words)
        sections = list(range(len(SECTIONS)))
        kinds = {f.words[0] for f in query.filters_of("flag")}
        if kinds:
            sections = [s for s in sections if SECTIONS[s] in {f"flags:{k}" for k in kinds}]
        unwanted = {f"flags:{f.words[0]}" for f in query.filters_of("flag", negated=True)}
        sections = [s for s in sections if SECTIONS[s] not in unwanted]
        hits = 0
        for s in sections:
            hits |= allowed << (s * n)
        hits &= self._filled
        for term in query.include:
            if not hits:
                break
            hits &= self._term(term, hits)
        for term in query.exclude:
            if not hits:
                break
            hits &= ~self._term(term, hits)
        return hits

    def first(self, hits: int, limit: int | None) -> list[tuple[int, int]]:
        """The first ``limit`` (row, section) pairs of ``hits``, in result order."""
        return self._first(hits, limit)

    def _first(self, hits: int, limit: int | None) -> list[tuple[int, int]]:
        n = self._n
        every = (1 << n) - 1
        size = (n + 7) // 8
        per_section = [(hits >> (s * n)) & every for s in range(len(SECTIONS))]
        rows = union(per_section)
        flags = [mask.to_bytes(size, "little") if mask else b"" for mask in per_section]
        found: list[tuple[int, int]] = []
        if limit is not None and limit <= 0:
            limit = None
        for row in set_bits(rows, n):
            byte, bit = row >> 3, row & 7
            for s, section_flags in enumerate(flags):
                if section_flags and section_flags[byte] >> bit & 1:
                    found.append((row, s))
                    if limit is not None and len(found) >= limit:
                        return found
        return found

    def _count_since(self, day: str) -> int:
        # Dates run newest first: count those on or after ``day``.
        dates = self._columns.dates
        lo, hi = 0, len(dates)
        while lo < hi:
            mid = (lo + hi) // 2
            if dates[mid] >= day:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _facet(self, table: dict[str, list[int]], words: tuple[str, ...]) -> int:
        rows: set[int] = set()
        for name, members in table.items():
            if _words_start(name.split(), words):
                rows.update(members)
        return mask_of(rows, self._n)

    def _path_mask(self, words: tuple[str, ...]) -> int:
        chosen = {
            path_id
            for path_id, title in self._paths.items()
            if _words_start(title.split(), words) or " ".join(words) == path_id.casefold()
        }
        return mask_of(
            (k for k, p in enumerate(self._columns.path_ids) if p and p in chosen), self._n
        )

    def _word(self, word: str) -> int | None:
        at = bisect_left(self._vocab, word)
        return at if at < len(self._vocab) and self._vocab[at] == word else None

    def _prefix_range(self, start: str) -> range:
        lo = bisect_left(self._vocab, start)
        hi = bisect_left(self._vocab, start[:-1] + chr(ord(start[-1]) + 1)) if start else lo
        return range(lo, hi)

    def _word_mask(self, word: str, prefix: bool) -> int:
        if not prefix:
            at = self._word(word)
            return 0 if at is None else self._words.mask(at)
        if len(word) <= SHORT_PREFIX:
            at = bisect_left(self._prefixes, word)
            if at < len(self._prefixes) and self._prefixes[at] == word:
                # The stored set covers longer words only; the word itself may exist too.
                whole = self._word_mask(word, False)
                return self._prefix_postings.mask(at) | whole
        return union(self._words.mask(v) for v in self._prefix_range(word))

    def _term(self, term: Term, within: int) -> int:
        """The slots among ``within`` where ``term`` occurs."""
        last = len(term.words) - 1
        candidates = within
        for k, word in enumerate(term.words):
            candidates &= self._word_mask(word, term.prefix and k == last)
            if not candidates:
                return 0
        if not term.is_phrase:
            return candidates
        return self._phrase(term, candidates)

    def _phrase(self, term: Term, candidates: int) -> int:
        """The candidate slots whose codes hold the phrase's words in a row."""
        fixed_words = term.words[:-1] if term.prefix else term.words
        parts: list[bytes] = []
        for word in fixed_words:
            at = self._word(word)
            if at is None:
                return 0
            parts.append(word_code(self._numbers[at]))
        pattern = b"".join(parts)
        endings: set[bytes] | None = None
        if term.prefix:
            endings = {word_code(self._numbers[v]) for v in self._prefix_range(term.words[-1])}
            if not endings:
                return 0
        codes, offsets = self._codes, self._slot_offsets
        nslots = len(offsets) - 1
        chosen: list[int] = []
        count = candidates.bit_count()
        if count * _SCAN_BYTES_PER_CANDIDATE < len(codes):
            for slot in set_bits(candidates, nslots):
                if _holds(codes, pattern, endings, offsets[slot], offsets[slot + 1]):
                    chosen.append(slot)
        else:
            flags = candidates.to_bytes((nslots + 7) // 8, "little")
            at = codes.find(pattern)
            while at >= 0:
                slot = bisect_right(offsets, at) - 1
                end = offsets[slot + 1]
                if flags[slot >> 3] >> (slot & 7) & 1:
                    before = codes[at - 1] if at else 0
                    # Most hits start a word and need no second look.
                    starts_word = endings is None and (before >= 0x80 or before == 0)
                    if starts_word or _holds(codes, pattern, endings, at, end):
                        chosen.append(slot)
                at = codes.find(pattern, end)
        return mask_of(chosen, nslots)

    # -- keeping -------------------------------------------------------------------------------

    def to_parts(self) -> dict[str, bytes]:
        """The index as named byte strings (see :meth:`from_parts`); no text is in them but
        the folded words and the names used by filters."""
        columns = self._columns
        meta = {
            "format": FORMAT,
            "byteorder": "little",
            "sections": list(SECTIONS),
            "ids": columns.ids,
            "persons": columns.persons,
            "dates": columns.dates,
            "when": columns.when,
            "practice": columns.practice,
            "path_ids": columns.path_ids,
            "people": self._people,
            "orgs": self._orgs,
            "paths": self._paths,
            "prefixes": self._prefixes,
        }
        numbers = array("I", self._numbers)
        if sys.byteorder != "little":
            numbers.byteswap()
        nslots = self._n * len(SECTIONS)
        return {
            "meta": orjson.dumps(meta),
            "vocab": "\n".join(self._vocab).encode(),
            "numbers": numbers.tobytes(),
            "word_offsets": offsets_bytes(self._words.offsets),
            "word_kinds": self._words.kinds,
            "word_data": self._words.data,
            "prefix_offsets": offsets_bytes(self._prefix_postings.offsets),
            "prefix_kinds": self._prefix_postings.kinds,
            "prefix_data": self._prefix_postings.data,
            "filled": self._filled.to_bytes((nslots + 7) // 8, "little"),
            "codes": self._codes,
            "slot_offsets": offsets_bytes(self._slot_offsets),
        }

    @classmethod
    def from_parts(cls, parts: Mapping[str, bytes], texts: TextSource) -> SearchIndex:
        """Read back what :meth:`to_parts` gave; raises :class:`IndexDamaged` when the parts
        do not fit together (the caller then builds the index again)."""
        try:
            meta = orjson.loads(parts["meta"])
            if meta.get("format") != FORMAT or meta.get("sections") != list(SECTIONS):
                raise IndexDamaged("written by another version of coach")
            ids, persons, dates, when = meta["ids"], meta["persons"], meta["dates"], meta["when"]
            path_ids = meta["path_ids"]
            n = len(ids)
            if not len(persons) == len(dates) == len(when) == len(path_ids) == n:
                raise IndexDamaged("the conversations' details do not line up")
            practice = [int(k) for k in meta["practice"]]
            if any(not 0 <= k < n for k in practice):
                raise IndexDamaged("a practice run is out of range")
            columns = Columns(ids, persons, dates, when, path_ids, practice)
            nslots = n * len(SECTIONS)
            vocab_text = parts["vocab"].decode()
            vocab = vocab_text.split("\n") if vocab_text else []
            numbers = array("I")
            numbers.frombytes(parts["numbers"])
            if sys.byteorder != "little":
                numbers.byteswap()
            words = Postings(
                nslots,
                offsets_from(parts["word_offsets"]),
                parts["word_kinds"],
                parts["word_data"],
            )
            prefixes = list(meta["prefixes"])
            prefix_postings = Postings(
                nslots,
                offsets_from(parts["prefix_offsets"]),
                parts["prefix_kinds"],
                parts["prefix_data"],
            )
            slot_offsets = offsets_from(parts["slot_offsets"])
            codes = parts["codes"]
            for postings, entries in ((words, len(vocab)), (prefix_postings, len(prefixes))):
                if len(postings.kinds) != entries or len(postings.offsets) != entries + 1:
                    raise IndexDamaged("the word lists do not line up")
                if postings.offsets[-1] != len(postings.data):
                    raise IndexDamaged("the word lists are cut short")
            if len(numbers) != len(vocab) or vocab != sorted(vocab):
                raise IndexDamaged("the vocabulary is out of order")
            if len(slot_offsets) != nslots + 1 or slot_offsets[-1] != len(codes):
                raise IndexDamaged("the phrase runs are cut short")
            filled = int.from_bytes(parts["filled"], "little")
            if len(parts["filled"]) != (nslots + 7) // 8:
                raise IndexDamaged("the filled slots are cut short")
            return cls(
                columns=columns,
                people={str(k): [int(x) for x in v] for k, v in meta["people"].items()},
                orgs={str(k): [int(x) for x in v] for k, v in meta["orgs"].items()},
                paths={str(k): str(v) for k, v in meta["paths"].items()},
                vocab=vocab,
                numbers=numbers,
                words=words,
                prefixes=prefixes,
                prefix_postings=prefix_postings,
                filled=filled,
                codes=codes,
                slot_offsets=slot_offsets,
                texts=texts,
            )
        except IndexDamaged:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, UnicodeDecodeError) as error:
            raise IndexDamaged(f"unreadable: {type(error).__name__}: {error}") from None


def _holds(codes: bytes, pattern: bytes, endings: set[bytes] | None, start: int, end: int) -> bool:
    """True when the phrase occurs at a word start between ``start`` and ``end``."""
    at = codes.find(pattern, start, end)
    while at >= 0:
        # The byte before a match must end a code (or a text), so the match starts a word.
        if at == 0 or codes[at - 1] >= 0x80 or codes[at - 1] == 0:
            if endings is None:
                return True
            stop = at + len(pattern)
            tail = stop
            while tail < end and 0 < codes[tail] < 0x80:
                tail += 1
            if tail < end and codes[tail] >= 0x80 and codes[stop : tail + 1] in endings:
                return True
        at = codes.find(pattern, at + 1, end)
    return False


def _words_start(name_words: list[str], wanted: tuple[str, ...]) -> bool:
    return all(any(word.startswith(w) for word in name_words) for w in wanted)


def read_query(query: str | Query) -> Query | SearchResults:
    """``query`` parsed, or the results that say what is wrong with it."""
    if isinstance(query, Query):
        return query
    try:
        return parse_query(query)
    except QueryProblem as problem:
        shown = clean_line(query)[:200] if isinstance(query, str) else ""
        return SearchResults(shown, problem=str(problem))


def results_of(
    parsed: Query, total: int, found: list[tuple[SearchIndex, int, int]], width: int
) -> SearchResults:
    matches = tuple(index._match(parsed, row, s, width) for index, row, s in found)
    return SearchResults(parsed.text, total, matches)
