"""The search index: which words are in which field of which conversation, for fast queries.

Decoding every interview to look for a word takes seconds at 10,000 conversations; this index
answers in milliseconds. It is derived data only — built from the interviews, never edited —
so it can be thrown away and built again at any time (:mod:`coach.store.search_cache` keeps a
copy on disk between runs).

How it is laid out, and why:

- Conversations are numbered newest first and each has one **slot** per section
  (:data:`coach.core.search.SECTIONS`): slot ``section * n + row``. A set of slots is a Python
  ``int`` used as a bit set, so "and", "and not", "restricted to these conversations" and
  "only advice flags" are single integer operations, whatever the history's size.
- Each word has the set of slots it occurs in: stored as a list of slot numbers when few,
  or as the bit set itself when that is smaller.
- Phrases need word order. Every slot's text is also kept as a run of short **word codes**
  (one byte for the 128 words met first, two for the next 16,256, ...), and a phrase is found
  with ``bytes.find`` over those runs, which is C-speed and a fifth of the size of the text.
- The texts themselves are not kept: the few results shown ask a :data:`TextSource` for the
  section's text to cut a snippet from, so the index stays small.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    word_bytes,
    words_of,
)
from coach.core.text import clean_line

FORMAT = 1
DEFAULT_LIMIT = 50
# A prefix this short would stand for thousands of words in a long history: its slots are
# worked out once when the index is built rather than at every keystroke.
SHORT_PREFIX = 2
SHORT_PREFIX_MIN_WORDS = 8
# Below about one candidate slot per 3 KB of codes, checking candidates one by one is cheaper
# than one pass over all the codes.
_SCAN_BYTES_PER_CANDIDATE = 3000
_MEMO_LIMIT = 4096


class IndexDamaged(ValueError):
    """The stored parts of an index do not fit together; build it again from the store."""


def word_code(number: int) -> bytes:
    """The code of word ``number`` in the phrase runs.

    The last byte has its high bit set and every byte before it does not (and none is zero,
    which separates texts), so codes never run into each other: a match that starts where a
    code starts is a match of whole words.
    """
    tail = 0x80 | (number & 0x7F)
    number >>= 7
    head = bytearray()
    while number:
        number -= 1
        head.append(1 + number % 127)
        number //= 127
    head.reverse()
    head.append(tail)
    return bytes(head)


def _mask_of(positions: Iterable[int], nbits: int) -> int:
    bits = bytearray((nbits + 7) // 8)
    for p in positions:
        bits[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(bits, "little")


def set_bits(mask: int, nbits: int) -> Iterator[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    size = ((nbits + 63) // 64) * 8
    raw = mask.to_bytes(size, "little")
    if sys.byteorder == "little":
        words: Sequence[int] = memoryview(raw).cast("Q")
    else:
        words = [int.from_bytes(raw[k : k + 8], "little") for k in range(0, size, 8)]
    for index, word in enumerate(words):
        if word:
            base = index * 64
            while word:
                low = word & -word
                yield base + low.bit_length() - 1
                word ^= low


@dataclass
class _Postings:
    """For each entry, its set of slots: a little-endian list of uint32 slot numbers (kind 0)
    or a bit set over all slots (kind 1), whichever is smaller."""

    nslots: int
    offsets: array[int]
    kinds: bytes
    data: bytes
    memo: dict[int, int] = field(default_factory=dict)

    @classmethod
    def encode(cls, lists: Sequence[Sequence[int]], nslots: int) -> _Postings:
        dense_size = (nslots + 7) // 8
        offsets = array("Q", [0])
        kinds = bytearray()
        chunks: list[bytes] = []
        size = 0
        for slots in lists:
            if len(slots) * 4 > dense_size:
                chunk = _mask_of(slots, nslots).to_bytes(dense_size, "little")
                kinds.append(1)
            else:
                numbers = array("I", sorted(slots))
                if sys.byteorder != "little":
                    numbers.byteswap()
                chunk = numbers.tobytes()
                kinds.append(0)
            chunks.append(chunk)
            size += len(chunk)
            offsets.append(size)
        return cls(nslots, offsets, bytes(kinds), b"".join(chunks))

    def __len__(self) -> int:
        return len(self.kinds)

    def mask(self, entry: int) -> int:
        known = self.memo.get(entry)
        if known is not None:
            return known
        chunk = self.data[self.offsets[entry] : self.offsets[entry + 1]]
        if self.kinds[entry] == 1:
            value = int.from_bytes(chunk, "little")
        else:
            numbers = array("I")
            numbers.frombytes(chunk)
            if sys.byteorder != "little":
                numbers.byteswap()
            value = _mask_of(numbers, self.nslots)
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()
        self.memo[entry] = value
        return value


def _offsets_bytes(values: array[int]) -> bytes:
    copy = array("Q", values)
    if sys.byteorder != "little":
        copy.byteswap()
    return copy.tobytes()


def _offsets_from(raw: bytes) -> array[int]:
    values = array("Q")
    if len(raw) % values.itemsize:
        raise IndexDamaged("offsets are cut short")
    values.frombytes(raw)
    if sys.byteorder != "little":
        values.byteswap()
    return values


@dataclass(frozen=True)
class _Row:
    interview_id: str
    person: str
    date: str
    when: str
    practice: bool
    path_id: str


class IndexBuilder:
    """Builds a :class:`SearchIndex` from :class:`Searchable` interviews given one at a time.

    ``expected`` is how many will be added. They may come in any order; given newest first
    (as :func:`order_key` sorts) the build skips a renumbering pass.
    """

    def __init__(self, expected: int, paths: Sequence[Mapping[str, Any]] = ()) -> None:
        self._n = expected
        self._rows: list[_Row] = []
        self._people: dict[str, list[int]] = {}
        self._orgs: dict[str, list[int]] = {}
        self._paths = _path_titles(paths)
        # Words are UTF-8 bytes while building (see `word_bytes`); their byte order is their
        # code point order, so the sorted vocabulary is the same either way.
        self._codes: dict[bytes, bytes] = {}
        self._numbers: dict[bytes, int] = {}
        self._postings: dict[bytes, array[int]] = {}
        self._pieces: list[bytes] = [b""] * (expected * len(SECTIONS))
        self._texts: dict[str, Mapping[str, tuple[str, ...]]] = {}

    def add(self, item: Searchable, *, keep_text: bool = False) -> None:
        """Add one interview (``keep_text``: remember its text for snippets)."""
        row = len(self._rows)
        if row >= self._n:
            raise ValueError("more interviews than announced")
        self._rows.append(
            _Row(
                item.interview_id,
                item.person,
                item.date,
                item.when,
                item.practice,
                item.path_id or "",
            )
        )
        for name in item.people:
            self._people.setdefault(" ".join(words_of(name)), []).append(row)
        for org in item.orgs:
            self._orgs.setdefault(" ".join(words_of(org)), []).append(row)
        if keep_text:
            self._texts[item.interview_id] = item.sections
        codes, numbers, postings = self._codes, self._numbers, self._postings
        n = self._n
        for s, section in enumerate(SECTIONS):
            items = item.sections.get(section)
            if not items:
                continue
            slot = s * n + row
            runs: list[bytes] = []
            seen: set[bytes] = set()
            for text in items:
                words = word_bytes(text)
                distinct = set(words)
                for word in distinct.difference(codes):
                    numbers[word] = len(numbers)
                    codes[word] = word_code(numbers[word])
                runs.append(b"".join(map(codes.__getitem__, words)))
                seen |= distinct
            # A zero byte ends every text, so no phrase runs from one text into the next.
            self._pieces[slot] = b"\x00".join(runs) + b"\x00"
            for word in seen:
                slots = postings.get(word)
                if slots is None:
                    postings[word] = slots = array("I")
                slots.append(slot)

    def finish(self, texts: TextSource | None = None) -> SearchIndex:
        """The index; ``texts`` gives snippets their text (default: the kept text).

        Fewer interviews than announced is fine (one may have gone meanwhile)."""
        n = len(self._rows)
        stride = self._n
        order = sorted(range(n), key=lambda r: order_key(self._rows[r]), reverse=True)
        rank = [0] * n
        for new, old in enumerate(order):
            rank[old] = new
        renumber = n != stride or order != list(range(n))
        rows = [self._rows[r] for r in order]
        columns = _Columns(
            ids=[r.interview_id for r in rows],
            persons=[r.person for r in rows],
            dates=[r.date for r in rows],
            when=[r.when for r in rows],
            path_ids=[r.path_id for r in rows],
            practice=[k for k, r in enumerate(rows) if r.practice],
        )

        def moved(slot: int) -> int:
            section, row = divmod(slot, stride)
            return section * n + rank[row]

        nslots = n * len(SECTIONS)
        pieces = self._pieces
        if renumber:
            pieces = [b""] * nslots
            for slot, piece in enumerate(self._pieces):
                if piece:
                    pieces[moved(slot)] = piece
        slot_offsets = array("Q", [0])
        size = 0
        for piece in pieces:
            size += len(piece)
            slot_offsets.append(size)
        filled = _mask_of((k for k, piece in enumerate(pieces) if piece), nslots)
        vocab_bytes = sorted(self._postings)
        lists: list[Sequence[int]] = []
        for word in vocab_bytes:
            slots = self._postings[word]
            lists.append([moved(s) for s in slots] if renumber else slots)
        vocab = [word.decode() for word in vocab_bytes]
        words = _Postings.encode(lists, nslots)
        prefixes, prefix_lists = _short_prefixes(vocab, lists)
        people = {name: sorted(rank[r] for r in rs) for name, rs in self._people.items() if name}
        orgs = {name: sorted(rank[r] for r in rs) for name, rs in self._orgs.items() if name}
        kept = self._texts
        source = texts if texts is not None else (lambda iid, s: kept.get(iid, {}).get(s, ()))
        return SearchIndex(
            columns=columns,
            people=people,
            orgs=orgs,
            paths=self._paths,
            vocab=vocab,
            numbers=array("I", [self._numbers[w] for w in vocab_bytes]),
            words=words,
            prefixes=prefixes,
            prefix_postings=_Postings.encode(prefix_lists, nslots),
            filled=filled,
            codes=b"".join(pieces),
            slot_offsets=slot_offsets,
            texts=source,
        )


@dataclass(frozen=True)
class _Columns:
    """What the index knows of each conversation, one list per detail, newest first."""

    ids: list[str]
    persons: list[str]
    dates: list[str]
    when: list[str]
    path_ids: list[str]
    practice: list[int]


def order_key(row: _Row | Searchable) -> tuple[str, str, str]:
    """How conversations are ordered in results (sorted descending: newest first)."""
    return (row.date, row.when, row.interview_id)


def _path_titles(paths: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for path in paths:
        if not isinstance(path, Mapping):
            continue
        path_id = path.get("id")
        title = path.get("title")
        if isinstance(path_id, str) and path_id:
            titles[clean_line(path_id)] = " ".join(
                words_of(title if isinstance(title, str) else "")
            )
    return titles


def _short_prefixes(
    vocab: list[str], lists: list[Sequence[int]]
) -> tuple[list[str], list[Sequence[int]]]:
    counts: dict[str, int] = {}
    for word in vocab:
        for size in range(1, min(SHORT_PREFIX, len(word) - 1) + 1):
            counts[word[:size]] = counts.get(word[:size], 0) + 1
    keys = sorted(k for k, count in counts.items() if count >= SHORT_PREFIX_MIN_WORDS)
    chosen = set(keys)
    groups: dict[str, set[int]] = {k: set() for k in keys}
    for word, slots in zip(vocab, lists, strict=True):
        for size in range(1, min(SHORT_PREFIX, len(word) - 1) + 1):
            if word[:size] in chosen:
                groups[word[:size]].update(slots)
    return keys, [sorted(groups[k]) for k in keys]


class SearchIndex:
    """Every searchable word of every conversation; :meth:`search` answers a query.

    Build one with :func:`build_index` (or :class:`IndexBuilder`), or read one back with
    :meth:`from_parts`. ``search`` is cheap enough to call on every keystroke.
    """

    def __init__(
        self,
        *,
        columns: _Columns,
        people: dict[str, list[int]],
        orgs: dict[str, list[int]],
        paths: dict[str, str],
        vocab: list[str],
        numbers: array[int],
        words: _Postings,
        prefixes: list[str],
        prefix_postings: _Postings,
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
        self._practice = _mask_of(columns.practice, self._n)
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
        parsed = _parsed(query)
        if isinstance(parsed, SearchResults):
            return parsed
        if parsed.is_empty or self._n == 0:
            return SearchResults(parsed.text)
        hits = self.hits(parsed, include_practice=include_practice)
        found = [(self, row, s) for row, s in self._first(hits, limit)]
        return _results(parsed, hits.bit_count(), found, snippet_width)

    def updated(
        self, changed: Iterable[Searchable] = (), removed: Iterable[str] = ()
    ) -> UpdatedIndex:
        """This index with some interviews saved again (or added) and some removed since it
        was built: a screen calls this after each save instead of building everything again.
        """
        return UpdatedIndex(self, {}, frozenset()).updated(changed, removed)

    def rows_of(self, interview_ids: Iterable[str]) -> int:
        """The conversations with these ids, as a bit set over rows."""
        if self._row_of is None:
            self._row_of = {iid: row for row, iid in enumerate(self._ids)}
        rows = (self._row_of.get(iid) for iid in interview_ids)
        return _mask_of((row for row in rows if row is not None), self._n)

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
                allowed &= _or(self._facet(table, f.words) for f in wanted)
            for f in query.filters_of(kind, negated=True):
                allowed &= ~self._facet(table, f.words)
        if query.filters_of("path"):
            allowed &= _or(self._path_mask(f.words) for f in query.filters_of("path"))
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
        rows = _or(per_section)
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
        return _mask_of(rows, self._n)

    def _path_mask(self, words: tuple[str, ...]) -> int:
        chosen = {
            path_id
            for path_id, title in self._paths.items()
            if _words_start(title.split(), words) or " ".join(words) == path_id.casefold()
        }
        return _mask_of(
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
        return _or(self._words.mask(v) for v in self._prefix_range(word))

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
        return _mask_of(chosen, nslots)

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
            "word_offsets": _offsets_bytes(self._words.offsets),
            "word_kinds": self._words.kinds,
            "word_data": self._words.data,
            "prefix_offsets": _offsets_bytes(self._prefix_postings.offsets),
            "prefix_kinds": self._prefix_postings.kinds,
            "prefix_data": self._prefix_postings.data,
            "filled": self._filled.to_bytes((nslots + 7) // 8, "little"),
            "codes": self._codes,
            "slot_offsets": _offsets_bytes(self._slot_offsets),
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
            columns = _Columns(ids, persons, dates, when, path_ids, practice)
            nslots = n * len(SECTIONS)
            vocab_text = parts["vocab"].decode()
            vocab = vocab_text.split("\n") if vocab_text else []
            numbers = array("I")
            numbers.frombytes(parts["numbers"])
            if sys.byteorder != "little":
                numbers.byteswap()
            words = _Postings(
                nslots,
                _offsets_from(parts["word_offsets"]),
                parts["word_kinds"],
                parts["word_data"],
            )
            prefixes = list(meta["prefixes"])
            prefix_postings = _Postings(
                nslots,
                _offsets_from(parts["prefix_offsets"]),
                parts["prefix_kinds"],
                parts["prefix_data"],
            )
            slot_offsets = _offsets_from(parts["slot_offsets"])
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


def _or(masks: Iterable[int]) -> int:
    result = 0
    for mask in masks:
        result |= mask
    return result


def _parsed(query: str | Query) -> Query | SearchResults:
    if isinstance(query, Query):
        return query
    try:
        return parse_query(query)
    except QueryProblem as problem:
        shown = clean_line(query)[:200] if isinstance(query, str) else ""
        return SearchResults(shown, problem=str(problem))


def _results(
    parsed: Query, total: int, found: list[tuple[SearchIndex, int, int]], width: int
) -> SearchResults:
    matches = tuple(index._match(parsed, row, s, width) for index, row, s in found)
    return SearchResults(parsed.text, total, matches)


class UpdatedIndex:
    """A :class:`SearchIndex` plus the interviews saved or removed since it was built.

    The changed interviews are indexed again on their own (a few, so it is quick) and their
    old rows in the base are hidden; a search asks both and merges the results in order.
    Build a fresh base now and then (in the background) to fold the changes in.
    """

    def __init__(
        self, base: SearchIndex, changed: dict[str, Searchable], removed: frozenset[str]
    ) -> None:
        self._base = base
        self._changed = changed
        self._removed = removed
        paths = [{"id": k, "title": v} for k, v in base._paths.items()]
        self._recent = build_index(list(changed.values()), paths)
        self._hidden = base.rows_of([*changed, *removed])

    @property
    def size(self) -> int:
        """How many conversations are indexed (practice runs included)."""
        base_only = self._base.size - self._hidden.bit_count()
        return base_only + self._recent.size

    def updated(
        self, changed: Iterable[Searchable] = (), removed: Iterable[str] = ()
    ) -> UpdatedIndex:
        """A further update: later saves of the same interview replace earlier ones."""
        now = dict(self._changed)
        gone = set(self._removed)
        for item in changed:
            now[item.interview_id] = item
            gone.discard(item.interview_id)
        for interview_id in removed:
            now.pop(interview_id, None)
            gone.add(interview_id)
        return UpdatedIndex(self._base, now, frozenset(gone))

    def search(
        self,
        query: str | Query,
        *,
        limit: int | None = DEFAULT_LIMIT,
        include_practice: bool = False,
        snippet_width: int = SNIPPET_WIDTH,
    ) -> SearchResults:
        """As :meth:`SearchIndex.search`, over the base and the changes together."""
        parsed = _parsed(query)
        if isinstance(parsed, SearchResults):
            return parsed
        if parsed.is_empty:
            return SearchResults(parsed.text)
        if limit is not None and limit <= 0:
            limit = None
        base, recent = self._base, self._recent
        old = base.hits(parsed, include_practice=include_practice, hidden=self._hidden)
        new = recent.hits(parsed, include_practice=include_practice) if recent.size else 0
        found = [(base, row, s) for row, s in base.first(old, limit)]
        found += [(recent, row, s) for row, s in recent.first(new, limit)]
        # Newest conversation first, then the order of the sections.
        found.sort(key=lambda f: (*f[0].order_key_of(f[1]), -f[2]), reverse=True)
        if limit is not None:
            found = found[:limit]
        return _results(parsed, old.bit_count() + new.bit_count(), found, snippet_width)


def build_index(
    searchables: Sequence[Searchable],
    paths: Sequence[Mapping[str, Any]] = (),
    texts: TextSource | None = None,
) -> SearchIndex:
    """An index of ``searchables``; without ``texts`` it keeps their text for snippets."""
    ordered = sorted(searchables, key=order_key, reverse=True)
    builder = IndexBuilder(len(ordered), paths)
    for item in ordered:
        builder.add(item, keep_text=texts is None)
    return builder.finish(texts)
