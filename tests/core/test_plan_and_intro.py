from __future__ import annotations

import pytest

from coach.core.interview import Interview
from coach.core.intro import estimate
from coach.core.plan import Plan
from coach.core.question_set import Question, QuestionSet, Section


def a_set(
    set_id: str = "path", musts: int = 2, others: int = 3, minutes: float | None = 3
) -> QuestionSet:
    questions = tuple(
        Question(id=f"m{i}", text=f"Must {i}?", priority="must", minutes=minutes)
        for i in range(musts)
    ) + tuple(Question(id=f"o{i}", text=f"Other {i}?", minutes=None) for i in range(others))
    return QuestionSet(id=set_id, title=set_id, sections=(Section("s", "Their path", questions),))


def test_plan_from_two_sets_keeps_ids_unique_and_remembers_the_sets() -> None:
    plan = Plan.from_sets([a_set("path"), a_set("day")])
    assert len(plan) == 10
    assert plan.set_ids == ["path", "day"]
    assert len({q.id for q in plan.questions}) == 10
    plan.add_set(a_set("path"))
    assert len(plan) == 10


def test_budget_counts_two_minutes_for_questions_without_one_plus_the_opening() -> None:
    budget = Plan.from_sets([a_set(musts=2, others=3, minutes=3)]).budget()
    assert budget.questions == 2 * 3 + 3 * 2
    assert budget.total == budget.questions + 2
    assert budget.fits and budget.must_fits


def test_warning_when_the_must_ask_questions_alone_do_not_fit() -> None:
    plan = Plan.from_sets([a_set(musts=5, others=0, minutes=3)], minutes_asked=15)
    budget = plan.budget()
    assert not budget.must_fits
    assert budget.warnings()[0].startswith("Must-asks alone need 17 min of 15 asked")
    plan.toggle_must("path/m0")
    plan.remove("path/m1")
    assert plan.budget().must_fits


def test_add_remove_reorder_and_own_questions() -> None:
    plan = Plan.from_sets([a_set(musts=1, others=2)])
    own = plan.write_own("What would you tell me [bold]not[/] to do?\x1b[2J", priority="must")
    assert own.source == "own" and own.text == "What would you tell me [bold]not[/] to do?"
    plan.move(own.id, 0)
    assert plan.questions[0] is own
    plan.move_down(own.id)
    assert plan.questions[1].id == own.id
    with pytest.raises(ValueError):
        plan.write_own("   ")


def test_a_question_taken_out_goes_back_to_its_place_once() -> None:
    plan = Plan.from_sets([a_set(musts=1, others=2)])
    order = [q.id for q in plan.questions]
    taken = plan.take_out(order[1])
    assert taken is not None and [q.id for q in plan.questions] == [order[0], order[2]]
    plan.put_back(*taken)
    plan.put_back(*taken)  # a second undo of the same removal changes nothing
    assert [q.id for q in plan.questions] == order
    assert plan.take_out("not-there") is None


def test_a_question_put_back_after_the_plan_shrank_stays_before_the_closing_questions() -> None:
    with_closing = QuestionSet(
        id="c",
        title="c",
        sections=(
            Section("s", "Their path", (Question("a", "A?"), Question("b", "B?"))),
            Section("z", "Closing", (Question("who", "Who else?", priority="must"),)),
        ),
    )
    plan = Plan.from_sets([with_closing], priorities=("must", "should"))
    assert [q.id for q in plan.questions] == ["c/a", "c/b", "c/who"]
    taken = plan.take_out("c/b")
    assert taken is not None
    plan.remove("c/a")  # the plan shrank: only the closing question is left
    plan.put_back(*taken)
    assert [q.id for q in plan.questions] == ["c/b", "c/who"]


def test_freezing_copies_the_text_so_later_set_edits_never_rewrite_history() -> None:
    plan = Plan.from_sets([a_set()])
    interview = Interview(plan=plan.freeze())
    plan.edit_text("path/m0", "Reworded later")
    assert interview.plan.get("path/m0") is not None
    assert interview.plan.get("path/m0").text == "Must 0?"  # type: ignore[union-attr]


def test_intro_estimate_at_150_words_a_minute_warns_past_sixty_seconds() -> None:
    short = estimate("I'm a data analyst exploring product roles. " * 5)
    assert short.words == 35
    assert short.seconds == 14
    assert not short.too_long
    long = estimate("word " * 151)
    assert long.seconds > 60 and long.too_long
    assert "60 s" in long.advice
    # Rounded up: just past a minute must not read as "about 60 s" next to the warning.
    assert long.label == "151 words · about 61 s spoken"
    assert estimate("word " * 150).label == "150 words · about 60 s spoken"
    assert not estimate("word " * 150).too_long
    assert estimate("").label == "0 words · about 0 s spoken"
    assert estimate("Hello").label == "1 word · about 1 s spoken"
