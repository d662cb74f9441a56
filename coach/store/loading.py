"""Opening the data folder: the lock, reading and migrating the DB file, backups, and what to do
with a file that cannot be read."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from coach.store.errors import StoreCorrupt, StoreError, StoreLocked, StoreTooNew
from coach.store.paths import DataPaths
from coach.store.storage import (
    FOLDER_MODE,
    Document,
    MalformedFile,
    Tables,
    parse_data,
    split_tables,
)
from coach.store.summaries import summary_of

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


# -- reading the file ----------------------------------------------------------------------------
class Loaded(NamedTuple):
    """The DB file as the Store keeps it in memory."""

    tables: Tables
    summaries: dict[str, Document]
    migrated: bool


def decode(path: Path) -> Loaded:
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
                summaries[doc["id"]] = summary_of(doc, private=True)

        # Our own file, current schema: one document at a time, straight from the bytes.
        tables = split_tables(raw, DOC_TABLES, SCHEMA_VERSION, seen)
        if tables is not None:
            return Loaded(tables, summaries, False)
        summaries.clear()
        data = parse_data(raw)
        del raw
        before = data.get("meta", {}).get("1", {}).get("schema_version")
        data = migrate(data)
        tables = Tables.from_data(data, DOC_TABLES)
        summaries = {doc["id"]: summary_of(doc) for doc in data[INTERVIEWS].values()}
        del data
    finally:
        if paused:
            gc.enable()
    return Loaded(tables, summaries, before != SCHEMA_VERSION)


def load(paths: DataPaths, *, move_aside: bool) -> Loaded | None:
    """Read the DB file, or None when there is none yet; a damaged file raises StoreCorrupt."""
    try:
        return decode(paths.db)
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


def rotate_backups(paths: DataPaths) -> None:
    """Keep the three newest distinct versions of the DB file, newest as ``.1``.

    The new copy is written in full before anything shifts, so a full disk leaves the old
    backups as they were and no temp file behind (the OSError reaches the caller).
    """
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
    temp = folder / f".{name}.1.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        # A copy, not a hard link: something other than coach may still write the DB file in
        # place, and that must not damage the backup too. copy2 keeps the mtime, which is how
        # "unchanged" is spotted above.
        shutil.copy2(paths.db, temp)
        os.chmod(temp, 0o600)
        for n in range(BACKUP_COUNT - 1, 0, -1):
            source = folder / f"{name}.{n}"
            if source.exists():
                os.replace(source, folder / f"{name}.{n + 1}")
        os.replace(temp, newest)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
