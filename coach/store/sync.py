"""One person's data on two machines: noticing another device's writes and merging them.

A data folder in a synced folder (Dropbox, Syncthing, iCloud, a network share) can be written
by coach on another machine, where our lock file means nothing. So the store remembers which
file it last read or wrote (`FileIdentity`) and what every document was then (the *base*).
Before it writes, and every few seconds while idle, it looks at the file again; when another
device changed it, the file is read and merged document by document into what is in memory:

- a document changed on one side only takes that side (a removal is a change);
- changed on both sides, the newer ``updated_at`` wins and the other version is kept inside it
  under ``conflicts``, for the person to see and resolve on the record;
- changed on one side and removed on the other, the changed version stays: nothing is lost.

A sync client's conflict file (two versions of the whole file side by side) and an exported
interview brought in by hand have no base; they merge two ways, with the same rule for a
document both sides have and nothing removed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from coach.store.paths import DataPaths
from coach.store.storage import FOLDER_MODE, Document, Entry, Tables

#: Where a document keeps the versions it won against, newest last.
CONFLICTS = "conflicts"
#: How many versions it keeps there: a number, so that lists (summaries) can show it.
VERSIONS_KEPT = "versions_kept"
# At most this many kept versions per document: a long-running disagreement between two
# devices must not grow a record without bound.
CONFLICTS_KEPT = 10
# Meta keys whose values are maps that only ever grow and are merged key by key.
_GROWING_META = frozenset({"deleted_contacts"})


class FileIdentity(NamedTuple):
    """What says a file is the one we last saw: its place on disk, size, time of change."""

    device: int
    inode: int
    size: int
    mtime_ns: int


def identity_of(path: Path) -> FileIdentity | None:
    """The identity of the file at ``path`` (through a link), or None when it is not there."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return FileIdentity(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


Base = dict[str, dict[str, Entry]]


def base_of(tables: Tables) -> Base:
    """What every document is now, to compare with later (the entries are shared, not copied)."""
    return {name: dict(entries) for name, entries in tables.docs.items()}


@dataclass
class MergeReport:
    """What a merge changed in memory."""

    taken: int = 0  # documents taken from the other side (added, changed or removed there)
    conflicts: int = 0  # documents changed on both sides: one version kept inside the other
    #: (table, id) of every document the merge changed in memory.
    changed: list[tuple[str, str]] = field(default_factory=list)
    #: The merged result differs from the file: it must be written back.
    write_back: bool = False


def _same(a: Entry | None, b: Entry | None) -> bool:
    if a is b:
        return True
    if a is None or b is None:
        return False
    return bytes(a.body()) == bytes(b.body()) or a.decode() == b.decode()


def _updated(doc: Mapping[str, Any]) -> str:
    value = doc.get("updated_at")
    return value if isinstance(value, str) else ""


def keep_conflict(winner: Document, loser: Document, source: str, at: str) -> Document:
    """``winner`` with ``loser`` kept under ``conflicts`` (its own kept versions folded in)."""
    kept = list(winner.get(CONFLICTS) or [])
    kept += list(loser.get(CONFLICTS) or [])
    plain = {k: v for k, v in loser.items() if k not in (CONFLICTS, VERSIONS_KEPT)}
    kept.append({"from": source, "kept_at": at, "document": plain})
    # The same version kept twice (two merges of one conflict file) is kept once.
    unique: list[Any] = []
    for version in kept:
        if version not in unique:
            unique.append(version)
    versions = unique[-CONFLICTS_KEPT:]
    return {**winner, CONFLICTS: versions, VERSIONS_KEPT: len(versions)}


def _decide(ours: Document, theirs: Document, at: str) -> Document:
    """Both sides changed one document: the newer wins, the other is kept inside it."""
    if _updated(ours) > _updated(theirs):
        return keep_conflict(ours, theirs, "another device", at)
    return keep_conflict(theirs, ours, "this device", at)


