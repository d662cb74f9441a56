"""Reading the YAML files a person keeps in folders of their own (question sets, templates).

Such a folder may hold anything: a symbolic link that loops or leads nowhere (a synced drive
not mounted yet), a named pipe, a socket, a device, a folder called ``old.yaml``. Opening a
named pipe for reading waits for a writer that never comes, and a device may do something on
open, so what an entry is gets decided from ``os.stat`` before it is opened, and only regular
files are read. Each refusal comes back as one plain sentence for the person, never an
exception that escapes.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from coach.core.text import clean_line

SUFFIXES = (".yaml", ".yml")
# Opened without blocking and without becoming our controlling terminal: a second guard, should
# a pipe or a device take the place of a file between the stat and the open.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 64 * 1024


class NotReadable(Exception):
    """A path that cannot be read as a file; ``str()`` says why, in a few plain words."""


class TooLarge(Exception):
    """A regular file larger than the caller accepts, refused from its size without reading."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def yaml_files(folder: Path) -> list[Path]:
    """Every entry named ``*.yaml``/``*.yml`` directly in ``folder``, sorted, whatever it is.

    Names starting with a dot are left out. A folder that does not exist has none; one that
    exists but cannot be listed raises :class:`NotReadable`.
    """
    try:
        with os.scandir(folder) as entries:
            names = [
                entry.name
                for entry in entries
                if entry.name.endswith(SUFFIXES) and not entry.name.startswith(".")
            ]
    except FileNotFoundError:
        if os.path.islink(folder):
            raise NotReadable(_missing_target(folder)) from None
        return []
    except NotADirectoryError:
        raise NotReadable("not a folder") from None
    except OSError as error:
        raise NotReadable(_stat_failure(folder, error)) from None
    return sorted(folder / name for name in names)


def why_not_readable(path: Path) -> str | None:
    """What makes ``path`` something other than a regular file to read, or None if it is one.

    Follows symbolic links, and never opens ``path``.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return _stat_failure(path, error)
    return None if stat.S_ISREG(mode) else _not_regular(mode)


def read_regular_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at ``path`` (following symbolic links).

    Raises :class:`NotReadable` for anything that is not a readable regular file, and
    :class:`TooLarge` for a file over ``max_bytes``, which is then never read.
    """
    problem = why_not_readable(path)
    if problem is not None:
        raise NotReadable(problem)
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise NotReadable(_stat_failure(path, error)) from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable(_not_regular(info.st_mode))
        if info.st_size > max_bytes:
            raise TooLarge(info.st_size)
        # One byte past the limit is enough to know a file grew past it since the fstat.
        chunks: list[bytes] = []
        wanted = max_bytes + 1
        while wanted > 0:
            chunk = os.read(handle, min(wanted, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise NotReadable(f"cannot read: {error.strerror or type(error).__name__}") from None
    finally:
        os.close(handle)


def _stat_failure(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a symbolic link that loops back on itself"
    if error.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
        return _missing_target(path)
    if error.errno == errno.ENOENT:
        return "no longer there"
    return f"cannot read: {error.strerror or type(error).__name__}"


def _missing_target(link: Path) -> str:
    try:
        target = clean_line(os.readlink(link))
    except OSError:
        return "a symbolic link to something that does not exist"
    return f"a symbolic link to '{target}', which does not exist"


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    if stat.S_ISCHR(mode):
        return "a character device, not a regular file"
    if stat.S_ISBLK(mode):
        return "a block device, not a regular file"
    return "not a regular file"
