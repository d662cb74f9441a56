"""The events of a live call, as the engine applies them and the journal keeps them.

Every change a call goes through is one of these. The engine applies an event to the
interview the moment it happens and hands it to the journal (``drafts/<id>.jsonl``, one JSON
record a line); after a crash the same events are read back and applied again, so a resumed
call is exactly the call that was interrupted. The journal's shape, ``{"type": ..., "seq":
..., ...}``, is the one coach has always written, so older journals still replay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

from coach.core import fields as stored
from coach.core.interview import PlannedQuestion


@dataclass(frozen=True)
class CallEvent:
    """What every event carries: whose call, its place in the journal, and the call's time."""

    TYPE: ClassVar[str] = ""

    interview_id: str | None = field(default=None, kw_only=True)
    seq: int = field(default=0, kw_only=True)
    elapsed_s: float = field(default=0.0, kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        """The journal record."""
        record = asdict(self)
        if isinstance(self, UnplannedAdded):
            record["question"] = self.question.to_dict()
        return {"type": self.TYPE, **record}


@dataclass(frozen=True)
class Started(CallEvent):
    """The clock started on the first question (``to``)."""

    TYPE: ClassVar[str] = "start"
    at: str | None = None
    to: str | None = None


@dataclass(frozen=True)
class CueFired(CallEvent):
    """A cue (start, wrap_up, end) came due and was shown."""

    TYPE: ClassVar[str] = "cue"
    kind: str = ""
    offset_s: float = 0.0
    text: str = ""


@dataclass(frozen=True)
class DraftKept(CallEvent):
    """A snapshot of the note being written under the current question (about every second)."""

    TYPE: ClassVar[str] = "draft"
    question_id: str | None = None
    offset_s: float = 0.0
    text: str = ""
    at: str | None = None


@dataclass(frozen=True)
class DraftEdited(CallEvent):
    """A change to a long draft, journaled instead of the whole of it: ``removed`` characters
    at ``at_char`` replaced by ``inserted``. ``base_length`` is the length of the draft it
    applies to; replay skips an edit that does not fit (the next whole snapshot puts it right).
    """

    TYPE: ClassVar[str] = "draft_edit"
    question_id: str | None = None
    offset_s: float = 0.0
    base_length: int = 0
    at_char: int = 0
    removed: int = 0
    inserted: str = ""


@dataclass(frozen=True)
class NoteTaken(CallEvent):
    """The draft became a note under a question."""

    TYPE: ClassVar[str] = "note"
    question_id: str | None = None
    offset_s: float = 0.0
    text: str = ""
    at: str | None = None


@dataclass(frozen=True)
class Flagged(CallEvent):
    """A line was flagged as a referral, advice, an opening or a quote."""

    TYPE: ClassVar[str] = "flag"
    kind: str = "quote"
    question_id: str | None = None
    offset_s: float = 0.0
    text: str = ""


@dataclass(frozen=True)
class Moved(CallEvent):
    """Another question came on screen; the one left is marked asked, skipped, or neither."""

    TYPE: ClassVar[str] = "move"
    from_id: str | None = None
    to: str | None = None
    mark: str | None = None
    offset_s: float = 0.0
    at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The journal record (``from`` is a Python keyword, hence ``from_id`` here)."""
        record = super().to_dict()
        record["from"] = record.pop("from_id")
        return record


@dataclass(frozen=True)
class UnplannedAdded(CallEvent):
    """A question that came up in the conversation went into the plan at ``position``."""

    TYPE: ClassVar[str] = "unplanned"
    question: PlannedQuestion = field(default_factory=lambda: PlannedQuestion("", ""))
    position: int = 0


@dataclass(frozen=True)
class Paused(CallEvent):
    """The clock stopped."""

    TYPE: ClassVar[str] = "pause"
    offset_s: float = 0.0
    at: str | None = None


@dataclass(frozen=True)
class Resumed(CallEvent):
    """The clock runs again after ``seconds`` of pause."""

    TYPE: ClassVar[str] = "resume"
    at: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Ended(CallEvent):
    """The call ended."""

    TYPE: ClassVar[str] = "end"
    at: str | None = None
    offset_s: float = 0.0


EVENT_TYPES: dict[str, type[CallEvent]] = {
    kind.TYPE: kind
    for kind in (
        Started,
        CueFired,
        DraftKept,
        DraftEdited,
        NoteTaken,
        Flagged,
        Moved,
        UnplannedAdded,
        Paused,
        Resumed,
        Ended,
    )
}


def read_event(record: Mapping[str, Any]) -> CallEvent | None:
    """A journal record as an event; None for a record that cannot be one.

    Values are read as tolerantly as stored documents are: a journal written by hand or by
    another version still replays as far as it makes sense.
    """
    kind = EVENT_TYPES.get(str(record.get("type")))
    seq = record.get("seq")
    if kind is None or not isinstance(seq, int) or isinstance(seq, bool):
        return None
    values: dict[str, Any] = {
        "interview_id": stored.optional_id(record.get("interview_id")),
        "seq": seq,
        "elapsed_s": stored.offset(record.get("elapsed_s")),
    }
    for item in fields(kind):
        name = item.name
        if name in values:
            continue
        raw = record.get("from" if name == "from_id" else name)
        if name == "question":
            question = PlannedQuestion.from_dict(raw) if isinstance(raw, Mapping) else None
            if question is None:
                return None
            values[name] = question
        elif name in ("position", "base_length", "at_char", "removed"):
            values[name] = raw if isinstance(raw, int) and not isinstance(raw, bool) else -1
        elif name == "inserted":
            values[name] = stored.text(raw)
        elif name in ("offset_s", "seconds"):
            values[name] = stored.offset(raw)
        elif name == "text":
            # A draft is kept exactly as typed; a note or flag without its outer blank lines.
            text = stored.text(raw)
            values[name] = text if kind is DraftKept else text.strip()
        elif name == "kind":
            values[name] = stored.line(raw) or ("quote" if kind is Flagged else "")
        else:  # ids, marks and times: one line, or None
            values[name] = stored.optional_id(raw)
    return kind(**values)


def edit_between(before: str, after: str) -> tuple[int, int, str]:
    """The one edit that turns ``before`` into ``after``: (where, how many removed, inserted).

    Compared a block at a time, so a 50 MB draft with one key typed costs milliseconds.
    """
    block = 4096
    limit = min(len(before), len(after))
    start = 0
    while start + block <= limit and before[start : start + block] == after[start : start + block]:
        start += block
    while start < limit and before[start] == after[start]:
        start += 1
    tail = 0
    room = limit - start
    while (
        tail + block <= room
        and before[len(before) - tail - block : len(before) - tail]
        == after[len(after) - tail - block : len(after) - tail]
    ):
        tail += block
    while tail < room and before[len(before) - tail - 1] == after[len(after) - tail - 1]:
        tail += 1
    return start, len(before) - tail - start, after[start : len(after) - tail]
