"""Finding and merging duplicate contacts, and folding imported records into the existing ones.

Who is the same person (:func:`same_person`): the profile URL, when both records have one, is
the identity; two different URLs are two people, whatever else they share (you can be
connected to two Sam Lees at Acme). Otherwise an email in common, or a name together with an
organisation (compared without regard to case or spacing) when at least one of the two has no
URL. Merging never loses what the user typed: empty fields are filled from the others, tags and
interactions are united, notes joined.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from coach.core.clock import parse_when
from coach.core.contact import STAGES, Contact, normal_text
from coach.core.text import counted

# Single-line fields that merging and importing fill when they are empty.
_FILLABLE = (
    "name",
    "organisation",
    "role",
    "email",
    "profile_url",
    "phone",
    "how_known",
    "path_id",
)


@dataclass(frozen=True)
class MergePlan:
    """What merging a group would do, shown as a preview before anything is written.

    ``merged`` keeps the id of the oldest record; ``removed_ids`` are the others; ``repointed``
    are other contacts whose ``referred_by`` pointed at a removed record and now point at
    ``merged``.
    """

    merged: Contact
    removed_ids: tuple[str, ...]
    repointed: tuple[Contact, ...] = ()


_URL, _EMAIL, _NAME_ORG = "url:", "email:", "name-org:"
# How a deleted person's name and organisation are remembered when they had a profile URL:
# a row with another URL is someone else, a row with no URL may be them.
_NAME_ORG_WITH_URL = "name-org-with-url:"


def _url_key(contact: Contact) -> str:
    return next((k for k in contact.match_keys() if k.startswith(_URL)), "")


def _may_share(kind: str, url: str, other_url: str) -> bool:
    # Whether two records with these URL keys may be one person through a key of ``kind``.
    if url and other_url:
        return url == other_url
    return kind != _URL


def same_person(a: Contact, b: Contact) -> bool:
    """True when ``a`` and ``b`` are one person by the rules of this module.

    Same profile URL; or, unless both have URLs and they differ, the same email; or, when at
    least one has no URL, the same name and organisation.
    """
    url_a, url_b = _url_key(a), _url_key(b)
    if url_a and url_b:
        return url_a == url_b
    return bool(set(a.match_keys()) & set(b.match_keys()))


def find_duplicates(contacts: Sequence[Contact]) -> list[list[Contact]]:
    """Groups of two or more contacts that are the same person, oldest first within each group.

    Sharing is transitive: if A and B share an email and B and C a profile URL, all three are
    one group. A group never holds two different profile URLs: a record that could join either
    of two people (same name and organisation, no URL) joins the one it meets first, URLs and
    emails being weighed before names.
    """
    parent = list(range(len(contacts)))
    urls = [_url_key(c) for c in contacts]
    group_url = list(urls)  # by root: the one profile URL in the group, if any

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        first, second = root(i), root(j)
        if first == second:
            return
        if group_url[first] and group_url[second] and group_url[first] != group_url[second]:
            return
        parent[first] = second
        group_url[second] = group_url[second] or group_url[first]

    with_key: dict[str, list[int]] = {}
    for index, contact in enumerate(contacts):
        for key in contact.match_keys():
            with_key.setdefault(key, []).append(index)
    for kind in (_URL, _EMAIL, _NAME_ORG):
        for key, members in with_key.items():
            if not key.startswith(kind):
                continue
            for position, index in enumerate(members):
                for other in members[:position]:
                    if _may_share(kind, urls[index], urls[other]):
                        join(index, other)
    groups: dict[int, list[Contact]] = {}
    for index, contact in enumerate(contacts):
        groups.setdefault(root(index), []).append(contact)
    found = [sorted(g, key=_age) for g in groups.values() if len(g) > 1]
    return sorted(found, key=lambda g: g[0].name.casefold())


def _age(contact: Contact) -> tuple[str, str]:
    when = parse_when(contact.created_at)
    return (when.isoformat() if when else contact.created_at, contact.id)


def _earliest(values: Iterable[str | None]) -> str | None:
    dated = [(w, v) for v in values if v and (w := parse_when(v)) is not None]
    return min(dated)[1] if dated else None


def _latest(values: Iterable[str | None]) -> str | None:
    dated = [(w, v) for v in values if v and (w := parse_when(v)) is not None]
    return max(dated)[1] if dated else None


# Fields where two records of one person can disagree. The kept record's value stays in its
# field; the other goes into the notes as an "Other email: …" line, so nothing is thrown away.
_COMPARED = ("organisation", "role", "email", "phone")


def _disagreements(kept: Contact, other: Contact) -> list[tuple[str, str, str]]:
    # (field, kept's value, other's value) for each field where ``other`` says something else
    # that ``kept``'s notes do not hold yet.
    noted = set(kept.notes.splitlines())  # whole lines: "…@x.com" is not "…@x.com.au"
    found = []
    for name in _COMPARED:
        mine, theirs = getattr(kept, name), getattr(other, name)
        if (
            mine
            and theirs
            and normal_text(mine) != normal_text(theirs)
            and _other_line(name, theirs) not in noted
        ):
            found.append((name, mine, theirs))
    return found


def _other_line(name: str, value: str) -> str:
    return f"Other {name}: {value}"


def other_values(kept: Contact, other: Contact) -> list[str]:
    """Lines for the notes of ``kept``: each value of ``other`` that differs from its own and is
    not already noted ("Other email: ana@new.example")."""
    return [_other_line(name, theirs) for name, _mine, theirs in _disagreements(kept, other)]


def _with_lines(notes: str, lines: list[str]) -> str:
    block = "\n".join(dict.fromkeys(lines))
    return f"{notes.strip()}\n\n{block}".strip() if block else notes


def combine(primary: Contact, others: Sequence[Contact]) -> Contact:
    """``primary`` with the others folded in; ``primary``'s non-empty values win."""
    merged = primary
    ids = {primary.id, *(o.id for o in others)}
    for other in others:
        filled = {
            name: getattr(other, name)
            for name in _FILLABLE
            if not getattr(merged, name) and getattr(other, name)
        }
        merged = replace(merged, **filled)
    everyone = [primary, *others]
    tags: list[str] = []
    for person in everyone:
        tags.extend(t for t in person.tags if t not in tags)
    notes: list[str] = []
    for person in everyone:
        text = person.notes.strip()
        if text and text not in notes:
            notes.append(text)
    also = [line for other in others for line in other_values(merged, other)]
    seen: set[tuple[str, str, str]] = set()
    interactions = []
    for person in everyone:
        for item in person.interactions:
            key = (item.at, item.kind, item.note)
            if key not in seen:
                seen.add(key)
                interactions.append(item)
    interactions.sort(key=lambda i: (parse_when(i.at) is None, parse_when(i.at) or 0, i.kind))
    referrers = [p.referred_by for p in everyone if p.referred_by and p.referred_by not in ids]
    return replace(
        merged,
        tags=tags,
        notes=_with_lines("\n\n".join(notes), also),
        interactions=interactions,
        referred_by=referrers[0] if referrers else None,
        stage=max((p.stage for p in everyone), key=STAGES.index),
        asked_at=_latest(p.asked_at for p in everyone),
        replied_at=_latest(p.replied_at for p in everyone),
        last_interaction=_latest(p.last_interaction for p in everyone),
        connected_on=min((p.connected_on for p in everyone if p.connected_on), default=None),
        created_at=_earliest(p.created_at for p in everyone) or primary.created_at,
    )


