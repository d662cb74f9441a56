"""Contacts: save one, import a file, merge duplicates, delete one (with the interviews that
name them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.contact import Contact, marked_known
from coach.core.file_errors import ImportFileError
from coach.core.merge import (
    ImportPlan,
    MergePlan,
    Removal,
    names_contact,
    plan_import,
    plan_removal,
    remember_deleted,
    repoint_interviews,
    unlink_interviews,
)
from coach.store.db import DELETED_CONTACTS, Store, deleted_keys
from coach.store.errors import StoreError


def on_file(store: Store) -> list[Contact]:
    """Every contact, as core objects."""
    return [Contact.from_dict(doc) for doc in store.contacts()]


def save_contact(store: Store, contact: Contact) -> bool:
    """Save a new or edited contact; False (nothing saved) when they were deleted or merged
    away meanwhile, so a screen opened before that cannot bring them back."""
    if store.was_removed("contact", contact.id):
        return False
    store.save("contact", contact.to_dict())
    return True


def mark_how_known(
    store: Store, people: list[Contact], ids: list[str], how_known: str, now: str
) -> list[Contact]:
    """Record how the user knows the people among ``ids`` not marked yet, as one change.

    Returns the contacts changed (those deleted or merged away meanwhile are left out).
    """
    changed = [
        contact
        for contact in marked_known(people, ids, how_known, now)
        if not store.was_removed("contact", contact.id)
    ]
    if changed:
        store.save_all("contact", [contact.to_dict() for contact in changed])
    return changed


@dataclass(frozen=True)
class RowNote:
    """A row of an import file that was left out, or imported with a remark."""

    line: int
    name: str
    reason: str


@dataclass
class ImportOutcome:
    """What importing one file did (or, for a dry run, would do)."""

    source: Path
    plan: ImportPlan | None = None
    skipped: list[RowNote] = field(default_factory=list)
    remarks: list[RowNote] = field(default_factory=list)
    #: Why nothing was imported: the file cannot be read, or the store refused.
    error: str | None = None

    @property
    def summary(self) -> str:
        """Counts of imported, updated, unchanged and skipped rows."""
        return self.plan.summary() if self.plan is not None else ""


def import_contacts(store: Store, path: Path, now: str, *, dry_run: bool = False) -> ImportOutcome:
    """Read a LinkedIn Connections.csv or a vCard file and fold it into the contacts.

    Everyone new or changed is saved as one change. People the user deleted are left out
    with that reason; details that differ from the user's are kept as theirs and reported.
    """
    from coach.io.linkedin import read_contacts_file

    outcome = ImportOutcome(source=path)
    try:
        read = read_contacts_file(path)
    except ImportFileError as error:
        outcome.error = str(error)
        return outcome
    plan = plan_import(on_file(store), read, now, deleted_keys(store))
    if plan.to_write and not dry_run:
        try:
            store.save_all("contact", [c.to_dict() for c in plan.to_write])
        except (StoreError, ValueError) as error:
            outcome.error = f"could not save: {error}"
            return outcome
    outcome.plan = plan
    # A row folded into an earlier one still has a name; the notes say whose row it was.
    names = {row.line: row.contact.name for row in read.incoming}
    outcome.skipped = [RowNote(s.line, names.get(s.line, ""), s.reason) for s in plan.skipped]
    outcome.remarks = [RowNote(k.line, names.get(k.line, ""), k.reason) for k in plan.remarks]
    return outcome


def _naming(store: Store, ids: set[str]) -> list[dict[str, Any]]:
    # The summaries carry the links, so only the interviews that name one of ``ids`` are
    # decoded.
    found = []
    for summary in store.interview_summaries_view():
        if names_contact(summary, ids):
            doc = store.get_interview(summary["id"])
            if doc is not None:
                found.append(doc)
    return found


def merge_contacts(store: Store, plan: MergePlan) -> None:
    """Merge duplicates as planned: the merged record, the referral links and the interviews
    that named a merged-away record all change together."""
    gone = set(plan.removed_ids)
    store.change(
        saves=[
            *(("contact", c.to_dict()) for c in (plan.merged, *plan.repointed)),
            *(("interview", doc) for doc in repoint_interviews(plan, _naming(store, gone))),
        ],
        removals=[("contact", contact_id) for contact_id in plan.removed_ids],
    )


def plan_deletion(store: Store, contact: Contact, people: list[Contact], now: str) -> Removal:
    """What deleting ``contact`` would change besides the record itself."""
    return plan_removal(contact, people, store.interview_summaries_view(), now)


def delete_contact(store: Store, removal: Removal, now: str) -> None:
    """Delete a contact as planned, in one change: the record, the referral links of the
    people they referred, the interviews' links (their text is kept) and the note that keeps
    an import from quietly bringing the person back."""
    gone = removal.removed.id
    store.change(
        saves=[
            *(("contact", c.to_dict()) for c in removal.unlinked),
            *(("interview", doc) for doc in unlink_interviews(gone, _naming(store, {gone}))),
        ],
        removals=[("contact", gone)],
        meta={DELETED_CONTACTS: remember_deleted(deleted_keys(store), removal.removed, now)},
    )
