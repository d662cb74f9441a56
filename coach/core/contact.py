"""A contact: one person the user knows, may ask for a conversation, and keeps in touch with.

This is the shared model: the contacts screen, the importers, the interview flow and the agenda
all read and write contacts through :class:`Contact` and its ``to_dict``/``from_dict`` shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

from coach.core import fields
from coach.core.clock import now_iso, parse_when
from coach.core.ids import new_id
from coach.core.text import clean, clean_line, fold

# How the user knows someone; the order is the order a picker shows them in.
HOW_KNOWN: tuple[str, ...] = (
    "friend",
    "family",
    "neighbour",
    "co-worker",
    "former-colleague",
    "classmate-alumni",
    "professor",
    "supervisor",
    "association",
    "conference",
    "recruiter-hr",
    "online",
    "referral",
)

# Words a person would use for each ``how_known`` value inside a sentence ("we met at ...").
HOW_KNOWN_LABELS: dict[str, str] = {
    "friend": "friend",
    "family": "family",
    "neighbour": "neighbour",
    "co-worker": "co-worker",
    "former-colleague": "former colleague",
    "classmate-alumni": "classmate or alumni",
    "professor": "professor",
    "supervisor": "supervisor",
    "association": "association",
    "conference": "conference",
    "recruiter-hr": "recruiter or HR",
    "online": "online",
    "referral": "referral",
}

# The pipeline a contact moves along, in order.
STAGES: tuple[str, ...] = (
    "identified",
    "asked",
    "scheduled",
    "interviewed",
    "thanked",
    "keeping-in-touch",
)

INTERACTION_KINDS: tuple[str, ...] = ("ask", "reply", "call", "message", "thanks", "news", "other")


def _iso_or_none(value: object) -> str | None:
    # Keep the stored spelling when it is readable, so a round trip changes nothing.
    return value.strip() if isinstance(value, str) and parse_when(value) is not None else None


def _day_or_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


@dataclass
class Interaction:
    """One logged touch with a contact: an ask, a reply, a call, a message, news."""

    at: str
    kind: str = "other"
    note: str = ""
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape: ``{"at", "kind", "note"}`` and whatever else was stored."""
        return self.kept.onto({"at": self.at, "kind": self.kind, "note": self.note})

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Interaction | None:
        """Read one stored interaction; None when it has no readable time."""
        at = _iso_or_none(doc.get("at"))
        if at is None:
            return None
        kind = fields.line(doc.get("kind")) or "other"
        return fields.keeping(cls(at=at, kind=kind, note=fields.text(doc.get("note"))), doc)


