"""Action items are ticked off, reported back on, and the agenda follows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coach.core import debrief
from coach.core.agenda import build_agenda
from coach.core.clock import FakeClock
from coach.core.interview import Interview

CALL = datetime(2025, 3, 3, 14, 0, tzinfo=UTC)


def called(clock: FakeClock) -> Interview:
    made = Interview(contact_name="Ada Lovelace", contact_id="c-ada")
    made.stage("live").ended = CALL.isoformat()
    debrief.add_action(made, "Join the regional users' group", date(2025, 3, 10), kind="advice")
    debrief.add_action(made, "Update my portfolio", date(2025, 3, 12))
    return made


def kinds(interview: Interview, when: datetime) -> dict[str, str]:
    agenda = build_agenda([], [interview.to_dict()], when)
    return {item.text: item.kind for item in agenda.items if item.kind != "thank-you"}


def test_a_ticked_action_leaves_the_agenda_and_advice_asks_for_a_report_back_a_week_later():
    clock = FakeClock(CALL)
    made = called(clock)
    advice, own = made.actions
    clock.advance(5 * 86400)
    assert debrief.set_action_done(made, advice.id, True, clock) is advice
    assert debrief.set_action_done(made, own.id, True, clock) is own
    assert advice.done_at == clock.now().isoformat()
    # Neither is an open action any more; the advice is to be reported back on 7–14 days after
    # it was done, one's own action is not.
    agenda = build_agenda([], [made.to_dict()], datetime(2025, 3, 10, 9, tzinfo=UTC))
    left = [item for item in agenda.items if item.kind != "thank-you"]
    assert [(item.kind, item.due.date(), item.until and item.until.date()) for item in left] == [
        ("report-back", date(2025, 3, 15), date(2025, 3, 22))
    ]
    assert left[0].text.endswith("how their advice worked out: Join the regional users' group")


def test_ticking_twice_keeps_the_first_time_and_opening_again_forgets_the_report_back():
    clock = FakeClock(CALL)
    made = called(clock)
    advice = made.actions[0]
    debrief.set_action_done(made, advice.id, True, clock)
    first = advice.done_at
    clock.advance(3600)
    debrief.set_action_done(made, advice.id, True, clock)
    assert advice.done_at == first
    debrief.mark_reported_back(made, advice.id, clock)
    assert advice.reported_back_at == clock.now().isoformat()
    debrief.set_action_done(made, advice.id, False, clock)
    assert (advice.done_at, advice.reported_back_at) == (None, None)
    assert "Join the regional users' group" in kinds(made, datetime(2025, 3, 4, tzinfo=UTC))


def test_reporting_back_ends_the_reminder_and_counts_as_done():
    clock = FakeClock(CALL)
    made = called(clock)
    advice = made.actions[0]
    debrief.mark_reported_back(made, advice.id, clock)
    assert advice.done_at == advice.reported_back_at == clock.now().isoformat()
    assert "report-back" not in kinds(made, datetime(2025, 3, 20, tzinfo=UTC)).values()
    # The ticks survive a save and a load.
    again = Interview.from_dict(made.to_dict())
    assert again.actions[0].reported_back_at == advice.reported_back_at


def test_an_unknown_action_changes_nothing():
    clock = FakeClock(CALL)
    made = called(clock)
    before = made.to_dict()
    assert debrief.set_action_done(made, "no-such-id", True, clock) is None
    assert debrief.mark_reported_back(made, "no-such-id", clock) is None
    assert made.to_dict() == before


def test_an_action_can_be_put_in_your_own_words_but_not_emptied():
    import pytest

    made = called(FakeClock(CALL))
    first = made.actions[0]
    changed = debrief.reword_action(made, first.id, "  Join the users' group\x07 in March ")
    assert changed is first and first.text == "Join the users' group in March"
    with pytest.raises(ValueError):
        debrief.reword_action(made, first.id, " \n ")
    assert first.text == "Join the users' group in March"
    assert debrief.reword_action(made, "no-such-action", "x") is None


def test_a_reworded_action_from_advice_is_not_made_again_from_its_flag():
    from coach.core.interview import Flag

    clock = FakeClock(CALL)
    made = Interview(contact_name="Ada Lovelace")
    made.stage("live").ended = CALL.isoformat()
    made.flags = [Flag("advice", None, 60.0, "Keep a portfolio of small pipelines")]
    [action] = debrief.actions_from_advice(made, clock)
    debrief.reword_action(made, action.id, "Build two small pipelines and publish them")
    # Opening the debrief again (which turns advice into actions) adds nothing.
    assert debrief.actions_from_advice(made, clock) == []
    stored = Interview.from_dict(made.to_dict())
    assert debrief.actions_from_advice(stored, clock) == []
    assert [a.text for a in stored.actions] == ["Build two small pipelines and publish them"]


def test_an_action_stored_before_it_kept_its_flag_is_not_doubled_once_reworded():
    from coach.core.interview import Flag

    clock = FakeClock(CALL)
    made = Interview(contact_name="Ada Lovelace")
    made.stage("live").ended = CALL.isoformat()
    made.flags = [Flag("advice", None, 60.0, "Join the users' group")]
    debrief.actions_from_advice(made, clock)
    doc = made.to_dict()
    del doc["actions"][0]["from_flag"]  # the shape written by earlier versions
    older = Interview.from_dict(doc)
    debrief.reword_action(older, older.actions[0].id, "Join the group in March")
    assert debrief.actions_from_advice(older, clock) == []
