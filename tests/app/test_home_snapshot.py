from coach.store.db import Store
from coach.tui.app import CoachApp


def test_home_lists_interrupted_upcoming_and_waiting_interviews(snap_compare, data_paths):
    with Store.open(data_paths) as store:
        store.put_interview(
            {
                "id": "a1",
                "status": "planned",
                "contact_name": "Priya Raman",
                "scheduled_at": "2026-12-01T10:00:00+00:00",
            }
        )
        store.put_interview({"id": "a2", "status": "planned", "contact_name": "Tomás Ortega"})
        store.put_interview(
            {
                "id": "a3",
                "status": "ended",
                "contact_name": "Grace Lin",
                "scheduled_at": "2026-11-20T15:30:00+00:00",
            }
        )
        store.put_interview(
            {
                "id": "a4",
                "status": "debriefed",
                "contact_name": "[bold]Not bold[/]",
                "scheduled_at": "2026-11-18T09:00:00+00:00",
                "thank_you": {"text": "Thank you", "sent_at": None},
            }
        )
        app = CoachApp(data_paths, store)
        assert snap_compare(app, terminal_size=(100, 30))
