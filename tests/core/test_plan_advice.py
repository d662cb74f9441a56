"""What the budget line advises: what to do when too much is marked must-ask, and which
questions ask the same thing twice once two sets are combined."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest

from coach.core.plan import Budget, Plan
from coach.core.question_set import Question, QuestionSet, Section
from coach.core.repeats import QUESTION_KINDS, repeats_in, worded_alike
from coach.store.paths import DataPaths
from coach.store.question_sets import builtin_folder, load_catalogue


@pytest.fixture(scope="module")
def builtin() -> dict[str, QuestionSet]:
    with tempfile.TemporaryDirectory() as empty:
        catalogue = load_catalogue(DataPaths(Path(empty)), builtin_folder())
    assert catalogue.problems == []
    return {key: found for key, found in catalogue.sets.items() if found.builtin}


def ticked(*sets: QuestionSet) -> Plan:
    """A plan as Prepare builds it when the sets are ticked one after the other."""
    plan = Plan()
    for question_set in sets:
        plan.tick_set(question_set)
    return plan


def a_set(set_id: str, *texts: str) -> QuestionSet:
    questions = tuple(Question(id=f"q{i}", text=text) for i, text in enumerate(texts))
    return QuestionSet(id=set_id, title=set_id, sections=(Section("s", "Questions", questions),))


# -- too many must-asks ------------------------------------------------------------------------


def test_when_every_question_is_a_must_ask_the_advice_is_to_remove_some_or_ask_for_time() -> None:
    all_musts = Budget(minutes_asked=45, opening=2, questions=24, must=24, count=12, must_count=12)
    assert all_musts.warnings() == [
        "12 must-asks: more than 10 rarely fit; remove some or ask for more time."
    ]
    plan = Plan.from_sets([a_set("many", *(f"Question {i}?" for i in range(12)))], 45)
    for question in plan.questions:
        plan.set_priority(question.id, "must")
    [warning] = plan.warnings()
    assert "mark the ones that matter" not in warning and "remove some" in warning


def test_with_room_left_to_mark_the_advice_is_still_to_mark_the_ones_that_matter() -> None:
    some_musts = Budget(minutes_asked=45, opening=2, questions=24, must=8, count=12, must_count=4)
    assert some_musts.warnings() == [
        "12 questions: more than 10 rarely fit; mark the ones that matter."
    ]


# -- the same thing asked twice -----------------------------------------------------------------


def test_two_sets_asking_how_they_got_into_the_work_in_other_words_are_pointed_out(
    builtin: dict[str, QuestionSet],
) -> None:
    plan = ticked(builtin["career-changer"], builtin["first-conversation"])
    [repeat] = plan.repeats()
    first, second = (plan.questions[n - 1].text for n in repeat.numbers)
    assert first.startswith("How did you end up in this field")
    assert second == "How did you come to be doing the work you do now?"
    assert repeat.warning == (
        f"Questions {repeat.numbers[0]} and {repeat.numbers[1]} both ask how they came to this "
        "work: keep one."
    )
    assert plan.warnings()[-1] == repeat.warning


# What Prepare shows when the sets people most often combine are ticked, read one by one:
# each pair really asks one thing twice.
USUAL_PAIRS = {
    ("first-conversation", "tiara"): [
        "Questions 5 and 8 both ask what they would do in your place: keep one.",
    ],
    ("first-conversation", "career-changer"): [
        "Questions 1 and 6 both ask how they came to this work: keep one.",
    ],
    ("first-conversation", "student"): [
        "Questions 1 and 6 both ask how they came to this work: keep one.",
        "Questions 5 and 9 both ask what they would do in your place: keep one.",
    ],
    ("student", "career-changer"): [
        "Questions 1 and 5 both ask how they came to this work: keep one.",
        "Questions 3 and 9 both ask how people get into the field: keep one.",
    ],
    ("company-deep-dive", "field-pay-and-paths"): [
        "Questions 5 and 9 both ask how people move up: keep one.",
    ],
    ("tiara", "career-changer"): [],
    ("company-deep-dive", "first-conversation"): [],
}


@pytest.mark.parametrize(("first", "second"), list(USUAL_PAIRS))
def test_the_usual_pairs_of_sets_ticked_together_warn_only_of_real_repeats(
    builtin: dict[str, QuestionSet], first: str, second: str
) -> None:
    plan = ticked(builtin[first], builtin[second])
    assert [r.warning for r in plan.repeats()] == USUAL_PAIRS[(first, second)]


def test_any_built_in_sets_combined_whole_warn_only_of_repeats_read_and_listed(
    builtin: dict[str, QuestionSet],
) -> None:
    full = [s for s in builtin.values() if s.id != "practice"]
    for combined in [*itertools.permutations(full, 2), *itertools.combinations(full, 3)]:
        plan = Plan.from_sets(combined)
        for repeat in plan.repeats():
            # Every repeat among the built-in sets is one of the kinds listed by hand: their
            # wording alone never pairs two questions that merely share a word or two.
            assert repeat.asks, [plan.questions[n - 1].text for n in repeat.numbers]
            # 80 columns less the tab's and the budget line's padding.
            assert len(repeat.warning) <= 76, repeat.warning
            sources = [plan.questions[n - 1].source for n in repeat.numbers]
            assert len(set(sources)) == len(sources)


def test_the_kinds_name_built_in_questions_that_exist_one_per_set(
    builtin: dict[str, QuestionSet],
) -> None:
    ids = {f"{s.id}/{q.id}" for s in builtin.values() for q in s.questions}
    for kind in QUESTION_KINDS:
        assert kind.ids <= ids, kind.ids - ids
        sets = [qid.split("/")[0] for qid in kind.ids]
        assert len(set(sets)) == len(sets) >= 2, kind.asks


def test_three_sets_asking_the_same_make_one_warning(builtin: dict[str, QuestionSet]) -> None:
    plan = ticked(builtin["first-conversation"], builtin["career-changer"], builtin["student"])
    [path] = [r for r in plan.repeats() if "came to this work" in r.warning]
    assert len(path.numbers) == 3
    assert path.warning.startswith(f"Questions {path.numbers[0]}, {path.numbers[1]} and ")
    assert " all ask how they came to this work: keep one." in path.warning


def test_a_question_of_ones_own_worded_like_a_sets_is_pointed_out(
    builtin: dict[str, QuestionSet],
) -> None:
    plan = ticked(builtin["tiara"])
    plan.write_own("What should I have asked you, that I did not think of?")
    plan.write_own("Who else should I talk to?")
    assert plan.repeats() == []  # neither is close enough in words to tiara's own
    plan = ticked(builtin["career-changer"])
    own = plan.write_own("Who else should I talk to?")
    [repeat] = plan.repeats()
    assert own.id in repeat.ids
    assert repeat.warning.endswith(" ask much the same: keep one.")


def test_questions_from_one_source_are_never_called_repeats() -> None:
    # A set may ask one thing twice on purpose (a follow-up); so may the user.
    twice = a_set("mine", "Who else should I talk to?", "Who else should I talk to next?")
    assert repeats_in(Plan.from_sets([twice]).questions) == []
    plan = Plan()
    plan.write_own("Who else should I talk to?")
    plan.write_own("Who else should I talk to next?")
    assert plan.repeats() == []


def test_questions_that_merely_share_a_word_or_two_are_not_worded_alike() -> None:
    assert worded_alike("Who else should I talk to?", "Who else should I talk to, and may I?")
    assert worded_alike(
        "What should I have asked that I didn't?", "Is there anything I should have asked?"
    )
    assert not worded_alike(
        "What do you find most satisfying about this work?", "What frustrates you about this work?"
    )
    assert not worded_alike(
        "How much of what you studied do you actually use in your work now?",
        "What surprised you most once you were actually doing this work?",
    )
