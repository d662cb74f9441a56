"""Home opened from a current summary cache shows exactly what it shows from every interview,
without reading the finished ones; after a save it shows the save."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from textual.widgets import OptionList

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.shortlist import home_shortlist
from coach.tui.app import CoachApp
from coach.tui.widgets.agenda_panel import AgendaPanel

NOW = datetime(2026, 3, 12, 10, 0, tzinfo=UTC)


def at(days: float) -> str:
    return (NOW + timedelta(days=days)).isoformat()


def history() -> list[dict[str, Any]]:
    """Forty finished conversations and, among them, the few that still ask for something."""
    docs: list[dict[str, Any]] = []
    for n in range(40):
        ended = at(-3 * n - 1)
        docs.append(
            {
                "id": f"iv{n:02d}",
                "contact_id": f"c{n % 6}",
                "contact_name": f"Person {n % 6}",
                "status": "debriefed",
                "scheduled_at": ended,
                "updated_at": at(-3 * n),
                "stages": {"live": {"started": ended, "ended": ended}},
                "thank_you": {"sent_at": at(-3 * n), "due_at": None},
                "actions": [{"id": "a", "text": "Read it", "done_at": ended, "kind": "own"}],
            }
        )
    docs[12]["actions"] = [{"id": "b", "text": "Send the deck", "due": at(-1)[:10]}]
    docs[20]["thank_you"] = {"sent_at": None, "due_at": at(-2)}
    docs[25]["actions"] = [{"id": "c", "text": "Try the course", "done_at": at(-8)}]
    docs.append({"id": "up1", "status": "planned", "contact_name": "Ula", "scheduled_at": at(1)})
    docs.append({"id": "up2", "status": "planned", "contact_name": "Vic"})
    docs.append({"id": "end", "status": "ended", "contact_name": "Wes",
                 "stages": {"live": {"started": at(-1), "ended": at(-1)}}})  # fmt: skip
    return docs


async def what_home_shows(paths: DataPaths, *, every_summary: bool) -> tuple[list[str], str]:
    with Store.open(paths) as store:
        assert store.opened_from_cache
        if every_summary:
            store.interview_summaries_view()  # reads every summary: no shortlist from here on
        assert (home_shortlist(store) is None) == every_summary
        app = CoachApp(paths, store, clock=FakeClock(NOW))
        async with app.run_test(size=(110, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            listing = app.screen.query_one("#home-list", OptionList)
            lines = [
                str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
            ]
            panel = str(app.screen.query_one(AgendaPanel).render())
        if not every_summary:
            assert home_shortlist(store) is not None  # Home read only the shortlist
    return lines, panel


async def test_home_from_the_cache_shows_what_every_interview_shows(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        people = [Contact(name=f"Person {k}", id=f"c{k}", stage="thanked") for k in range(6)]
        store.save_all("contact", [person.to_dict() for person in people])
        store.save_all("interview", history())
    fast = await what_home_shows(data_paths, every_summary=False)
    slow = await what_home_shows(data_paths, every_summary=True)
    assert fast == slow
    lines, panel = fast
    assert sum("done — open the record" in line for line in lines) == 5
    for expected in ("Ula", "Vic", "Wes", "thank-you not sent"):
        assert any(expected in line for line in lines), expected
    for expected in ("Send the deck", "report back", "Send Person 2 a thank-you"):
        assert expected in panel, expected


async def test_after_a_save_home_shows_the_save(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save_all("interview", history())
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store, clock=FakeClock(NOW))
        async with app.run_test(size=(110, 40)) as pilot:
            await app.workers.wait_for_complete()
            store.save("interview", {"id": "new", "status": "planned", "contact_name": "Nell"})
            app.screen.refresh_outlook()  # type: ignore[attr-defined]
            await app.workers.wait_for_complete()
            await pilot.pause()
            listing = app.screen.query_one("#home-list", OptionList)
            lines = [
                str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
            ]
    assert any("Nell" in line for line in lines)