@dataclass
class Contact:
    """One person in the user's network.

    ``how_known`` is one of :data:`HOW_KNOWN` or ``""`` when not yet recorded; ``stage`` is one
    of :data:`STAGES`. Times are ISO 8601 strings (with offset), ``connected_on`` a bare date.
    """

    name: str
    id: str = field(default_factory=new_id)
    organisation: str = ""
    role: str = ""
    email: str = ""
    profile_url: str = ""
    phone: str = ""
    how_known: str = ""
    referred_by: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    stage: str = "identified"
    asked_at: str | None = None
    replied_at: str | None = None
    last_interaction: str | None = None
    interactions: list[Interaction] = field(default_factory=list)
    connected_on: str | None = None
    source: str = "manual"
    # The career path the person belongs to (see coach.core.paths); None: on none.
    path_id: str | None = None
    # The ask being written on the request screen, kept so leaving the screen loses nothing.
    request_draft: str = ""
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)

    # -- shape on disk -------------------------------------------------------------------------

    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape, with every key present ("path_id" only when on a path), and
        what a newer coach or another tool stored beside it."""
        doc: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "organisation": self.organisation,
            "role": self.role,
            "email": self.email,
            "profile_url": self.profile_url,
            "phone": self.phone,
            "how_known": self.how_known,
            "referred_by": self.referred_by,
            "tags": list(self.tags),
            "notes": self.notes,
            "stage": self.stage,
            "asked_at": self.asked_at,
            "replied_at": self.replied_at,
            "last_interaction": self.last_interaction,
            "interactions": [i.to_dict() for i in self.interactions],
            "connected_on": self.connected_on,
            "source": self.source,
            "request_draft": self.request_draft,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        if self.path_id:
            doc["path_id"] = self.path_id
        return self.kept.onto(doc)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Contact:
        """Build a contact from a stored or hand-made dict.

        Missing keys take their defaults, text is cleaned of control characters, and values of
        the wrong kind (an unknown stage, an unreadable date) fall back rather than fail, so one
        odd record never stops the app from opening. What it does not read is kept for the
        next save (see :class:`coach.core.fields.Kept`).
        """
        how_known = fields.line(doc.get("how_known")).lower()
        stage = fields.line(doc.get("stage")).lower()
        interactions = [
            parsed
            for item in fields.mappings(doc.get("interactions"))
            if (parsed := Interaction.from_dict(item)) is not None
        ]
        last = _iso_or_none(doc.get("last_interaction"))
        for item in interactions:
            if last is None or _later(item.at, last):
                last = item.at
        created = _iso_or_none(doc.get("created_at")) or now_iso()
        contact = cls(
            id=fields.line(doc.get("id")) or new_id(),
            name=fields.line(doc.get("name")),
            organisation=fields.line(doc.get("organisation")),
            role=fields.line(doc.get("role")),
            email=fields.line(doc.get("email")),
            profile_url=fields.line(doc.get("profile_url")),
            phone=fields.line(doc.get("phone")),
            how_known=how_known if how_known in HOW_KNOWN else "",
            referred_by=fields.optional_id(doc.get("referred_by")),
            tags=fields.ids(doc.get("tags")),
            notes=fields.text(doc.get("notes")),
            stage=stage if stage in STAGES else "identified",
            asked_at=_iso_or_none(doc.get("asked_at")),
            replied_at=_iso_or_none(doc.get("replied_at")),
            last_interaction=last,
            interactions=interactions,
            connected_on=_day_or_none(doc.get("connected_on")),
            source=fields.line(doc.get("source")) or "manual",
            path_id=fields.optional_id(doc.get("path_id")),
            request_draft=fields.text(doc.get("request_draft")),
            created_at=created,
            updated_at=_iso_or_none(doc.get("updated_at")) or created,
        )
        return fields.keeping(contact, doc)

    # -- what the rest of the app asks of a contact --------------------------------------------

    @property
    def first_name(self) -> str:
        """The first word of the name (what a request opens with)."""
        parts = self.name.split()
        return parts[0] if parts else ""

    @property
    def connection(self) -> str:
        """How the user knows this person, in words ("former colleague"), or ``""``."""
        return HOW_KNOWN_LABELS.get(self.how_known, "")

    def stage_index(self) -> int:
        """Position of the stage in :data:`STAGES` (for sorting along the pipeline)."""
        return STAGES.index(self.stage) if self.stage in STAGES else 0

    def advanced_to(self, stage: str) -> Contact:
        """A copy moved forward to ``stage``; never backwards (a thanked person stays thanked
        when an old ask is dated again)."""
        if stage not in STAGES or STAGES.index(stage) <= self.stage_index():
            return self
        return replace(self, stage=stage)

    def touched(self, at: str | None = None) -> Contact:
        """A copy with ``updated_at`` set to ``at`` (default: now)."""
        return replace(self, updated_at=at or now_iso())

    def with_interaction(self, kind: str, note: str = "", at: str | None = None) -> Contact:
        """A copy with one more logged interaction; it also resets the keep-in-touch clock."""
        when = at or now_iso()
        added = Interaction(at=when, kind=clean_line(kind) or "other", note=clean(note))
        latest = self.last_interaction
        if latest is None or _later(when, latest):
            latest = when
        return replace(
            self,
            interactions=[*self.interactions, added],
            last_interaction=latest,
            updated_at=when,
        )

    def without_interaction(self, logged: Interaction, last_before: str | None) -> Contact:
        """A copy without one logged interaction (an undo), its latest contact date restored.

        ``last_before`` is what :attr:`last_interaction` was before it was logged: an import
        can set that date without any logged interaction to recompute it from.
        """
        kept = list(self.interactions)
        if logged in kept:
            kept.remove(logged)
        return replace(self, interactions=kept, last_interaction=last_before)

    def latest_interactions(self, limit: int = 3) -> list[Interaction]:
        """The most recent logged interactions, newest first."""
        dated = [(parse_when(i.at), n, i) for n, i in enumerate(self.interactions)]
        # Stored order breaks ties, so two logged the same minute keep the order they came in.
        dated.sort(key=lambda t: (t[0] is not None, t[0] or datetime.min, t[1]), reverse=True)
        return [i for _, _, i in dated[:limit]]

    def match_keys(self) -> tuple[str, ...]:
        """Keys that identify the same person across imports (see :func:`identity_keys`)."""
        return identity_keys(self.profile_url, self.email, self.name, self.organisation)


def _later(a: str, b: str) -> bool:
    first, second = parse_when(a), parse_when(b)
    if first is None:
        return False
    return second is None or first > second


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def normal_url(url: str) -> str:
    """A profile URL reduced to what identifies it: no scheme, ``www.``, query or trailing slash."""
    text = url.strip().lower()
    text = _SCHEME.sub("", text)
    if text.startswith("www."):
        text = text[4:]
    text = text.split("?", 1)[0].split("#", 1)[0]
    return text.rstrip("/")


def normal_text(text: str) -> str:
    """Case- and whitespace-insensitive form of a name, organisation or email."""
    return " ".join(text.casefold().split())


def identity_keys(profile_url: str, email: str, name: str, organisation: str) -> tuple[str, ...]:
    """Keys under which two records count as the same person.

    Same profile URL, same email, or same name *and* organisation (a name alone is too common).
    """
    keys: list[str] = []
    if profile_url.strip():
        keys.append("url:" + normal_url(profile_url))
    if email.strip():
        keys.append("email:" + normal_text(email))
    if name.strip() and organisation.strip():
        keys.append("name-org:" + normal_text(name) + "\x1f" + normal_text(organisation))
    return tuple(keys)


# -- checking what is typed into a contact ---------------------------------------------------

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?[^\s/]+\.[^\s/]+(?:/\S*)?", re.IGNORECASE)


def field_problems(email: str, profile_url: str) -> dict[str, str]:
    """What is wrong with a typed email or profile URL, by field; empty fields are fine.

    Only the shape is checked (an address cannot be verified offline), enough to catch a name
    typed in the wrong box or "linkedin dot com".
    """
    problems: dict[str, str] = {}
    if email.strip() and not _EMAIL.fullmatch(email.strip()):
        problems["email"] = "That does not look like an email address (name@example.org)."
    if profile_url.strip() and not _URL.fullmatch(profile_url.strip()):
        problems["profile_url"] = (
            "A profile URL has no spaces and a dot, like linkedin.com/in/name."
        )
    return problems


# -- finding people in a long list ------------------------------------------------------------

SORT_KEYS: tuple[str, ...] = (
    "name",
    "how_known",
    "organisation",
    "stage",
    "last_interaction",
    "created_at",
)


def matches(contact: Contact, query: str) -> bool:
    """True when every word of ``query`` appears in the contact's name, organisation, role,
    email, tags or notes, ignoring case and accents."""
    words = fold(query).split()
    if not words:
        return True
    haystack = " ".join(
        (
            contact.name,
            contact.organisation,
            contact.role,
            contact.email,
            " ".join(contact.tags),
            contact.notes,
        )
    )
    haystack = fold(haystack)
    return all(word in haystack for word in words)


def the_one_named(name: str, contacts: Iterable[Contact]) -> Contact | None:
    """The contact called ``name`` (ignoring case, accents and spacing) when exactly one is.

    Two people with one name cannot be told apart by the name alone, so then there is none.
    """
    key = fold(name)
    if not key:
        return None
    same = [c for c in contacts if fold(c.name) == key]
    return same[0] if len(same) == 1 else None


def filter_contacts(
    contacts: list[Contact],
    *,
    query: str = "",
    stages: tuple[str, ...] = (),
    how_known: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    organisation: str = "",
) -> list[Contact]:
    """The contacts that pass every given filter (an empty filter lets everyone through).

    ``tags`` requires all the listed tags; ``organisation`` compares without case or spacing.
    """
    org = normal_text(organisation)
    wanted_tags = [t.casefold() for t in tags]
    kept: list[Contact] = []
    for contact in contacts:
        if stages and contact.stage not in stages:
            continue
        if how_known and contact.how_known not in how_known:
            continue
        if org and normal_text(contact.organisation) != org:
            continue
        if wanted_tags:
            have = {t.casefold() for t in contact.tags}
            if not all(t in have for t in wanted_tags):
                continue
        if query and not matches(contact, query):
            continue
        kept.append(contact)
    return kept


def sort_contacts(
    contacts: list[Contact], key: str = "name", descending: bool = False
) -> list[Contact]:
    """Contacts ordered by one of :data:`SORT_KEYS`; ties break on name. Empty values sort last.

    ``how_known`` puts the people the user knows first, grouped by how (in the order of
    :data:`HOW_KNOWN`), and those not marked last.
    """
    if key not in SORT_KEYS:
        raise ValueError(f"cannot sort by {key!r}; choose one of {', '.join(SORT_KEYS)}")

    def by_name(c: Contact) -> tuple[str, str]:
        return (c.name.casefold(), c.id)

    ordered = sorted(contacts, key=by_name)
    if key == "name":
        return list(reversed(ordered)) if descending else ordered
    if key == "stage":
        return sorted(ordered, key=Contact.stage_index, reverse=descending)
    if key == "how_known":
        # People the user knows come before strangers (a guide's first advice: start with
        # them), grouped in the order of HOW_KNOWN; strangers stay last either way.
        known = [c for c in ordered if c.how_known in HOW_KNOWN]
        known.sort(key=lambda c: HOW_KNOWN.index(c.how_known), reverse=descending)
        return known + [c for c in ordered if c.how_known not in HOW_KNOWN]
    if key == "organisation":
        filled = [c for c in ordered if c.organisation]
        filled.sort(key=lambda c: normal_text(c.organisation), reverse=descending)
        return filled + [c for c in ordered if not c.organisation]

    # Times: readable ones in order, unreadable or missing ones at the end either way.
    def when(c: Contact) -> datetime | None:
        return parse_when(getattr(c, key))

    dated = [(w, c) for c in ordered if (w := when(c)) is not None]
    dated.sort(key=lambda pair: pair[0], reverse=descending)
    return [c for _, c in dated] + [c for c in ordered if when(c) is None]


# -- marking how the user knows people, a group at a time --------------------------------------

GroupBy = Literal["organisation", "year"]


@dataclass(frozen=True)
class ContactGroup:
    """People who share an organisation or the year the user connected with them.

    ``unmarked`` counts those whose "how known" is not recorded yet.
    """

    label: str
    ids: tuple[str, ...]
    unmarked: int


def groups_of(contacts: Iterable[Contact], by: GroupBy) -> list[ContactGroup]:
    """The contacts grouped by organisation (case and spacing aside) or by the year they were
    connected on, groups with the most people not yet marked first, then by label.

    After an import nobody's "how known" is recorded; whole groups are usually known the same
    way (everyone at a former employer, the year of a course), so they are marked together.
    People without an organisation (or a connection date) belong to no group.
    """
    members: dict[str, list[Contact]] = {}
    labels: dict[str, str] = {}
    for contact in contacts:
        if by == "organisation":
            key, label = normal_text(contact.organisation), contact.organisation.strip()
        else:
            key = label = (contact.connected_on or "")[:4]
        if not key:
            continue
        members.setdefault(key, []).append(contact)
        labels.setdefault(key, label)
    groups = [
        ContactGroup(
            labels[key],
            tuple(c.id for c in people),
            sum(1 for c in people if c.how_known not in HOW_KNOWN),
        )
        for key, people in members.items()
    ]
    groups.sort(key=lambda g: (-g.unmarked, -len(g.ids), g.label.casefold()))
    return groups


def marked_known(
    contacts: Iterable[Contact], ids: Iterable[str], how_known: str, at: str | None = None
) -> list[Contact]:
    """The people among ``ids`` whose "how known" is not recorded yet, now ``how_known``.

    Someone already marked keeps what the user chose for them. Raises ValueError for a value
    not in :data:`HOW_KNOWN`.
    """
    if how_known not in HOW_KNOWN:
        raise ValueError(f"unknown way of knowing someone: {how_known!r}")
    wanted = set(ids)
    when = at or now_iso()
    return [
        replace(contact, how_known=how_known, updated_at=when)
        for contact in contacts
        if contact.id in wanted and contact.how_known not in HOW_KNOWN
    ]


def interaction_time(day: date, now: datetime) -> str:
    """When an interaction logged for ``day`` happened: now if today, else midday that day.

    Midday, in ``now``'s timezone, keeps an earlier day on that day whatever the offset.
    Refuses a day after today: what is logged has happened.
    """
    if day > now.date():
        raise ValueError("that day has not come yet")
    if day == now.date():
        return now.isoformat(timespec="seconds")
    return datetime(day.year, day.month, day.day, 12, tzinfo=now.tzinfo).isoformat(
        timespec="seconds"
    )
