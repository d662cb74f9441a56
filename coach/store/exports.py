"""Writing exports: records into the data folder's ``exports/`` folder, and the files a person
names with ``-o`` (which must never destroy what is already there).
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

from coach.store.paths import DataPaths

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def exports_dir(paths: DataPaths) -> Path:
    """The folder exports go to: ``<data folder>/exports``."""
    return paths.root / "exports"


def export_name(person: str, when: datetime | None, interview_id: str, suffix: str) -> str:
    """A file name a person can recognise: date, name and a short id, safe on every system."""
    stem_parts = [
        when.strftime("%Y-%m-%d") if when else "unscheduled",
        person or "interview",
        interview_id[:8],
    ]
    # Accents are dropped from the letters they sit on, not with them: "Zoë" stays "Zoe".
    plain = [unicodedata.normalize("NFKD", part) for part in stem_parts]
    plain = ["".join(ch for ch in part if not unicodedata.combining(ch)) for part in plain]
    stem = "-".join(_UNSAFE.sub("-", part).strip("-.") or "x" for part in plain)
    return f"{stem}.{suffix.lstrip('.')}"


def write_export(paths: DataPaths, name: str, text: str) -> Path:
    """Write ``text`` to ``exports/<name>`` atomically and return the path.

    The folder is created 0700 like the rest of the data folder: these are notes about real
    people. ``name`` is reduced to its last component so nothing escapes the folder.
    """
    folder = exports_dir(paths)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / (Path(name).name or "export.md")
    write_file(target, text)
    return target


def write_file(target: Path, text: str, *, mode: int = 0o600, replace: bool = True) -> None:
    """Write ``text`` to ``target`` whole or not at all.

    A temp file beside the target, fsync, then rename: a full disk or a kill leaves the old
    file as it was and no half-written record. 0600 by default because exports hold notes
    about people. With ``replace=False`` the file is put in place only if nothing is there by
    then (a hard link cannot overwrite), and :class:`FileExistsError` says something was.
    """
    folder = target.parent if str(target.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=".coach-export-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        if replace:
            os.replace(temp, target)
        else:
            _put_new(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _put_new(temp: str, target: Path) -> None:
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links (FAT, some network shares): the check made just
        # before is all there is.
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(temp, target)
        return
    os.unlink(temp)


def _write_into(path: str, text: str) -> None:
    # Opened as it is, never created or truncated: replacing a pipe or a device with a file
    # would break whatever reads it, and if a regular file took its place since it was
    # looked at, that file is left alone.
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
        kind = os.fstat(stream.fileno()).st_mode
        if not (stat.S_ISFIFO(kind) or stat.S_ISCHR(kind)):
            raise OutputRefused(f"{path} changed while coach was writing; nothing written")
        stream.write(text)


class OutputRefused(ValueError):
    """A ``-o`` path coach will not write to; the message says which and why."""


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def write_output(target: Path, text: str, data_folder: Path, *, force: bool = False) -> Path:
    """Write an export to a path the person named, never destroying what is there.

    - Any path inside ``data_folder`` is refused, as written and with symlinks and ``..``
      resolved: an export must not land on ``coach.json`` or beside it.
    - An existing regular file is refused unless ``force``; then it is replaced atomically
      by a file readable by its owner only, like a new export (these are notes about people).
    - A symlink is written through: its target is replaced (atomically, in the target's own
      folder) and keeps its mode, since where a link points is someone's own arrangement (a
      synced folder, a shared calendar); the link stays a link. The target obeys the rules
      above, so a link to an existing file also needs ``force``.
    - A FIFO or a character device (``/dev/stdout``, a terminal) is opened and written,
      never replaced.
    - Anything else (a folder, a socket, a block device) is refused.

    Returns the path written (the symlink's target for a link). Raises
    :class:`OutputRefused`, or :class:`OSError` when the disk says no.
    """
    named = os.path.normpath(os.path.abspath(target))
    real = os.path.realpath(target)
    folders = {os.path.normpath(os.path.abspath(data_folder)), os.path.realpath(data_folder)}
    for folder in folders:
        if _inside(named, folder) or _inside(real, folder):
            raise OutputRefused(
                f"{target} is inside the data folder {data_folder}; "
                "write exports somewhere outside it"
            )
    try:
        # The name, not ``real``: /dev/stdout's link through /proc resolves to a pipe that
        # has no path, but opening the name reaches it.
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    if found is None:
        try:
            write_file(Path(real), text, replace=False)
        except FileExistsError:
            raise OutputRefused(
                f"{target} appeared while coach was writing; nothing replaced"
            ) from None
        return Path(real)
    kind = found.st_mode
    if stat.S_ISFIFO(kind) or stat.S_ISCHR(kind):
        _write_into(str(target), text)
        return Path(target)
    if stat.S_ISDIR(kind):
        raise OutputRefused(f"{target} is a folder; name a file to write")
    if not stat.S_ISREG(kind):
        raise OutputRefused(
            f"{target} is not a regular file, a pipe or a terminal; nothing written"
        )
    if not force:
        raise OutputRefused(f"{target} already exists; add --force to replace it")
    linked = os.path.islink(target)
    write_file(Path(real), text, mode=stat.S_IMODE(kind) if linked else 0o600)
    return Path(real)
