"""What a newer coach (or another tool) wrote is never thrown away by this one."""

from __future__ import annotations

from dataclasses import replace

from coach.core.contact import Contact, Interaction
from coach.core.interview import Interview


def stored_interview() -> dict:
    doc = Interview(id="iv1", contact_name="Dana").to_dict()
    doc["mood_after_call"] = {"score": 4, "words": ["calm"]}  # a field this coach does not know
    doc["notes"] = [{"question_id": None, "offset_s": 3, "text": "hello", "sentiment": "warm"}]
    doc["live"]["camera"] = "on"
    doc["goals"] = 42  # the wrong kind: text was expected
    doc["contact_role"] = ["not", "a", "line"]
    return doc


def test_unknown_fields_are_carried_through_a_load_and_save_unchanged() -> None:
    doc = stored_interview()
    again = Interview.from_dict(doc).to_dict()
    assert again["mood_after_call"] == {"score": 4, "words": ["calm"]}
    assert again["notes"][0]["sentiment"] == "warm"
    assert again["live"]["camera"] == "on"
    # Twice round, still there: nothing decays.
    assert Interview.from_dict(again).to_dict() == again


def test_a_value_that_cannot_be_read_is_kept_as_it_was_until_the_field_is_edited() -> None:
    interview = Interview.from_dict(stored_interview())
    assert interview.goals == ""  # read as nothing, shown as nothing
    assert interview.contact_role == ""
    assert interview.to_dict()["goals"] == 42
    assert interview.to_dict()["contact_role"] == ["not", "a", "line"]
    interview.goals = "Learn how they got in"
    assert interview.to_dict()["goals"] == "Learn how they got in"
    assert interview.to_dict()["contact_role"] == ["not", "a", "line"]


def test_a_known_field_written_by_this_coach_replaces_nothing_it_should_not() -> None:
    plain = Interview(id="iv2").to_dict()
    assert Interview.from_dict(plain).to_dict() == plain


def stored_contact() -> dict:
    doc = Contact(id="c1", name="Luis Ortega").to_dict()
    doc["pronouns"] = "he/him"  # a field this coach does not know
    doc["interactions"] = [
        {"at": "2026-03-03T10:00:00+00:00", "kind": "ask", "note": "", "channel": "email"}
    ]
    doc["role"] = {"title": "Analyst"}  # the wrong kind: a line was expected
    return doc


def test_a_contact_carries_unknown_fields_through_a_load_and_save_unchanged() -> None:
    doc = stored_contact()
    again = Contact.from_dict(doc).to_dict()
    assert again["pronouns"] == "he/him"
    assert again["interactions"][0]["channel"] == "email"
    assert Contact.from_dict(again).to_dict() == again


def test_editing_a_contact_in_the_form_keeps_what_another_tool_wrote() -> None:
    contact = Contact.from_dict(stored_contact())
    edited = replace(contact, organisation="Acme Health").with_interaction(
        "reply", at="2026-03-04T10:00:00+00:00"
    )
    doc = edited.to_dict()
    assert doc["organisation"] == "Acme Health"
    assert doc["pronouns"] == "he/him"
    assert doc["interactions"][0]["channel"] == "email"
    assert "channel" not in doc["interactions"][1]


def test_a_contact_value_that_cannot_be_read_is_kept_until_the_field_is_edited() -> None:
    contact = Contact.from_dict(stored_contact())
    assert contact.role == ""
    assert contact.to_dict()["role"] == {"title": "Analyst"}
    assert replace(contact, role="Analyst").to_dict()["role"] == "Analyst"


def test_a_contact_written_by_this_coach_reads_back_the_same() -> None:
    plain = Contact(id="c2", name="Ana").to_dict()
    assert Contact.from_dict(plain).to_dict() == plain
    assert "path_id" not in plain  # a contact on no path reads as it always did


def test_an_interaction_keeps_what_it_does_not_read() -> None:
    stored = {"at": "2026-03-03T10:00:00+00:00", "kind": "call", "note": "", "minutes": 25}
    read = Interaction.from_dict(stored)
    assert read is not None
    assert read.to_dict() == stored
