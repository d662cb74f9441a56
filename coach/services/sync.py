"""Data from another machine: a sync client's conflict copy of the data file, and interviews
exported on one machine and brought in on another."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from coach.core.clock import now_iso
from coach.core.file_errors import ImportFileError
from coach.io.interview_json import read_interview_export
from coach.store.db import Kind, Store
from coach.store.sync import MergeReport, conflict_files, merge_document, set_aside


def conflict_copies(store: Store) -> list[Path]:
    """Copies of the data file a sync client left beside it, waiting to be merged in."""
    return conflict_files(store.paths.db.parent, store.paths.db.name)


@dataclass(frozen=True)
class Merged:
    """A conflict copy merged in, and where the copy was put afterwards."""

    report: MergeReport
    kept_as: Path


def merge_conflict_copy(store: Store, path: Path) -> Merged:
    """Merge a conflict copy into the data (nothing removed; where both changed a document,
    the newer wins and the other is kept on the record), write it, then move the copy into
    the backups folder so it is not offered again.

    Raises StoreCorrupt for a copy coach cannot read and StoreWriteError when the merged data
    could not be written (the copy then stays where it was).
    """
    report = store.merge_file(path)
    store.sync()
    return Merged(report, set_aside(store.paths, path))


Outcome = Literal["added", "unchanged", "conflict"]


@dataclass(frozen=True)
class BroughtIn:
    """What bringing in one exported interview did."""

    path: Path
    interview_id: str = ""
    outcome: Outcome | None = None
    error: str | None = None


def import_interviews(store: Store, files: list[Path]) -> list[BroughtIn]:
    """Bring in interviews exported as JSON: a new id is added; for one already here that
    differs, the newer ``updated_at`` wins and the other version is kept on the record (an
    export carries no common ancestor to tell which side changed). The export's transcript
    comes along."""
    at = now_iso()
    results = []
    for path in files:
        try:
            doc, transcript = read_interview_export(path)
        except ImportFileError as error:
            results.append(BroughtIn(path, error=str(error)))
            continue
        interview_id = doc["id"]
        ours = store.get_interview(interview_id)
        merged = merge_document(ours, doc, at)
        outcome: Outcome
        if ours is None:
            outcome = "added"
        elif ours == merged:
            outcome = "unchanged"
        else:
            outcome = "conflict"
        saves: list[tuple[Kind, dict[str, Any]]] = []
        if outcome != "unchanged":
            saves.append(("interview", merged))
        if transcript is not None and store.get("transcript", interview_id) != transcript:
            saves.append(("transcript", transcript))
        if saves:
            store.change(saves=saves)
        results.append(BroughtIn(path, interview_id, outcome))
    return results
