"""Career paths: the ideas a series of conversations tests ("is healthcare data work for me?").

A path is a document of its own (kind ``"path"``, table ``paths``): a title, an optional
question, a verdict line the person writes ("promising", "ruled out"), and the questions still
open on it, each with the interview it came from (see :mod:`coach.core.open_questions`).
Interviews, and optionally contacts, point at a path by ``path_id``; paths are optional
everywhere, and nothing asks for one on a first run.

Both models name it (``Interview.path_id``, ``Contact.path_id``); :func:`path_of` also reads
stored documents and interview summaries, which is what the lists and the agenda hold.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, overload

from coach.core import fields
from coach.core.clock import parse_when
from coach.core.contact import Contact
from coach.core.ids import new_id
from coach.core.interview import Interview

#: The key interviews and contacts keep their path's id under.
PATH_ID = "path_id"
# A title is a line in lists and on the Paths screen; a paragraph belongs in the question.
MAX_TITLE = 120
MAX_LINE = 300


class PathProblem(ValueError):
    """What is wrong with a path as typed, in words a person can act on."""


@dataclass
class OpenQuestion:
    """Something still to find out on a path: a line of a debrief's "What do I still need to
    find out", with the interview it came from, and the one that answered it once it is."""

    text: str
    from_interview: str | None = None
    id: str = field(default_factory=new_id)
    created_at: str | None = None
    answered_by: str | None = None
    answered_at: str | None = None
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    @property
    def is_open(self) -> bool:
        """True until an interview answers it."""
        return self.answered_at is None and self.answered_by is None

    def to_dict(self) -> dict[str, Any]:
        """The stored shape."""
        return self.kept.onto(
            {
                "id": self.id,
                "text": self.text,
                "from_interview": self.from_interview,
                "created_at": self.created_at,
                "answered_by": self.answered_by,
                "answered_at": self.answered_at,
            }
        )

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> OpenQuestion | None:
        """Read one stored question; None when it has no text."""
        text = fields.line(doc.get("text"))
        if not text:
            return None
        return fields.keeping(
            cls(
                text=text,
                from_interview=fields.optional_id(doc.get("from_interview")),
                id=fields.line(doc.get("id")) or new_id(),
                created_at=fields.iso(doc.get("created_at")),
                answered_by=fields.optional_id(doc.get("answered_by")),
                answered_at=fields.iso(doc.get("answered_at")),
            ),
            doc,
        )