def plan_merge(group: Sequence[Contact], everyone: Sequence[Contact], at: str) -> MergePlan:
    """Preview merging ``group`` into its oldest member, dated ``at``.

    ``everyone`` is the whole contact list, so that referral links to the removed records can be
    moved to the merged one.
    """
    if len(group) < 2:
        raise ValueError("merging needs at least two contacts")
    ordered = sorted(group, key=_age)
    primary, others = ordered[0], ordered[1:]
    merged = replace(combine(primary, others), updated_at=at)
    removed = tuple(o.id for o in others)
    repointed = tuple(
        replace(c, referred_by=merged.id, updated_at=at)
        for c in everyone
        if c.referred_by in removed and c.id not in removed and c.id != merged.id
    )
    return MergePlan(merged=merged, removed_ids=removed, repointed=repointed)


# -- imports -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Incoming:
    """One record read from an import file, with the line it started on (for messages)."""

    contact: Contact
    line: int


@dataclass(frozen=True)
class Skipped:
    """A record that was not imported, and why."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportRead:
    """Everything read from one import file: usable records, and records skipped with a reason."""

    incoming: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Rows imported with a part left out (a date that is not one), and why.
    remarks: list[Skipped] = field(default_factory=list)


@dataclass
class ImportPlan:
    """The outcome of folding an import into the contacts, before anything is written.

    ``to_write`` holds every new or changed contact, ready for one batch write.
    """

    to_write: list[Contact] = field(default_factory=list)
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # Rows imported with something to say: a part left out, or details that differ from the
    # user's (which are kept, the file's reported).
    remarks: list[Skipped] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the user: counts of imported, updated, unchanged and skipped."""
        line = (
            f"{self.imported} imported, {self.updated} updated, "
            f"{self.unchanged} already up to date, {len(self.skipped)} skipped"
        )
        if self.remarks:
            rows = len({k.line for k in self.remarks})
            line += f"; {counted(rows, 'row')} with notes below"
        return line


