"""The store's disk writer: the whole view, written whenever it is newer than the file.

Before each write, and every few seconds while idle, it asks the store to catch up with the
file: a synced folder may hold a version another device wrote (see `coach.store.sync`).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.store.storage import Buffer, write_atomically
from coach.store.sync import Base
from coach.store.writer import BackgroundWriter

if TYPE_CHECKING:
    from coach.store.db import Store

# How often an idle store looks at its file for another device's writes: a stat call.
LOOK_SECONDS = 2.0


@dataclass
class Snapshot:
    """The view as one write puts it on disk: the pieces of the file, and each document's
    version (the base the next merge compares with)."""

    generation: int
    chunks: list[Buffer]
    base: Base


class DiskWriter(BackgroundWriter[Snapshot]):
    """Writes the store's whole view whenever it is newer than the file."""

    idle_seconds = LOOK_SECONDS

    def __init__(self, store: Store) -> None:
        self._store = store
        self.written = 0  # the newest generation known to be on disk
        #: perf_counter() when the last write became durable (for the benchmarks).
        self.durable_at = 0.0
        self._taken_up_to = 0
        self._old: Path | None = None
        self._ready: list[Callable[[], None]] = []
        super().__init__("coach-store-writer", store._notify)

    def wake(self) -> None:
        """Work was added: write soon."""
        with self._cond:
            self._wake()

    def _has_work(self) -> bool:
        return self._store._generation > self._taken_up_to

    def _take(self) -> Snapshot:
        snapshot = self._store._snapshot()
        self._taken_up_to = snapshot.generation
        return snapshot

    def _write(self, work: Snapshot) -> None:
        store = self._store
        if store._catch_up():
            # Another device wrote the file: what goes to disk now includes its changes.
            fresh = store._snapshot()
            work.generation, work.chunks, work.base = fresh.generation, fresh.chunks, fresh.base
            with self._cond:
                self._taken_up_to = max(self._taken_up_to, fresh.generation)
        with store._opened.writing():  # pieces may be ranges of the mapped file
            self._old = write_atomically(store._file, work.chunks, keep_old=True, mode=store._mode)
        store._wrote(work.base)

    def _written(self, work: Snapshot) -> None:
        self.durable_at = time.perf_counter()
        self.written = max(self.written, work.generation)
        self._ready = self._store._saved_up_to(work.generation)

    def _failed(self, work: Snapshot) -> None:
        self._taken_up_to = self.written  # everything since the last good write, again

    def _after(self, work: Snapshot) -> None:
        old, self._old = self._old, None
        if old is not None:
            # The replaced file's blocks are freed here, after the commit was acknowledged.
            with contextlib.suppress(OSError):  # a leftover is removed at the next open
                os.unlink(old)
        ready, self._ready = self._ready, []
        for callback in ready:
            callback()

    def _on_idle(self) -> None:
        if self._store._catch_up():
            self.wake()  # anything the merge must write back goes out now

    def _describe(self, error: OSError) -> str:
        return f"could not save to {self._store._file}: {error.strerror or error}"
