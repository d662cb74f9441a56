"""Data from another machine: a sync client's conflict copy of the data file, and interviews
exported on one machine and brought in on another."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from coach.core.clock import now_iso
from coach.store.db import Kind, Store
from coach.store.sync import (
    CONFLICTS,
    VERSIONS_KEPT,
    MergeReport,
    conflict_files,
    merge_document,
    set_aside,
)

if TYPE_CHECKING:
    from coach.core.versions import Difference

# Home asks for the copies and the records kept in two versions at every start: what only
# bringing files in or comparing versions needs is imported when that is done.


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
    from coach.core.file_errors import ImportFileError
    from coach.io.interview_json import read_interview_export

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


@dataclass(frozen=True)
class KeptVersion:
    """A version of a record that lost when two devices changed it, kept for the person."""

    index: int
    source: str  # "another device" or "this device": where it was written
    kept_at: str
    document: dict[str, Any]
    differences: list[Difference]


def kept_versions(doc: Mapping[str, Any]) -> list[KeptVersion]:
    """The versions ``doc`` keeps beside itself, newest first, each with what differs."""
    from coach.core.versions import differences

    kept = doc.get(CONFLICTS)
    if not isinstance(kept, list):
        return []
    versions = []
    for index, version in enumerate(kept):
        if not isinstance(version, Mapping) or not isinstance(version.get("document"), Mapping):
            continue
        other = dict(version["document"])
        versions.append(
            KeptVersion(
                index,
                str(version.get("from") or "another device"),
                str(version.get("kept_at") or ""),
                other,
                differences(doc, other),
            )
        )
    return list(reversed(versions))


@dataclass(frozen=True)
class TwoVersions:
    """A record kept in two versions (or more), for a list to name."""

    kind: Kind
    doc_id: str
    who: str  # the person the record is about
    versions: int  # how many versions are kept beside it


def kept_in_two_versions(store: Store) -> list[TwoVersions]:
    """Every contact and interview that keeps another version, contacts first.

    Interviews are found from their summaries (the shortlist while the store has one, which
    includes every such interview), so asking costs no decoding of a long history.
    """
    from coach.store.shortlist import home_shortlist

    found = [
        TwoVersions("contact", str(doc.get("id")), str(doc.get("name") or ""), _count(doc))
        for doc in store.kept_in_two_versions("contact")
    ]
    shortlist = home_shortlist(store)
    summaries = shortlist.summaries if shortlist else store.interview_summaries_view()
    found += [
        TwoVersions("interview", str(s.get("id")), str(s.get("contact_name") or ""), _count(s))
        for s in summaries
        if s.get(VERSIONS_KEPT)
    ]
    return found


def _count(doc: Mapping[str, Any]) -> int:
    kept = doc.get(VERSIONS_KEPT)
    if isinstance(kept, int) and not isinstance(kept, bool) and kept > 0:
        return kept
    conflicts = doc.get(CONFLICTS)
    return len(conflicts) if isinstance(conflicts, list) else 1


def resolve(store: Store, kind: Kind, doc_id: str, take: int | None = None) -> None:
    """Settle a record kept in two versions: keep the one here (``take`` None) or the kept
    version numbered ``take``; the versions not chosen go."""
    doc = store.get(kind, doc_id)
    if doc is None:
        return
    chosen = doc
    if take is not None:
        kept = doc.get(CONFLICTS) or []
        if not 0 <= take < len(kept):
            raise IndexError(f"no kept version {take} of {doc_id}")
        chosen = {**kept[take]["document"], "id": doc_id}
    settled = {k: v for k, v in chosen.items() if k not in (CONFLICTS, VERSIONS_KEPT)}
    store.save(kind, settled)
