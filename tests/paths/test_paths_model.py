"""Career paths: the model, its checks, and which path an interview or a contact is on."""

from __future__ import annotations

import pytest

from coach.core.contact import Contact
from coach.core.interview import Interview
from coach.core.paths import (
    CareerPath,
    PathProblem,
    last_used_path,
    new_path,
    path_of,
    set_path,
    with_path,
)

NOW = "2026-03-02T10:00:00+00:00"


def test_a_new_path_has_a_clean_one_line_title_and_its_question():
    path = new_path("  Data analysis\tin healthcare \n", "More than teaching?", now=NOW)
    assert path.title == "Data analysis in healthcare"
    assert path.question == "More than teaching?"
    assert path.created_at == path.updated_at == NOW


@pytest.mark.parametrize("title", ["", "   ", "\x1b[31m", "\n\t"])
def test_an_empty_path_title_is_refused_with_a_reason(title):
    with pytest.raises(PathProblem, match="needs a name"):
        new_path(title, now=NOW)


def test_a_title_with_markup_or_escape_sequences_is_kept_as_text_without_control_codes():
    path = new_path("[bold]Teaching[/] \x1b[2Jonline", now=NOW)
    assert path.title == "[bold]Teaching[/] online"


def test_renaming_to_nothing_is_refused_and_leaves_the_title():
    path = new_path("Teaching", now=NOW)
    with pytest.raises(PathProblem):
        path.rename(" ", NOW)
    assert path.title == "Teaching"


def test_the_verdict_is_one_line_and_can_be_cleared():
    path = new_path("Teaching", now=NOW)
    path.write_verdict("ruled\nout", "2026-03-03T10:00:00+00:00")
    assert path.verdict == "ruled out"
    assert path.updated_at == "2026-03-03T10:00:00+00:00"
    path.write_verdict("", NOW)
    assert path.verdict == ""


def test_a_stored_path_reads_back_the_same_and_keeps_fields_it_does_not_know():
    doc = new_path("Teaching", now=NOW).to_dict()
    doc["colour"] = "teal"
    doc["open_questions"] = [{"id": "q1", "text": "Pay?", "from_interview": "iv1", "mood": 3}]
    again = CareerPath.from_dict(doc).to_dict()
    assert again["colour"] == "teal"
    assert again["open_questions"][0]["mood"] == 3
    assert CareerPath.from_dict(again).to_dict() == again


def test_a_hand_edited_path_with_odd_values_still_opens():
    read = CareerPath.from_dict({"id": "p", "title": 42, "open_questions": "none", "verdict": []})
    assert read.title == "42"
    assert read.open_questions == []
    assert read.shown_title == "42"
    assert CareerPath.from_dict({"id": "p"}).shown_title == "(untitled path)"


def test_an_interview_keeps_its_path_through_a_load_and_a_save():
    interview = Interview(contact_name="Dana")
    assert path_of(interview) is None
    set_path(interview, "p-health")
    doc = interview.to_dict()
    assert doc["path_id"] == "p-health"
    again = Interview.from_dict(doc)
    assert again.path_id == path_of(again) == "p-health"
    set_path(again, None)
    assert "path_id" not in again.to_dict()


def test_an_unreadable_stored_path_reads_as_none_and_is_gone_once_the_path_is_cleared():
    interview = Interview.from_dict({"id": "iv", "path_id": ["p-health"]})
    assert path_of(interview) is None
    assert interview.to_dict()["path_id"] == ["p-health"]  # kept until edited
    set_path(interview, "p-teach")
    assert interview.to_dict()["path_id"] == "p-teach"
    set_path(interview, None)
    assert "path_id" not in interview.to_dict()


def test_a_contact_keeps_its_path_through_the_form_and_a_save():
    contact = Contact.from_dict({"id": "c1", "name": "Luis", "path_id": "p-health"})
    assert path_of(contact) == "p-health"
    renamed = Contact.from_dict(contact.to_dict())
    assert renamed.to_dict()["path_id"] == "p-health"
    moved = with_path(contact, "p-teach")
    assert (path_of(moved), path_of(contact)) == ("p-teach", "p-health")
    assert "path_id" not in with_path(contact, None).to_dict()


def test_a_contact_document_is_put_on_a_path_and_taken_off_it():
    doc = with_path({"id": "c1", "name": "Luis"}, "p-health")
    assert path_of(doc) == "p-health"
    assert path_of(with_path(doc, None)) is None


def test_the_last_used_path_is_the_one_of_the_latest_interview_still_on_file():
    interviews = [
        {"id": "a", "path_id": "p-teach", "created_at": "2026-03-01T09:00:00+00:00"},
        {"id": "b", "path_id": "p-health", "created_at": "2026-03-02T09:00:00+01:00"},
        {"id": "c", "created_at": "2026-03-05T09:00:00+00:00"},
        {"id": "d", "path_id": "p-gone", "created_at": "2026-03-06T09:00:00+00:00"},
    ]
    assert last_used_path(interviews, ["p-teach", "p-health"]) == "p-health"
    assert last_used_path([], ["p-teach"]) is None
