"""The Store: everything a person records, in one crash-safe file, ``DATA/coach.json``.

The Store owns the newest version of every document. ``save``, ``remove`` and ``change``
update the in-memory view at once — every reader on every thread sees the change from the
next line on — and hand the disk write to the store's one background writer, which writes
the whole view (bursts coalesce into one write) and tries again after a failure. Nobody
waits for the disk unless they ask to (`flush`, `sync`, `close`).

One process writes at a time: a lock file is held for the Store's lifetime.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import orjson

from coach.core.clock import now_iso
from coach.store.disk import DiskWriter, Snapshot
from coach.store.drafts import Journals, JournalWriter
from coach.store.errors import StoreCorrupt, StoreError, StoreReadOnly, StoreWriteError
from coach.store.loading import (
    CONTACTS,
    INTERVIEWS,
    PATHS,
    TRANSCRIPTS,
    Loaded,
    check_reachable,
    decode,
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
    Document,
    Entry,
    MalformedFile,
    Tables,
    encode,
    remove_stale_temps,
)
from coach.store.summaries import copy_summary, summary_of
from coach.store.summary_cache import Snapshot as CacheSnapshot
from coach.store.sync import (
    CONFLICTS,
    Base,
    FileIdentity,
    MergeReport,
    base_of,
    identity_of,
    keep_conflict,
    merge_three_way,
    merge_two_way,
)

Kind = Literal["contact", "interview", "transcript", "path"]
#: The table each kind of document lives in, and the other way round.
TABLE_OF: dict[str, str] = {
    "contact": CONTACTS,
    "interview": INTERVIEWS,
    "transcript": TRANSCRIPTS,
    "path": PATHS,
}
KIND_OF: dict[str, str] = {table: kind for kind, table in TABLE_OF.items()}
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
        self._listeners: list[Callable[[str | None], None]] = []
        self.closed = False
        #: The live-notes journals of calls (see `journal` to write one).
        self.journals = Journals(paths, self._notify)
        self._file = write_target(paths.db)
        # The DB file is private; a file it links to keeps the permissions it was given.
        self._mode = FILE_MODE if self._file == paths.db else mode_of(self._file)
        # The file as last read or written, and every document as it was then: another
        # device's writes are noticed and merged against these (see coach.store.sync).
        self._seen: FileIdentity | None = identity_of(self._file)
        self._base = base_of(tables)
        self._outside: list[Callable[[MergeReport], None]] = []
        # The mapped file documents not saved since are views of, the summary cache, the
        # start-up backup.
        self._opened = OpenedFile(paths, loaded, self._cache_snapshot)
        self.opened_from_cache = self._opened.from_cache
        # Documents another device changed, as they arrived, until they are saved here: a
        # screen that still holds the version from before must not overwrite them unseen.
        self._arrived: dict[tuple[str, str], Entry] = {}
        self._disk: DiskWriter | None = None if read_only else DiskWriter(self)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, paths: DataPaths, *, read_only: bool = False) -> Store:
        """Open the data folder, creating it (0700) and an empty DB on first use.

        Raises StoreLocked when another coach holds it, StoreCorrupt when the DB file cannot
        be read (after moving it aside), StoreError for a DB file that is a dangling link,
        and OSError when the folder cannot be made. ``read_only`` takes no lock, makes no
        backups and changes nothing on disk.
        """
        write_target(paths.db)  # a dangling link is refused before anything is written
        if read_only:
            check_reachable(paths.root, chosen=paths.chosen)
            return cls._of(paths, load(paths, move_aside=False), read_only=True)
        make_folder(paths.root, chosen=paths.chosen)
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
        done = self.journals.close(timeout)
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
            # Whoever reads it one by one (a screen opening the record) has seen what arrived.
            self._arrived.pop((TABLE_OF[kind], doc_id), None)
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

    def kept_in_two_versions(self, kind: Kind) -> list[Document]:
        """The documents of a kind that keep another version (changed on two devices)."""
        with self._state:
            entries = list(self._tables.docs[TABLE_OF[kind]].items())
        # A byte test first: the key cannot appear unescaped inside a text. Decoded to be sure.
        maybe = (self._opened.decode(e, i) for i, e in entries if b'conflicts"' in bytes(e.piece))
        return [doc for doc in maybe if doc.get(CONFLICTS)]

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
        encoded = [_encode(kind, self._over_arrived(kind, doc)) for kind, doc in saves]
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

    def _over_arrived(self, kind: Kind, doc: Mapping[str, Any]) -> Mapping[str, Any]:
        """``doc``, keeping the version another device sent as a conflict copy when this is
        the first save over it here and it differs (the saver may not have seen it)."""
        doc_id = doc.get("id") if isinstance(doc, Mapping) else None
        if kind not in TABLE_OF or not isinstance(doc_id, str):
            return doc
        with self._state:
            arrived = self._arrived.pop((TABLE_OF[kind], doc_id), None)
        if arrived is None:
            return doc
        theirs = arrived.decode()
        mine = dict(doc)
        if theirs == mine or {**theirs, CONFLICTS: None} == {**mine, CONFLICTS: None}:
            return doc
        return keep_conflict(mine, theirs, "another device", now_iso())

    # -- reaching the disk -----------------------------------------------------------------
    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every change so far and every journal record were tried on disk.

        True when all of it is there. Readers never need this: the view is always newest.
        """
        done = self.journals.flush(timeout)
        if self._disk is not None:
            done = self._disk.flush(timeout) and done
        return done

    def sync(self, timeout: float | None = None) -> None:
        """`flush`, and raise StoreWriteError when anything did not reach the disk."""
        if not self.flush(timeout):
            raise StoreWriteError(self._file, self.problem() or "the write did not finish")

    def durable_at(self) -> float:
        """``time.perf_counter()`` when the last write became durable (0.0 before any).

        The benchmarks time a commit up to here: what follows (deleting the replaced file)
        is housekeeping nobody waits for."""
        return self._disk.durable_at if self._disk is not None else 0.0

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
        problem = self.journals.problem()
        if problem is None and self._disk is not None:
            problem = self._disk.failure
        return problem

    def on_outside_change(self, listener: Callable[[MergeReport], None]) -> None:
        """Call ``listener(report)`` when another device's changes were merged into the view.

        It runs on the writer thread and must not block (hand over to the UI and return).
        """
        self._outside.append(listener)

    def merge_file(self, path: Path) -> MergeReport:
        """Merge another whole version of the data file (a sync client's conflict copy) into
        the view, two ways: a document only the other has is added, one both have and that
        differs keeps the newer and holds the other under ``conflicts``. Nothing is removed.

        Raises StoreCorrupt when ``path`` is not a data file coach can read.
        """
        self._check_writable()
        try:
            other = decode(path)
        except FileNotFoundError:
            raise
        except (MalformedFile, StoreError, OSError) as error:
            reason = getattr(error, "reason", None) or str(error)
            raise StoreCorrupt(f"{path} cannot be read as a coach data file: {reason}") from None
        with self._state:
            report = merge_two_way(self._tables, other.tables, now_iso())
            self._refresh_summaries(report)
            self._generation += 1
            for table, doc_id in report.changed:
                kind = KIND_OF[table]
                self._unsaved[(kind, doc_id)] = self._generation
        self._wake_writer()
        return report

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
        return self.journals.writer(interview_id)

    def discard_journal_once_saved(self, interview_id: str) -> None:
        """Delete a call's journal once the interview as it is now is on disk.

        A failed save keeps the journal, and the next start offers the call back.
        """
        self.after_saved(self.journals.let_go(interview_id))

    # -- the machinery ---------------------------------------------------------------------
    def _cache_snapshot(self) -> CacheSnapshot:
        with self._state:
            positions, tail_at, tail = self._tables.layout()
            summaries = self._summaries
            interviews = [summaries[doc_id] for doc_id, _ in positions[INTERVIEWS]]
        return CacheSnapshot(positions, tail_at, tail, interviews)

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

    def _snapshot(self) -> Snapshot:
        with self._state:
            # Every write of the file carries a number one above the last: another device
            # (or a cache beside the file) can tell that the file changed since it looked.
            meta = self._tables.meta
            written = meta.get(FILE_GENERATION)
            number = written if isinstance(written, int) and not isinstance(written, bool) else 0
            self._tables.meta = {**meta, FILE_GENERATION: number + 1}
            return Snapshot(self._generation, self._tables.chunks(), base_of(self._tables))

    def _wrote(self, base: Base) -> None:
        # Called by the writer once its file is in place: what the next merge compares with.
        seen = identity_of(self._file)
        with self._state:
            self._seen, self._base = seen, base

    def _catch_up(self) -> bool:
        """Merge what another device wrote to the file since we last read or wrote it.

        Called on the writer thread before each write and while idle. True when the file had
        changed (and the view now holds both sides' changes).
        """
        seen = identity_of(self._file)
        if seen is None or seen == self._seen:
            return False
        try:
            theirs = decode(self._file)
        except (OSError, MalformedFile, StoreError):
            # Half-written by a sync client, or damaged: keep ours and look again later.
            return False
        with self._state:
            report = merge_three_way(self._tables, self._base, theirs.tables, now_iso())
            self._refresh_summaries(report)
            for table, doc_id in report.changed:
                entry = self._tables.docs[table].get(doc_id)
                if entry is not None:
                    self._arrived[(table, doc_id)] = entry
            self._seen, self._base = seen, base_of(theirs.tables)
            if report.write_back:
                self._generation += 1
        for listener in list(self._outside):
            listener(report)
        return True

    def _refresh_summaries(self, report: MergeReport) -> None:
        # The state lock is held.
        for table, doc_id in report.changed:
            if table != INTERVIEWS:
                continue
            entry = self._tables.docs[INTERVIEWS].get(doc_id)
            if entry is None:
                self._summaries.pop(doc_id, None)
            else:
                self._summaries[doc_id] = summary_of(entry.decode(), private=True)

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


def _encode(kind: Kind, doc: Mapping[str, Any]) -> tuple[Kind, str, Mapping[str, Any], bytes]:
    if kind not in TABLE_OF:
        raise ValueError(f"unknown kind of document {kind!r}")
    doc_id = doc.get("id") if isinstance(doc, Mapping) else None
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError(f"a {kind} must be a mapping with a text 'id'")
    try:
        return kind, doc_id, doc, encode(doc)
    except TypeError as error:
        raise ValueError(f"the {kind} {doc_id} cannot be saved: {error}") from None
