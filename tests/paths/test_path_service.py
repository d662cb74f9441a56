"""Paths through the store: create, summarise, carry a debrief's open questions forward."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.core.interview import Action, Debrief, Interview, Referral
from coach.core.paths import PathProblem, set_path
from coach.services import paths as service
from coach.store.db import Store
from coach.store.paths import DataPaths


@pytest.fixture
def store(data_paths: DataPaths):
    with Store.open(data_paths) as opened:
        yield opened


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))


def on_path(interview: Interview, path_id: str) -> Interview:
    set_path(interview, path_id)
    return interview


def test_creating_a_path_saves_it_and_an_empty_title_saves_nothing(store, clock):
    made = service.create_path(store, "Healthcare data", "More than teaching?", clock=clock)
    assert [p.title for p in service.all_paths(store)] == ["Healthcare data"]
    with pytest.raises(PathProblem):
        service.create_path(store, "  ", clock=clock)
    assert len(service.all_paths(store)) == 1
    service.write_verdict(store, made.id, "promising", clock=clock)
    service.rename_path(store, made.id, "Health data", clock=clock)
    assert service.get_path(store, made.id).verdict == "promising"
    assert service.get_path(store, made.id).title == "Health data"


def test_a_debrief_carries_its_still_need_lines_to_its_path_and_only_there(store, clock):
    health = service.create_path(store, "Healthcare data", clock=clock)
    teach = service.create_path(store, "Teaching", clock=clock)
    dana = on_path(Interview(id="iv-dana", debrief=Debrief(still_need="Pay?\nShifts?")), health.id)
    service.carry_forward(store, dana, clock=clock)
    assert [q.text for q in service.open_questions_for(store, health.id)] == ["Pay?", "Shifts?"]
    # Moved to another path: its questions follow it.
    set_path(dana, teach.id)
    changed = service.carry_forward(store, dana, clock=clock)
    assert {p.id for p in changed} == {health.id, teach.id}
    assert service.open_questions_for(store, health.id) == []
    assert len(service.open_questions_for(store, teach.id)) == 2
    assert service.open_questions_for(store, None) == []
    assert service.open_questions_for(store, "gone") == []


def test_a_practice_run_leaves_no_open_questions(store, clock):
    health = service.create_path(store, "Healthcare data", clock=clock)
    rehearsal = on_path(
        Interview(id="iv-p", practice=True, debrief=Debrief(still_need="Pay?")), health.id
    )
    assert service.carry_forward(store, rehearsal, clock=clock) == []
    assert service.open_questions_for(store, health.id) == []


def test_marking_answered_is_saved_with_the_interview_that_answered(store, clock):
    health = service.create_path(store, "Healthcare data", clock=clock)
    dana = on_path(Interview(id="iv-dana", debrief=Debrief(still_need="Pay?")), health.id)
    service.carry_forward(store, dana, clock=clock)
    question = service.open_questions_for(store, health.id)[0]
    service.mark_answered(store, health.id, question.id, "iv-luis", clock=clock)
    stored = service.get_path(store, health.id).find(question.id)
    assert stored is not None and stored.answered_by == "iv-luis"
    service.reopen(store, health.id, question.id, clock=clock)
    assert service.open_questions_for(store, health.id)[0].id == question.id


def test_a_path_summary_counts_conversations_interest_people_and_actions(store, clock):
    health = service.create_path(store, "Healthcare data", clock=clock)
    service.write_verdict(store, health.id, "promising", clock=clock)
    luis = Contact(id="c-luis", name="Luis Ortega")
    asked = Contact(id="c-ana", name="Ana Ruiz", stage="asked")
    store.save_all("contact", [luis.to_dict(), asked.to_dict()])
    first = Interview(
        id="iv-1",
        contact_name="Dana Whitfield",
        status="debriefed",
        scheduled_at="2026-02-01T10:00:00+00:00",
        debrief=Debrief(interest=3, still_need="Pay?"),
        referrals=[
            Referral("Luis Ortega", contact_id="c-luis", confirmed=True),
            Referral("Ana Ruiz", contact_id="c-ana", confirmed=True),
            Referral("Sam Lee"),
        ],
        actions=[
            Action("Read the NHS data strategy", "2026-02-10"),
            Action("Done already", "2026-02-05", done_at="2026-02-04T10:00:00+00:00"),
        ],
    )
    second = Interview(
        id="iv-2",
        contact_name="Priya Nair",
        status="debriefed",
        scheduled_at="2026-02-20T10:00:00+00:00",
        debrief=Debrief(interest=4),
    )
    planned = Interview(id="iv-3", status="planned")
    practice = Interview(id="iv-4", status="debriefed", practice=True, debrief=Debrief(interest=1))
    elsewhere = Interview(id="iv-5", status="debriefed", debrief=Debrief(interest=5))
    for interview in (first, second, planned, practice):
        on_path(interview, health.id)
    store.save_all(
        "interview", [i.to_dict() for i in (first, second, planned, practice, elsewhere)]
    )
    service.carry_forward(store, first, clock=clock)

    (summary,) = service.summaries(store)
    assert (summary.held, summary.planned) == (2, 1)
    assert summary.conversations() == "2 held · 1 planned"
    assert [(p.date, p.interest) for p in summary.interest] == [
        ("2026-02-01", 3),
        ("2026-02-20", 4),
    ]
    assert summary.interest_line() == "3 → 4"
    assert summary.open_questions == ("Pay?",)
    assert [(s.name, s.suggested_by) for s in summary.suggested] == [
        ("Luis Ortega", "Dana Whitfield"),
        ("Sam Lee", "Dana Whitfield"),
    ]
    assert [(a.text, a.person) for a in summary.actions] == [
        ("Read the NHS data strategy", "Dana Whitfield")
    ]
    assert summary.verdict == "promising"


def test_prepare_finds_the_last_used_path_and_the_last_preparation_on_it(store, clock):
    health = service.create_path(store, "Healthcare data", clock=clock)
    assert service.last_used_path(store) is None
    dana = on_path(Interview(id="iv-dana", goals="Entry routes", intro="I teach maths…"), health.id)
    store.save("interview", dana.to_dict())
    assert service.last_used_path(store) == health.id
    earlier = service.earlier_preparation(store, health.id, besides="iv-new")
    assert earlier is not None and (earlier.goals, earlier.intro) == (
        "Entry routes",
        "I teach maths…",
    )
    assert service.earlier_preparation(store, None) is None


def test_deleting_an_interview_takes_its_open_questions_with_it_but_not_the_answered_ones(
    store, clock
):
    from coach.services.interviews import delete_interview

    health = service.create_path(store, "Healthcare data", clock=clock)
    dana = on_path(Interview(id="iv-dana", debrief=Debrief(still_need="Pay?\nShifts?")), health.id)
    store.save("interview", dana.to_dict())
    service.carry_forward(store, dana, clock=clock)
    shifts = service.open_questions_for(store, health.id)[1]
    service.mark_answered(store, health.id, shifts.id, "iv-priya", clock=clock)

    delete_interview(store, "iv-dana", "2026-03-11T09:00:00+00:00")

    left = service.get_path(store, health.id).open_questions
    assert [(q.text, q.is_open) for q in left] == [("Shifts?", False)]
    assert store.get_interview("iv-dana") is None


def test_the_opening_purpose_comes_from_the_goals_else_the_path(store, clock):
    health = service.create_path(store, "Healthcare data", "More than teaching?", clock=clock)
    talk = on_path(Interview(id="iv", goals="Learn the entry routes. Then pay."), health.id)
    assert service.purpose_for(store, talk) == "Learn the entry routes."
    talk.goals = ""
    assert service.purpose_for(store, talk) == "More than teaching?"
    assert service.purpose_for(store, Interview(id="iv2")) == ""
    assert service.title_of(store, health.id) == "Healthcare data"
    assert service.title_of(store, "gone") == service.title_of(store, None) == ""