@dataclass
class CareerPath:
    """One path being explored. ``verdict`` is the person's own line about it, if any."""

    title: str
    id: str = field(default_factory=new_id)
    question: str = ""
    verdict: str = ""
    open_questions: list[OpenQuestion] = field(default_factory=list)
    created_at: str | None = None
    updated_at: str | None = None
    kept: fields.Kept = field(default_factory=fields.Kept, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The stored, JSON-safe document."""
        return self.kept.onto(
            {
                "id": self.id,
                "title": self.title,
                "question": self.question,
                "verdict": self.verdict,
                "open_questions": [q.to_dict() for q in self.open_questions],
                "created_at": self.created_at,
                "updated_at": self.updated_at,
            }
        )

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> CareerPath:
        """Read a stored path; odd values fall back rather than fail (a hand edit, another
        tool), and what this coach does not read is kept for the next save."""
        questions = [
            OpenQuestion.from_dict(item) for item in fields.mappings(doc.get("open_questions"))
        ]
        return fields.keeping(
            cls(
                title=fields.line(doc.get("title")),
                id=fields.line(doc.get("id")) or new_id(),
                question=fields.line(doc.get("question")),
                verdict=fields.line(doc.get("verdict")),
                open_questions=[q for q in questions if q is not None],
                created_at=fields.iso(doc.get("created_at")),
                updated_at=fields.iso(doc.get("updated_at")),
            ),
            doc,
        )

    @property
    def shown_title(self) -> str:
        """The title, or a stand-in for a path stored without one."""
        return self.title or "(untitled path)"

    def rename(self, title: str, now: str) -> None:
        """Give the path a new title; raises :class:`PathProblem` for an empty one."""
        self.title = checked_title(title)
        self.updated_at = now

    def write_verdict(self, verdict: str, now: str) -> None:
        """Set the verdict line ("promising", "ruled out", anything; empty clears it)."""
        self.verdict = _checked_line(verdict, "A verdict")
        self.updated_at = now

    def write_question(self, question: str, now: str) -> None:
        """Set the question the path tests (empty clears it)."""
        self.question = _checked_line(question, "The question")
        self.updated_at = now

    def find(self, question_id: str) -> OpenQuestion | None:
        """The open question (answered or not) with this id, or None."""
        return next((q for q in self.open_questions if q.id == question_id), None)


def checked_title(title: str) -> str:
    """``title`` as one clean line; raises :class:`PathProblem` when nothing is left of it or
    it is too long to be a title."""
    cleaned = " ".join(fields.line(title).split())
    if not cleaned:
        raise PathProblem(
            "A path needs a name: what you are exploring, such as “Data analysis in healthcare”."
        )
    if len(cleaned) > MAX_TITLE:
        raise PathProblem(
            f"Keep the name under {MAX_TITLE} characters; put the rest in the path's question."
        )
    return cleaned


def _checked_line(text: str, what: str) -> str:
    cleaned = " ".join(fields.line(text).split())
    if len(cleaned) > MAX_LINE:
        raise PathProblem(f"{what} is one line: keep it under {MAX_LINE} characters.")
    return cleaned


def new_path(title: str, question: str = "", *, now: str) -> CareerPath:
    """A new path; raises :class:`PathProblem` for an empty title."""
    path = CareerPath(title=checked_title(title), created_at=now, updated_at=now)
    path.write_question(question, now)
    return path


def by_title(paths: Iterable[CareerPath]) -> list[CareerPath]:
    """Paths in the order lists show them: by title, ignoring case."""
    return sorted(paths, key=lambda p: (p.shown_title.casefold(), p.id))


# -- which path an interview or a contact belongs to ----------------------------------------


def path_of(record: Interview | Contact | Mapping[str, Any]) -> str | None:
    """The id of the path an interview or a contact (model, stored document or summary)
    belongs to, or None."""
    if isinstance(record, Interview | Contact):
        return record.path_id
    return fields.optional_id(record.get(PATH_ID))


def set_path(record: Interview | Contact, path_id: str | None) -> None:
    """Put an interview or a contact on a path (None: on none); saved with its document."""
    record.path_id = fields.optional_id(path_id)
    if record.path_id is None:
        # An unreadable value kept from the stored document must not come back on the save.
        record.kept.unknown.pop(PATH_ID, None)
        record.kept.unread.pop(PATH_ID, None)


@overload
def with_path(record: Contact, path_id: str | None) -> Contact: ...
@overload
def with_path(record: Mapping[str, Any], path_id: str | None) -> dict[str, Any]: ...
def with_path(record: Contact | Mapping[str, Any], path_id: str | None) -> Contact | dict[str, Any]:
    """A copy of a contact (model or stored document) on path ``path_id`` (None: on none)."""
    if isinstance(record, Contact):
        moved = replace(record, kept=copy.deepcopy(record.kept))
        set_path(moved, path_id)
        return moved
    out = dict(record)
    if path_id and fields.optional_id(path_id):
        out[PATH_ID] = fields.line(path_id)
    else:
        out.pop(PATH_ID, None)
    return out


def last_used_path(interviews: Iterable[Mapping[str, Any]], known: Iterable[str]) -> str | None:
    """The path of the most recently made interview that has one still on file: what Prepare
    offers first. Practice runs count too: rehearsing for a path is using it."""
    on_file = set(known)
    best: tuple[float, str] | None = None
    for doc in interviews:
        path_id = path_of(doc)
        if path_id is None or path_id not in on_file:
            continue
        made = parse_when(doc.get("created_at"))
        stamp = made.timestamp() if made is not None else 0.0
        if best is None or stamp > best[0]:
            best = (stamp, path_id)
    return best[1] if best else None
