"""Prepare's rules kept in the core: where added questions go, sets ticked and unticked,
the typed date and the typed minutes, and the budget line."""

from __future__ import annotations

from datetime import datetime

import pytest

from coach.core.interview import SOURCE_OWN, PlannedQuestion
from coach.core.plan import (
    Budget,
    Plan,
    is_closing,
    read_date_time,
    read_minutes,
    show_date_time,
)
from coach.core.question_set import Question, QuestionSet, Section


def with_closing(set_id: str = "first") -> QuestionSet:
    """A set shaped like the built-in ones: two body sections, then the closing questions."""
    path = Section(
        "path",
        "Their path",
        (
            Question("start", "How did you start?", "must", 3.0),
            Question("turn", "What was the turning point?", "should", 2.0),
        ),
    )
    work = Section(
        "work",
        "The work",
        (
            Question("week", "What fills a week?", "must", 3.0),
            Question("hard", "What is hardest?", "could", 2.0),
        ),
    )
    closing = Section(
        "closing",
        "Closing",
        (
            Question("missed", "What should I have asked?", "must", 1.0, tags=("closing",)),
            Question("who", "Who else should I talk to?", "must", 2.0, tags=("closing",)),
            Question("touch", "May I tell you how it goes?", "should", 1.0, tags=("closing",)),
        ),
    )
    return QuestionSet(set_id, set_id.title(), (path, work, closing))


def ids(plan: Plan) -> list[str]:
    return [q.id for q in plan.questions]


def test_closing_questions_are_known_by_their_tag_or_their_section_title() -> None:
    assert is_closing(PlannedQuestion(id="x", text="?", tags=["closing", "referral"]))
    assert is_closing(PlannedQuestion(id="x", text="?", section="Closing (practise it)"))
    assert not is_closing(PlannedQuestion(id="x", text="?", section="Their path"))


def test_ticking_a_set_adds_its_must_asks_with_the_closing_ones_last() -> None:
    plan = Plan()
    plan.tick_set(with_closing())
    assert ids(plan) == ["first/start", "first/week", "first/missed", "first/who"]
    assert plan.set_ids == ["first"]


def test_a_second_set_goes_in_before_the_closing_section_without_repeating_it() -> None:
    first, other = with_closing("first"), with_closing("other")
    plan = Plan()
    plan.tick_set(first)
    plan.tick_set(other)
    # One call needs the closing asks once: the second set's stay on offer, not in the plan.
    assert ids(plan) == [
        "first/start",
        "first/week",
        "other/start",
        "other/week",
        "first/missed",
        "first/who",
    ]
    offered = [f"{s.id}/{q.id}" for s, q in plan.candidates({"first": first, "other": other})]
    assert "other/missed" in offered and "other/who" in offered
    # Added by hand, a closing question still joins the closing section.
    plan.add_from_set(other, other.sections[2].questions[1], "Closing")
    assert ids(plan)[-1] == "other/who"


def test_an_own_question_with_nothing_selected_goes_just_before_the_closing_questions() -> None:
    plan = Plan()
    plan.tick_set(with_closing())
    own = plan.write_own("What would you do in my place?")
    assert own.source == SOURCE_OWN
    assert ids(plan)[2] == own.id
    assert ids(plan)[3:] == ["first/missed", "first/who"]


def test_a_question_goes_after_the_selected_one() -> None:
    plan = Plan()
    question_set = with_closing()
    plan.tick_set(question_set)
    turn = question_set.sections[0].questions[1]
    plan.add_from_set(question_set, turn, after="first/start")
    own = plan.write_own("Mine?", after="first/turn")
    assert ids(plan) == [
        "first/start",
        "first/turn",
        own.id,
        "first/week",
        "first/missed",
        "first/who",
    ]


@pytest.mark.parametrize("selected", ["first/missed", "first/who"])
def test_with_a_closing_question_selected_a_new_one_still_goes_before_the_closing_section(
    selected: str,
) -> None:
    plan = Plan()
    plan.tick_set(with_closing())
    own = plan.write_own("Mine?", after=selected)
    assert ids(plan) == ["first/start", "first/week", own.id, "first/missed", "first/who"]


def test_a_question_the_person_moved_after_the_closing_section_stays_there() -> None:
    plan = Plan()
    plan.tick_set(with_closing())
    plan.move("first/start", len(plan))  # the person wants it last, after the closing
    assert ids(plan)[-1] == "first/start"
    own = plan.write_own("Mine?", after="first/start")
    assert ids(plan) == ["first/week", own.id, "first/missed", "first/who", "first/start"]


def test_a_closing_question_picked_later_joins_the_closing_section() -> None:
    plan = Plan()
    question_set = with_closing()
    plan.tick_set(question_set)
    touch = question_set.sections[2].questions[2]
    added = plan.add_from_set(question_set, touch, after="first/start")
    assert added is not None and is_closing(added)
    assert ids(plan)[-3:] == ["first/missed", "first/who", "first/touch"]


def test_a_closing_question_picked_with_the_closing_section_selected_goes_after_it() -> None:
    plan = Plan()
    question_set = with_closing()
    plan.tick_set(question_set)
    touch = question_set.sections[2].questions[2]
    plan.add_from_set(question_set, touch, after="first/missed")
    assert ids(plan)[-3:] == ["first/missed", "first/touch", "first/who"]


def test_without_closing_questions_new_ones_go_at_the_end_or_after_the_selected() -> None:
    plan = Plan()
    first = plan.write_own("One?")
    second = plan.write_own("Two?")
    third = plan.write_own("Three?", after=first.id)
    assert ids(plan) == [first.id, third.id, second.id]


