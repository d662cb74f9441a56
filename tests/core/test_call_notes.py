"""The notes of a call as the debrief shows them: under their questions, in the call's order."""

from __future__ import annotations

from coach.core.debrief import call_notes
from coach.core.interview import Interview, Note, PlannedQuestion


def test_notes_are_grouped_under_their_questions_in_the_plans_order() -> None:
    interview = Interview(id="iv")
    interview.plan.questions = [
        PlannedQuestion(id="q1", text="How did you start?", section="Path"),
        PlannedQuestion(id="u1", text="What is on-call like?", section="Unplanned"),
        PlannedQuestion(id="q2", text="A typical week?", section="Day"),
        PlannedQuestion(id="q3", text="Not reached", section="Day"),
    ]
    interview.notes = [
        Note("q2", 300.0, "meetings on Mondays"),
        Note(None, 5.0, "they were late"),
        Note("q1", 60.0, "support role first"),
        Note("u1", 200.0, "one week in six"),
        Note("q1", 90.0, "then a course"),
    ]
    groups = call_notes(interview)
    assert [(g.question, [n.text for n in g.notes]) for g in groups] == [
        ("How did you start?", ["support role first", "then a course"]),
        ("What is on-call like?", ["one week in six"]),
        ("A typical week?", ["meetings on Mondays"]),
        (None, ["they were late"]),
    ]


def test_a_call_without_notes_has_nothing_to_show() -> None:
    interview = Interview(id="iv")
    interview.plan.questions = [PlannedQuestion(id="q1", text="Q", section="S")]
    assert call_notes(interview) == []