def merge_three_way(ours: Tables, base: Base, theirs: Tables, at: str) -> MergeReport:
    """Merge the file another device wrote (``theirs``) into ``ours``, in place."""
    report = MergeReport()
    for name, mine in ours.docs.items():
        before = base.get(name, {})
        other = theirs.docs.get(name, {})
        for doc_id in list(dict.fromkeys([*mine, *other, *before])):
            old, new, now = before.get(doc_id), other.get(doc_id), mine.get(doc_id)
            if _same(new, old):  # the other device did not touch it
                if not _same(now, new):
                    report.write_back = True
                continue
            if _same(now, old):  # only the other device changed it: take theirs
                _take(ours, name, doc_id, new)
                report.taken += 1
                report.changed.append((name, doc_id))
                continue
            if _same(now, new):  # both made the same change
                continue
            report.write_back = True
            report.changed.append((name, doc_id))
            if now is None or new is None:
                # Removed on one side, changed on the other: the change stays.
                _take(ours, name, doc_id, now or new)
                continue
            report.conflicts += 1
            merged = _decide(now.decode(), new.decode(), at)
            ours.put(name, doc_id, orjson.dumps(merged))
    ours.meta = merge_meta(ours.meta, theirs.meta)
    return report


def merge_two_way(ours: Tables, theirs: Tables, at: str) -> MergeReport:
    """Merge a whole other version of the file with no common base (a sync conflict file)."""
    report = MergeReport(write_back=True)
    for name, mine in ours.docs.items():
        for doc_id, new in theirs.docs.get(name, {}).items():
            now = mine.get(doc_id)
            if _same(now, new):
                continue
            report.changed.append((name, doc_id))
            if now is None:
                _take(ours, name, doc_id, new)
                report.taken += 1
                continue
            report.conflicts += 1
            ours.put(name, doc_id, orjson.dumps(_decide(now.decode(), new.decode(), at)))
    ours.meta = merge_meta(ours.meta, theirs.meta)
    return report


def merge_document(ours: Document | None, theirs: Document, at: str) -> Document:
    """One document brought in by hand (an exported interview) over the one we have."""
    if ours is None or ours == theirs:
        return theirs
    return _decide(ours, theirs, at)


def _take(tables: Tables, name: str, doc_id: str, entry: Entry | None) -> None:
    if entry is None:
        tables.remove(name, doc_id)
    else:
        tables.put(name, doc_id, bytes(entry.body()))


def merge_meta(ours: Mapping[str, Any], theirs: Mapping[str, Any]) -> dict[str, Any]:
    """Settings: ours where both have one (this device's choice), the union of growing maps,
    the higher write count."""
    merged = {**theirs, **ours}
    for key in _GROWING_META:
        a, b = theirs.get(key), ours.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            merged[key] = {**a, **b}
    counts = [v for v in (ours.get("generation"), theirs.get("generation")) if type(v) is int]
    if counts:
        merged["generation"] = max(counts)
    return merged


def conflict_files(folder: Path, db_name: str) -> list[Path]:
    """Copies of the DB file a sync client left beside it after two devices changed it.

    Syncthing: ``coach.sync-conflict-<date>-<time>-<device>.json``; Dropbox:
    ``coach (<name>'s conflicted copy <date>).json``; Nextcloud and ownCloud:
    ``coach (conflicted copy <date>).json`` or ``coach_conflict-<date>.json``.
    """
    stem, dot, suffix = db_name.rpartition(".")
    if not dot:
        stem, suffix = db_name, ""
    found = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    for name in names:
        if name == db_name or not name.endswith(f".{suffix}" if suffix else ""):
            continue
        middle = name[len(stem) : len(name) - (len(suffix) + 1 if suffix else 0)]
        if not name.startswith(stem):
            continue
        lowered = middle.lower()
        if (
            lowered.startswith(".sync-conflict-")
            or (lowered.startswith(" (") and "conflicted copy" in lowered)
            or lowered.startswith("_conflict-")
        ) and (folder / name).is_file():
            found.append(folder / name)
    return found


def set_aside(paths: DataPaths, copy: Path) -> Path:
    """Move a merged conflict copy into ``backups/merged/`` (kept, never offered again)."""
    folder = paths.backups / "merged"
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    target = folder / copy.name
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{copy.stem}-{n}{copy.suffix}"
    os.replace(copy, target)
    return target
