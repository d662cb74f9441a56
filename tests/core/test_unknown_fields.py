"""What a newer coach (or another tool) wrote is never thrown away by this one."""

from __future__ import annotations

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
