"""The Store: everything a person records, in one crash-safe file, ``DATA/coach.json``.

The Store owns the newest version of every document. ``save``, ``remove`` and ``change``
update the in-memory view at once — every reader on every thread sees the change from the
next line on — and hand the disk write to the store's one background writer, which writes
the whole view (bursts coalesce into one write) and tries again after a failure. Nobody
waits for the disk unless they ask to (`flush`, `sync`, `close`).

One process writes at a time: a lock file is held for the Store's lifetime.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import orjson

from coach.store.drafts import DraftJournal, JournalWriter, leftovers
from coach.store.errors import StoreError, StoreReadOnly, StoreWriteError
from coach.store.loading import (
    CONTACTS,
    INTERVIEWS,
    PATHS,
    TRANSCRIPTS,
    Loaded,
    empty_tables,
    load,
    make_folder,
    mode_of,
    restore_backup,
    take_lock,
    write_target,
)
from coach.store.opened import OpenedFile
from coach.store.paths import DataPaths
from coach.store.storage import (
    FILE_MODE,
    Buffer,
    Document,
    Tables,
    remove_stale_temps,
    write_atomically,
)
from coach.store.summaries import copy_summary, summary_of
from coach.store.summary_cache import Snapshot
from coach.store.writer import BackgroundWriter

Kind = Literal["contact", "interview", "transcript", "path"]
#: The table each kind of document lives in.
TABLE_OF: dict[str, str] = {
    "contact": CONTACTS,
    "interview": INTERVIEWS,
    "transcript": TRANSCRIPTS,
    "path": PATHS,
}
# Meta keys for the user's settings: their own name, as they sign thank-you notes.
YOUR_NAME = "your_name"
# Identity keys of contacts the user deleted, so an import does not quietly bring them back.
DELETED_CONTACTS = "deleted_contacts"
# How many times the file has been written, in meta: one more with every write.
FILE_GENERATION = "generation"
# What a ``change`` removes: a document of a kind, by id.
Removal = tuple[Kind, str]


def deleted_keys(store: Store) -> dict[str, str]:
    """The identity keys of deleted contacts (key → day), as the import needs them."""
    value = store.get_meta(DELETED_CONTACTS)
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


class Store:
    """The person's contacts, interviews, transcripts and paths. Open with `Store.open`."""

    def __init__(
        self,
        paths: DataPaths,
        tables: Tables,
        *,
        read_only: bool,
        lock: Any = None,
        summaries: dict[str, Document] | None = None,
        loaded: Loaded | None = None,
    ) -> None:
        self.paths = paths
        self.read_only = read_only
        self._tables = tables
        self._lock = lock
        self._state = threading.Lock()  # guards the view below; held only briefly
        if summaries is None:
            summaries = {i: summary_of(e.decode()) for i, e in tables.docs[INTERVIEWS].items()}
        self._summaries = summaries
        self._generation = 0  # counts changes; the disk writer knows which it has written
        self._unsaved: dict[tuple[str, str], int] = {}  # (kind, id) -> its newest change
        self._removed: set[tuple[str, str]] = set()  # (kind, id) removed since opening
        self._after_saved: list[tuple[int, Callable[[], None]]] = []
        self._journals: dict[str, JournalWriter] = {}
        self._listeners: list[Callable[[str | None], None]] = []
        self.closed = False
        self._file = write_target(paths.db)
        # The DB file is private; a file it links to keeps the permissions it was given.
        self._mode = FILE_MODE if self._file == paths.db else mode_of(self._file)
        # The mapped file documents not saved since are views of, the summary cache, the
        # start-up backup.
        self._opened = OpenedFile(paths, loaded, self._cache_snapshot)
        self.opened_from_cache = self._opened.from_cache
        self._disk: _DiskWriter | None = None if read_only else _DiskWriter(self)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, paths: DataPaths, *, read_only: bool = False) -> Store:
        """Open the data folder, creating it (0700) and an empty DB on first use.

        Raises StoreLocked when another coach holds it, StoreCorrupt when the DB file cannot
        be read (after moving it aside), StoreError for a DB file that is a dangling link,
        and OSError when the folder cannot be made. ``read_only`` takes no lock, makes no
        backups and changes nothing on disk but the summary cache beside the DB file (derived
        data, written only when it was out of date).
        """
        write_target(paths.db)  # a dangling link is refused before anything is written
        if read_only:
            return cls._of(paths, load(paths, move_aside=False), read_only=True)
        make_folder(paths.root)
        lock = take_lock(paths)
        try:
            remove_stale_temps(write_target(paths.db))
            loaded = load(paths, move_aside=True)
            store = cls._of(paths, loaded, read_only=False, lock=lock)
            if loaded is None:
                store._touch()
                store.sync()
                return store
            # Before the migration below is written, so that a backup holds the old version.
            store._opened.back_up(loaded)
            if loaded.migrated:
                store._touch()
                store.sync()
            return store
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _of(
        cls, paths: DataPaths, loaded: Loaded | None, *, read_only: bool, lock: Any = None
    ) -> Store:
        tables, summaries = (loaded.tables, loaded.summaries) if loaded else (empty_tables(), None)
        return cls(
            paths, tables, read_only=read_only, lock=lock, summaries=summaries, loaded=loaded
        )

    @staticmethod
    def restore_backup(paths: DataPaths, n: int = 1) -> Path:
        """Put backup ``n`` (1 = newest) back as the DB file; the app must not be running.

        Returns the backup's path. Raises StoreLocked if coach is running, FileNotFoundError
        if there is no such backup, and StoreCorrupt if the backup itself is unreadable.
        """
        return restore_backup(paths, n)

    def close(self, timeout: float | None = 10.0) -> bool:
        """Write what is pending, stop the writers and release the lock.

        True when everything reached the disk; `unsaved` still names what did not.
        """
        if self.closed:
            return not self.unsaved()
        done = True
        for journal in list(self._journals.values()):
            done = journal.close(timeout) and done
        if self._disk is not None:
            done = self._disk.close(timeout) and done
        self.closed = True
        self._opened.close(wrote=self._disk is not None and self._disk.written > 0)
        if self._lock is not None:
            self._lock.release()
        return done

    @property
    def backup_problem(self) -> str | None:
        """A sentence about a backup that could not be taken at start-up, or None (it is taken
        on a thread; this waits for it)."""
        return self._opened.backup_problem

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------
    def get(self, kind: Kind, doc_id: str) -> Document | None:
        """One document by id (a fresh copy), or None."""
        with self._state:
            entry = self._tables.docs[TABLE_OF[kind]].get(doc_id)
        return self._opened.decode(entry, doc_id) if entry is not None else None

    def all(self, kind: Kind) -> list[Document]:
        """Every document of a kind, in the order they were first saved (fresh copies)."""
        with self._state:
            entries = list(self._tables.docs[TABLE_OF[kind]].items())
        return [self._opened.decode(entry, doc_id) for doc_id, entry in entries]

    def count(self, kind: Kind) -> int:
        """How many documents of a kind there are, without decoding any of them."""
        with self._state:
            return len(self._tables.docs[TABLE_OF[kind]])

    def contacts(self) -> list[Document]:
        """Every contact, in the order they were first saved (fresh copies)."""
        return self.all("contact")

    def contact_count(self) -> int:
        """How many contacts there are, without decoding any of them."""
        return self.count("contact")

    def get_contact(self, contact_id: str) -> Document | None:
        """One contact by id, or None."""
        return self.get("contact", contact_id)

    def interviews(self) -> list[Document]:
        """Every interview in full (notes included); prefer `interview_summaries` for lists."""
        return self.all("interview")

    def get_interview(self, interview_id: str) -> Document | None:
        """One interview in full, or None."""
        return self.get("interview", interview_id)

    def interview_summaries(self) -> list[Document]:
        """Every interview without its notes and plan (fresh copies, in saved order).

        Each holds the top-level scalar fields, the flat mappings (e.g. the thank-you, the
        debrief) and ``stages``, ``actions`` and ``referrals``: enough for Home's outlook and
        for the follow-up agenda. Cheap at any history size: nothing is decoded.
        """
        return [copy_summary(summary) for summary in self.interview_summaries_view()]

    def interview_summaries_view(self) -> list[Mapping[str, Any]]:
        """The same summaries as :meth:`interview_summaries`, shared rather than copied.

        For readers that only look (Home's lists, the agenda): at 10,000 interviews copying
        costs 0.1-0.3 s on the UI thread and this costs nothing. A save replaces a summary
        with a new object and never changes one in place, so what is returned stays as it was
        when read. Callers must not change it.
        """
        with self._state:
            return list(self._summaries.values())

    def get_meta(self, key: str) -> Any:
        """A value from the meta document (a fresh copy), or None."""
        with self._state:
            if key not in self._tables.meta:
                return None
            value = self._tables.meta[key]
        return orjson.loads(orjson.dumps(value))

    def was_removed(self, kind: Kind, doc_id: str) -> bool:
        """True when this document was removed since the store opened (and not saved again):
        a screen that still shows it must not save it back."""
        with self._state:
            return (kind, doc_id) in self._removed

    # -- changing --------------------------------------------------------------------------
    def save(self, kind: Kind, doc: Mapping[str, Any]) -> None:
        """Make ``doc`` the newest version of its document (by its text ``id``) at once.

        Every reader sees it from now on; the disk write follows in the background. The
        document is copied: changing ``doc`` afterwards changes nothing here.
        """
        self.change(saves=[(kind, doc)])

    def save_all(self, kind: Kind, docs: Iterable[Mapping[str, Any]]) -> None:
        """Save many documents of one kind as one change (an import, say)."""
        self.change(saves=[(kind, doc) for doc in docs])

    def remove(self, kind: Kind, doc_id: str) -> None:
        """Remove a document at once; removing one that is not there is not an error."""
        self.change(removals=[(kind, doc_id)])

    def set_meta(self, key: str, value: Any) -> None:
        """Set one JSON-safe value in the meta document."""
        self.change(meta={key: value})

    def change(
        self,
        *,
        saves: Iterable[tuple[Kind, Mapping[str, Any]]] = (),
        removals: Iterable[Removal] = (),
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        """Save and remove documents of any kinds, and set meta values, as one change: a
        reader sees all of it or none of it, and it reaches the disk in one write.

        Used where a change spans records, such as merging contacts (the merged contact, the
        removed duplicates and the interviews that pointed at them). Raises ValueError for a
        document without a text id or that is not JSON-safe, and StoreReadOnly on a
        read-only store; nothing changes then.
        """
        self._check_writable()
        encoded = [_encode(kind, doc) for kind, doc in saves]
        gone = list(removals)
        new_meta = orjson.loads(orjson.dumps(dict(meta))) if meta else None
        summaries = {
            doc_id: summary_of(doc) for kind, doc_id, doc, _ in encoded if kind == "interview"
        }
        with self._state:
            self._generation += 1
            generation = self._generation
            for kind, doc_id, _doc, body in encoded:
                self._tables.put(TABLE_OF[kind], doc_id, body)
                self._unsaved[(kind, doc_id)] = generation
                self._removed.discard((kind, doc_id))
                if kind == "interview":
                    self._summaries[doc_id] = summaries[doc_id]
            for kind, doc_id in gone:
                if self._tables.remove(TABLE_OF[kind], doc_id):
                    self._unsaved[(kind, doc_id)] = generation
                    self._removed.add((kind, doc_id))
                    if kind == "interview":
                        self._summaries.pop(doc_id, None)
            if new_meta:
                self._tables.meta = {**self._tables.meta, **new_meta}
                for key in new_meta:
                    self._unsaved[("meta", key)] = generation
        self._wake_writer()

    # -- reaching the disk -----------------------------------------------------------------
    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every change so far and every journal record were tried on disk.

        True when all of it is there. Readers never need this: the view is always newest.
        """
        done = True
        for journal in list(self._journals.values()):
            done = journal.flush(timeout) and done
        if self._disk is not None:
            done = self._disk.flush(timeout) and done
        return done

    def sync(self, timeout: float | None = None) -> None:
        """`flush`, and raise StoreWriteError when anything did not reach the disk."""
        if not self.flush(timeout):
            raise StoreWriteError(self._file, self.problem() or "the write did not finish")

    def is_saved(self, kind: Kind, doc_id: str) -> bool:
        """True when the newest version of this document (or its removal) is on disk."""
        with self._state:
            return (kind, doc_id) not in self._unsaved

    def unsaved(self) -> list[tuple[str, str, str]]:
        """(kind, id, reason) of each change a failed write kept from the disk."""
        problem = self._disk.failure if self._disk is not None else None
        if problem is None:
            return []
        with self._state:
            return [(kind, doc_id, problem) for kind, doc_id in self._unsaved]

    def problem(self) -> str | None:
        """Why something is not on disk right now (the DB file or a call's journal), or None."""
        for journal in list(self._journals.values()):
            if journal.failure is not None:
                return journal.failure
        return self._disk.failure if self._disk is not None else None

    def add_listener(self, listener: Callable[[str | None], None]) -> None:
        """Call ``listener(problem)`` whenever writing starts or stops failing.

        It runs on a writer thread and must not block (hand over to the UI and return).
        """
        self._listeners.append(listener)

    def after_saved(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the writer thread once every change made so far is on disk;
        never, if that does not happen before the store closes."""
        with self._state:
            generation = self._generation
            # The writer records what it wrote before it takes this lock to collect callbacks.
            ready = self._disk is None or self._disk.written >= generation
            if not ready:
                self._after_saved.append((generation, callback))
        if ready:
            callback()

    # -- the live-notes journal ------------------------------------------------------------
    def journal(self, interview_id: str) -> JournalWriter:
        """The journal writer of one interview's call, opened on first use."""
        self._check_writable()
        writer = self._journals.get(interview_id)
        if writer is None:
            writer = JournalWriter(DraftJournal(self.paths, interview_id), self._notify)
            self._journals[interview_id] = writer
        return writer

    def interrupted_calls(self) -> list[str]:
        """Ids of interviews whose call left a journal behind (none on a folder that cannot
        be listed)."""
        try:
            return leftovers(self.paths)
        except OSError:
            return []

    def read_journal(self, interview_id: str) -> list[dict[str, Any]]:
        """Every complete record of a call's journal, oldest first (OSError passes through)."""
        return DraftJournal(self.paths, interview_id).read()

    def journal_path(self, interview_id: str) -> Path:
        """Where a call's journal is kept, for messages."""
        return DraftJournal(self.paths, interview_id).path

    def discard_journal(self, interview_id: str) -> None:
        """Delete a call's journal now (OSError passes through; the file is then kept)."""
        writer = self._journals.pop(interview_id, None)
        if writer is not None:
            writer.close()
        DraftJournal(self.paths, interview_id).discard()

    def discard_journal_once_saved(self, interview_id: str) -> None:
        """Delete a call's journal once the interview as it is now is on disk.

        A failed save keeps the journal, and the next start offers the call back.
        """
        writer = self._journals.pop(interview_id, None)

        def discard() -> None:
            if writer is not None:
                writer.close()
            # Left behind, it is offered back at the next start: never lost.
            with contextlib.suppress(OSError):
                DraftJournal(self.paths, interview_id).discard()

        self.after_saved(discard)

    # -- the machinery ---------------------------------------------------------------------
    def _cache_snapshot(self) -> Snapshot:
        with self._state:
            positions, tail_at, tail = self._tables.layout()
            summaries = self._summaries
            interviews = [summaries[doc_id] for doc_id, _ in positions[INTERVIEWS]]
        return Snapshot(positions, tail_at, tail, interviews)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.paths.db} is open read-only; nothing was saved")
        if self.closed:
            raise StoreError(f"{self.paths.db} is closed; nothing was saved")

    def _touch(self) -> None:
        # A write of the view as it is (a new or migrated file).
        with self._state:
            self._generation += 1
        self._wake_writer()

    def _wake_writer(self) -> None:
        if self._disk is not None:
            self._disk.wake()

    def _snapshot(self) -> tuple[int, list[Buffer]]:
        with self._state:
            # Every write of the file carries a number one above the last: another device
            # (or a cache beside the file) can tell that the file changed since it looked.
            meta = self._tables.meta
            written = meta.get(FILE_GENERATION)
            number = written if isinstance(written, int) and not isinstance(written, bool) else 0
            self._tables.meta = {**meta, FILE_GENERATION: number + 1}
            return self._generation, self._tables.chunks()

    def _saved_up_to(self, generation: int) -> list[Callable[[], None]]:
        """Forget what is on disk now; return the callbacks that were waiting for it."""
        with self._state:
            for key in [k for k, g in self._unsaved.items() if g <= generation]:
                del self._unsaved[key]
            ready = [c for g, c in self._after_saved if g <= generation]
            self._after_saved = [(g, c) for g, c in self._after_saved if g > generation]
        return ready

    def _notify(self, _problem: str | None) -> None:
        problem = self.problem()
        for listener in list(self._listeners):
            listener(problem)


class _DiskWriter(BackgroundWriter[tuple[int, list[Buffer]]]):
    """Writes the store's whole view whenever it is newer than the file."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.written = 0  # the newest generation known to be on disk
        self._taken_up_to = 0
        self._old: Path | None = None
        self._ready: list[Callable[[], None]] = []
        super().__init__("coach-store-writer", store._notify)

    def wake(self) -> None:
        with self._cond:
            self._wake()

    def _has_work(self) -> bool:
        return self._store._generation > self._taken_up_to

    def _take(self) -> tuple[int, list[Buffer]]:
        generation, chunks = self._store._snapshot()
        self._taken_up_to = generation
        return generation, chunks

    def _write(self, work: tuple[int, list[Buffer]]) -> None:
        target = self._store._file
        with self._store._opened.writing():  # pieces may be ranges of the mapped file
            self._old = write_atomically(target, work[1], keep_old=True, mode=self._store._mode)

    def _written(self, work: tuple[int, list[Buffer]]) -> None:
        self.written = max(self.written, work[0])
        self._ready = self._store._saved_up_to(work[0])

    def _failed(self, work: tuple[int, list[Buffer]]) -> None:
        self._taken_up_to = self.written  # everything since the last good write, again

    def _after(self, work: tuple[int, list[Buffer]]) -> None:
        old, self._old = self._old, None
        if old is not None:
            # The replaced file's blocks are freed here, after the commit was acknowledged.
            with contextlib.suppress(OSError):  # a leftover is removed at the next open
                os.unlink(old)
        ready, self._ready = self._ready, []
        for callback in ready:
            callback()

    def _describe(self, error: OSError) -> str:
        return f"could not save to {self._store._file}: {error.strerror or error}"


def _encode(kind: Kind, doc: Mapping[str, Any]) -> tuple[Kind, str, Mapping[str, Any], bytes]:
    if kind not in TABLE_OF:
        raise ValueError(f"unknown kind of document {kind!r}")
    doc_id = doc.get("id") if isinstance(doc, Mapping) else None
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError(f"a {kind} must be a mapping with a text 'id'")
    try:
        return kind, doc_id, doc, orjson.dumps(doc)
    except TypeError as error:
        raise ValueError(f"the {kind} {doc_id} cannot be saved: {error}") from None
