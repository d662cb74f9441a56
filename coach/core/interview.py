"""One informational interview: who, when, the frozen plan, what was said, and what follows.

This is the shared model. The Prepare, Live and Debrief screens, the store, the exports and the
agenda all read and write interviews through :class:`Interview` and its ``to_dict``/``from_dict``
document, which is JSON-safe (strings, numbers, booleans, lists and dicts only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from coach.core import fields
from coach.core.clock import now_iso
from coach.core.ids import new_id
from coach.core.live_state import CueShown, LiveState, Pause

Status = Literal["planned", "live", "ended", "debriefed"]
STATUSES: tuple[Status, ...] = ("planned", "live", "ended", "debriefed")

Medium = Literal["phone", "video", "in_person"]
MEDIUMS: tuple[Medium, ...] = ("phone", "video", "in_person")

FlagKind = Literal["referral", "advice", "opening", "quote"]
FLAG_KINDS: tuple[FlagKind, ...] = ("referral", "advice", "opening", "quote")

ActionKind = Literal["advice", "own"]
STAGE_NAMES: tuple[str, ...] = ("prepare", "live", "debrief")

# The lengths offered when asking for a conversation; 20 minutes is the usual ask.
MINUTES_OFFERED: tuple[int, ...] = (15, 20, 30)
DEFAULT_MINUTES_ASKED = 20

# Where a planned question came from besides a question set's id.
SOURCE_OWN = "own"
SOURCE_UNPLANNED = "unplanned"


@dataclass
class PlannedQuestion:
    """A question as frozen into an interview: its text never changes when a YAML file does.

    ``id`` is unique within the plan (``"<set id>/<question id>"`` for set questions);
    ``source`` is the set id, ``"own"`` or ``"unplanned"``; ``minutes`` is None when the set
    gave no budget (the plan then counts a default). ``picked`` is True for a set's question
    chosen one by one rather than brought in by ticking the set: unticking the set keeps it.
    """

    id: str
    text: str
    section: str = ""
    priority: str = "should"
    minutes: float | None = None
    probes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str = SOURCE_OWN
    picked: bool = False
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    @property
    def is_must(self) -> bool:
        """True for a must-ask question."""
        return self.priority == "must"

    def to_dict(self) -> dict[str, Any]:
        """The stored shape ("picked" only when set, so older records read the same)."""
        doc: dict[str, Any] = {
            "id": self.id,
            "text": self.text,
            "section": self.section,
            "priority": self.priority,
            "minutes": self.minutes,
            "probes": list(self.probes),
            "tags": list(self.tags),
            "source": self.source,
        }
        if self.picked:
            doc["picked"] = True
        return self.kept.onto(doc)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> PlannedQuestion | None:
        """Read one stored question; None when it has no id or no text."""
        qid, text = fields.line(doc.get("id")), fields.text(doc.get("text")).strip()
        if not qid or not text:
            return None
        priority = fields.line(doc.get("priority")).lower()
        return fields.keeping(
            cls(
                id=qid,
                text=text,
                section=fields.line(doc.get("section")),
                priority=priority if priority in ("must", "should", "could") else "should",
                minutes=fields.maybe_number(doc.get("minutes")),
                probes=[p for p in (fields.text(x).strip() for x in doc.get("probes") or []) if p]
                if isinstance(doc.get("probes"), list)
                else [],
                tags=fields.lines(doc.get("tags")),
                source=fields.line(doc.get("source")) or SOURCE_OWN,
                picked=doc.get("picked") is True,
            ),
            doc,
        )


@dataclass
class QuestionPlan:
    """The frozen plan: which sets it was built from and the questions, in the order to ask."""

    set_ids: list[str] = field(default_factory=list)
    questions: list[PlannedQuestion] = field(default_factory=list)

    def get(self, question_id: str | None) -> PlannedQuestion | None:
        """The question with this id, or None."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None

    def index_of(self, question_id: str | None) -> int | None:
        """Position of the question with this id, or None."""
        for index, question in enumerate(self.questions):
            if question.id == question_id:
                return index
        return None

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return {"set_ids": list(self.set_ids), "questions": [q.to_dict() for q in self.questions]}

    @classmethod
    def from_dict(cls, doc: object) -> QuestionPlan:
        """Read a stored plan; questions without id or text and repeated ids are dropped."""
        if not isinstance(doc, Mapping):
            return cls()
        questions: list[PlannedQuestion] = []
        seen: set[str] = set()
        for item in fields.mappings(doc.get("questions")):
            question = PlannedQuestion.from_dict(item)
            if question is not None and question.id not in seen:
                seen.add(question.id)
                questions.append(question)
        return cls(set_ids=fields.ids(doc.get("set_ids")), questions=questions)


