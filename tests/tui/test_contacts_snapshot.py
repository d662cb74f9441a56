"""What the contacts screen looks like at 100×30 with a few fixed contacts."""

from __future__ import annotations

from typing import Any

from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.contacts import ContactsScreen

STAMP = "2025-03-01T09:00:00+00:00"


def fixed_people() -> list[Contact]:
    common: dict[str, Any] = {"created_at": STAMP, "updated_at": STAMP}
    return [
        Contact(
            name="Ada Lovelace",
            id="c1",
            organisation="Analytical Engines",
            role="Analyst",
            how_known="former-colleague",
            stage="interviewed",
            last_interaction="2025-02-20T10:00:00+00:00",
            **common,
        ),
        Contact(
            name="Grace Hopper",
            id="c2",
            organisation="Navy Labs",
            role="Engineer",
            how_known="conference",
            stage="asked",
            **common,
        ),
        Contact(name="[bold]Mallory[/]", id="c3", organisation="[@click=app.quit]Evil", **common),
    ]


def test_contacts_screen_at_100_by_30(snap_compare: Any, data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.put_contacts([c.to_dict() for c in fixed_people()])
        app = CoachApp(data_paths, store)

        async def open_contacts(pilot: Any) -> None:
            await app.push_screen(ContactsScreen())
            await pilot.pause()

        assert snap_compare(app, terminal_size=(100, 30), run_before=open_contacts)
