"""Search inside the app: the index of an open store, kept current as interviews are saved.

`coach search` opens the store, reads the index cache and leaves. The app keeps its store open
for hours and saves all the time, and every save makes the cache file stale, so rebuilding on
each visit to the Search screen would cost seconds at 10,000 interviews. Instead one
:class:`LiveIndex` per open store loads the index once (from the cache when it is current,
else built; slow, so from a worker) and afterwards indexes again only the interviews saved
since: the store replaces an interview's summary object on every save, so "saved since" is
"its summary is not the object seen when the index was loaded".
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Mapping
from operator import is_
from typing import Any

from coach.core.search import Searchable, searchable
from coach.core.search_index import SearchIndex, UpdatedIndex
from coach.store.db import Store
from coach.store.search_cache import db_stamp, open_index

Index = SearchIndex | UpdatedIndex
# Changes folded in on the fly before a fresh base is worth building (in the background).
_REBUILD_AFTER = 200


class LiveIndex:
    """The search index of one open store. :meth:`load` is slow (call it from a worker);
    :meth:`current` is cheap once loaded and safe to call on every keystroke."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        # Held while loading, so a second caller (Home warming up, Search opened meanwhile)
        # waits for the first load instead of doing it again.
        self._loading = threading.Lock()
        self._base: SearchIndex | None = None
        self._seen: dict[str, Mapping[str, Any]] = {}
        self._pending: set[str] = set()
        self._index: Index | None = None
        self._index_key: tuple[frozenset[str], frozenset[str]] | None = None
        self._last_view: list[Mapping[str, Any]] = []
        self.source = ""

    @property
    def ready(self) -> bool:
        """True once the index has been loaded."""
        return self._base is not None

    def load(self) -> None:
        """Read the index from the cache, or build it (seconds at 10,000 interviews)."""
        store = self._store
        # Seen before the index is read: whatever is saved from now on differs from these,
        # and what is not on disk yet (so not in a cache read from disk) is indexed again.
        seen = {str(s.get("id")): s for s in store.interview_summaries_view()}
        pending = {i for i in seen if not store.is_saved("interview", i)}
        opened = open_index(store, db_stamp(store.paths))
        with self._lock:
            self._base, self._seen, self._pending = opened.index, seen, pending
            self._index, self._index_key, self._last_view = None, None, []
            self.source = opened.source

    def warm(self) -> None:
        """Load the index unless it is loaded already; a load under way elsewhere is waited
        for, not repeated."""
        with self._loading:
            if not self.ready:
                self.load()

    def current(self) -> Index | None:
        """The index with every interview saved since loading; None until loaded."""
        with self._lock:
            base = self._base
            if base is None:
                return None
            view = self._store.interview_summaries_view()
            # Nothing saved since the last look (every summary the same object): the common
            # case on each keystroke, checked at C speed.
            last = self._last_view
            if self._index is not None and len(view) == len(last) and all(map(is_, view, last)):
                return self._index
            self._last_view = view
            now = {str(s.get("id")): s for s in view}
            changed = frozenset(
                i for i, s in now.items() if self._seen.get(i) is not s or i in self._pending
            )
            removed = frozenset(i for i in self._seen if i not in now)
            key = (changed, removed)
            if self._index is None or key != self._index_key:
                if changed or removed:
                    self._index = base.updated(self._searchables(changed), removed)
                else:
                    self._index = base
                self._index_key = key
            return self._index

    def stale(self) -> bool:
        """True when enough has changed since loading that a fresh load is worth it."""
        key = self._index_key
        return key is not None and len(key[0]) + len(key[1]) > _REBUILD_AFTER

    def _searchables(self, interview_ids: frozenset[str]) -> list[Searchable]:
        store = self._store
        transcripts: dict[str, Mapping[str, Any]] = {}
        if interview_ids and store.count("transcript"):
            for transcript in store.all("transcript"):
                if transcript.get("interview_id") in interview_ids:
                    transcripts[str(transcript["interview_id"])] = transcript
        found: list[Searchable] = []
        for interview_id in sorted(interview_ids):
            doc = store.get_interview(interview_id)
            if doc is None:
                continue
            contact_id = doc.get("contact_id")
            contact = store.get_contact(contact_id) if isinstance(contact_id, str) else None
            found.append(searchable(doc, contact=contact, transcript=transcripts.get(interview_id)))
        return found


_KEPT: weakref.WeakKeyDictionary[Store, LiveIndex] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


def live_index(store: Store) -> LiveIndex:
    """The one :class:`LiveIndex` of ``store`` (made on first use, loaded by the caller)."""
    with _KEPT_LOCK:
        kept = _KEPT.get(store)
        if kept is None:
            kept = _KEPT[store] = LiveIndex(store)
        return kept
