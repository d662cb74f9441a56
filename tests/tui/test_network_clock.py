"""Every date the network screens write comes from the app's clock, so tests can fix "now"."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Input

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.store.db import YOUR_NAME, Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.contact_form import ContactFormScreen
from coach.tui.screens.contacts import ContactsScreen, MergePreviewScreen
from coach.tui.screens.request import RequestScreen

FIXTURES = Path(__file__).parent.parent / "fixtures" / "network"


def when(value: str | None) -> datetime:
    assert value, "no date was written"
    return datetime.fromisoformat(value)


async def test_a_logged_reply_is_dated_by_the_clock(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    store.save("contact", Contact(name="Ada", id="c-ada", stage="asked").to_dict())
    app = CoachApp(data_paths, store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ContactsScreen())
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.click("#answer-2")  # Reply
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.flush(5)
        doc = store.get_contact("c-ada") or {}
        assert when(doc["replied_at"]) == fake_clock.now()
        assert when(doc["last_interaction"]) == fake_clock.now()


async def test_a_merge_is_dated_by_the_clock(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    store.save_all(
        "contact",
        [
            Contact(name="Ana Silva", id="c-1", email="ana@example.org").to_dict(),
            Contact(name="Ana Silva", id="c-2", email="ANA@example.org").to_dict(),
        ],
    )
    app = CoachApp(data_paths, store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ContactsScreen())
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MergePreviewScreen)
        assert when(app.screen.plan.merged.updated_at) == fake_clock.now()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        (doc,) = store.contacts()
        assert when(doc["updated_at"]) == fake_clock.now()


async def test_imported_contacts_are_dated_by_the_clock(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    app = CoachApp(data_paths, store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = ContactsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        screen.import_file(FIXTURES / "connections_no_preamble_old.csv")
        await app.workers.wait_for_complete()
        docs = store.contacts()
        assert docs
        assert {when(d["created_at"]) for d in docs} == {fake_clock.now()}


async def test_a_contact_saved_from_the_form_is_dated_by_the_clock(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    app = CoachApp(data_paths, store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ContactsScreen())
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        app.screen.query_one("#contact-name", Input).value = "Grace Hopper"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.flush(5)
        (doc,) = store.contacts()
        assert when(doc["updated_at"]) == fake_clock.now()


async def test_an_ask_and_a_kept_draft_are_dated_by_the_clock(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    kim = Contact(name="Kim Park", id="c-kim", how_known="friend", organisation="Acme")
    store.set_meta(YOUR_NAME, "Sam Rivera")  # signed: the draft has no gaps to ask about
    app = CoachApp(data_paths, store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert app.store.flush(5)
        doc = store.get_contact("c-kim") or {}
        assert when(doc["asked_at"]) == fake_clock.now()
        assert when(doc["interactions"][0]["at"]) == fake_clock.now()

        fake_clock.advance(3600)
        await pilot.press("end", *"Thanks!")
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.flush(5)
        doc = store.get_contact("c-kim") or {}
        assert "Thanks!" in doc["request_draft"]
        assert when(doc["updated_at"]) == fake_clock.now()
