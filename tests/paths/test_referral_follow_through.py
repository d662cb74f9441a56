"""A confirmed referral is followed through: organisation, path, and an agenda item to ask."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.core.agenda import KIND_LABELS, KINDS, build_agenda
from coach.core.contact import Contact, Interaction
from coach.core.interview import Interview, Referral
from coach.core.paths import path_of, set_path
from coach.core.referral_follow import (
    ask_text,
    is_colleague,
    set_colleague,
    sounds_like_colleague,
)
from coach.services.referrals import confirm_referral
from coach.store.db import Store
from coach.store.paths import DataPaths

# Confirmed on Monday 2 March 2026 at 10:00: two business days on is Wednesday 4 March.
CONFIRMED = "2026-03-02T10:00:00+00:00"


@pytest.fixture
def store(data_paths: DataPaths):
    with Store.open(data_paths) as opened:
        yield opened


def dana_interview(**extra) -> Interview:
    interview = Interview(
        id="iv-dana",
        contact_id="c-dana",
        contact_name="Dana Whitfield",
        contact_org="Acme Health",
        status="debriefed",
        **extra,
    )
    set_path(interview, "p-health")
    return interview


def test_the_colleague_flag_is_kept_with_the_referral_through_a_save():
    referral = Referral("Luis Ortega")
    set_colleague(referral, True)
    interview = dana_interview(referrals=[referral])
    again = Interview.from_dict(interview.to_dict())
    assert is_colleague(again.referrals[0])
    set_colleague(again.referrals[0], False)
    assert not is_colleague(Interview.from_dict(again.to_dict()).referrals[0])


@pytest.mark.parametrize(
    ("line", "colleague"),
    [
        ("Talk to my colleague Luis Ortega", True),
        ("Luis is on her team", True),
        ("Ask Luis, a co-worker of hers", True),
        ("Luis Ortega at Blue Harbor", False),
    ],
)
def test_a_flagged_line_that_says_colleague_is_offered_as_one(line, colleague):
    assert sounds_like_colleague(line) is colleague


def test_a_colleague_referral_becomes_a_contact_at_the_referrers_organisation_on_the_path(store):
    store.save(
        "contact", Contact(id="c-dana", name="Dana Whitfield", organisation="Acme").to_dict()
    )
    interview = dana_interview(referrals=[Referral("Luis Ortega", confirmed=True)])
    confirmed = confirm_referral(store, interview, interview.referrals[0], colleague=True)
    assert not confirmed.on_file
    stored = store.get_contact(confirmed.contact.id)
    assert stored is not None
    assert stored["organisation"] == "Acme"
    assert stored["referred_by"] == "c-dana"
    assert path_of(stored) == "p-health"
    assert confirmed.contact.organisation == "Acme"
    assert store.get_interview("iv-dana")["referrals"][0]["colleague"] is True


def test_without_the_referrers_record_the_interviews_organisation_is_used(store):
    interview = dana_interview(referrals=[Referral("Luis Ortega", confirmed=True)])
    confirmed = confirm_referral(store, interview, interview.referrals[0], colleague=True)
    assert store.get_contact(confirmed.contact.id)["organisation"] == "Acme Health"


def test_a_referral_not_flagged_as_a_colleague_gets_no_organisation_but_the_path(store):
    interview = dana_interview(referrals=[Referral("Luis Ortega", confirmed=True)])
    confirmed = confirm_referral(store, interview, interview.referrals[0])
    stored = store.get_contact(confirmed.contact.id)
    assert stored["organisation"] == ""
    assert path_of(stored) == "p-health"


def test_someone_already_on_file_keeps_their_organisation_and_their_path(store):
    luis = Contact(id="c-luis", name="Luis Ortega", organisation="Blue Harbor").to_dict()
    luis["path_id"] = "p-teach"
    store.save("contact", luis)
    interview = dana_interview(referrals=[Referral("Luis Ortega", confirmed=True)])
    confirmed = confirm_referral(store, interview, interview.referrals[0], colleague=True)
    assert confirmed.on_file
    stored = store.get_contact("c-luis")
    assert stored["organisation"] == "Blue Harbor"
    assert path_of(stored) == "p-teach"
    assert stored["referred_by"] == "c-dana"


def test_someone_imported_from_linkedin_and_then_suggested_gets_the_agenda_item(store):
    dana = Contact(id="c-dana", name="Dana Whitfield")
    luis = Contact(id="c-luis", name="Luis Ortega", source="linkedin", created_at=CONFIRMED)
    store.save_all("contact", [dana.to_dict(), luis.to_dict()])
    interview = dana_interview(referrals=[Referral("Luis Ortega", confirmed=True)])
    confirmed = confirm_referral(store, interview, interview.referrals[0])
    assert confirmed.on_file and confirmed.contact.how_known == "referral"
    people = [Contact.from_dict(doc) for doc in store.contacts()]
    (item,) = asks(build_agenda(people, [], at("2026-03-05")))
    assert item.text == "Ask Luis Ortega for a conversation — suggested by Dana Whitfield"


def referred(**extra) -> Contact:
    fields = {
        "id": "c-luis",
        "name": "Luis Ortega",
        "how_known": "referral",
        "source": "referral",
        "referred_by": "c-dana",
        "created_at": CONFIRMED,
    }
    fields.update(extra)
    return Contact(**fields)


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T12:00:00+00:00").astimezone(UTC)


def asks(agenda):
    return [item for item in agenda.items if item.kind == "ask-referral"]


def test_a_confirmed_referral_brings_an_agenda_item_naming_who_suggested_them():
    dana = Contact(id="c-dana", name="Dana Whitfield")
    (item,) = asks(build_agenda([dana, referred()], [], at("2026-03-02")))
    assert item.text == "Ask Luis Ortega for a conversation — suggested by Dana Whitfield"
    assert item.due.date().isoformat() == "2026-03-04"
    assert item.contact_id == "c-luis"
    assert item.key == "ask-referral:c-luis"
    assert "ask-referral" in KINDS and KIND_LABELS["ask-referral"] == "ask referral"


@pytest.mark.parametrize(
    "asked",
    [
        {"asked_at": "2026-03-03T10:00:00+00:00", "stage": "asked"},
        {"stage": "scheduled"},
        {"interactions": [Interaction(at="2026-03-03T10:00:00+00:00", kind="ask")]},
    ],
)
def test_the_item_goes_once_the_person_is_asked(asked):
    assert asks(build_agenda([referred(**asked)], [], at("2026-03-05"))) == []


def test_the_item_goes_once_a_conversation_with_them_is_planned():
    talk = {"id": "iv-luis", "contact_id": "c-luis", "status": "planned"}
    assert asks(build_agenda([referred()], [talk], at("2026-03-05"))) == []


def test_a_contact_merely_linked_to_a_referrer_by_hand_brings_no_item():
    manual = referred(how_known="former-colleague", source="manual")
    assert asks(build_agenda([manual], [], at("2026-03-05"))) == []


def test_the_words_without_a_referrer_still_read_well():
    assert ask_text("Luis Ortega", "") == "Ask Luis Ortega for a conversation"
    assert ask_text("", "Dana") == "Ask (no name) for a conversation — suggested by Dana"


def test_a_colleague_is_guessed_from_the_flagged_line_until_the_user_says_otherwise():
    from coach.core.referral_follow import works_with

    referral = Referral("Luis Ortega", note="Talk to my colleague Luis Ortega")
    assert works_with(referral)
    set_colleague(referral, False)
    again = Interview.from_dict(Interview(referrals=[referral]).to_dict()).referrals[0]
    assert not works_with(again)  # the user's "no" stands
    assert not works_with(Referral("Sam Lee", note="Sam Lee runs the user group"))
