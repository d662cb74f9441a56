from datetime import UTC, datetime

from coach.core.clock import FakeClock
from coach.store.db import Store
from coach.tui.app import CoachApp


async def _settled(pilot):
    # The Today panel is computed in a worker; the picture is taken once it has drawn.
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_home_lists_interrupted_upcoming_and_waiting_interviews(snap_compare, theme, data_paths):
    with Store.open(data_paths) as store:
        store.save(
            "interview",
            {
                "id": "a1",
                "status": "planned",
                "contact_name": "Priya Raman",
                "scheduled_at": "2026-12-01T10:00:00+00:00",
            },
        )
        store.save("interview", {"id": "a2", "status": "planned", "contact_name": "Tomás Ortega"})
        store.save(
            "interview",
            {
                "id": "a3",
                "status": "ended",
                "contact_name": "Grace Lin",
                "scheduled_at": "2026-11-20T15:30:00+00:00",
            },
        )
        store.save(
            "interview",
            {
                "id": "a4",
                "status": "debriefed",
                "contact_name": "[bold]Not bold[/]",
                "scheduled_at": "2026-11-18T09:00:00+00:00",
                "thank_you": {"text": "Thank you", "sent_at": None},
            },
        )
        store.save(
            "interview",
            {
                "id": "a5",
                "status": "ended",
                "contact_name": "Sam Okafor",
                "stages": {"live": {"ended": "2026-11-21T16:00:00+00:00"}},
            },
        )
        clock = FakeClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
        app = CoachApp(data_paths, store, clock=clock)
        app.theme = theme
        assert snap_compare(app, terminal_size=(100, 30), run_before=_settled)
