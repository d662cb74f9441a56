"""The call question by question: the notes taken then beside what the transcript says was said.

The Debrief's transcript view and the Markdown record both read the call this way, so that a
person finds the words of the conversation under the question they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.core.interview import Interview, Note
from coach.core.transcript.model import Transcript

#: The heading of the lines and notes that belong to no question of the plan.
OUTSIDE = "Outside the plan's questions"


@dataclass(frozen=True)
class QuestionPart:
    """One question of the plan (``question_id`` None: outside every question), the notes
    written under it during the call, and the indexes of its transcript lines in time order."""

    question_id: str | None
    heading: str
    notes: list[Note] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def by_question(interview: Interview, transcript: Transcript | None) -> list[QuestionPart]:
    """The call in the plan's order, each question with its notes and transcript lines.

    What belongs to no question comes first: in a call that is mostly the greeting before the
    first question, and it is read first. Lines lined up with a question no longer in the plan
    count as outside. Questions with neither notes nor lines are left out.
    """
    plan_ids = {question.id for question in interview.plan.questions}
    lines: dict[str | None, list[int]] = {}
    if transcript is not None:
        for index, segment in enumerate(transcript.segments):
            key = segment.question_id if segment.question_id in plan_ids else None
            lines.setdefault(key, []).append(index)
    outside = QuestionPart(None, OUTSIDE, interview.notes_for(None), lines.get(None, []))
    parts = [outside] if outside.notes or outside.lines else []
    for question in interview.plan.questions:
        part = QuestionPart(
            question.id, question.text, interview.notes_for(question.id), lines.get(question.id, [])
        )
        if part.notes or part.lines:
            parts.append(part)
    return parts
