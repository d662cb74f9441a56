"""What the store keeps of the DB file it opened, beside its tables.

- the mapping that documents not saved since are views of (`coach.store.mapped`), checked
  before anything is served or written from it;
- the summary cache, written again when the file changed (`coach.store.summary_cache`),
  and the shortlist it gave (`coach.store.shortlist`);
- the start-up backup, taken on a thread from the mapped file (`coach.store.loading`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import orjson

from coach.store.cached_summaries import CachedSummaries
from coach.store.errors import StoreCorrupt
from coach.store.loading import INTERVIEWS, Loaded, StartUpBackup, start_backup
from coach.store.mapped import writing_from
from coach.store.paths import DataPaths
from coach.store.shortlist import Shortlist
from coach.store.storage import Document, Entry
from coach.store.summary_cache import CacheKeeper, Snapshot


class OpenedFile:
    """The DB file as the store opened it (``loaded``; None for a new, empty file)."""

    def __init__(
        self, paths: DataPaths, loaded: Loaded | None, snapshot: Callable[[], Snapshot]
    ) -> None:
        self._paths = paths
        self.source = loaded.source if loaded is not None else None
        #: True when the tables and summaries came from the summary cache: nothing parsed.
        self.from_cache = loaded is not None and not loaded.cache_miss
        summaries = loaded.summaries if loaded is not None else None
        # The very mapping the store keeps its summaries in: while it is unused, its
        # shortlist is what the store holds.
        self._summaries = summaries if isinstance(summaries, CachedSummaries) else None
        # Counted from the tables: counting the summaries would read them all in.
        interviews = len(loaded.tables.docs[INTERVIEWS]) if loaded is not None else 0
        # A cache made by another coach's shortlist rules is written again by these.
        current = self.from_cache and (
            self._summaries is None or self._summaries.shortlist is not None
        )
        self._cache = CacheKeeper(paths, snapshot, current=current, interviews=interviews)
        self._backup: StartUpBackup | None = None
        self._backup_problem: str | None = None

    def shortlist(self) -> Shortlist | None:
        """The interviews Home and the agenda can show, while the store's summaries are still
        those the cache gave (see `coach.store.shortlist`); else None."""
        return self._summaries.shortlist if self._summaries is not None else None

    def back_up(self, loaded: Loaded) -> None:
        """Take the start-up backup (see `loading.start_backup`)."""
        self._backup, self._backup_problem = start_backup(self._paths, loaded)

    @property
    def backup_problem(self) -> str | None:
        """Why the start-up backup could not be taken, or None; waits for its thread."""
        backup, self._backup = self._backup, None
        if backup is not None:
            self._backup_problem = backup.problem()
        return self._backup_problem

    def decode(self, entry: Entry, doc_id: str) -> Document:
        """A fresh copy of the document ``entry`` holds, which must be ``doc_id``.

        A document not saved since opening is read from the mapped file: checking its id
        makes sure a file changed under coach is never served as if it were the one opened.
        """
        try:
            doc = entry.decode()
        except orjson.JSONDecodeError:
            doc = None
        if doc is None or doc.get("id") != doc_id:
            if self.source is not None:
                self.source.check()
            raise StoreCorrupt(f"{self._paths.db}: the document {doc_id} could not be read back")
        return doc

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Around a write of the whole file (see `mapped.writing_from`)."""
        return writing_from(self.source) if self.source is not None else contextlib.nullcontext()

    def close(self, *, wrote: bool) -> None:
        """The store has stopped writing (``wrote``: it wrote the file since opening): bring
        the summary cache up to date if the file holds the view (or its summaries turned out
        damaged when read), wait for the backup, and close the mapped file's descriptor."""
        damaged = self._summaries is not None and self._summaries.damaged
        if wrote or damaged:
            self._cache.file_changed()
        self._cache.close()
        _ = self.backup_problem  # the backup copies from the mapped file: wait for it
        if self.source is not None:
            self.source.close()
