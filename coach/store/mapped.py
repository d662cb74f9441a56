"""The DB file as the store opened it: mapped into memory read-only, never copied.

A document is served from the file's own bytes until it is saved again, so the store keeps
views into this mapping rather than 100 MB of copies. Pages of the mapping are read from
the page cache only when a document is decoded or the file is written, and they belong to
the kernel's cache, not to the process: memory follows what is open, not the history.

Why this is safe: coach never writes a file in place. Every save writes a new file and
renames it over the old one, so the mapped file (the old inode) keeps its bytes for as long
as the store holds it, even after the path points at a newer file. The one hazard is another
program rewriting the file in place while coach has it open; `check` notices (its size or
modification time moved) and saving from the mapping is then refused rather than writing a
mix of two versions.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import mmap
import os
import weakref
from collections.abc import Iterator
from pathlib import Path

from coach.store.stamp import DbStamp, stamp_of_fd
from coach.store.storage import MalformedFile

# Each mapping gets its own number: a document taken from one mapped file into the tables of
# another (a merge does that) must never be written as a range of the wrong file.
_tokens = itertools.count(1)


class SourceChanged(OSError):
    """The mapped DB file was changed in place by another program while coach had it open."""


class MappedFile:
    """One version of the DB file, open and mapped; `stamp` says which version it is."""

    def __init__(self, path: Path, fd: int, stamp: DbStamp, memory: mmap.mmap) -> None:
        self.path = path
        self.stamp = stamp
        self.memory = memory
        self.view = memoryview(memory)
        #: Names this mapping among all others in the process (see `storage.Entry`).
        self.token = next(_tokens)
        self._fd: int | None = fd
        # A mapping read only to be merged and dropped must not keep its descriptor open.
        self._closer = weakref.finalize(self, os.close, fd)

    @classmethod
    def open(cls, path: Path) -> MappedFile:
        """Open and map ``path``; FileNotFoundError passes through, an empty file is
        `MalformedFile`."""
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            stamp = stamp_of_fd(fd)
            if stamp.size == 0:
                raise MalformedFile("the file is empty")
            memory = mmap.mmap(fd, stamp.size, access=mmap.ACCESS_READ)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, stamp, memory)

    @property
    def fd(self) -> int | None:
        """The open descriptor of the mapped file (None once closed)."""
        return self._fd

    def identity(self) -> tuple[int, int] | None:
        """(token, open descriptor): what `Tables.source` needs to write ranges of this file."""
        return (self.token, self._fd) if self._fd is not None else None

    def changed(self) -> bool:
        """True when the mapped file's size or modification time moved since it was opened.

        The inode's change time is not compared: the store's own save hard-links the old file
        for a moment (to free its blocks after the commit), which touches it.
        """
        if self._fd is None:
            return False
        try:
            info = os.fstat(self._fd)
        except OSError:
            return True
        return (info.st_size, info.st_mtime_ns) != (self.stamp.size, self.stamp.mtime_ns)

    def check(self) -> None:
        """Raise `SourceChanged` when the bytes under the mapping are no longer the opened
        file's (so nothing is written or served from them)."""
        if self.changed():
            raise SourceChanged(
                f"{self.path} was changed by another program while coach had it open; "
                "coach stopped saving so that neither version is damaged. Quit coach (the "
                "live notes of a call are kept in its journal), then start it again"
            )

    def release_pages(self) -> None:
        """Let go of the mapped pages read so far (a full parse, a write of the whole file).

        They stay in the kernel's page cache and come back on the next read; the process just
        stops counting them as its own.
        """
        if hasattr(self.memory, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
            with contextlib.suppress(OSError, ValueError):
                self.memory.madvise(mmap.MADV_DONTNEED)

    def copy_to(self, fd: int) -> None:
        """Write the whole mapped file to ``fd`` (the kernel copies; the GIL is released)."""
        if self._fd is None:
            raise ValueError("the mapped file is closed")
        done = 0
        size = self.stamp.size
        while done < size:
            try:
                sent = os.sendfile(fd, self._fd, done, size - done)
            except OSError as error:
                if done or error.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSOCK):
                    raise
                break  # no file-to-file sendfile here: copy through the mapping below
            if sent == 0:
                raise OSError(f"{self.path} ended early while it was copied")
            done += sent
        while done < size:
            done += os.write(fd, self.view[done : min(size, done + (1 << 20))])

    def close(self) -> None:
        """Close the descriptor. The mapping itself lives as long as views into it do."""
        if self._fd is not None:
            self._fd = None
            self._closer()


@contextlib.contextmanager
def writing_from(source: MappedFile | None) -> Iterator[None]:
    """Around a write of the whole file whose pieces may be ranges of ``source``: refuse it
    (`SourceChanged`, an OSError, so it is reported and retried like a failed write) when the
    mapped file was changed in place. Afterwards, let go of the pages that reading documents
    paged in since the last write (a search over every interview, say): memory returns to
    what is open."""
    if source is None:
        yield
        return
    source.check()
    try:
        yield
    finally:
        source.release_pages()
