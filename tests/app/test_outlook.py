from coach.core.outlook import build_outlook


def _doc(i, **fields):
    doc = {"id": f"iv{i}", "contact_name": f"Person {i}", "status": "planned"}
    doc.update(fields)
    return doc


def test_first_run_with_no_interviews_is_empty():
    assert build_outlook([], []).is_empty


def test_upcoming_interviews_are_listed_soonest_first_and_unscheduled_last():
    outlook = build_outlook(
        [
            _doc(1, scheduled_at="2026-12-03T10:00:00+00:00"),
            _doc(2),
            _doc(3, scheduled_at="2026-12-01T09:00:00+00:00"),
        ],
        [],
    )
    assert [item.interview_id for item in outlook.upcoming] == ["iv3", "iv1", "iv2"]
    assert outlook.upcoming[2].reason == "unscheduled"


def test_an_interview_with_a_leftover_journal_is_listed_as_interrupted_only():
    outlook = build_outlook([_doc(1, status="live"), _doc(2, status="live")], ["iv1"])
    assert [item.interview_id for item in outlook.interrupted] == ["iv1"]
    assert [(i.interview_id, i.reason) for i in outlook.waiting] == [("iv2", "debrief")]


def test_a_debriefed_interview_waits_until_its_thank_you_is_sent():
    unsent = _doc(1, status="debriefed", thank_you={"text": "x", "sent_at": None})
    sent = _doc(
        2, status="debriefed", thank_you={"text": "x", "sent_at": "2026-11-20T10:00:00+00:00"}
    )
    outlook = build_outlook([unsent, sent], [])
    assert [(i.interview_id, i.reason) for i in outlook.waiting] == [("iv1", "thank-you")]


def test_practice_runs_never_wait_for_a_thank_you():
    practice = _doc(1, status="debriefed", practice=True, thank_you={})
    assert build_outlook([practice], []).waiting == ()


def test_a_nameless_interview_is_shown_with_a_placeholder_not_a_blank():
    outlook = build_outlook([_doc(1, contact_name="  ")], [])
    assert outlook.upcoming[0].person == "(no name yet)"


def test_finished_interviews_are_listed_newest_first_and_only_the_last_few():
    sent = {"sent_at": "2026-01-01T10:00:00+00:00"}
    docs = [
        _doc(n, status="debriefed", thank_you=sent, updated_at=f"2026-03-{n + 10:02d}T09:00:00")
        for n in range(8)
    ]
    docs.append(_doc(20, status="debriefed", practice=True, updated_at="2026-04-01T09:00:00"))
    docs.append(_doc(21, status="debriefed", updated_at="2026-05-01T09:00:00"))  # not thanked
    outlook = build_outlook(docs, [])
    assert [i.interview_id for i in outlook.done] == ["iv20", "iv7", "iv6", "iv5", "iv4"]
    assert all(i.reason == "done" for i in outlook.done)
    assert [(i.interview_id, i.reason) for i in outlook.waiting] == [("iv21", "thank-you")]


def test_a_held_call_is_listed_by_the_day_it_was_held_not_the_day_planned():
    from datetime import datetime

    held = {"live": {"started": "2026-11-28T09:05:00+00:00", "ended": None}}
    sent = {"sent_at": "2026-11-28T12:00:00+00:00"}
    docs = [
        _doc(
            1,
            status="debriefed",
            thank_you=sent,
            scheduled_at="2026-11-30T14:30:00+00:00",
            stages=held,
        ),
        _doc(2, status="ended", stages=held),  # never scheduled: still has a day
        _doc(3, scheduled_at="2026-12-02T10:00:00+00:00", stages={"live": {}}),
    ]
    outlook = build_outlook(docs, [])
    day = datetime.fromisoformat("2026-11-28T09:05:00+00:00")
    assert outlook.done[0].when == day
    assert outlook.waiting[0].when == day
    assert outlook.upcoming[0].when == datetime.fromisoformat("2026-12-02T10:00:00+00:00")
