"""The built-in question sets keep the promises the product makes about them."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from coach.core.question_set import QuestionSet
from coach.store.paths import DataPaths
from coach.store.question_sets import builtin_folder, load_catalogue

REQUIRED = {
    "first-conversation",
    "tiara",
    "career-changer",
    "student",
    "company-deep-dive",
    "practice",
}


@pytest.fixture(scope="module")
def builtin_sets() -> dict[str, QuestionSet]:
    with tempfile.TemporaryDirectory() as empty:
        catalogue = load_catalogue(DataPaths(Path(empty)), builtin_folder())
    assert catalogue.problems == []
    return {k: v for k, v in catalogue.sets.items() if v.builtin}


def test_builtin_sets_number_at_least_six_with_at_least_a_hundred_questions(builtin_sets):
    assert set(builtin_sets) >= REQUIRED
    assert sum(len(s.questions) for s in builtin_sets.values()) >= 100


def test_every_builtin_set_has_must_ask_questions_that_fit_its_call_length(builtin_sets):
    for qs in builtin_sets.values():
        musts = [q for q in qs.questions if q.priority == "must"]
        assert musts, qs.id
        assert qs.minutes is not None, qs.id
        assert qs.must_minutes() <= qs.minutes, qs.id


def test_every_full_builtin_set_asks_for_referrals_in_its_closing_questions(builtin_sets):
    for qs in builtin_sets.values():
        if qs.id == "practice":
            continue
        closing = qs.sections[-1]
        texts = " ".join(q.text.lower() for q in closing.questions if q.priority == "must")
        assert "who else" in texts, f"{qs.id}: ask whom else to talk to"
        assert any(ask in texts for ask in ("may i", "mention", "would you mind")), (
            f"{qs.id}: ask whether you may say they sent you"
        )
        assert "should i have asked" in texts or "should have asked" in texts, qs.id


def test_the_practice_set_says_it_is_for_practice(builtin_sets):
    assert "practice" in builtin_sets["practice"].description.lower()