def test_closing_questions_moved_to_the_top_are_no_closing_section() -> None:
    plan = Plan()
    plan.tick_set(with_closing())
    plan.move("first/missed", 0)
    plan.move("first/who", 1)
    own = plan.write_own("Mine?")
    assert ids(plan)[-1] == own.id


def test_a_plan_of_closing_questions_only_takes_new_ones_before_them() -> None:
    plan = Plan()
    question_set = with_closing()
    plan.add_set(question_set, ("must",))
    for question_id in ("first/start", "first/week"):
        plan.remove(question_id)
    own = plan.write_own("Mine?")
    assert ids(plan) == [own.id, "first/missed", "first/who"]


def test_unticking_a_set_takes_out_its_questions_and_keeps_ones_own() -> None:
    sets = {"first": with_closing("first"), "other": with_closing("other")}
    plan = Plan()
    plan.tick_set(sets["first"])
    plan.tick_set(sets["other"])
    own = plan.write_own("Mine?")
    assert plan.untick_set("first", sets) == 4
    assert plan.set_ids == ["other"]
    # The closing questions went with the first set; the remaining set's come back.
    assert ids(plan) == ["other/start", "other/week", own.id, "other/missed", "other/who"]
    assert plan.untick_set("first", sets) == 0


def test_unticking_a_set_keeps_its_questions_that_were_picked_one_by_one() -> None:
    first = with_closing("first")
    plan = Plan()
    plan.tick_set(first)
    hard = next(q for q in first.questions if q.id == "hard")
    plan.add_from_set(first, hard, after="first/start", picked=True)
    assert plan.untick_set("first", {"first": first}) == 4
    assert ids(plan) == ["first/hard"]
    # The mark survives freezing and reading back, so a reopened plan keeps the rule.
    frozen = PlannedQuestion.from_dict(plan.questions[0].to_dict())
    assert frozen is not None and frozen.picked
    assert Plan.from_frozen(plan.freeze(), 20).questions[0].picked
    ticked_only = Plan()
    ticked_only.tick_set(first)
    assert "picked" not in ticked_only.questions[0].to_dict()


def test_candidates_are_the_ticked_sets_questions_not_yet_planned() -> None:
    first, other = with_closing("first"), with_closing("other")
    sets = {"first": first, "other": other}
    plan = Plan()
    # Nothing ticked yet: every set is offered.
    assert len(plan.candidates(sets)) == 14
    plan.tick_set(first)
    offered = [f"{qs.id}/{q.id}" for qs, q in plan.candidates(sets)]
    assert offered == ["first/turn", "first/hard", "first/touch"]
    # A set whose file has gone is skipped, not an error.
    assert plan.candidates({}) == []


def test_the_question_selected_after_a_removal_is_the_next_else_the_one_before() -> None:
    plan = Plan()
    plan.tick_set(with_closing())
    assert plan.following("first/week") == "first/missed"
    assert plan.following("first/who") == "first/missed"
    assert plan.following("nope") is None
    single = Plan()
    only = single.write_own("Only?")
    assert single.following(only.id) is None


def test_a_typed_date_and_time_is_read_as_local_time() -> None:
    stored = read_date_time("  2026-11-24   14:30 ")
    assert stored is not None
    when = datetime.fromisoformat(stored)
    assert (when.year, when.month, when.day, when.hour, when.minute) == (2026, 11, 24, 14, 30)
    assert when.utcoffset() == datetime(2026, 11, 24, 14, 30).astimezone().utcoffset()
    assert show_date_time(stored) == "2026-11-24 14:30"


@pytest.mark.parametrize(
    "text", ["2026-11-24", "2026-11-24 14", "next tuesday", "24/11/2026 14:30"]
)
def test_half_typed_or_other_shaped_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_date_time(text)


def test_a_blank_date_means_no_date_and_odd_stored_times_show_blank() -> None:
    assert read_date_time("   ") is None
    assert show_date_time(None) == ""
    assert show_date_time("not a time") == ""
    assert show_date_time("2026-11-24T13:30:00Z") == (
        datetime.fromisoformat("2026-11-24T13:30:00+00:00").astimezone().strftime("%Y-%m-%d %H:%M")
    )


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45", 45), (" 25 ", 25), ("1", 1), ("600", 600), ("0", None), ("601", None), ("", None)],
)
def test_typed_minutes_are_whole_numbers_in_range(text: str, minutes: int | None) -> None:
    assert read_minutes(text) == minutes


def test_the_budget_line_and_its_warnings_fit_an_80_column_screen() -> None:
    tight = Budget(minutes_asked=20, opening=2, questions=30.5, must=18.5, count=12, must_count=9)
    assert (
        tight.summary == "Plan 32.5 min of 20 min asked (2 min opening) · 12 questions, 9 must-ask"
    )
    assert tight.warnings() == [
        "Must-asks alone need 20.5 min of 20 asked: drop one or ask for more time.",
        "12 questions: more than 10 rarely fit; mark the ones that matter.",
    ]
    over = Budget(minutes_asked=20, opening=2, questions=25, must=6, count=8, must_count=2)
    assert over.warnings() == [
        "The plan is 7 min over: expect to skip questions that are not must-asks."
    ]
    one = Budget(minutes_asked=30, opening=2, questions=2, must=2, count=1, must_count=1)
    assert one.warnings() == ["Only 1 question: 5 to 10 leave room to follow up."]
    assert "1 question," in one.summary
    for budget in (tight, over, one):
        # 80 columns less the tab's and the budget line's padding.
        assert all(len(line) <= 76 for line in [budget.summary, *budget.warnings()])
