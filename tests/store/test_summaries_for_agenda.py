"""Interview summaries hold what the follow-up agenda needs, so it never decodes whole notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.core.agenda import build_agenda
from coach.store.db import Store
from coach.store.paths import DataPaths

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _interview(n: int, ended: datetime, *, sent: bool, action_done: bool) -> dict[str, object]:
    return {
        "id": f"i{n}",
        "contact_id": f"c{n}",
        "contact_name": f"Person {n}",
        "status": "debriefed",
        "practice": False,
        "scheduled_at": ended.isoformat(),
        "notes": [{"text": "a long note " * 30}],
        "plan": {"set_ids": ["general"], "questions": [{"id": "q1", "text": "Why?"}]},
        "stages": {"live": {"started": ended.isoformat(), "ended": ended.isoformat()}},
        "thank_you": {"text": "", "due_at": None, "sent_at": ended.isoformat() if sent else None},
        "actions": [
            {
                "id": f"a{n}",
                "text": "Read the handbook",
                "due": (ended + timedelta(days=3)).date().isoformat(),
                "done_at": ended.isoformat() if action_done else None,
                "kind": "advice",
                "reported_back_at": None,
            }
        ],
    }


def test_the_agenda_from_summaries_equals_the_agenda_from_whole_interviews(
    data_paths: DataPaths,
) -> None:
    with Store.open(data_paths) as store:
        for n in range(6):
            ended = NOW - timedelta(days=2 * n + 1)
            store.save("interview", _interview(n, ended, sent=n % 2 == 0, action_done=n % 3 == 0))
        whole = build_agenda([], store.interviews(), NOW)
        summaries = store.interview_summaries()
    assert whole.items  # thank-yous, actions and report-backs are due: a real comparison
    assert build_agenda([], summaries, NOW) == whole
    assert all("notes" not in s and "plan" not in s for s in summaries)


def test_summaries_are_private_copies_down_to_stages_and_actions(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save("interview", _interview(1, NOW, sent=False, action_done=False))
        (summary,) = store.interview_summaries()
        summary["stages"]["live"]["ended"] = "changed"
        summary["actions"][0]["done_at"] = "changed"
        (again,) = store.interview_summaries()
    assert again["stages"]["live"]["ended"] == NOW.isoformat()
    assert again["actions"][0]["done_at"] is None


def test_odd_shaped_stages_or_actions_are_left_out_of_summaries(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save("interview", {"id": "i1", "stages": {"live": {"x": [1]}}, "actions": ["text"]})
        (summary,) = store.interview_summaries()
    assert "stages" not in summary and "actions" not in summary


def test_the_shared_view_matches_the_copies_and_a_later_save_does_not_change_it(
    data_paths: DataPaths,
) -> None:
    with Store.open(data_paths) as store:
        store.save("interview", _interview(1, NOW, sent=False, action_done=False))
        view = store.interview_summaries_view()
        assert [dict(s) for s in view] == store.interview_summaries()
        before = dict(view[0])
        changed = _interview(1, NOW, sent=True, action_done=True)
        store.save("interview", changed)
        # A save replaces the summary; the one already handed out stays as it was read.
        assert dict(view[0]) == before
        assert store.interview_summaries_view()[0]["thank_you"]["sent_at"] is not None