@dataclass
class Note:
    """Something written during the call, under the question it belongs to; ``offset_s`` is
    seconds into the call (paused time excluded) when writing began."""

    question_id: str | None
    offset_s: float
    text: str
    at: str | None = None
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return self.kept.onto(
            {
                "question_id": self.question_id,
                "offset_s": self.offset_s,
                "text": self.text,
                "at": self.at,
            }
        )

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Note | None:
        """Read one stored note; None when it is empty."""
        text = fields.text(doc.get("text")).strip()
        if not text:
            return None
        return fields.keeping(
            cls(
                question_id=fields.optional_id(doc.get("question_id")),
                offset_s=fields.offset(doc.get("offset_s")),
                text=text,
                at=fields.iso(doc.get("at")),
            ),
            doc,
        )


@dataclass
class Flag:
    """A line marked as a referral, advice to act on, an opening, or a quote: most in the
    call's notes; one marked later on a transcript line has ``transcript_at`` (where that line
    starts in the recording, in seconds, which with its text tells which line it was) and
    ``offset_s`` the call time it corresponds to. Both kinds count alike everywhere."""

    kind: str
    question_id: str | None
    offset_s: float
    text: str
    transcript_at: float | None = None
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    @property
    def from_transcript(self) -> bool:
        """True when the line was flagged on the transcript, not in the call's notes."""
        return self.transcript_at is not None

    def to_dict(self) -> dict[str, Any]:
        """The stored shape ("transcript_at" only for a transcript's line, so a flag made
        during the call reads as it always did)."""
        doc: dict[str, Any] = {
            "kind": self.kind,
            "question_id": self.question_id,
            "offset_s": self.offset_s,
            "text": self.text,
        }
        if self.transcript_at is not None:
            doc["transcript_at"] = self.transcript_at
        return self.kept.onto(doc)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Flag | None:
        """Read one stored flag; None for an unknown kind."""
        kind = fields.line(doc.get("kind")).lower()
        if kind not in FLAG_KINDS:
            return None
        return fields.keeping(
            cls(
                kind=kind,
                question_id=fields.optional_id(doc.get("question_id")),
                offset_s=fields.offset(doc.get("offset_s")),
                text=fields.text(doc.get("text")).strip(),
                transcript_at=fields.maybe_number(doc.get("transcript_at")),
            ),
            doc,
        )


@dataclass
class StageTimes:
    """When one stage (prepare, live, debrief) began and ended."""

    started: str | None = None
    ended: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return {"started": self.started, "ended": self.ended}

    @classmethod
    def from_dict(cls, doc: object) -> StageTimes:
        """Read stored stage times."""
        if not isinstance(doc, Mapping):
            return cls()
        return cls(started=fields.iso(doc.get("started")), ended=fields.iso(doc.get("ended")))


