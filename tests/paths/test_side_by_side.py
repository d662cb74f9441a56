"""Side by side in plain Python: which questions are the same, and what each conversation holds."""

from __future__ import annotations

import sys
from pathlib import Path

from coach.core.interview import Interview, Note, PlannedQuestion, QuestionPlan
from coach.core.side_by_side import answers, question_key, shared_questions

sys.path.insert(0, str(Path(__file__).parent.parent / "tui"))
import learning_samples


def transcripts():
    return {t["interview_id"]: t for t in learning_samples.transcripts()}


def test_a_set_question_is_the_same_by_id_even_when_its_wording_changed():
    old = PlannedQuestion("week-set/typical-week", "What is a normal week?", source="week-set")
    new = PlannedQuestion(
        "week-set/typical-week", "What does a typical week look like?", source="week-set"
    )
    assert question_key(old) == question_key(new)


def test_own_questions_are_the_same_when_their_words_are():
    a = PlannedQuestion("own-1", "What would you do in my place?")
    b = PlannedQuestion("own-7", "what would you do in my place")
    c = PlannedQuestion("own-9", "What would you avoid in my place?")
    assert question_key(a) == question_key(b) != question_key(c)


def test_questions_are_listed_most_answered_first():
    found = shared_questions(learning_samples.interviews(), transcripts())
    assert [(q.text, q.conversations) for q in found] == [
        ("What does a typical week look like?", 3),
        ("what would you do in my place", 2),
        ("How did you get into this work?", 1),
    ]


def test_every_conversations_notes_and_transcript_lines_under_one_question_oldest_first():
    (week, *_rest) = shared_questions(learning_samples.interviews(), transcripts())
    found = answers(week.key, learning_samples.interviews(), transcripts())
    assert [(a.person, a.date) for a in found] == [
        ("Ana Silva", "2026-01-20"),
        ("Dana Whitfield", "2026-02-02"),
        ("Priya Nair", "2026-02-20"),
    ]
    assert found[2].notes == ("Mostly SQL and meetings; Fridays for [bold]training[/] juniors.",)
    assert found[2].transcript == (
        ("Priya", "Honestly it is SQL in the morning and people in the afternoon."),
    )


def test_practice_runs_and_conversations_with_nothing_under_the_question_are_left_out():
    question = PlannedQuestion("own-1", "Why this field?")
    practice = Interview(
        id="p",
        practice=True,
        plan=QuestionPlan([], [question]),
        notes=[Note("own-1", 5, "rehearsed answer")],
    )
    silent = Interview(id="s", plan=QuestionPlan([], [question]))
    assert shared_questions([practice, silent]) == []
    assert answers(question_key(question), [practice, silent]) == []
