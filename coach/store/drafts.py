"""The live-notes journal: ``DATA/drafts/<interview_id>.jsonl``, one JSON record a line.

While a call runs, the draft is appended here (append + fsync: cheap, and a kill -9 loses at
most the line being written). The journal is removed once the interview is safely in the DB;
a journal still there at start-up is an interrupted call to offer back.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import orjson

from coach.store.paths import DataPaths
from coach.store.storage import FILE_MODE, FOLDER_MODE, fsync_folder

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

    def append(self, record: dict[str, Any]) -> None:
        """Add one record and make it durable before returning (OSError reaches the caller)."""
        line = orjson.dumps(record) + b"\n"
        fd = self._open()
        written = 0
        while written < len(line):
            written += os.write(fd, line[written:])
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