@dataclass
class Debrief:
    """The answers written straight after the call. ``interest`` is 1–5, or None if not given."""

    learned: str = ""
    surprised: str = ""
    interest: int | None = None
    interest_why: str = ""
    fit: str = ""
    still_need: str = ""
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def is_empty(self) -> bool:
        """True when nothing has been written yet."""
        return self.interest is None and not any(
            (self.learned, self.surprised, self.interest_why, self.fit, self.still_need)
        )

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return self.kept.onto(
            {
                "learned": self.learned,
                "surprised": self.surprised,
                "interest": self.interest,
                "interest_why": self.interest_why,
                "fit": self.fit,
                "still_need": self.still_need,
            }
        )

    @classmethod
    def from_dict(cls, doc: object) -> Debrief:
        """Read a stored debrief; an interest outside 1–5 is dropped."""
        if not isinstance(doc, Mapping):
            return cls()
        raw = doc.get("interest")
        interest = int(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None
        return fields.keeping(
            cls(
                learned=fields.text(doc.get("learned")),
                surprised=fields.text(doc.get("surprised")),
                interest=interest if interest is not None and 1 <= interest <= 5 else None,
                interest_why=fields.text(doc.get("interest_why")),
                fit=fields.text(doc.get("fit")),
                still_need=fields.text(doc.get("still_need")),
            ),
            doc,
        )


@dataclass
class Referral:
    """Someone the person suggested talking to. ``contact_id`` is set once a contact exists."""

    name: str
    note: str = ""
    contact_id: str | None = None
    confirmed: bool = False
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return self.kept.onto(
            {
                "name": self.name,
                "note": self.note,
                "contact_id": self.contact_id,
                "confirmed": self.confirmed,
            }
        )

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Referral:
        """Read one stored referral."""
        return fields.keeping(
            cls(
                name=fields.line(doc.get("name")),
                note=fields.text(doc.get("note")).strip(),
                contact_id=fields.optional_id(doc.get("contact_id")),
                confirmed=doc.get("confirmed") is True,
            ),
            doc,
        )


@dataclass
class Action:
    """Something to do after the call: advice to act on (and report back about) or one's own."""

    text: str
    due: str
    id: str = field(default_factory=new_id)
    kind: str = "advice"
    done_at: str | None = None
    reported_back_at: str | None = None
    # The advice line flagged during the call that this action was made from, kept when the
    # action is reworded so that the same flag never makes a second action.
    from_flag: str | None = None
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return self.kept.onto(
            {
                "id": self.id,
                "text": self.text,
                "due": self.due,
                "done_at": self.done_at,
                "kind": self.kind,
                "reported_back_at": self.reported_back_at,
                "from_flag": self.from_flag,
            }
        )

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Action | None:
        """Read one stored action; None without text or a readable due date."""
        text, due = fields.text(doc.get("text")).strip(), fields.day(doc.get("due"))
        if not text or due is None:
            return None
        kind = fields.line(doc.get("kind")).lower()
        return fields.keeping(
            cls(
                id=fields.line(doc.get("id")) or new_id(),
                text=text,
                due=due,
                kind=kind if kind in ("advice", "own") else "own",
                done_at=fields.iso(doc.get("done_at")),
                reported_back_at=fields.iso(doc.get("reported_back_at")),
                from_flag=fields.text(doc.get("from_flag")).strip() or None,
            ),
            doc,
        )


@dataclass
class ThankYou:
    """The thank-you note: its text, when it is due (24 h after the call) and when it was sent.
    ``mention_opening`` answers the debrief's "say you would like to apply for the opening
    flagged in the call?": None until answered. ``drafted``: the text is coach's draft, not
    edited since, so a debrief opened again may draft it anew from what changed."""

    text: str = ""
    due_at: str | None = None
    sent_at: str | None = None
    mention_opening: bool | None = None
    drafted: bool = False
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape (the last two only when set, so older records read the same)."""
        doc: dict[str, Any] = {"text": self.text, "due_at": self.due_at, "sent_at": self.sent_at}
        if self.mention_opening is not None:
            doc["mention_opening"] = self.mention_opening
        return self.kept.onto(doc | ({"drafted": True} if self.drafted else {}))

    @classmethod
    def from_dict(cls, doc: object) -> ThankYou:
        """Read a stored thank-you."""
        if not isinstance(doc, Mapping):
            return cls()
        answer = doc.get("mention_opening")
        return fields.keeping(
            cls(
                text=fields.text(doc.get("text")),
                due_at=fields.iso(doc.get("due_at")),
                sent_at=fields.iso(doc.get("sent_at")),
                mention_opening=answer if isinstance(answer, bool) else None,
                drafted=doc.get("drafted") is True,
            ),
            doc,
        )


def _stages(doc: object) -> dict[str, StageTimes]:
    source = doc if isinstance(doc, Mapping) else {}
    return {name: StageTimes.from_dict(source.get(name)) for name in STAGE_NAMES}


@dataclass
class Interview:
    """One conversation, from preparation to follow-up.

    The contact's name, role and organisation are copied in (``contact_*``) so that the record
    reads the same even if the contact is later edited or removed. A practice interview is a
    rehearsal: it runs like any other but is kept out of every count (see :func:`counted`).
    """

    id: str = field(default_factory=new_id)
    contact_id: str | None = None
    contact_name: str = ""
    contact_role: str = ""
    contact_org: str = ""
    practice: bool = False
    # The career path the conversation tests (see coach.core.paths); None: on none.
    path_id: str | None = None
    status: str = "planned"
    scheduled_at: str | None = None
    medium: str = "video"
    minutes_asked: int = DEFAULT_MINUTES_ASKED
    goals: str = ""
    research: str = ""
    intro: str = ""
    plan: QuestionPlan = field(default_factory=QuestionPlan)
    notes: list[Note] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    cues: list[CueShown] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    stages: dict[str, StageTimes] = field(default_factory=lambda: _stages(None))
    debrief: Debrief = field(default_factory=Debrief)
    referrals: list[Referral] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    thank_you: ThankYou = field(default_factory=ThankYou)
    live: LiveState = field(default_factory=LiveState)
    created_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)

    # -- shape on disk -------------------------------------------------------------------------
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored, JSON-safe document with every key present ("path_id" only when on a
        path, so a record on none reads as it always did)."""
        doc: dict[str, Any] = {
            "id": self.id,
            "contact_id": self.contact_id,
            "contact_name": self.contact_name,
            "contact_role": self.contact_role,
            "contact_org": self.contact_org,
            "practice": self.practice,
            "status": self.status,
            "scheduled_at": self.scheduled_at,
            "medium": self.medium,
            "minutes_asked": self.minutes_asked,
            "goals": self.goals,
            "research": self.research,
            "intro": self.intro,
            "plan": self.plan.to_dict(),
            "notes": [n.to_dict() for n in self.notes],
            "flags": [f.to_dict() for f in self.flags],
            "cues": [c.to_dict() for c in self.cues],
            "asked": list(self.asked),
            "skipped": list(self.skipped),
            "pauses": [p.to_dict() for p in self.pauses],
            "stages": {name: self.stage(name).to_dict() for name in STAGE_NAMES},
            "debrief": self.debrief.to_dict(),
            "referrals": [r.to_dict() for r in self.referrals],
            "actions": [a.to_dict() for a in self.actions],
            "thank_you": self.thank_you.to_dict(),
            "live": self.live.to_dict(),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        if self.path_id:
            doc["path_id"] = self.path_id
        return self.kept.onto(doc)

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Interview:
        """Build an interview from a stored or hand-made document: missing keys take their
        defaults, outside text is cleaned, values of the wrong kind fall back rather than fail."""
        status = fields.line(doc.get("status")).lower()
        medium = fields.line(doc.get("medium")).lower().replace("-", "_").replace(" ", "_")
        minutes = fields.number(doc.get("minutes_asked"), DEFAULT_MINUTES_ASKED)
        created = fields.iso(doc.get("created_at")) or now_iso()

        def parsed(key: str, reader: Any) -> list[Any]:
            return [
                x for x in (reader(item) for item in fields.mappings(doc.get(key))) if x is not None
            ]

        return fields.keeping(
            cls(
                id=fields.line(doc.get("id")) or new_id(),
                contact_id=fields.optional_id(doc.get("contact_id")),
                contact_name=fields.line(doc.get("contact_name")),
                contact_role=fields.line(doc.get("contact_role")),
                contact_org=fields.line(doc.get("contact_org")),
                practice=doc.get("practice") is True,
                path_id=fields.optional_id(doc.get("path_id")),
                status=status if status in STATUSES else "planned",
                scheduled_at=fields.iso(doc.get("scheduled_at")),
                medium=medium if medium in MEDIUMS else "video",
                minutes_asked=int(minutes) if 1 <= minutes <= 600 else DEFAULT_MINUTES_ASKED,
                goals=fields.text(doc.get("goals")),
                research=fields.text(doc.get("research")),
                intro=fields.text(doc.get("intro")),
                plan=QuestionPlan.from_dict(doc.get("plan")),
                notes=parsed("notes", Note.from_dict),
                flags=parsed("flags", Flag.from_dict),
                cues=parsed("cues", CueShown.from_dict),
                asked=fields.ids(doc.get("asked")),
                skipped=fields.ids(doc.get("skipped")),
                pauses=parsed("pauses", Pause.from_dict),
                stages=_stages(doc.get("stages")),
                debrief=Debrief.from_dict(doc.get("debrief")),
                referrals=[r for r in parsed("referrals", Referral.from_dict) if r.name or r.note],
                actions=parsed("actions", Action.from_dict),
                thank_you=ThankYou.from_dict(doc.get("thank_you")),
                live=LiveState.from_dict(doc.get("live")),
                created_at=created,
                updated_at=fields.iso(doc.get("updated_at")) or created,
            ),
            doc,
        )

    # -- what the rest of the app asks of an interview -----------------------------------------

    def stage(self, name: str) -> StageTimes:
        """The times of one stage (``prepare``, ``live`` or ``debrief``), created if missing."""
        if name not in self.stages:
            self.stages[name] = StageTimes()
        return self.stages[name]

    @property
    def first_name(self) -> str:
        """The first word of the contact's name."""
        parts = self.contact_name.split()
        return parts[0] if parts else ""

    def notes_for(self, question_id: str | None) -> list[Note]:
        """The notes written under one question (None: notes outside any question)."""
        return [n for n in self.notes if n.question_id == question_id]

    def flags_of(self, kind: str) -> list[Flag]:
        """The flags of one kind, in the order they were made."""
        return [f for f in self.flags if f.kind == kind]


T = TypeVar("T", Interview, Mapping[str, Any])


def counted(interviews: Iterable[T]) -> list[T]:
    """The interviews (models or stored documents) that count: practice runs are left out of
    every total and statistic."""
    kept: list[T] = []
    for item in interviews:
        practice = item.practice if isinstance(item, Interview) else item.get("practice") is True
        if not practice:
            kept.append(item)
    return kept