def _differences(existing: Contact, incoming: Contact, line: int) -> list[Skipped]:
    # Only differences not noted before: importing the same file again has nothing to say.
    return [
        Skipped(line, f"kept your {name} ({mine}); the file's ({theirs}) is in the notes")
        for name, mine, theirs in _disagreements(existing, incoming)
    ]


def _fill_from(existing: Contact, incoming: Contact) -> Contact:
    # An import fills gaps but never overwrites what the user has recorded or edited.
    changes: dict[str, object] = {
        name: getattr(incoming, name)
        for name in _FILLABLE
        if not getattr(existing, name) and getattr(incoming, name)
    }
    if incoming.connected_on and not existing.connected_on:
        changes["connected_on"] = incoming.connected_on
    new_tags = [t for t in incoming.tags if t not in existing.tags]
    if new_tags:
        changes["tags"] = [*existing.tags, *new_tags]
    notes = existing.notes
    if incoming.notes.strip() and incoming.notes.strip() not in notes:
        notes = f"{notes.strip()}\n\n{incoming.notes.strip()}".strip()
    notes = _with_lines(notes, other_values(existing, incoming))
    if notes != existing.notes:
        changes["notes"] = notes
    return replace(existing, **changes) if changes else existing  # type: ignore[arg-type]


def plan_import(
    existing: Sequence[Contact],
    read: ImportRead | Sequence[Incoming],
    at: str,
    deleted: Mapping[str, str] | None = None,
) -> ImportPlan:
    """Match each incoming record to an existing contact (or an earlier row) and plan the writes.

    A match fills the existing contact's empty fields; no match makes a new contact. Importing
    the same file twice therefore changes nothing the second time. A row that matches an earlier
    row of the same file is folded into it and reported as skipped. ``deleted`` maps identity
    keys of contacts the user deleted to the day they did (:func:`remember_deleted`): such a
    row is skipped with that reason rather than quietly bringing the person back.
    """
    incoming = read.incoming if isinstance(read, ImportRead) else read
    plan = ImportPlan()
    if isinstance(read, ImportRead):
        plan.skipped, plan.remarks = list(read.skipped), list(read.remarks)
    people = _People(existing)
    pending: dict[str, Contact] = {}  # id -> contact to write (new or changed)
    new_ids: set[str] = set()
    first_line: dict[str, int] = {}  # id -> line of the first row that matched or made it
    for row in incoming:
        match = people.match(row.contact)
        gone = _deleted_on(deleted, row.contact) if deleted else None
        if match is None and gone is not None:
            plan.skipped.append(
                Skipped(
                    row.line, f"you deleted this person on {gone[:10]}; a on Contacts adds them"
                )
            )
            continue
        if match is None:
            created = replace(row.contact, created_at=at, updated_at=at)
            pending[created.id] = created
            new_ids.add(created.id)
            first_line[created.id] = row.line
            people.add(created)
            continue
        if match.id in first_line:
            plan.skipped.append(
                Skipped(row.line, f"same person as line {first_line[match.id]}; merged into it")
            )
        else:
            first_line[match.id] = row.line
        current = pending.get(match.id, match)
        plan.remarks.extend(_differences(current, row.contact, row.line))
        filled = _fill_from(current, row.contact)
        if filled is not current:
            filled = replace(filled, updated_at=at)
            pending[filled.id] = filled
            people.add(filled)
    plan.imported = len(new_ids)
    plan.updated = len(pending) - len(new_ids)
    plan.unchanged = len(first_line) - len(pending)
    plan.skipped.sort(key=lambda s: s.line)
    plan.remarks.sort(key=lambda s: s.line)
    plan.to_write = list(pending.values())
    return plan


_BARE = "bare:"


def _bare_key(contact: Contact) -> str | None:
    # A record with nothing but a name (and perhaps a phone) has no identity key; an import
    # still knows it again by exactly that, so reading the same card twice adds no one.
    if contact.match_keys() or not contact.name.strip():
        return None
    return _BARE + normal_text(contact.name) + "\x1f" + "".join(filter(str.isdigit, contact.phone))


