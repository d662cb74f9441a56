"""Side by side: one question, every conversation's answer to it.

A question from a question set is the same question in every interview that planned it (by
its id, ``"<set id>/<question id>"``, whatever wording was frozen at the time); a question of
the person's own is the same when its words are (case, accents and punctuation aside). Under
it: the notes written while it was on screen and, once a transcript is imported, the lines
said under it. Practice runs are left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coach.core import fields
from coach.core.interview import SOURCE_OWN, SOURCE_UNPLANNED, Interview, PlannedQuestion
from coach.core.search_fields import interview_date
from coach.core.search_folding import words_of


def question_key(question: PlannedQuestion) -> str:
    """What makes two planned questions the same question across interviews."""
    if question.source not in (SOURCE_OWN, SOURCE_UNPLANNED) and "/" in question.id:
        return f"set:{question.id}"
    return "text:" + " ".join(words_of(question.text))


@dataclass(frozen=True)
class SharedQuestion:
    """A question asked in one or more conversations, in its latest wording."""

    key: str
    text: str
    conversations: int


@dataclass(frozen=True)
class Answer:
    """What one conversation holds under a question: notes, and transcript lines as
    (speaker, text)."""

    interview_id: str
    person: str
    date: str
    notes: tuple[str, ...] = ()
    transcript: tuple[tuple[str, str], ...] = ()


def _ids_under(interview: Interview, key: str) -> set[str]:
    return {q.id for q in interview.plan.questions if question_key(q) == key}


def _said_under(transcript: Mapping[str, Any] | None, ids: set[str]) -> tuple[tuple[str, str], ...]:
    if transcript is None:
        return ()
    lines: list[tuple[str, str]] = []
    for segment in fields.mappings(transcript.get("segments")):
        if segment.get("question_id") in ids:
            text = fields.text(segment.get("text")).strip()
            if text:
                lines.append((fields.line(segment.get("speaker")), text))
    return tuple(lines)


def _dated(interview: Interview) -> tuple[str, str]:
    # What interview_date reads, without writing out the whole interview.
    return interview_date(
        {
            "stages": {"live": {"started": interview.stage("live").started}},
            "scheduled_at": interview.scheduled_at,
            "created_at": interview.created_at,
        }
    )


def _held(interviews: Iterable[Interview]) -> list[Interview]:
    # Oldest first: a series is read in the order it happened.
    return sorted((i for i in interviews if not i.practice), key=_dated)


def shared_questions(
    interviews: Iterable[Interview], transcripts: Mapping[str, Mapping[str, Any]] | None = None
) -> list[SharedQuestion]:
    """Every question that has an answer (notes or transcript lines) in at least one
    conversation, most answered first; ties by wording."""
    wording: dict[str, str] = {}
    answered: dict[str, set[str]] = {}
    for interview in _held(interviews):
        noted = {n.question_id for n in interview.notes if n.text}
        spoken = _spoken(transcripts, interview.id)
        for question in interview.plan.questions:
            key = question_key(question)
            wording[key] = question.text
            if question.id in noted or question.id in spoken:
                answered.setdefault(key, set()).add(interview.id)
    found = [SharedQuestion(key, wording[key], len(ids)) for key, ids in answered.items()]
    found.sort(key=lambda q: (-q.conversations, q.text.casefold()))
    return found


def _spoken(transcripts: Mapping[str, Mapping[str, Any]] | None, interview_id: str) -> set[str]:
    transcript = transcripts.get(interview_id) if transcripts else None
    if transcript is None:
        return set()
    return {
        str(s.get("question_id"))
        for s in fields.mappings(transcript.get("segments"))
        if isinstance(s.get("question_id"), str)
    }


def answers(
    key: str,
    interviews: Iterable[Interview],
    transcripts: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Answer]:
    """Every conversation's answer to the question ``key`` (see :func:`question_key`),
    oldest first; conversations that planned it but hold nothing under it are left out."""
    found: list[Answer] = []
    for interview in _held(interviews):
        ids = _ids_under(interview, key)
        if not ids:
            continue
        notes = tuple(n.text for n in interview.notes if n.question_id in ids and n.text)
        said = _said_under(transcripts.get(interview.id) if transcripts else None, ids)
        if not notes and not said:
            continue
        day, _ = _dated(interview)
        found.append(Answer(interview.id, interview.contact_name, day, notes, said))
    return found


def transcripts_by_interview(docs: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Stored transcript documents by the interview they belong to."""
    found: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        interview_id = doc.get("interview_id")
        if isinstance(interview_id, str) and interview_id:
            found[interview_id] = doc
    return found
