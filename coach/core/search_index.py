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

from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.core.search import (
    SECTIONS,
    SNIPPET_WIDTH,
    Query,
    Searchable,
    SearchResults,
    TextSource,
    word_bytes,
    words_of,
)
from coach.core.search_postings import (
    SHORT_PREFIX,
    SHORT_PREFIX_MIN_WORDS,
    Columns,
    IndexDamaged,
    Postings,
    mask_of,
    set_bits,
    word_code,
)
from coach.core.search_querying import (
    DEFAULT_LIMIT,
    FORMAT,
    SearchIndex,
    read_query,
    results_of,
)
from coach.core.text import clean_line

# What the commands, the store's cache and the screens import from here.
__all__ = [
    "DEFAULT_LIMIT",
    "FORMAT",
    "IndexBuilder",
    "IndexDamaged",
    "SearchIndex",
    "UpdatedIndex",
    "build_index",
    "order_key",
    "set_bits",
    "word_code",
]


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
        columns = Columns(
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
        filled = mask_of((k for k, piece in enumerate(pieces) if piece), nslots)
        vocab_bytes = sorted(self._postings)
        lists: list[Sequence[int]] = []
        for word in vocab_bytes:
            slots = self._postings[word]
            lists.append([moved(s) for s in slots] if renumber else slots)
        vocab = [word.decode() for word in vocab_bytes]
        words = Postings.encode(lists, nslots)
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
            prefix_postings=Postings.encode(prefix_lists, nslots),
            filled=filled,
            codes=b"".join(pieces),
            slot_offsets=slot_offsets,
            texts=source,
        )


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
        parsed = read_query(query)
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
        return results_of(parsed, old.bit_count() + new.bit_count(), found, snippet_width)


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
