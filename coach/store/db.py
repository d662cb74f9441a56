"""The Store: contacts, interviews and meta in one crash-safe file, ``DATA/coach.json``.

One process writes at a time (a lock file held for the Store's lifetime). Reads come from an
in-memory cache of serialised documents that is updated only after a write reached the disk,
so the cache always equals the file; reads never wait for a write's disk I/O.
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

import orjson

from coach.store.paths import DataPaths
from coach.store.storage import (
    FOLDER_MODE,
    Document,
    Entry,
    MalformedFile,
    Tables,
    encode_entry,
    parse_data,
    read_data,
    remove_stale_temps,
    split_tables,
    wait_for_retired,
    write_atomically,
)

CONTACTS = "contacts"
INTERVIEWS = "interviews"
DOC_TABLES = (CONTACTS, INTERVIEWS)
BACKUP_COUNT = 3
# Meta keys for the user's settings: their own name, as they sign thank-you notes.
YOUR_NAME = "your_name"
# Identity keys of contacts the user deleted, so an import does not quietly bring them back.
DELETED_CONTACTS = "deleted_contacts"

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def deleted_keys(store: Store) -> dict[str, str]:
    """The identity keys of deleted contacts (key → day), as the import needs them."""
    value = store.get_meta(DELETED_CONTACTS)
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


class StoreError(Exception):
    """Something about the data folder that the person has to know about."""


class StoreLocked(StoreError):
    """Another coach holds the data folder."""


class StoreCorrupt(StoreError):
    """The DB file could not be read; the message says where it went and how to restore."""


class StoreTooNew(StoreCorrupt):
    """The file was written by a newer coach; it is left exactly where it is."""


class StoreReadOnly(StoreError):
    """A write was attempted on a Store opened read-only."""


class StoreWriteError(StoreError):
    """A save failed; nothing was lost from the file, but the change is not on disk."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"could not save to {path}: {reason}")
        self.path = path
        self.reason = reason


