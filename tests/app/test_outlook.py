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
