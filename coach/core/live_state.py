"""Where a live call stands: the question on screen, the clock, the draft, cues and pauses.

Saved inside the interview (``live``, ``cues``, ``pauses``) so that an interrupted call resumes
exactly where the journal left it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from coach.core import fields


@dataclass
class CueShown:
    """A prompt the live screen showed (start, wrap-up, end), and when."""

    kind: str
    offset_s: float
    text: str

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return {"kind": self.kind, "offset_s": self.offset_s, "text": self.text}

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> CueShown | None:
        """Read one stored cue; None without a kind."""
        kind = fields.line(doc.get("kind"))
        if not kind:
            return None
        return cls(
            kind=kind,
            offset_s=fields.offset(doc.get("offset_s")),
            text=fields.text(doc.get("text")),
        )


@dataclass
class Pause:
    """The clock stopped at ``offset_s`` for ``seconds`` (None while still paused)."""

    offset_s: float
    started: str | None
    ended: str | None = None
    seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return {
            "offset_s": self.offset_s,
            "started": self.started,
            "ended": self.ended,
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> Pause:
        """Read one stored pause."""
        return cls(
            offset_s=fields.offset(doc.get("offset_s")),
            started=fields.iso(doc.get("started")),
            ended=fields.iso(doc.get("ended")),
            seconds=fields.maybe_number(doc.get("seconds")),
        )


@dataclass
class OnScreen:
    """One stretch of time a question was on screen, in wall-clock seconds since the call
    started (pauses included: a recording keeps running through them). ``end_s`` is None
    while it is still there."""

    question_id: str
    start_s: float
    end_s: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return {"question_id": self.question_id, "start_s": self.start_s, "end_s": self.end_s}

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> OnScreen | None:
        """Read one stored stretch; None without a question."""
        question_id = fields.optional_id(doc.get("question_id"))
        if question_id is None:
            return None
        return cls(
            question_id, fields.offset(doc.get("start_s")), fields.maybe_number(doc.get("end_s"))
        )


@dataclass
class LiveState:
    """Where a live call stood at its last save, so an interrupted call can resume exactly.

    ``seq`` is the number of the last journal record already reflected in this document;
    recovery applies only records after it. ``draft`` is the unsaved text for ``current_id``.
    """

    current_id: str | None = None
    current_since_s: float = 0.0
    elapsed_s: float = 0.0
    seq: int = 0
    draft: str = ""
    draft_offset_s: float | None = None
    #: When each question was on screen, in order (a question gone back to appears again).
    timeline: list[OnScreen] = field(default_factory=list)
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return self.kept.onto(
            {
                "current_id": self.current_id,
                "current_since_s": self.current_since_s,
                "elapsed_s": self.elapsed_s,
                "seq": self.seq,
                "draft": self.draft,
                "draft_offset_s": self.draft_offset_s,
                "timeline": [stretch.to_dict() for stretch in self.timeline],
            }
        )

    @classmethod
    def from_dict(cls, doc: object) -> LiveState:
        """Read the stored live state."""
        if not isinstance(doc, Mapping):
            return cls()
        seq = doc.get("seq")
        return fields.keeping(
            cls(
                current_id=fields.optional_id(doc.get("current_id")),
                current_since_s=fields.offset(doc.get("current_since_s")),
                elapsed_s=fields.offset(doc.get("elapsed_s")),
                seq=seq if isinstance(seq, int) and not isinstance(seq, bool) and seq > 0 else 0,
                draft=fields.text(doc.get("draft")),
                draft_offset_s=fields.maybe_number(doc.get("draft_offset_s")),
                timeline=[
                    stretch
                    for item in fields.mappings(doc.get("timeline"))
                    if (stretch := OnScreen.from_dict(item)) is not None
                ],
            ),
            doc,
        )
