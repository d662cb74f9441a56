"""The use cases the command line and the app share, called directly: no Textual, no click."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from coach.core.agenda import build_agenda
from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.core.interview import Action, Interview, Referral
from coach.core.live import LiveCall
from coach.core.plan import Plan
from coach.core.question_set import Question, QuestionSet, Section
from coach.services import agenda, calls, contacts, referrals
from coach.store.db import DELETED_CONTACTS, Store, deleted_keys
from coach.store.paths import DataPaths

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def planned() -> Interview:
    questions = (
        Question("path", "How did you come into this work?", "must", 3.0),
        Question("day", "What does an ordinary week look like?", "should", 3.0),
    )
    plan = Plan.from_sets([QuestionSet("s", "S", (Section("m", "Main", questions),))], 20)
    return Interview(id="iv-call", contact_name="Ada Lovelace", plan=plan.freeze())


def test_an_import_saves_new_people_and_leaves_out_the_ones_deleted_before(
    store: Store, tmp_path: Path
) -> None:
    gone = Contact(name="Ana Ortiz", email="ana@example.org")
    store.save("contact", gone.to_dict())
    removal = contacts.plan_deletion(store, gone, contacts.on_file(store), NOW.isoformat())
    contacts.delete_contact(store, removal, NOW.isoformat())
    cards = tmp_path / "people.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Ortiz\nEMAIL:ana@example.org\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bo Lind\nORG:Riverside Health\nEND:VCARD\n"
    )
    outcome = contacts.import_contacts(store, cards, NOW.isoformat())
    assert outcome.error is None
    assert [c["name"] for c in store.contacts()] == ["Bo Lind"]
    assert [row.line for row in outcome.skipped] == [1]
    assert "deleted" in outcome.skipped[0].reason
    dry = contacts.import_contacts(store, cards, NOW.isoformat(), dry_run=True)
    assert dry.plan is not None and dry.plan.imported == 0


def test_deleting_a_contact_unlinks_their_interviews_and_referrals_in_one_change(
    store: Store,
) -> None:
    dana = Contact(name="Dana Whitfield", email="dana@example.org")
    luis = Contact(name="Luis Ortega", referred_by=dana.id)
    store.save_all("contact", [dana.to_dict(), luis.to_dict()])
    call = Interview(id="iv1", contact_id=dana.id, contact_name=dana.name)
    call.referrals = [Referral(name="Luis Ortega", confirmed=True, contact_id=luis.id)]
    store.save("interview", call.to_dict())
    other = Interview(id="iv2", contact_id=luis.id, contact_name=luis.name)
    other.referrals = [Referral(name="Dana", confirmed=True, contact_id=dana.id)]
    store.save("interview", other.to_dict())
    removal = contacts.plan_deletion(store, dana, contacts.on_file(store), NOW.isoformat())
    assert removal.interviews == 1 and [c.id for c in removal.unlinked] == [luis.id]
    contacts.delete_contact(store, removal, NOW.isoformat())
    assert store.get_contact(dana.id) is None
    assert store.get_contact(luis.id)["referred_by"] is None
    kept = store.get_interview("iv1")
    assert kept["contact_id"] is None and kept["contact_name"] == "Dana Whitfield"
    assert store.get_interview("iv2")["referrals"][0]["contact_id"] is None
    assert any(key.startswith("email:") for key in deleted_keys(store))
    assert store.get_meta(DELETED_CONTACTS)
    assert not contacts.save_contact(store, dana), "a stale screen cannot bring her back"


def test_a_confirmed_referral_becomes_a_contact_referred_by_the_person_interviewed(
    store: Store,
) -> None:
    dana = Contact(name="Dana Whitfield")
    store.save("contact", dana.to_dict())
    call = Interview(id="iv1", contact_id=dana.id, contact_name=dana.name)
    referral = Referral(name="Luis Ortega", confirmed=True)
    call.referrals = [referral]
    confirmed = referrals.confirm_referral(store, call, referral)
    assert not confirmed.on_file
    luis = store.get_contact(confirmed.contact.id)
    assert luis is not None and luis["referred_by"] == dana.id
    assert store.get_interview("iv1")["referrals"][0]["contact_id"] == luis["id"]
    again = referrals.confirm_referral(store, call, referral)
    assert again.on_file and again.contact.id == luis["id"]
    assert len(store.contacts()) == 2


def test_an_agenda_tick_and_its_undo_change_the_action_and_the_persons_history(
    store: Store,
) -> None:
    dana = Contact(name="Dana Whitfield")
    store.save("contact", dana.to_dict())
    call = Interview(id="iv1", contact_id=dana.id, contact_name=dana.name, status="debriefed")
    call.actions = [Action(text="Read the guide she named", due="2026-12-01", kind="advice")]
    call.actions[0].done_at = "2026-11-20T10:00:00+00:00"
    store.save("interview", call.to_dict())
    items = build_agenda(contacts.on_file(store), store.interview_summaries(), NOW).items
    report = next(i for i in items if i.kind == "report-back")
    clock = FakeClock(NOW)
    tick = agenda.tick_off(store, report, clock)
    assert store.get_interview("iv1")["actions"][0]["reported_back_at"] is not None
    history = store.get_contact(dana.id)["interactions"]
    assert [i["kind"] for i in history] == ["news"]
    agenda.take_back(store, tick, clock)
    assert store.get_interview("iv1")["actions"][0]["reported_back_at"] is None
    assert store.get_contact(dana.id)["interactions"] == []


def test_an_interrupted_call_is_assessed_resumed_or_discarded(data_paths: DataPaths) -> None:
    clock = FakeClock(NOW)
    with Store.open(data_paths) as store:
        interview = planned()
        store.save("interview", interview.to_dict())
        call = LiveCall(Interview.from_dict(store.get_interview(interview.id)), clock)
        call.start()
        calls.save(store, call)
        call.set_draft("a note typed before the crash")
        call.next()
        calls.keep(store, call)
        assert store.flush(10)
    with Store.open(data_paths) as store:
        saved = Interview.from_dict(store.get_interview(interview.id))
        recovery = calls.assess(store, saved, clock)
        assert recovery.replayable and recovery.adds_anything and recovery.notes == 1
        resumed = calls.resume(recovery, clock)
        assert [n.text for n in resumed.interview.notes] == ["a note typed before the crash"]
        assert resumed.paused
        ended = calls.discard(store, calls.assess(store, saved, clock))
        assert ended.status == "ended" and store.get_interview(interview.id)["status"] == "ended"
        assert store.journals.interrupted() == []


def test_ending_a_call_removes_its_journal_once_the_ended_interview_is_on_disk(
    store: Store,
) -> None:
    clock = FakeClock(NOW)
    call = LiveCall(planned(), clock)
    call.start()
    call.set_draft("last words")
    calls.keep(store, call)
    assert store.flush(10) and store.journals.interrupted() == [call.interview.id]
    calls.end(store, call)
    assert store.flush(10)
    assert store.journals.interrupted() == []
    assert store.get_interview(call.interview.id)["notes"][-1]["text"] == "last words"


def test_a_record_kept_in_two_versions_shows_what_differs_and_settles_on_either(
    store: Store,
) -> None:
    from coach.services.sync import kept_versions, resolve
    from coach.store.sync import CONFLICTS, VERSIONS_KEPT, keep_conflict

    here = {"id": "c1", "name": "Ana Ortiz", "role": "Nurse", "updated_at": "2026-12-03T11:00"}
    there = {"id": "c1", "name": "Ana Ortiz", "role": "Charge nurse", "notes": "met at a fair"}
    store.save("contact", keep_conflict(here, there, "another device", "2026-12-03T11:05"))
    doc = store.get_contact("c1")
    assert doc[VERSIONS_KEPT] == 1
    [version] = kept_versions(doc)
    assert version.source == "another device"
    assert [(d.field, d.here, d.there) for d in version.differences] == [
        ("role", "Nurse", "Charge nurse"),
        ("notes", "(empty)", "met at a fair"),
    ]
    resolve(store, "contact", "c1", take=version.index)
    settled = store.get_contact("c1")
    assert settled["role"] == "Charge nurse" and CONFLICTS not in settled
    assert VERSIONS_KEPT not in settled
    store.save("contact", keep_conflict(here, there, "another device", "2026-12-03T11:05"))
    resolve(store, "contact", "c1")
    assert store.get_contact("c1") == here
