"""The live-notes journal: ``DATA/drafts/<interview_id>.jsonl``, one JSON record a line.

While a call runs, the draft is appended here (append + fsync: cheap, and a kill -9 loses at
most the line being written). The journal is removed once the interview is safely in the DB;
a journal still there at start-up is an interrupted call to offer back.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import orjson

from coach.store.paths import DataPaths
from coach.store.storage import FILE_MODE, FOLDER_MODE, fsync_folder
from coach.store.writer import BackgroundWriter

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")
SUFFIX = ".jsonl"


class DraftJournal:
    """The append-only journal of one interview's live notes."""

    def __init__(self, paths: DataPaths, interview_id: str) -> None:
        if not _SAFE_ID.match(interview_id):
            raise ValueError(f"not a usable interview id for a journal: {interview_id!r}")
        self.paths = paths
        self.interview_id = interview_id
        self.path = paths.drafts / f"{interview_id}{SUFFIX}"
        self._fd: int | None = None

    def append(self, *records: dict[str, Any]) -> None:
        """Add records and make them durable before returning (OSError reaches the caller)."""
        lines = b"".join(orjson.dumps(record) + b"\n" for record in records)
        fd = self._open()
        written = 0
        while written < len(lines):
            written += os.write(fd, lines[written:])
        os.fsync(fd)

    def read(self) -> list[dict[str, Any]]:
        """Every complete record, oldest first; a line torn by a crash is skipped."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        records: list[dict[str, Any]] = []
        for line in raw.split(b"\n"):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue  # the line being written when the process died
            if isinstance(record, dict):
                records.append(record)
        return records

    def discard(self) -> None:
        """Delete the journal (the interview is saved in the DB now)."""
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        fsync_folder(self.path.parent)

    def close(self) -> None:
        """Release the open file; the journal stays on disk."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open(self) -> int:
        if self._fd is not None:
            return self._fd
        folder = self.path.parent
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        try:
            size = os.fstat(fd).st_size
            if size:
                # A torn last line from an earlier crash must not swallow the next record.
                with open(self.path, "rb") as existing:
                    existing.seek(size - 1)
                    if existing.read(1) != b"\n":
                        os.write(fd, b"\n")
            if created:
                fsync_folder(folder)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return fd

    def __enter__(self) -> DraftJournal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class JournalWriter(BackgroundWriter[list[dict[str, Any]]]):
    """Appends a call's journal records on a thread of its own, in the order handed over.

    append + fsync can take several milliseconds on a real disk; the caller only queues.
    Records that fail to write stay at the head of the queue and are tried again, so the
    journal never skips a record and never holds them out of order. (A batch that failed
    half-way may be written twice; replay skips a sequence number it has seen.)
    """

    def __init__(
        self, journal: DraftJournal, on_state: Callable[[str | None], None] | None = None
    ) -> None:
        self.journal = journal
        self._queue: deque[dict[str, Any]] = deque()
        self._in_flight = 0  # records at the head of the queue being written now
        super().__init__(f"coach-journal-{journal.interview_id[:8]}", on_state)

    def submit(self, records: Iterable[dict[str, Any]]) -> None:
        """Queue records to append; returns at once."""
        with self._cond:
            self._queue.extend(records)
            self._wake()

    def close(self, timeout: float | None = 5.0) -> bool:
        """Write what is queued, stop the thread and release the file."""
        done = super().close(timeout)
        self.journal.close()
        return done

    def _has_work(self) -> bool:
        return len(self._queue) > self._in_flight

    def _take(self) -> list[dict[str, Any]]:
        self._in_flight = len(self._queue)
        return list(self._queue)

    def _write(self, work: list[dict[str, Any]]) -> None:
        self.journal.append(*work)

    def _written(self, work: list[dict[str, Any]]) -> None:
        for _ in work:
            self._queue.popleft()
        self._in_flight = 0

    def _failed(self, work: list[dict[str, Any]]) -> None:
        self._in_flight = 0  # still at the head of the queue: taken again, with what came since

    def _describe(self, error: OSError) -> str:
        return f"notes not saved to {self.journal.path}: {error.strerror or error}"


def leftovers(paths: DataPaths) -> list[str]:
    """Ids of interviews that still have a journal: calls that were interrupted."""
    try:
        names = sorted(os.listdir(paths.drafts))
    except (FileNotFoundError, NotADirectoryError):
        return []
    ids = []
    for name in names:
        if name.endswith(SUFFIX):
            interview_id = name[: -len(SUFFIX)]
            if _SAFE_ID.match(interview_id) and (Path(paths.drafts) / name).is_file():
                ids.append(interview_id)
    return ids


class Journals:
    """The live-notes journals of one data folder: a writer per call being journaled, and
    the journals interrupted calls left behind."""

    def __init__(self, paths: DataPaths, on_state: Callable[[str | None], None]) -> None:
        self.paths = paths
        self._on_state = on_state
        self._writers: dict[str, JournalWriter] = {}

    def writer(self, interview_id: str) -> JournalWriter:
        """The journal writer of one interview's call, opened on first use."""
        writer = self._writers.get(interview_id)
        if writer is None:
            writer = JournalWriter(DraftJournal(self.paths, interview_id), self._on_state)
            self._writers[interview_id] = writer
        return writer

    def interrupted(self) -> list[str]:
        """Ids of interviews whose call left a journal behind (none on a folder that cannot
        be listed)."""
        try:
            return leftovers(self.paths)
        except OSError:
            return []

    def read(self, interview_id: str) -> list[dict[str, Any]]:
        """Every complete record of a call's journal, oldest first (OSError passes through)."""
        return DraftJournal(self.paths, interview_id).read()

    def path(self, interview_id: str) -> Path:
        """Where a call's journal is kept, for messages."""
        return DraftJournal(self.paths, interview_id).path

    def discard(self, interview_id: str) -> None:
        """Delete a call's journal now (OSError passes through; the file is then kept)."""
        writer = self._writers.pop(interview_id, None)
        if writer is not None:
            writer.close()
        DraftJournal(self.paths, interview_id).discard()

    def let_go(self, interview_id: str) -> Callable[[], None]:
        """Stop journaling a call; returns what deletes its journal when called (a failure to
        delete leaves it to be offered back at the next start: never lost)."""
        writer = self._writers.pop(interview_id, None)

        def discard() -> None:
            if writer is not None:
                writer.close()
            with contextlib.suppress(OSError):
                DraftJournal(self.paths, interview_id).discard()

        return discard

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every record handed over was tried; True when all are on disk."""
        return all([writer.flush(timeout) for writer in list(self._writers.values())])

    def close(self, timeout: float | None = None) -> bool:
        """Write what is queued and stop every writer; True when all reached the disk."""
        return all([writer.close(timeout) for writer in list(self._writers.values())])

    def problem(self) -> str | None:
        """Why a journal is not being written, or None."""
        for writer in list(self._writers.values()):
            if writer.failure is not None:
                return writer.failure
        return None