# -- schema migrations ---------------------------------------------------------------------
def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A file without meta (plain TinyDB, or before versions existed): add the tables."""
    for name in DOC_TABLES:
        data.setdefault(name, {})
    if data.get("_default") == {}:
        del data["_default"]  # the empty table TinyDB makes on its own; nobody's data
    return data


#: ``MIGRATIONS[n]`` turns a version-n file into version n+1; the current version is its length.
MIGRATIONS: list[Migration] = [_v0_to_v1]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(data: dict[str, Any], migrations: list[Migration] | None = None) -> dict[str, Any]:
    """Bring parsed file data up to the newest schema; raises StoreTooNew for a future file."""
    steps = MIGRATIONS if migrations is None else migrations
    meta = data.get("meta", {}).get("1", {})
    version = meta.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise MalformedFile(f"meta schema_version is {version!r}, expected a whole number")
    if version > len(steps):
        raise StoreTooNew(
            f"this data was saved by a newer coach (schema {version}, this one knows "
            f"{len(steps)}); please update coach. The file was not changed."
        )
    for step in steps[version:]:
        data = step(data)
    if version < len(steps):
        meta = dict(data.get("meta", {}).get("1", {}))
        meta["schema_version"] = len(steps)
        data["meta"] = {"1": meta}
    return data


_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
#: Structured fields small enough to keep in summaries, because what is due next needs them:
#: the call's stage times (a mapping of flat mappings) and the actions (a list of them); and
#: the referrals, whose links to contacts a merge or a deletion must find without decoding
#: every interview.
SUMMARY_NESTED = frozenset({"stages", "actions", "referrals"})


def _flat(value: Any) -> bool:
    return type(value) is dict and all(type(v) in _SCALAR_TYPES for v in value.values())


def _summary(doc: Document, *, private: bool = False) -> Document:
    """What Home and lists read of an interview: no notes, no plan.

    The top-level scalars, the flat mappings (such as the thank-you's dates) and the small
    structured fields in `SUMMARY_NESTED`. ``private`` says ``doc`` is a fresh parse nobody
    else holds, so nothing needs copying.
    """
    summary: Document = {}
    for key, value in doc.items():
        kind = type(value)
        if kind in _SCALAR_TYPES:
            summary[key] = value
        elif kind is dict:
            if all(type(v) in _SCALAR_TYPES for v in value.values()):
                summary[key] = value if private else dict(value)
            elif key in SUMMARY_NESTED and all(map(_flat, value.values())):
                summary[key] = _copy_value(value) if not private else value
        elif kind is list and key in SUMMARY_NESTED and all(map(_flat, value)):
            summary[key] = value if private else _copy_value(value)
    return summary


def _copy_value(value: Any) -> Any:
    # Only the shapes `_summary` keeps: flat mappings, and mappings or lists of them.
    if type(value) is dict:
        return {k: dict(v) if type(v) is dict else v for k, v in value.items()}
    return [dict(v) for v in value]


def _copy_summary(summary: Document) -> Document:
    return {
        k: _copy_value(v) if type(v) is dict or type(v) is list else v for k, v in summary.items()
    }


class Store:
    """The person's contacts and interviews. Open with `Store.open`; close when done."""

    def __init__(
        self,
        paths: DataPaths,
        tables: Tables,
        *,
        read_only: bool,
        lock: Any = None,
        summaries: dict[str, Document] | None = None,
    ) -> None:
        self.paths = paths
        self.read_only = read_only
        self._tables = tables
        self._lock = lock
        self._state = threading.Lock()  # guards the cache; held only briefly
        self._writer = threading.Lock()  # one write at a time, in order
        if summaries is None:
            summaries = {i: _summary(e.decode()) for i, e in tables.docs[INTERVIEWS].items()}
        self._summaries = summaries
        self.closed = False

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, paths: DataPaths, *, read_only: bool = False) -> Store:
        """Open the data folder, creating it (0700) and an empty DB on first use.

        Raises StoreLocked when another coach holds it, StoreCorrupt when the DB file cannot
        be read (after moving it aside), and OSError when the folder cannot be made.
        ``read_only`` takes no lock, makes no backups and changes nothing on disk.
        """
        if read_only:
            loaded = _load(paths, move_aside=False)
            if loaded is None:
                return cls(paths, _empty(), read_only=True)
            return cls(paths, loaded.tables, read_only=True, summaries=loaded.summaries)
        _make_folder(paths.root)
        lock = _take_lock(paths)
        try:
            remove_stale_temps(paths.db)
            loaded = _load(paths, move_aside=True)
            if loaded is None:
                store = cls(paths, _empty(), read_only=False, lock=lock)
                store._write({}, store._tables.meta)
                return store
            _rotate_backups(paths)  # before any migration, so a backup holds the old version
            store = cls(
                paths, loaded.tables, read_only=False, lock=lock, summaries=loaded.summaries
            )
            if loaded.migrated:
                store._write({}, store._tables.meta)
            return store
        except BaseException:
            lock.release()
            raise

    @staticmethod
    def restore_backup(paths: DataPaths, n: int = 1) -> Path:
        """Put backup ``n`` (1 = newest) back as the DB file; the app must not be running.

        Returns the backup's path. Raises StoreLocked if coach is running, FileNotFoundError
        if there is no such backup, and StoreCorrupt if the backup itself is unreadable.
        """
        backup = paths.backups / f"{paths.db.name}.{n}"
        _make_folder(paths.root)
        lock = _take_lock(paths)
        try:
            try:
                read_data(backup)
            except MalformedFile as error:
                raise StoreCorrupt(f"{backup} is damaged too: {error.reason}") from None
            write_atomically(paths.db, [backup.read_bytes()])
        finally:
            lock.release()
        return backup

    def close(self) -> None:
        """Release the lock. Every acknowledged write is already on disk."""
        with self._writer:
            if not self.closed:
                wait_for_retired()
                if self._lock is not None:
                    self._lock.release()
            self.closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- contacts --------------------------------------------------------------------------
    def contacts(self) -> list[Document]:
        """Every contact, in the order they were first saved (fresh copies)."""
        return self._all(CONTACTS)

    def contact_count(self) -> int:
        """How many contacts there are, without decoding any of them."""
        with self._state:
            return len(self._tables.docs[CONTACTS])

    def get_contact(self, contact_id: str) -> Document | None:
        """One contact by id, or None."""
        return self._get(CONTACTS, contact_id)

    def put_contact(self, doc: Document) -> None:
        """Save one contact (insert or replace by its ``id``)."""
        self._put(CONTACTS, [doc])

    def put_contacts(self, docs: Iterable[Document]) -> None:
        """Save many contacts in a single write: all of them reach the disk, or none."""
        self._put(CONTACTS, list(docs))

    def delete_contact(self, contact_id: str) -> None:
        """Remove a contact; removing one that is not there is not an error."""
        self._delete(CONTACTS, contact_id)

    # -- interviews ------------------------------------------------------------------------
    def interviews(self) -> list[Document]:
        """Every interview in full (notes included); prefer `interview_summaries` for lists."""
        return self._all(INTERVIEWS)

    def get_interview(self, interview_id: str) -> Document | None:
        """One interview in full, or None."""
        return self._get(INTERVIEWS, interview_id)

    def put_interview(self, doc: Document) -> None:
        """Save one interview (insert or replace by its ``id``)."""
        self._put(INTERVIEWS, [doc])

    def delete_interview(self, interview_id: str) -> None:
        """Remove an interview; removing one that is not there is not an error."""
        self._delete(INTERVIEWS, interview_id)

    def interview_summaries(self) -> list[Document]:
        """Every interview without its notes and plan (fresh copies, in saved order).

        Each holds the top-level scalar fields, the flat mappings (e.g. the thank-you, the
        debrief) and ``stages`` and ``actions``: enough for Home's outlook and for the
        follow-up agenda (`coach.core.agenda.build_agenda` accepts these in place of whole
        interviews). Cheap at any history size: nothing is decoded.
        """
        with self._state:
            summaries = list(self._summaries.values())
        return [_copy_summary(summary) for summary in summaries]

    def interview_summaries_view(self) -> list[Mapping[str, Any]]:
        """The same summaries as :meth:`interview_summaries`, shared rather than copied.

        For readers that only look (Home's lists, the agenda): at 10,000 interviews copying
        costs 0.1-0.3 s on the UI thread and this costs nothing. A save replaces a summary
        with a new object and never changes one in place, so what is returned stays as it was
        when read, even while the saver thread writes. Callers must not change it.
        """
        with self._state:
            return list(self._summaries.values())

    def save_together(
        self,
        *,
        contacts: Iterable[Document] = (),
        interviews: Iterable[Document] = (),
        remove_contacts: Iterable[str] = (),
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        """Put and remove documents of both tables, and set ``meta`` values, in one write: all
        of it lands, or none.

        Used where a change spans records, such as merging contacts (the merged contact, the
        removed duplicates and the interviews that pointed at them).
        """
        contact_docs, interview_docs = list(contacts), list(interviews)
        new_meta = orjson.loads(orjson.dumps(dict(meta))) if meta else None
        with self._writer:
            self._check_writable()
            changes = self._encode([(CONTACTS, contact_docs), (INTERVIEWS, interview_docs)])
            with self._state:
                for contact_id in remove_contacts:
                    if contact_id in self._tables.docs[CONTACTS]:
                        changes[(CONTACTS, contact_id)] = None
                whole_meta = {**self._tables.meta, **new_meta} if new_meta else None
            summaries = {doc["id"]: _summary(doc) for doc in interview_docs}
            self._write(changes, whole_meta, summaries)

    # -- meta ------------------------------------------------------------------------------
    def get_meta(self, key: str) -> Any:
        """A value from the meta document (a fresh copy), or None."""
        with self._state:
            if key not in self._tables.meta:
                return None
            return orjson.loads(orjson.dumps(self._tables.meta[key]))

    def set_meta(self, key: str, value: Any) -> None:
        """Save one JSON-safe value in the meta document."""
        value = orjson.loads(orjson.dumps(value))  # a private copy, and proof it is JSON-safe
        with self._writer:
            self._check_writable()
            with self._state:
                meta = dict(self._tables.meta)
            meta[key] = value
            self._write({}, meta)

    # -- the machinery ---------------------------------------------------------------------
    def _all(self, table: str) -> list[Document]:
        with self._state:
            entries = list(self._tables.docs[table].values())
        return [entry.decode() for entry in entries]

    def _get(self, table: str, doc_id: str) -> Document | None:
        with self._state:
            entry = self._tables.docs[table].get(doc_id)
        return None if entry is None else entry.decode()

    def _put(self, table: str, docs: list[Document]) -> None:
        with self._writer:
            self._check_writable()
            changes = self._encode([(table, docs)])
            summaries = {doc["id"]: _summary(doc) for doc in docs} if table == INTERVIEWS else {}
            self._write(changes, None, summaries)

    def _encode(
        self, batches: list[tuple[str, list[Document]]]
    ) -> dict[tuple[str, str], Entry | None]:
        """Serialise documents into entries, keeping each existing document's TinyDB key."""
        for table, docs in batches:
            for doc in docs:
                if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
                    raise ValueError(f"a {table[:-1]} must be a dict with a text 'id'")
        changes: dict[tuple[str, str], Entry | None] = {}
        with self._state:
            for table, docs in batches:
                next_key = self._tables.next_key[table]
                for doc in docs:
                    current = self._tables.docs[table].get(doc["id"])
                    earlier = changes.get((table, doc["id"]))
                    if earlier is not None:
                        key = earlier.key
                    elif current is not None:
                        key = current.key
                    else:
                        key, next_key = next_key, next_key + 1
                    changes[(table, doc["id"])] = encode_entry(key, doc)
        return changes

    def _delete(self, table: str, doc_id: str) -> None:
        with self._writer:
            self._check_writable()
            with self._state:
                if doc_id not in self._tables.docs[table]:
                    return
            self._write({(table, doc_id): None}, None)

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreReadOnly(f"{self.paths.db} is open read-only; nothing was saved")
        if self.closed:
            raise StoreError(f"{self.paths.db} is closed; nothing was saved")

    def _write(
        self,
        changes: dict[tuple[str, str], Entry | None],
        meta: Document | None,
        summaries: dict[str, Document] | None = None,
    ) -> None:
        """Write the file with ``changes`` laid over the cache; the caller holds ``_writer``."""
        with self._state:
            chunks = self._tables.chunks(changes, meta)
        try:
            write_atomically(self.paths.db, chunks, retire_old=True)
        except OSError as error:
            self._reload_after_failure()
            raise StoreWriteError(self.paths.db, error.strerror or str(error)) from error
        with self._state:
            self._tables.apply(changes, meta)
            for (table, doc_id), entry in changes.items():
                if table != INTERVIEWS:
                    continue
                if entry is None:
                    self._summaries.pop(doc_id, None)
                elif summaries and doc_id in summaries:
                    self._summaries[doc_id] = summaries[doc_id]
                else:
                    self._summaries[doc_id] = _summary(entry.decode())

    def _reload_after_failure(self) -> None:
        # A failure after the rename (the folder fsync) leaves the new file in place: read the
        # disk again so the cache never claims something the file does not hold.
        try:
            loaded = _decode(self.paths.db)
        except (OSError, MalformedFile, StoreError):
            return  # the disk is unreadable right now; the old cache is the best we know
        with self._state:
            self._tables = loaded.tables
            self._summaries = loaded.summaries


# -- helpers for open ------------------------------------------------------------------------
def _empty() -> Tables:
    tables = Tables(DOC_TABLES)
    tables.meta = {"schema_version": SCHEMA_VERSION}
    return tables


def _make_folder(root: Path) -> None:
    root.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if root.stat().st_mode & 0o077:
        os.chmod(root, FOLDER_MODE)  # notes about real people: nobody else may look in


class _FolderLock:
    """An exclusive ``flock`` on ``DATA/coach.json.lock``, held until `release`.

    The same lock the filelock package takes on POSIX, without importing it at start-up.
    """

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        """Let another coach in."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor drops the flock


def _take_lock(paths: DataPaths) -> Any:
    busy = StoreLocked(
        f"another coach is already using {paths.root} (lock {paths.lock}); "
        "close it first (reading commands such as `coach agenda` and `coach interviews list` "
        "work while it runs)"
    )
    try:
        import fcntl
    except ImportError:  # not POSIX: the portable package
        from filelock import FileLock, Timeout

        lock = FileLock(paths.lock, timeout=0, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            raise busy from None
        return lock
    fd = os.open(paths.lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise busy from None
    except BaseException:
        os.close(fd)
        raise
    return _FolderLock(fd)


class _Loaded(NamedTuple):
    tables: Tables
    summaries: dict[str, Document]
    migrated: bool


def _decode(path: Path) -> _Loaded:
    """Parse, check, migrate and encode the DB file (FileNotFoundError passes through)."""
    # Parsing makes many objects and frees them again: pausing the cyclic GC meanwhile keeps
    # it from scanning them over and over.
    paused = gc.isenabled()
    gc.disable()
    try:
        raw = path.read_bytes()
        summaries: dict[str, Document] = {}

        def seen(table: str, doc: Document) -> None:
            if table == INTERVIEWS:
                summaries[doc["id"]] = _summary(doc, private=True)

        # Our own file, current schema: one document at a time, straight from the bytes.
        tables = split_tables(raw, DOC_TABLES, SCHEMA_VERSION, seen)
        if tables is not None:
            return _Loaded(tables, summaries, False)
        summaries.clear()
        data = parse_data(raw)
        del raw
        before = data.get("meta", {}).get("1", {}).get("schema_version")
        data = migrate(data)
        tables = Tables.from_data(data, DOC_TABLES)
        summaries = {doc["id"]: _summary(doc) for doc in data[INTERVIEWS].values()}
        del data
    finally:
        if paused:
            gc.enable()
    return _Loaded(tables, summaries, before != SCHEMA_VERSION)


def _load(paths: DataPaths, *, move_aside: bool) -> _Loaded | None:
    """Read the DB file, or None when there is none yet; a damaged file raises StoreCorrupt."""
    try:
        return _decode(paths.db)
    except FileNotFoundError:
        return None
    except StoreTooNew:
        raise
    except MalformedFile as error:
        if not move_aside:
            raise StoreCorrupt(
                f"{paths.db} cannot be read ({error.reason}); it was left as it is"
            ) from None
        raise StoreCorrupt(_move_aside(paths, error.reason)) from None


def _move_aside(paths: DataPaths, reason: str) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    aside = paths.db.with_name(f"{paths.db.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = paths.db.with_name(f"{paths.db.name}.corrupt-{stamp}-{n}")
    os.replace(paths.db, aside)
    backups = sorted(paths.backups.glob(f"{paths.db.name}.[0-9]"))
    if backups:
        how = (
            f"to go back to the newest backup, run: cp '{backups[0]}' '{paths.db}' "
            "(older ones end in .2 and .3)"
        )
    else:
        how = "there is no backup to restore; coach will start with an empty file next time"
    return f"{paths.db} could not be read ({reason}); it was moved to {aside}; {how}"


def _rotate_backups(paths: DataPaths) -> None:
    """Keep the three newest distinct versions of the DB file, newest as ``.1``."""
    folder = paths.backups
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    name = paths.db.name
    newest = folder / f"{name}.1"
    db_stat = paths.db.stat()
    try:
        old = newest.stat()
        if (old.st_size, old.st_mtime_ns) == (db_stat.st_size, db_stat.st_mtime_ns):
            return  # nothing changed since the last backup; keep the older history
    except FileNotFoundError:
        pass
    for n in range(BACKUP_COUNT - 1, 0, -1):
        source = folder / f"{name}.{n}"
        if source.exists():
            os.replace(source, folder / f"{name}.{n + 1}")
    temp = folder / f".{name}.1.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    # A copy, not a hard link: something other than coach may still write the DB file in
    # place, and that must not damage the backup too.
    shutil.copy2(paths.db, temp)  # copy2 keeps the mtime, which is how we spot "unchanged"
    os.chmod(temp, 0o600)
    os.replace(temp, newest)
