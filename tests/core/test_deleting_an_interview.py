"""Deleting an interview made by mistake puts its person back where they stood before it."""

from __future__ import annotations

from coach.core.contact import Contact
from coach.core.interview import Action, Interview, StageTimes, ThankYou
from coach.core.interview_deletion import without_interview
from coach.core.outreach import mark_asked
from coach.services.interviews import delete_interview
from coach.store.db import Store
from coach.store.paths import DataPaths

ASKED = "2026-11-02T09:00:00+00:00"
CALL = "2026-11-10T14:00:00+00:00"
CALL_END = "2026-11-10T14:25:00+00:00"
SENT = "2026-11-11T08:00:00+00:00"
REPORTED = "2026-11-20T18:00:00+00:00"
NOW = "2026-11-21T09:00:00+00:00"


def asked_person() -> Contact:
    return mark_asked(Contact("Ana Silva", id="ana"), at=ASKED)


def held(
    person: Contact, interview_id: str = "iv-1", thanked: bool = False, reported: bool = False
) -> tuple[Contact, Interview]:
    """A call with ``person`` that took place, logged on them as the debrief and agenda do."""
    interview = Interview(
        id=interview_id,
        contact_id=person.id,
        contact_name=person.name,
        status="debriefed",
        scheduled_at=CALL,
        stages={"live": StageTimes(CALL, CALL_END)},
    )
    person = person.with_interaction("call", "Informational interview", CALL)
    person = person.advanced_to("interviewed")
    if thanked:
        interview.thank_you = ThankYou("Thank you", sent_at=SENT)
        person = person.with_interaction("thanks", "Thank-you note sent", SENT)
        person = person.advanced_to("thanked")
    if reported:
        interview.actions = [Action("Read the book", "2026-11-24", reported_back_at=REPORTED)]
        person = person.with_interaction(
            "news", "Told them how their advice worked out: Read the book", REPORTED
        )
    return person, interview


def test_deleting_the_only_call_puts_an_asked_person_back_at_asked_without_the_call():
    person, interview = held(asked_person(), thanked=True, reported=True)
    person = person.with_interaction("message", "sent the article", "2026-11-15T10:00:00+00:00")
    assert person.stage == "thanked"

    restored = without_interview(person, interview, [interview], at=NOW)

    assert restored.stage == "asked"
    assert [i.kind for i in restored.interactions] == ["ask", "message"]
    assert restored.last_interaction == "2026-11-15T10:00:00+00:00"
    assert restored.asked_at == ASKED
    assert restored.updated_at == NOW


def test_the_latest_contact_date_goes_back_to_the_ask_when_the_call_was_the_latest():
    person, interview = held(asked_person())
    assert person.last_interaction == CALL
    assert without_interview(person, interview, []).last_interaction == ASKED


def test_someone_never_asked_goes_back_to_identified():
    person, interview = held(Contact("Ben Ode", id="ben"))
    assert without_interview(person, interview, []).stage == "identified"


def test_another_call_with_the_same_person_keeps_them_interviewed():
    person, first = held(asked_person(), "iv-1")
    person, second = held(person, "iv-2", thanked=True)
    assert person.stage == "thanked"
    # The second call logged at the same time would be the first's; keep them apart.
    second.stages = {"live": StageTimes("2026-11-12T10:00:00+00:00", None)}
    person.interactions[-2].at = "2026-11-12T10:00:00+00:00"

    restored = without_interview(person, second, [first, second])

    assert restored.stage == "interviewed"
    assert [i.kind for i in restored.interactions] == ["ask", "call"]


def test_a_planned_interview_with_a_date_left_moves_the_person_back_only_to_scheduled():
    person, interview = held(asked_person())
    upcoming = Interview(
        id="iv-next", contact_id=person.id, status="planned", scheduled_at="2026-12-01T10:00:00Z"
    )
    assert without_interview(person, interview, [upcoming]).stage == "scheduled"


def test_a_stage_set_by_hand_beyond_what_the_interview_did_stays():
    # The interview only had a date; the person was marked interviewed by hand (a call held
    # before coach was used): deleting the planned interview leaves that alone.
    person = asked_person().advanced_to("interviewed")
    planned = Interview(id="iv-1", contact_id=person.id, scheduled_at=CALL)
    assert without_interview(person, planned, []) is person


def test_keeping_in_touch_on_top_of_the_deleted_call_goes_back_with_it():
    person, interview = held(asked_person(), thanked=True)
    person = person.advanced_to("keeping-in-touch")
    assert without_interview(person, interview, []).stage == "asked"


def test_keeping_in_touch_stays_when_another_thank_you_was_sent():
    person, first = held(asked_person(), "iv-1", thanked=True)
    second = Interview(id="iv-2", contact_id=person.id, scheduled_at=CALL)
    person = person.advanced_to("keeping-in-touch")
    assert without_interview(person, second, [first]).stage == "keeping-in-touch"


def test_a_practice_run_or_an_undated_plan_changes_nobody():
    person = asked_person()
    practice = Interview(id="p", contact_id=person.id, practice=True, status="ended")
    undated = Interview(id="u", contact_id=person.id)
    assert without_interview(person, practice, []) is person
    assert without_interview(person, undated, []) is person


def test_deleting_an_interview_in_the_store_saves_the_person_as_before_it(data_paths: DataPaths):
    person, interview = held(asked_person(), thanked=True)
    with Store.open(data_paths) as store:
        store.save("contact", person.to_dict())
        store.save("interview", interview.to_dict())

        delete_interview(store, interview.id, at=NOW)

        assert store.get_interview(interview.id) is None
        doc = store.get_contact(person.id)
        assert doc is not None
        restored = Contact.from_dict(doc)
        assert restored.stage == "asked"
        assert [i.kind for i in restored.interactions] == ["ask"]
