"""What identifies one version of the DB file, read without reading the file.

Derived caches beside the DB file (the search index, the summaries) are kept only while the
file they were made from is still there unchanged. The store replaces the file on every save
(a new inode), other programs may rewrite it, and a copy may keep its times: the stamp takes
the device, inode, size, mtime and ctime (ns), and a checksum of a few blocks spread over the
file (a cheap content check that also catches a same-size rewrite on a filesystem with coarse
timestamps). It is a change detector, not a seal, so a CRC-32 does: hashlib would load OpenSSL
at every start for it.
"""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass

from coach.store.paths import DataPaths

_SAMPLE_BLOCK = 4096
_SAMPLE_COUNT = 8


@dataclass(frozen=True)
class DbStamp:
    """One version of the DB file: where it is, its size and times, and a content sample."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    sample: str


def stamp_of_fd(fd: int) -> DbStamp:
    """The stamp of the file open as ``fd`` (OSError passes through).

    Reading from a descriptor rather than a path ties the stamp to the very file that is read
    next, even if the path is replaced meanwhile.
    """
    info = os.fstat(fd)
    size = info.st_size
    if size <= _SAMPLE_BLOCK * _SAMPLE_COUNT:
        crc = zlib.crc32(os.pread(fd, size, 0))
    else:
        crc = 0
        step = (size - _SAMPLE_BLOCK) // (_SAMPLE_COUNT - 1)
        for k in range(_SAMPLE_COUNT):
            crc = zlib.crc32(os.pread(fd, _SAMPLE_BLOCK, k * step), crc)
    return DbStamp(
        info.st_dev, info.st_ino, size, info.st_mtime_ns, info.st_ctime_ns, f"crc32:{crc:08x}"
    )


def db_stamp(paths: DataPaths) -> DbStamp | None:
    """The stamp of the DB file as it is now, or None when there is none (or it is unreadable)."""
    try:
        fd = os.open(paths.db, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        return stamp_of_fd(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
