from datetime import datetime

import pytest
from network_samples import at, iso

from coach.core.agenda import build_agenda
from coach.core.contact import Contact, Interaction
from coach.core.outreach import mark_asked, mark_replied

# Asked on Monday 6 May 2024 at 10:00 (before noon: the count starts that day).
ASKED = "2024-05-06 10:00"


def asked_contact(name="Ana", organisation="Acme", when=ASKED):
    return mark_asked(Contact(name, organisation=organisation), at=iso(when))


def keyed(agenda):
    return {item.key.split(":")[0]: item for item in agenda.items}


def interview(contact, **fields):
    doc = {"id": "iv1", "contact_id": contact.id, "status": "planned", "practice": False}
    doc.update(fields)
    return doc


def test_an_unanswered_ask_brings_a_second_person_after_3_and_a_nudge_after_7_business_days():
    ana = asked_contact()
    items = keyed(build_agenda([ana], [], at("2024-05-06 11:00")))
    assert items["second-person"].due.date().isoformat() == "2024-05-09"
    assert items["nudge"].due.date().isoformat() == "2024-05-15"
    assert "Acme" in items["second-person"].text


def test_an_afternoon_ask_on_friday_counts_from_monday():
    ana = asked_contact(when="2024-05-10 15:00")
    items = keyed(build_agenda([ana], [], at("2024-05-10 16:00")))
    assert items["second-person"].due.date().isoformat() == "2024-05-16"
    assert items["nudge"].due.date().isoformat() == "2024-05-22"


def test_a_reply_clears_both_reminders():
    ana = mark_replied(asked_contact(), at=iso("2024-05-07 09:00"))
    assert build_agenda([ana], [], at("2024-05-20 09:00")).items == ()


def test_asking_someone_else_at_the_same_organisation_clears_the_second_person_reminder():
    ana = asked_contact()
    bo = asked_contact("Bo", organisation=" acme ", when="2024-05-09 09:00")
    items = [i.key for i in build_agenda([ana, bo], [], at("2024-05-09 10:00")).items]
    assert f"second-person:{ana.id}" not in items
    assert f"nudge:{ana.id}" in items
    # Bo's own silence still calls for a third person: Ana was asked before Bo, not since.
    assert f"second-person:{bo.id}" in items


def test_a_nudge_logged_after_the_ask_clears_the_nudge():
    ana = asked_contact().with_interaction("message", "gentle nudge", at=iso("2024-05-15 09:00"))
    keys = [i.key for i in build_agenda([ana], [], at("2024-05-16 09:00")).items]
    assert f"nudge:{ana.id}" not in keys


def test_today_lists_due_and_overdue_items_first_and_later_the_rest():
    ana = asked_contact()
    agenda = build_agenda([ana], [], at("2024-05-10 08:00"))
    assert [i.kind for i in agenda.today()] == ["second-person"]
    assert agenda.today()[0].is_overdue(agenda.now)
    assert [i.kind for i in agenda.later()] == ["nudge"]


def test_the_thank_you_is_due_24_hours_after_the_interview_ends():
    ana = Contact("Ana", stage="interviewed")
    doc = interview(ana, status="debriefed", stages={"live": {"ended": iso("2024-05-06 15:00")}})
    items = keyed(build_agenda([ana], [doc], at("2024-05-06 16:00")))
    assert items["thank-you"].due == at("2024-05-07 15:00")
    assert "Ana" in items["thank-you"].text
    sent = dict(doc, thank_you={"sent_at": iso("2024-05-06 20:00")})
    assert "thank-you" not in keyed(build_agenda([ana], [sent], at("2024-05-06 21:00")))


def test_done_advice_asks_for_a_report_back_between_7_and_14_days_later():
    ana = Contact("Ana", stage="thanked")
    actions = [
        {
            "id": "a1",
            "text": "Read the book",
            "due": "2024-05-10",
            "kind": "advice",
            "done_at": iso("2024-05-10 18:00"),
            "reported_back_at": None,
        },
        {
            "id": "a2",
            "text": "Update my notes",
            "due": "2024-05-10",
            "kind": "own",
            "done_at": iso("2024-05-10 18:00"),
            "reported_back_at": None,
        },
        {
            "id": "a3",
            "text": "Email the society",
            "due": "2024-05-20",
            "kind": "advice",
            "done_at": None,
            "reported_back_at": None,
        },
    ]
    doc = interview(ana, status="debriefed", actions=actions)
    items = [i for i in build_agenda([ana], [doc], at("2024-05-11 09:00")).items]
    report = [i for i in items if i.kind == "report-back"]
    assert len(report) == 1
    assert report[0].due.date().isoformat() == "2024-05-17"
    assert report[0].until.date().isoformat() == "2024-05-24"
    action = [i for i in items if i.kind == "action"]
    assert [(a.text, a.due.date().isoformat()) for a in action] == [
        ("Email the society", "2024-05-20")
    ]


def test_keep_in_touch_comes_90_days_after_the_last_interaction_and_any_interaction_resets_it():
    ana = Contact(
        "Ana", stage="thanked", interactions=[Interaction(iso("2024-01-10 10:00"), "call")]
    )
    ana = Contact.from_dict(ana.to_dict())
    first = keyed(build_agenda([ana], [], at("2024-02-01 09:00")))["keep-in-touch"]
    assert first.due.date().isoformat() == "2024-04-09"
    later = ana.with_interaction("news", "told her about the course", at=iso("2024-03-01 10:00"))
    second = keyed(build_agenda([later], [], at("2024-03-02 09:00")))["keep-in-touch"]
    assert second.due.date().isoformat() == "2024-05-30"


def test_people_never_talked_to_get_no_keep_in_touch_reminder():
    stranger = Contact("Stranger", last_interaction=iso("2023-01-01 10:00"))
    assert build_agenda([stranger], [], at("2024-05-01 09:00")).items == ()


def test_a_scheduled_call_is_confirmed_the_day_before_and_practice_runs_are_ignored():
    ana = Contact("Ana", stage="scheduled")
    real = interview(ana, scheduled_at=iso("2024-05-08 14:00"))
    practice = interview(ana, id="iv2", practice=True, scheduled_at=iso("2024-05-08 16:00"))
    items = build_agenda([ana], [real, practice], at("2024-05-06 09:00")).items
    assert [(i.kind, i.interview_id, i.due.date().isoformat()) for i in items] == [
        ("confirm", "iv1", "2024-05-07")
    ]


def test_items_are_sorted_by_due_time_then_kind():
    ana = asked_contact()
    bo = Contact("Bo", stage="interviewed")
    doc = interview(bo, status="ended", stages={"live": {"ended": iso("2024-05-08 08:00")}})
    items = build_agenda([ana, bo], [doc], at("2024-05-06 11:00")).items
    dues = [i.due for i in items]
    assert dues == sorted(dues)
    assert [i.kind for i in items][:2] == ["thank-you", "second-person"]


def test_odd_records_never_break_the_agenda():
    weird = {
        "id": "x",
        "contact_id": "nobody",
        "stages": "nonsense",
        "actions": [1, {"text": 2}],
        "thank_you": [],
        "scheduled_at": "soon",
    }
    assert build_agenda([], [weird], at("2024-05-06 09:00")).items == ()


def test_a_clock_without_a_zone_is_refused():
    with pytest.raises(ValueError):
        build_agenda([], [], datetime(2024, 5, 6, 9, 0))
