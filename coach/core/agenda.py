"""The follow-up agenda: what is due, computed from contacts and interviews every time it is asked.

Nothing here is stored. A reminder saved as data drifts from the facts it was made from (a reply
logged later, an interview moved); recomputing from the facts cannot drift. It is cheap enough:
one pass over contacts and one over interviews.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from coach.core.business_days import business_days_after
from coach.core.clock import parse_when
from coach.core.contact import Contact, normal_text

# The defaults from the method the app teaches; see docs/network.md.
SECOND_PERSON_DAYS = 3
# Business days between confirming a referral and the agenda asking to write to them: soon
# enough that the referrer still remembers suggesting them.
ASK_REFERRAL_DAYS = 2
NUDGE_DAYS = 7
THANK_YOU_HOURS = 24
REPORT_BACK_FROM_DAYS = 7
REPORT_BACK_UNTIL_DAYS = 14
KEEP_IN_TOUCH_DAYS = 90

# Morning of the day a day-based item falls due, so it sorts before that afternoon's items.
DAY_START = time(9, 0)

KINDS: tuple[str, ...] = (
    "thank-you",
    "confirm",
    "action",
    "report-back",
    "nudge",
    "second-person",
    "ask-referral",
    "keep-in-touch",
)
_KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}

# Stages at which someone has had a conversation with the user and is worth keeping warm.
_TALKED_STAGES = frozenset({"interviewed", "thanked", "keeping-in-touch"})


# Each kind in words, the same on screen and on the command line.
KIND_LABELS = {
    "thank-you": "thank-you",
    "confirm": "confirm",
    "action": "action",
    "report-back": "report back",
    "nudge": "nudge",
    "second-person": "ask another",
    "ask-referral": "ask referral",
    "keep-in-touch": "keep in touch",
}


@dataclass(frozen=True)
class AgendaItem:
    """One thing to do, by when, about whom.

    ``key`` is stable across recomputations (kind plus the record it comes from), so a screen can
    keep its cursor on the same item after a refresh. ``until`` closes a window ("report back
    between 7 and 14 days"), when the item has one.
    """

    key: str
    kind: str
    due: datetime
    text: str
    contact_id: str | None = None
    contact_name: str = ""
    interview_id: str | None = None
    until: datetime | None = None

    def is_due(self, now: datetime) -> bool:
        """Due today or earlier."""
        return self.due.date() <= now.date()

    def is_overdue(self, now: datetime) -> bool:
        """Due before today (a window item: past the end of its window)."""
        end = self.until or self.due
        return end.date() < now.date()

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        """A JSON-ready shape; with ``now``, it also says whether the item is due or overdue."""
        doc: dict[str, Any] = {
            "key": self.key,
            "kind": self.kind,
            "due": self.due.isoformat(timespec="minutes"),
            "until": self.until.isoformat(timespec="minutes") if self.until else None,
            "text": self.text,
            "contact_id": self.contact_id,
            "contact_name": self.contact_name,
            "interview_id": self.interview_id,
        }
        if now is not None:
            doc["due_now"] = self.is_due(now)
            doc["overdue"] = self.is_overdue(now)
        return doc


@dataclass(frozen=True)
class Agenda:
    """Every item, sorted by due time; :meth:`today` is what Home shows first."""

    items: tuple[AgendaItem, ...]
    now: datetime

    def today(self) -> tuple[AgendaItem, ...]:
        """Items due today or overdue, oldest first."""
        return tuple(item for item in self.items if item.is_due(self.now))

    def later(self) -> tuple[AgendaItem, ...]:
        """Items due after today."""
        return tuple(item for item in self.items if not item.is_due(self.now))

    def for_contact(self, contact_id: str) -> tuple[AgendaItem, ...]:
        """Items about one person."""
        return tuple(item for item in self.items if item.contact_id == contact_id)


def ask_text(name: str, referrer: str) -> str:
    """The agenda's words: "Ask Luis Ortega for a conversation — suggested by Dana Whitfield"."""
    who = name or "(no name)"
    if not referrer:
        return f"Ask {who} for a conversation"
    return f"Ask {who} for a conversation — suggested by {referrer}"


def thank_you_due_at(ended: datetime) -> datetime:
    """When the thank-you for a call that ended at ``ended`` is due: 24 hours later.

    The one place this rule lives: the debrief stores it on the interview and the agenda falls
    back to it for interviews that have no stored due time.
    """
    return ended + timedelta(hours=THANK_YOU_HOURS)


def _at_day_start(day: date, tz: Any) -> datetime:
    return datetime.combine(day, DAY_START, tzinfo=tz)


def _sort_key(item: AgendaItem) -> tuple[datetime, int, str, str]:
    return (
        item.due,
        _KIND_ORDER.get(item.kind, len(KINDS)),
        item.contact_name.casefold(),
        item.key,
    )


def _str(doc: Mapping[str, Any], key: str) -> str:
    value = doc.get(key)
    return value if isinstance(value, str) else ""


def _map(doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = doc.get(key)
    return value if isinstance(value, Mapping) else {}


def _asked_items(
    contact: Contact, asked: datetime, other_asks: Sequence[datetime], tz: Any
) -> Iterable[AgendaItem]:
    name = contact.name or "(no name)"
    # 3 business days: the method's answer to silence is a second person at the same place,
    # done once someone else there has been asked since.
    second_day = business_days_after(asked, SECOND_PERSON_DAYS)
    if contact.organisation and not any(other >= asked for other in other_asks):
        yield AgendaItem(
            key=f"second-person:{contact.id}",
            kind="second-person",
            due=_at_day_start(second_day, tz),
            text=f"No reply from {name} yet: ask a second person at {contact.organisation}",
            contact_id=contact.id,
            contact_name=contact.name,
        )
    # 7 business days: one polite nudge, done once anything else has been logged since the ask.
    nudged = any(
        i.kind != "ask" and (when := parse_when(i.at)) is not None and when > asked
        for i in contact.interactions
    )
    if not nudged:
        yield AgendaItem(
            key=f"nudge:{contact.id}",
            kind="nudge",
            due=_at_day_start(business_days_after(asked, NUDGE_DAYS), tz),
            text=f"No reply from {name} after {NUDGE_DAYS} business days: send one polite nudge",
            contact_id=contact.id,
            contact_name=contact.name,
        )


def _interview_items(
    doc: Mapping[str, Any], contacts: Mapping[str, Contact], now: datetime
) -> Iterable[AgendaItem]:
    if doc.get("practice"):
        return
    interview_id = _str(doc, "id")
    contact_id = _str(doc, "contact_id") or None
    contact = contacts.get(contact_id) if contact_id else None
    name = contact.name if contact else _str(doc, "contact_name")
    who = name or "(no name)"
    status = _str(doc, "status")
    tz = now.tzinfo

    scheduled = parse_when(doc.get("scheduled_at"))
    if status == "planned" and scheduled is not None and scheduled > now:
        yield AgendaItem(
            key=f"confirm:{interview_id}",
            kind="confirm",
            due=_at_day_start(scheduled.date() - timedelta(days=1), scheduled.tzinfo),
            text=f"Confirm tomorrow's conversation with {who}",
            contact_id=contact_id,
            contact_name=name,
            interview_id=interview_id,
        )

    ended = parse_when(_map(_map(doc, "stages"), "live").get("ended"))
    thank_you = _map(doc, "thank_you")
    if ended is not None and not thank_you.get("sent_at"):
        due = parse_when(thank_you.get("due_at")) or thank_you_due_at(ended)
        yield AgendaItem(
            key=f"thank-you:{interview_id}",
            kind="thank-you",
            due=due,
            text=f"Send {who} a thank-you naming one thing you learned",
            contact_id=contact_id,
            contact_name=name,
            interview_id=interview_id,
        )

    actions = doc.get("actions")
    if not isinstance(actions, list):
        return
    for action in actions:
        if not isinstance(action, Mapping):
            continue
        action_id = _str(action, "id") or str(id(action))
        text = _str(action, "text") or "(untitled action)"
        done = parse_when(action.get("done_at"))
        if done is None:
            due_value = action.get("due")
            action_due = parse_when(due_value)
            if action_due is None:
                continue
            if isinstance(due_value, str) and len(due_value.strip()) == 10:
                action_due = _at_day_start(action_due.date(), tz)
            yield AgendaItem(
                key=f"action:{interview_id}:{action_id}",
                kind="action",
                due=action_due,
                text=text,
                contact_id=contact_id,
                contact_name=name,
                interview_id=interview_id,
            )
        elif not action.get("reported_back_at") and _str(action, "kind") != "own":
            yield AgendaItem(
                key=f"report-back:{interview_id}:{action_id}",
                kind="report-back",
                due=_at_day_start(done.date() + timedelta(days=REPORT_BACK_FROM_DAYS), tz),
                until=_at_day_start(done.date() + timedelta(days=REPORT_BACK_UNTIL_DAYS), tz),
                text=f"Tell {who} how their advice worked out: {text}",
                contact_id=contact_id,
                contact_name=name,
                interview_id=interview_id,
            )


def _referral_item(
    contact: Contact, referrer: Contact | None, talked: AbstractSet[str], tz: Any
) -> AgendaItem | None:
    """Ask someone a conversation suggested, a few business days after they were confirmed,
    until they are asked (an ask on record, a later stage, or a conversation with them)."""
    if not contact.referred_by or "referral" not in (contact.source, contact.how_known):
        return None
    asked = contact.asked_at is not None or any(i.kind == "ask" for i in contact.interactions)
    if asked or contact.stage != "identified" or contact.id in talked:
        return None
    confirmed = parse_when(contact.created_at)
    if confirmed is None:
        return None
    return AgendaItem(
        key=f"ask-referral:{contact.id}",
        kind="ask-referral",
        due=_at_day_start(business_days_after(confirmed, ASK_REFERRAL_DAYS), tz),
        text=ask_text(contact.name, referrer.name if referrer else ""),
        contact_id=contact.id,
        contact_name=contact.name,
    )


def _touch_from_interviews(interviews: Sequence[Mapping[str, Any]]) -> dict[str, datetime]:
    # An interview is an interaction too, even when nobody logged one on the contact.
    latest: dict[str, datetime] = {}
    for doc in interviews:
        contact_id = _str(doc, "contact_id")
        if not contact_id or doc.get("practice"):
            continue
        ended = parse_when(_map(_map(doc, "stages"), "live").get("ended"))
        sent = parse_when(_map(doc, "thank_you").get("sent_at"))
        for when in (ended, sent):
            if when is not None and (contact_id not in latest or when > latest[contact_id]):
                latest[contact_id] = when
    return latest


def may_yield_items(doc: Mapping[str, Any]) -> bool:
    """False when an interview yields no item of its own at any date, whoever its contact is:
    a practice run, or a finished call with its thank-you sent and every action from it done
    and reported back (or the user's own). Such interviews count for the agenda only through
    `talk_history`. The test is the one `_interview_items` makes, without the date."""
    if doc.get("practice"):
        return False
    if _str(doc, "status") == "planned" and parse_when(doc.get("scheduled_at")) is not None:
        return True  # a call to confirm, once the date is known
    ended = _map(_map(doc, "stages"), "live").get("ended")
    if not _map(doc, "thank_you").get("sent_at") and parse_when(ended) is not None:
        return True  # a thank-you to send
    actions = doc.get("actions")
    if not isinstance(actions, list):
        return False
    for action in actions:
        if not isinstance(action, Mapping):
            continue
        if parse_when(action.get("done_at")) is None:
            if parse_when(action.get("due")) is not None:
                return True
        elif not action.get("reported_back_at") and _str(action, "kind") != "own":
            return True
    return False


@dataclass(frozen=True)
class TalkHistory:
    """What the agenda needs of the interviews that yield no item themselves: whom the user
    has had any interview with (``talked``: a suggested person is then no longer to be asked)
    and when each was last talked to (a call's end or its thank-you: keep in touch 90 days on).

    ``last_talks`` keeps, per contact, the stored times the latest is picked from: only the
    latest when every one carries its offset (it is the same wherever and whenever it is read
    again), all of them in order when one does not (a time without an offset is read in the
    local time zone of the day, which may not be the one it was kept in).
    """

    talked: frozenset[str]
    last_talks: Mapping[str, tuple[str, ...]]

    def latest(self) -> dict[str, datetime]:
        """When each contact was last talked to: what `build_agenda` finds going through
        every interview."""
        latest: dict[str, datetime] = {}
        for contact_id, times in self.last_talks.items():
            for text in times:
                when = parse_when(text)
                if when is not None and (contact_id not in latest or when > latest[contact_id]):
                    latest[contact_id] = when
        return latest


def talk_history(interviews: Iterable[Mapping[str, Any]]) -> TalkHistory:
    """The `TalkHistory` of ``interviews`` (all of them, in the store's order)."""
    talked: set[str] = set()
    latest: dict[str, tuple[datetime, str]] = {}
    every: dict[str, list[str]] = {}
    local: set[str] = set()  # contacts with a time kept without its offset
    for doc in interviews:
        contact_id = _str(doc, "contact_id")
        if contact_id:
            talked.add(contact_id)
        if not contact_id or doc.get("practice"):
            continue
        # The same two times, in the same order, as `_touch_from_interviews`.
        ended = _map(_map(doc, "stages"), "live").get("ended")
        sent = _map(doc, "thank_you").get("sent_at")
        for value in (ended, sent):
            when = parse_when(value)
            if when is None:
                continue
            assert isinstance(value, str)  # parse_when reads only text
            every.setdefault(contact_id, []).append(value)
            if not _has_offset(value):
                local.add(contact_id)
            if contact_id not in latest or when > latest[contact_id][0]:
                latest[contact_id] = (when, value)
    last_talks = {
        contact_id: tuple(every[contact_id]) if contact_id in local else (value,)
        for contact_id, (_, value) in latest.items()
    }
    return TalkHistory(frozenset(talked), last_talks)


def _has_offset(text: str) -> bool:
    stripped = text.strip()
    if stripped.endswith("Z"):
        return True
    try:
        return datetime.fromisoformat(stripped).tzinfo is not None
    except ValueError:
        return False


def build_agenda(
    contacts: Iterable[Contact],
    interviews: Iterable[Mapping[str, Any]],
    now: datetime,
    *,
    history: TalkHistory | None = None,
) -> Agenda:
    """Everything due, from the contacts' asks and interactions and the interviews' follow-ups.

    ``now`` must be timezone-aware (the caller's clock; tests pass a fixed one). Items:
    a second person to ask 3 business days after an unanswered ask and a nudge after 7; a
    thank-you 24 h after an interview ends; a report-back 7–14 days after an action from advice
    is done; keep-in-touch 90 days after the last interaction with someone the user has talked
    to; each open action's own due date; confirming a call the day before; asking someone a
    conversation suggested, 2 business days after the referral was confirmed, until they are
    asked.

    With ``history``, the `talk_history` of every interview, ``interviews`` need only be those
    for which `may_yield_items` is true (in the same order): the agenda is the same.
    """
    if now.tzinfo is None:
        raise ValueError("now must carry a timezone")
    tz = now.tzinfo
    people = list(contacts)
    by_id = {c.id: c for c in people}
    docs = list(interviews)

    # Who has been asked at each organisation, so that "ask a second person" can resolve itself.
    asks_by_org: dict[str, list[tuple[str, datetime]]] = {}
    asked_at: dict[str, datetime] = {}
    for contact in people:
        when = parse_when(contact.asked_at)
        if when is None:
            continue
        asked_at[contact.id] = when
        if contact.organisation:
            org = normal_text(contact.organisation)
            asks_by_org.setdefault(org, []).append((contact.id, when))

    items: list[AgendaItem] = []
    if history is None:
        touched = _touch_from_interviews(docs)
        talked: AbstractSet[str] = {_str(doc, "contact_id") for doc in docs} - {""}
    else:
        touched, talked = history.latest(), history.talked
    for contact in people:
        suggested = _referral_item(contact, by_id.get(contact.referred_by or ""), talked, tz)
        if suggested is not None:
            items.append(suggested)
        asked = asked_at.get(contact.id)
        if asked is not None and contact.stage == "asked":
            replied = parse_when(contact.replied_at)
            if replied is None or replied < asked:
                others = [
                    when
                    for other_id, when in asks_by_org.get(normal_text(contact.organisation), ())
                    if other_id != contact.id
                ]
                items.extend(_asked_items(contact, asked, others, tz))
        if contact.stage in _TALKED_STAGES:
            last = parse_when(contact.last_interaction)
            from_talk = touched.get(contact.id)
            if from_talk is not None and (last is None or from_talk > last):
                last = from_talk
            if last is not None:
                items.append(
                    AgendaItem(
                        key=f"keep-in-touch:{contact.id}",
                        kind="keep-in-touch",
                        due=_at_day_start(last.date() + timedelta(days=KEEP_IN_TOUCH_DAYS), tz),
                        text=f"Keep in touch with {contact.name or '(no name)'}: send some news",
                        contact_id=contact.id,
                        contact_name=contact.name,
                    )
                )
    for doc in docs:
        items.extend(_interview_items(doc, by_id, now))
    items.sort(key=_sort_key)
    return Agenda(items=tuple(items), now=now)
