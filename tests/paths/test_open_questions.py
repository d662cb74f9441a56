"""Open questions carry forward: a debrief's still-need lines become the next plan's questions."""

from __future__ import annotations

import pytest

from coach.core.interview import Interview, Note
from coach.core.open_questions import (
    OPEN_QUESTION_TAG,
    add_to_plan,
    answered_in,
    carried_from,
    carry_forward,
    last_preparation,
    mark_answered,
    offer,
    open_questions,
    release,
    reopen,
    still_need_lines,
)
from coach.core.paths import new_path, set_path
from coach.core.plan import Plan

NOW = "2026-03-02T10:00:00+00:00"
LATER = "2026-03-09T10:00:00+00:00"


def texts(path):
    return [q.text for q in path.open_questions]


def test_each_line_of_still_need_is_one_question_without_list_marks_or_repeats():
    answer = "- What do juniors earn?\n\n* Who hires analysts at the NHS?\n2) what do JUNIORS earn"
    assert still_need_lines(answer) == ["What do juniors earn?", "Who hires analysts at the NHS?"]


def test_still_need_lines_become_open_questions_on_the_path_with_their_interview():
    path = new_path("Healthcare data", now=NOW)
    assert carry_forward(path, "iv-dana", "Pay ranges?\nWhich certificates count?", NOW)
    assert texts(path) == ["Pay ranges?", "Which certificates count?"]
    assert {q.from_interview for q in path.open_questions} == {"iv-dana"}
    assert all(q.is_open and q.created_at == NOW for q in path.open_questions)


def test_saving_the_same_debrief_again_changes_nothing_and_duplicates_nothing():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges?\nWhich certificates count?", NOW)
    ids = [q.id for q in path.open_questions]
    assert not carry_forward(path, "iv-dana", "Pay ranges?\nWhich certificates count?", LATER)
    assert [q.id for q in path.open_questions] == ids
    assert path.updated_at == NOW


def test_a_reworded_line_keeps_its_question_and_a_removed_line_drops_it():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges for juniors?\nWhich certificates count?", NOW)
    first = path.open_questions[0].id
    carry_forward(path, "iv-dana", "Pay ranges for junior analysts?", LATER)
    assert texts(path) == ["Pay ranges for junior analysts?"]
    assert path.open_questions[0].id == first


def test_editing_one_debrief_leaves_the_questions_of_another_alone():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges?", NOW)
    carry_forward(path, "iv-luis", "Night shifts?", NOW)
    carry_forward(path, "iv-dana", "", LATER)
    assert texts(path) == ["Night shifts?"]


def test_an_answered_question_stays_when_its_line_is_removed_and_can_be_opened_again():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges?", NOW)
    question = path.open_questions[0]
    mark_answered(path, question.id, "iv-luis", LATER)
    assert (question.answered_by, question.answered_at) == ("iv-luis", LATER)
    carry_forward(path, "iv-dana", "", LATER)
    assert texts(path) == ["Pay ranges?"]
    assert open_questions(path) == []
    reopen(path, question.id, LATER)
    assert open_questions(path) == [question]


def test_marking_a_question_that_is_gone_says_so():
    path = new_path("Healthcare data", now=NOW)
    with pytest.raises(LookupError, match="no longer"):
        mark_answered(path, "nope", "iv-luis", NOW)


def test_an_interview_that_moved_to_another_path_takes_its_open_questions_with_it():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges?\nNight shifts?", NOW)
    mark_answered(path, path.open_questions[1].id, "iv-luis", NOW)
    assert release(path, "iv-dana", LATER)
    assert texts(path) == ["Night shifts?"]
    assert not release(path, "iv-dana", LATER)


def test_prepare_is_offered_the_open_questions_of_earlier_conversations_once_each():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges?\nNight shifts?", NOW)
    carry_forward(path, "iv-ana", "pay ranges", NOW)
    carry_forward(path, "iv-luis", "Remote work?", NOW)
    offered = open_questions(path, besides="iv-luis")
    assert [q.text for q in offered] == ["Pay ranges?", "Night shifts?"]
    assert offer(len(offered)) == "2 open questions from earlier conversations"
    assert offer(1) == "1 open question from an earlier conversation"
    assert offer(0) == ""


def test_chosen_open_questions_become_own_plan_questions_once_before_the_closing_ones():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges?\nNight shifts?", NOW)
    plan = Plan(minutes_asked=20)
    plan.write_own("What does a typical week look like?")
    added = add_to_plan(plan, open_questions(path))
    assert [q.text for q in plan.questions] == [
        "What does a typical week look like?",
        "Pay ranges?",
        "Night shifts?",
    ]
    assert all(OPEN_QUESTION_TAG in q.tags for q in added)
    assert [carried_from(q) for q in added] == [q.id for q in path.open_questions]
    assert add_to_plan(plan, open_questions(path)) == []
    frozen = plan.freeze()
    interview = Interview.from_dict(Interview(plan=frozen).to_dict())
    assert [carried_from(q) for q in interview.plan.questions[1:]] == [
        q.id for q in path.open_questions
    ]


def test_debrief_suggests_the_carried_questions_that_got_notes_as_answered():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Pay ranges?\nNight shifts?", NOW)
    plan = Plan(minutes_asked=20)
    pay, _nights = add_to_plan(plan, open_questions(path))
    interview = Interview(id="iv-luis", plan=plan.freeze())
    interview.notes.append(Note(question_id=pay.id, offset_s=60, text="35–42k to start"))
    assert [q.text for q in answered_in(path, interview)] == ["Pay ranges?"]


def test_the_last_preparation_on_the_same_path_is_found_for_reuse():
    older = Interview(id="iv-ana", contact_name="Ana", goals="Old goals", intro="Old intro")
    older.scheduled_at = "2026-02-01T10:00:00+00:00"
    newer = Interview(id="iv-dana", contact_name="Dana", goals="Learn the entry routes")
    newer.scheduled_at = "2026-03-01T10:00:00+00:00"
    other = Interview(id="iv-zed", goals="Another path", scheduled_at="2026-03-05T10:00:00+00:00")
    blank = Interview(id="iv-new", scheduled_at="2026-03-08T10:00:00+00:00")
    for interview in (older, newer, blank):
        set_path(interview, "p-health")
    set_path(other, "p-teach")
    docs = [i.to_dict() for i in (older, newer, other, blank)]
    found = last_preparation(docs, "p-health", besides="iv-new")
    assert found is not None
    assert (found.interview_id, found.person, found.date) == ("iv-dana", "Dana", "2026-03-01")
    assert (found.goals, found.intro) == ("Learn the entry routes", "")
    assert last_preparation(docs, "p-health", besides="iv-dana").interview_id == "iv-ana"
    assert last_preparation(docs, "p-none") is None


def test_answering_one_question_answers_the_others_left_in_the_same_words_and_undo_reopens_them():
    path = new_path("Healthcare data", now=NOW)
    carry_forward(path, "iv-dana", "Which certificates count?\nPay?", NOW)
    carry_forward(path, "iv-priya", "which certificates count", NOW)
    first = path.open_questions[0]
    mark_answered(path, first.id, "iv-luis", LATER)
    assert [q.text for q in open_questions(path)] == ["Pay?"]
    assert {q.answered_by for q in path.open_questions if q.text != "Pay?"} == {"iv-luis"}
    reopen(path, first.id, LATER)
    assert len([q for q in path.open_questions if q.is_open]) == 3
