"""Opening the data folder: the lock, reading and migrating the DB file, backups, and what to do
with a file that cannot be read."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from coach.store.errors import StoreCorrupt, StoreError, StoreLocked, StoreTooNew
from coach.store.mapped import MappedFile
from coach.store.paths import DataPaths
from coach.store.storage import (
    FILE_MODE,
    FOLDER_MODE,
    Document,
    MalformedFile,
    Tables,
    parse_data,
    read_data,
    split_tables,
    write_atomically,
)
from coach.store.summaries import SharedText, summary_of
from coach.store.summary_cache import cache_file, read_cache

CONTACTS = "contacts"
INTERVIEWS = "interviews"
TRANSCRIPTS = "transcripts"
PATHS = "paths"
#: The tables of documents coach manages, in the order the file keeps them.
DOC_TABLES = (CONTACTS, INTERVIEWS, TRANSCRIPTS, PATHS)
BACKUP_COUNT = 3

Migration = Callable[[dict[str, Any]], dict[str, Any]]


# -- schema migrations ---------------------------------------------------------------------------
def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A file without meta (plain TinyDB, or before versions existed): add the tables."""
    for name in (CONTACTS, INTERVIEWS):
        data.setdefault(name, {})
    if data.get("_default") == {}:
        del data["_default"]  # the empty table TinyDB makes on its own; nobody's data
    return data


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Call transcripts and career paths get tables of their own."""
    for name in (TRANSCRIPTS, PATHS):
        data.setdefault(name, {})
    return data


#: ``MIGRATIONS[n]`` turns a version-n file into version n+1; the current version is its length.
MIGRATIONS: list[Migration] = [_v0_to_v1, _v1_to_v2]
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


# -- the folder and its lock ---------------------------------------------------------------------
def empty_tables() -> Tables:
    """The tables of a new data folder."""
    tables = Tables(DOC_TABLES)
    tables.meta = {"schema_version": SCHEMA_VERSION}
    return tables


def check_reachable(root: Path, *, chosen: bool = False) -> None:
    """Refuse a data folder that looks like a drive or synced folder not mounted yet.

    A folder the person named (``chosen``) whose parent does not exist, or a link to nothing:
    a StoreError, rather than starting afresh beside where the data really is.
    """
    missing = not root.exists() and (root.is_symlink() or (chosen and not root.parent.exists()))
    if missing:
        where = root.parent if not root.is_symlink() else Path(os.path.realpath(root))
        raise StoreError(
            f"the data folder {root} cannot be reached ({where} does not exist: a drive or "
            "synced folder not mounted yet?); nothing was written. Mount it and start coach "
            f"again, or create {root} yourself to start a new data folder there."
        )


def make_folder(root: Path, *, chosen: bool = False) -> None:
    """Create the data folder (0700), or make an existing one private (see check_reachable)."""
    check_reachable(root, chosen=chosen)
    root.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if root.stat().st_mode & 0o077:
        os.chmod(root, FOLDER_MODE)  # notes about real people: nobody else may look in


class FolderLock:
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


def take_lock(paths: DataPaths) -> Any:
    """Hold the data folder for this process; StoreLocked when another coach has it."""
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
    return FolderLock(fd)


def write_target(db: Path) -> Path:
    """The file writes go to: the DB file, or what it links to.

    A link is written through, so a data file kept in a synced folder stays there; a link
    to nothing (a synced drive not mounted yet) is refused before anything is written.
    """
    if not db.is_symlink():
        return db
    target = Path(os.path.realpath(db))
    if not target.exists():
        raise StoreError(
            f"{db} links to {target}, which is not there (a drive or synced folder not "
            "mounted yet?); nothing was read or written. Mount it and start coach again, "
            "or remove the link to start a new data file."
        )
    return target


def mode_of(path: Path) -> int:
    """The permission bits of ``path`` (the private default when it has none or is gone)."""
    try:
        return stat.S_IMODE(path.stat().st_mode) or FILE_MODE
    except OSError:
        return FILE_MODE


# -- reading the file ----------------------------------------------------------------------------
class Loaded(NamedTuple):
    """The DB file as the Store keeps it in memory."""

    tables: Tables
    summaries: dict[str, Document]
    migrated: bool
    #: The mapped file the tables' pieces point into; None when they are copies (a file
    #: that had to be parsed whole: hand-edited, or older and migrated).
    source: MappedFile | None = None
    #: Why the summary cache was not used ("" when it was).
    cache_miss: str = "not asked"


def decode(path: Path, cache: Path | None = None) -> Loaded:
    """Map, check, migrate and encode the DB file (FileNotFoundError passes through).

    With ``cache`` (the summary cache's path) a current cache gives the tables and summaries
    without parsing any document. Otherwise coach's own file is parsed one document at a
    time straight from the mapping; anything else is parsed whole.
    """
    # Parsing makes many objects and frees them again: pausing the cyclic GC meanwhile keeps
    # it from scanning them over and over.
    paused = gc.isenabled()
    gc.disable()
    try:
        source = MappedFile.open(path)
        try:
            return _decode(source, cache)
        except BaseException:
            source.close()
            raise
    finally:
        if paused:
            gc.enable()


def _decode(source: MappedFile, cache: Path | None) -> Loaded:
    miss = "not asked"
    if cache is not None:
        cached, miss = read_cache(cache, source, DOC_TABLES, SCHEMA_VERSION)
        if cached is not None:
            cached.tables.source = source.identity()
            return Loaded(cached.tables, cached.summaries, False, source, "")
    summaries: dict[str, Document] = {}
    shared = SharedText()

    def seen(table: str, doc: Document) -> None:
        if table == INTERVIEWS:
            summaries[doc["id"]] = shared.share(summary_of(doc, private=True))

    # Our own file, current schema: one document at a time, straight from the mapping.
    tables = split_tables(source.memory, DOC_TABLES, SCHEMA_VERSION, seen, source=source.token)
    if tables is not None:
        source.release_pages()  # every page was read once; keep only what is asked for later
        tables.source = source.identity()
        return Loaded(tables, summaries, False, source, miss)
    data = parse_data(bytes(source.memory))
    source.close()
    before = data.get("meta", {}).get("1", {}).get("schema_version")
    data = migrate(data)
    tables = Tables.from_data(data, DOC_TABLES)
    summaries = {doc["id"]: summary_of(doc) for doc in data[INTERVIEWS].values()}
    del data
    return Loaded(tables, summaries, before != SCHEMA_VERSION, None, miss)


def load(paths: DataPaths, *, move_aside: bool) -> Loaded | None:
    """Read the DB file, or None when there is none yet; a damaged file raises StoreCorrupt."""
    try:
        return decode(paths.db, cache_file(paths))
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


def rotate_backups(paths: DataPaths, source: MappedFile | None = None) -> None:
    """Keep the three newest distinct versions of the DB file, newest as ``.1``.

    ``source`` is the DB file as the store opened it: copying from it backs up exactly that
    version even if a save has replaced the file at the path meanwhile. The new copy is
    written in full before anything shifts, so a full disk leaves the old backups as they
    were and no temp file behind (the OSError reaches the caller).
    """
    folder = paths.backups
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    name = paths.db.name
    newest = folder / f"{name}.1"
    if source is not None:
        size, mtime_ns = source.stamp.size, source.stamp.mtime_ns
    else:
        db_stat = paths.db.stat()
        size, mtime_ns = db_stat.st_size, db_stat.st_mtime_ns
    try:
        old = newest.stat()
        if (old.st_size, old.st_mtime_ns) == (size, mtime_ns):
            return  # nothing changed since the last backup; keep the older history
    except FileNotFoundError:
        pass
    temp = folder / f".{name}.1.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        if source is None:
            os.close(fd)
            # A copy, not a hard link: something other than coach may still write the DB
            # file in place, and that must not damage the backup too. copy2 keeps the mtime,
            # which is how "unchanged" is spotted above.
            shutil.copy2(paths.db, temp)
        else:
            try:
                source.copy_to(fd)
            finally:
                os.close(fd)
            os.utime(temp, ns=(mtime_ns, mtime_ns))
        os.chmod(temp, 0o600)
        for n in range(BACKUP_COUNT - 1, 0, -1):
            source_backup = folder / f"{name}.{n}"
            if source_backup.exists():
                os.replace(source_backup, folder / f"{name}.{n + 1}")
        os.replace(temp, newest)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


class StartUpBackup:
    """The backup taken at start-up, on a thread of its own.

    It copies the file as the store mapped it, with the kernel doing the copying (the GIL is
    released), so the first screen does not wait for a copy of a 100 MB file.
    """

    def __init__(self, paths: DataPaths, source: MappedFile) -> None:
        self._paths = paths
        self._source = source
        self._problem: str | None = None
        self._thread = threading.Thread(target=self._run, name="coach-backup", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            rotate_backups(self._paths, self._source)
        except OSError as error:
            self._problem = backup_problem(self._paths, error)

    def problem(self) -> str | None:
        """Wait for the backup; a sentence about why it could not be taken, or None."""
        self._thread.join()
        return self._problem


def backup_problem(paths: DataPaths, error: OSError) -> str:
    """What to tell the person when the start-up backup failed."""
    return (
        f"no backup was taken at start-up ({error.strerror or error}); "
        f"the backups in {paths.backups} are as they were"
    )


def start_backup(paths: DataPaths, loaded: Loaded) -> tuple[StartUpBackup | None, str | None]:
    """Take the start-up backup of the file just loaded: on a thread when it is mapped and
    needs no migration (the thread copies the mapped version, whatever is saved meanwhile),
    else at once. Returns the running backup, or why a backup taken at once failed."""
    if loaded.source is not None and not loaded.migrated:
        return StartUpBackup(paths, loaded.source), None
    try:
        rotate_backups(paths)
    except OSError as error:
        return None, backup_problem(paths, error)
    return None, None


def restore_backup(paths: DataPaths, n: int = 1) -> Path:
    """Put backup ``n`` (1 = newest) back as the DB file, under the folder's lock (see
    `Store.restore_backup`)."""
    backup = paths.backups / f"{paths.db.name}.{n}"
    make_folder(paths.root)
    lock = take_lock(paths)
    try:
        try:
            read_data(backup)
        except MalformedFile as error:
            raise StoreCorrupt(f"{backup} is damaged too: {error.reason}") from None
        write_atomically(write_target(paths.db), [backup.read_bytes()])
    finally:
        lock.release()
    return backup
