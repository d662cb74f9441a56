"""What the network screens look like at 100×30 with a few fixed contacts."""

from __future__ import annotations

from typing import Any

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.contact_form import ContactFormScreen
from coach.tui.screens.contacts import ContactsScreen
from coach.tui.screens.referrals import ReferralsScreen
from coach.tui.screens.request import RequestScreen

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


def test_contacts_screen_at_100_by_30(snap_compare: Any, theme: str, data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save_all("contact", [c.to_dict() for c in fixed_people()])
        app = CoachApp(data_paths, store)
        app.theme = theme

        async def open_contacts(pilot: Any) -> None:
            await app.push_screen(ContactsScreen())
            await pilot.pause()

        assert snap_compare(app, terminal_size=(100, 30), run_before=open_contacts)


def referral_people() -> list[Contact]:
    """Three generations of referrals, one long name, and one name with markup in it."""
    common: dict[str, Any] = {"created_at": STAMP, "updated_at": STAMP}
    return [
        Contact(
            name="Rita Gomez", id="r1", organisation="Acme Analytics", stage="thanked", **common
        ),
        Contact(
            name="Ana Silva",
            id="r2",
            organisation="Acme Analytics",
            how_known="referral",
            referred_by="r1",
            stage="interviewed",
            **common,
        ),
        Contact(
            name="Bartholomew Featherstonehaugh-Montgomery",
            id="r3",
            organisation="International Business Machines Corporation",
            role="Principal Architect",
            how_known="referral",
            referred_by="r2",
            stage="asked",
            asked_at="2025-02-27T10:00:00+00:00",
            **common,
        ),
        Contact(
            name="[bold]Mallory[/]",
            id="r4",
            organisation="[@click=app.quit]Evil",
            referred_by="r2",
            **common,
        ),
        Contact(name="Fay Wray", id="r5", organisation="Contoso", referred_by="r1", **common),
        Contact(name="Nobody Links", id="r6", **common),
    ]


def test_referrals_screen_at_100_by_30(
    snap_compare: Any, theme: str, data_paths: DataPaths, fake_clock: FakeClock
) -> None:
    with Store.open(data_paths) as store:
        store.save_all("contact", [c.to_dict() for c in referral_people()])
        app = CoachApp(data_paths, store, clock=fake_clock)
        app.theme = theme

        async def open_referrals(pilot: Any) -> None:
            await app.push_screen(ReferralsScreen())
            await pilot.pause()

        assert snap_compare(app, terminal_size=(100, 30), run_before=open_referrals)


def test_request_screen_at_100_by_30(
    snap_compare: Any, theme: str, data_paths: DataPaths, fake_clock: FakeClock
) -> None:
    with Store.open(data_paths) as store:
        store.save_all("contact", [c.to_dict() for c in referral_people()])
        app = CoachApp(data_paths, store, clock=fake_clock)
        app.theme = theme

        async def open_request(pilot: Any) -> None:
            # Asked already (the header shows the date); the referral template fills the draft.
            await app.push_screen(RequestScreen("r3"))
            await pilot.pause()

        assert snap_compare(app, terminal_size=(100, 30), run_before=open_request)


def test_contact_form_at_100_by_30(
    snap_compare: Any, theme: str, data_paths: DataPaths, fake_clock: FakeClock
) -> None:
    with Store.open(data_paths) as store:
        people = referral_people()
        store.save_all("contact", [c.to_dict() for c in people])
        app = CoachApp(data_paths, store, clock=fake_clock)
        app.theme = theme

        async def open_form(pilot: Any) -> None:
            # Over the contacts list, where e opens it.
            await app.push_screen(ContactsScreen())
            await pilot.pause()
            await app.push_screen(ContactFormScreen(people[2], people))
            await pilot.pause()

        assert snap_compare(app, terminal_size=(100, 30), run_before=open_form)
