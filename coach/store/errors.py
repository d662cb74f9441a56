"""What can go wrong with the data folder, as exceptions that carry a sentence for the person."""

from __future__ import annotations

from pathlib import Path


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