class _People:
    """Contacts looked up by identity key, each at its newest version while an import runs."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self._by_id: dict[str, Contact] = {}
        self._with_key: dict[str, list[str]] = {}
        for contact in contacts:
            self.add(contact)

    def add(self, contact: Contact) -> None:
        """Index ``contact``, or its newer version (keys it gained are added)."""
        self._by_id[contact.id] = contact
        bare = _bare_key(contact)
        for key in (*contact.match_keys(), *([bare] if bare else [])):
            ids = self._with_key.setdefault(key, [])
            if contact.id not in ids:
                ids.append(contact.id)

    def match(self, incoming: Contact) -> Contact | None:
        """The first contact who is the same person as ``incoming``: by profile URL, then
        email, then name and organisation (see :func:`same_person`)."""
        url = _url_key(incoming)
        bare = _bare_key(incoming)
        keys = (*incoming.match_keys(), *([bare] if bare else []))
        for kind in (_URL, _EMAIL, _NAME_ORG, _BARE):
            for key in (k for k in keys if k.startswith(kind)):
                for contact_id in self._with_key.get(key, ()):
                    # The newest version: a URL filled in by an earlier row rules out a name.
                    contact = self._by_id[contact_id]
                    if _may_share(kind, url, _url_key(contact)):
                        return contact
        return None


def _remembered_keys(contact: Contact) -> list[str]:
    # A person with a profile URL is remembered by their name and organisation under a key of
    # its own, so that a row naming another URL is not taken for them.
    url = _url_key(contact)
    return [
        _NAME_ORG_WITH_URL + key.removeprefix(_NAME_ORG)
        if url and key.startswith(_NAME_ORG)
        else key
        for key in contact.match_keys()
    ]


def _deleted_on(deleted: Mapping[str, str], row: Contact) -> str | None:
    # The day the person ``row`` names was deleted, if they were (the rules of same_person).
    has_url = bool(_url_key(row))
    for key in row.match_keys():
        if key in deleted:
            return deleted[key]
        if not has_url and key.startswith(_NAME_ORG):
            linked = _NAME_ORG_WITH_URL + key.removeprefix(_NAME_ORG)
            if linked in deleted:
                return deleted[linked]
    return None


def repoint_interviews(
    plan: MergePlan, interviews: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Interview documents that named a merged-away contact, now naming the merged one.

    Without this an interview would keep a ``contact_id`` that no longer exists, and its
    agenda items (thank-you, report-back) would lose their person.
    """
    return _relinked(interviews, set(plan.removed_ids), plan.merged.id)


def names_contact(interview: Mapping[str, Any], ids: Collection[str]) -> bool:
    """True when the interview (or its summary) is with one of ``ids`` or confirmed one of them
    as a referral."""
    if interview.get("contact_id") in ids:
        return True
    referrals = interview.get("referrals")
    return isinstance(referrals, list) and any(
        isinstance(r, Mapping) and r.get("contact_id") in ids for r in referrals
    )


def _relinked(
    interviews: Iterable[Mapping[str, Any]], ids: set[str], to: str | None
) -> list[dict[str, Any]]:
    # Copies of the interviews that name any of ``ids``, naming ``to`` instead: as the person
    # talked to, and as a referral confirmed in the debrief.
    changed: list[dict[str, Any]] = []
    for doc in interviews:
        if not names_contact(doc, ids):
            continue
        updated = dict(doc)
        if updated.get("contact_id") in ids:
            updated["contact_id"] = to
        referrals = updated.get("referrals")
        if isinstance(referrals, list):
            updated["referrals"] = [
                dict(r) | {"contact_id": to}
                if isinstance(r, Mapping) and r.get("contact_id") in ids
                else r
                for r in referrals
            ]
        changed.append(updated)
    return changed


@dataclass(frozen=True)
class Removal:
    """What deleting one contact changes besides the record itself, shown before it happens.

    ``unlinked`` are the people they had referred, now with no referrer; the interviews with
    them keep the name written on them and lose only the link (:func:`unlink_interviews`).
    """

    removed: Contact
    unlinked: tuple[Contact, ...]
    interviews: int


def plan_removal(
    contact: Contact, people: Iterable[Contact], interviews: Iterable[Mapping[str, Any]], at: str
) -> Removal:
    """Plan deleting ``contact``: who loses them as referrer, and how many interviews name them."""
    unlinked = tuple(
        replace(p, referred_by=None, updated_at=at)
        for p in people
        if p.referred_by == contact.id and p.id != contact.id
    )
    count = sum(1 for doc in interviews if doc.get("contact_id") == contact.id)
    return Removal(contact, unlinked, count)


def unlink_interviews(
    contact_id: str, interviews: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Interview documents that named ``contact_id``, now naming nobody (their text is kept).

    A referral confirmed into that contact goes back to "confirmed", so the debrief can add
    the person again.
    """
    return _relinked(interviews, {contact_id}, None)


# How many deleted people's keys are remembered; the oldest are forgotten first.
DELETED_KEPT = 2000


def remember_deleted(
    remembered: Mapping[str, str] | None, contact: Contact, day: str
) -> dict[str, str]:
    """``remembered`` (identity key → day deleted) with ``contact``'s keys added, newest last.

    A person with a profile URL has their name and organisation kept under a key of its own,
    so that an import row with another URL is not taken for them.
    """
    keys = dict(remembered or {})
    for key in _remembered_keys(contact):
        keys.pop(key, None)
        keys[key] = day
    while len(keys) > DELETED_KEPT * 3:  # three keys at most per person
        keys.pop(next(iter(keys)))
    return keys
