"""Preparing a conversation on a path: choosing it, taking up its open questions, and reusing
the goals and introduction of the last conversation on it."""

from __future__ import annotations

from datetime import UTC, datetime

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.core.interview import Interview
from coach.core.open_questions import EarlierPreparation, carried_from
from coach.core.paths import OpenQuestion, path_of
from coach.core.preparation import Preparation

CLOCK = FakeClock(datetime(2026, 3, 20, 9, 0, tzinfo=UTC))
PAY = OpenQuestion("What do junior analysts earn?", "iv-dana", id="oq-pay")
CERTS = OpenQuestion("Which certificates count?", "iv-dana", id="oq-certs")
DANA = EarlierPreparation(
    "iv-dana", "Dana Whitfield", "2026-02-02", "Learn the entry routes", "I teach maths."
)


def test_choosing_a_path_puts_the_interview_on_it_and_is_saved():
    preparation = Preparation(Interview(id="iv"), None, CLOCK)
    assert preparation.set_path("p-health")
    assert preparation.set_path("p-health") is False  # the same again changes nothing
    assert preparation.take_changes().interview["path_id"] == "p-health"
    assert preparation.set_path(None)
    assert "path_id" not in preparation.take_changes().interview


def test_a_contact_made_while_preparing_joins_the_path_of_the_conversation():
    interview = Interview(id="iv", contact_name="Luis Ortega", path_id="p-health")
    preparation = Preparation(interview, None, CLOCK)
    preparation.settle_name([])
    assert preparation.contact is not None and preparation.contact.path_id == "p-health"
    preparation.set_path("p-teach")
    assert preparation.take_changes().contact["path_id"] == "p-teach"


def test_a_person_on_file_brings_their_path_unless_one_was_chosen_here():
    luis = Contact("Luis Ortega", id="c-luis", path_id="p-health")
    defaulted = Preparation(Interview(contact_name="Luis Ortega", path_id="p-ux"), None, CLOCK)
    defaulted.settle_name([luis])
    assert path_of(defaulted.interview) == "p-health"
    chosen = Preparation(Interview(contact_name="Luis Ortega"), None, CLOCK)
    chosen.set_path("p-ux")
    chosen.settle_name([luis])
    assert path_of(chosen.interview) == "p-ux"


def test_open_questions_join_the_plan_once_as_own_questions_before_the_closing_ones():
    preparation = Preparation(Interview(id="iv"), None, CLOCK)
    assert preparation.still_to_offer([PAY, CERTS]) == [PAY, CERTS]
    added = preparation.add_open_questions([PAY], after=None)
    assert [carried_from(q) for q in added] == ["oq-pay"]
    assert preparation.still_to_offer([PAY, CERTS]) == [CERTS]
    assert preparation.add_open_questions([PAY], after=None) == []
    plan = preparation.take_changes().interview["plan"]["questions"]
    assert [(q["text"], q["open_question"]) for q in plan] == [
        ("What do junior analysts earn?", "oq-pay")
    ]


def test_earlier_goals_and_introduction_fill_empty_fields_and_replace_only_when_asked():
    empty = Preparation(Interview(id="iv"), None, CLOCK)
    assert not empty.would_replace(DANA)
    assert empty.take_up(DANA, replace=False) == ["goals", "intro"]
    assert (empty.interview.goals, empty.interview.intro) == (DANA.goals, DANA.intro)

    written = Preparation(Interview(id="iv2", goals="My own goals"), None, CLOCK)
    assert written.would_replace(DANA)
    assert written.take_up(DANA, replace=False) == ["intro"]
    assert written.interview.goals == "My own goals"
    assert written.take_up(DANA, replace=True) == ["goals"]
    assert written.interview.goals == DANA.goals
