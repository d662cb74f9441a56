"""Home lists what two devices left to settle: sync copies to merge, records kept in two
versions; Enter settles each, and Contacts asks before opening a person kept in two."""

from __future__ import annotations

import orjson
from textual.widgets import OptionList

from coach.core.contact import Contact
from coach.core.interview import Interview
from coach.store.db import Kind, Store
from coach.store.paths import DataPaths
from coach.store.sync import CONFLICTS, keep_conflict
from coach.tui.app import CoachApp
from coach.tui.screens.confirm import ChoiceScreen

COPY_NAME = "coach.sync-conflict-20261203-101010-ABCDEFG.json"


def kept_in_two(
    store: Store, kind: Kind, here: Contact | Interview, there: Contact | Interview
) -> None:
    """Save ``here`` as the version that won, keeping ``there`` as another device's."""
    store.save(
        kind, keep_conflict(here.to_dict(), there.to_dict(), "another device", "2026-12-03T10:00")
    )


def _rows(app: CoachApp) -> list[str]:
    option_list = app.screen.query_one("#home-list", OptionList)
    return [str(option.prompt) for option in option_list.options]


def _ids(app: CoachApp) -> list[str]:
    option_list = app.screen.query_one("#home-list", OptionList)
    return [option.id or "" for option in option_list.options]


async def test_home_lists_a_sync_copy_and_enter_merges_it_in(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save("interview", Interview(id="iv-1", contact_name="Dana Whitfield").to_dict())
        store.save("contact", {"id": "a", "name": "Ana", "updated_at": "2026-12-01T10:00"})
    copy_data = orjson.loads(data_paths.db.read_bytes())
    copy_data["contacts"]["9"] = {"id": "z", "name": "Zoë", "updated_at": "2026-12-02T10:00"}
    copy = data_paths.root / COPY_NAME
    copy.write_bytes(orjson.dumps(copy_data))
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            rows = _rows(app)
            assert rows[0] == "Changed on two devices"
            assert COPY_NAME in rows[1] and "Enter to merge it in" in rows[1]
            assert any("Dana Whitfield" in row for row in rows)  # the rest of Home as before
            option_list = app.screen.query_one("#home-list", OptionList)
            option_list.highlighted = _ids(app).index(f"copy:{COPY_NAME}")
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert {c["id"] for c in store.contacts()} == {"a", "z"}
            assert not copy.exists()
            assert (data_paths.backups / "merged" / COPY_NAME).exists()
            assert not any("two devices" in row for row in _rows(app))
            assert any("Merged " + COPY_NAME in str(n.message) for n in app._notifications)


async def test_a_copy_coach_cannot_read_is_reported_and_stays(data_paths: DataPaths) -> None:
    copy = data_paths.root / COPY_NAME
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "a", "name": "Ana"})
        copy.write_text("{ not json", encoding="utf-8")
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            option_list = app.screen.query_one("#home-list", OptionList)
            option_list.highlighted = _ids(app).index(f"copy:{COPY_NAME}")
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.is_running and copy.exists()
            messages = [str(n.message) for n in app._notifications]
            assert any(m.startswith(f"{COPY_NAME} was not merged") for m in messages), messages


async def test_a_contact_kept_in_two_versions_is_listed_and_settled_from_home(
    data_paths: DataPaths,
) -> None:
    here = Contact(id="c-1", name="Dana Whitfield", organisation="Riverside Health")
    there = Contact(id="c-1", name="Dana Whitfield", organisation="Northside Clinic")
    with Store.open(data_paths) as store:
        kept_in_two(store, "contact", here, there)
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            rows = _rows(app)
            assert rows[0] == "Changed on two devices"
            assert "Dana Whitfield" in rows[1] and "contact kept in 2 versions" in rows[1]
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            shown = str(app.screen.query_one(".confirm-question").render())
            assert "Riverside Health" in shown and "Northside Clinic" in shown
            await pilot.click("#answer-1")  # take the other
            await pilot.pause()
            doc = store.get_contact("c-1")
            assert doc is not None and doc["organisation"] == "Northside Clinic"
            assert CONFLICTS not in doc
            assert not any("two devices" in row for row in _rows(app))


async def test_decide_later_keeps_both_versions_listed(data_paths: DataPaths) -> None:
    here = Interview(id="iv-two", contact_name="Kim Park", goals="Goals typed here")
    there = Interview(id="iv-two", contact_name="Kim Park", goals="Goals typed on the laptop")
    with Store.open(data_paths) as store:
        kept_in_two(store, "interview", here, there)
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            option_list = app.screen.query_one("#home-list", OptionList)
            option_list.highlighted = _ids(app).index("versions:interview:iv-two")
            assert "interview kept in 2 versions" in _rows(app)[option_list.highlighted]
            await pilot.press("enter")
            await pilot.pause()
            await pilot.click("#answer-2")  # decide later
            await pilot.pause()
            doc = store.get_interview("iv-two")
            assert doc is not None and doc["goals"] == "Goals typed here" and doc[CONFLICTS]
            assert "versions:interview:iv-two" in _ids(app)


async def test_contacts_asks_which_version_before_opening_a_person_kept_in_two(
    data_paths: DataPaths,
) -> None:
    here = Contact(id="c-1", name="Dana Whitfield", role="Analyst")
    there = Contact(id="c-1", name="Dana Whitfield", role="Senior analyst")
    with Store.open(data_paths) as store:
        kept_in_two(store, "contact", here, there)
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            assert type(app.screen).__name__ == "ContactsScreen"
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.click("#answer-1")  # take the other
            await pilot.pause()
            assert type(app.screen).__name__ == "ContactFormScreen"
            doc = store.get_contact("c-1")
            assert doc is not None and doc["role"] == "Senior analyst" and CONFLICTS not in doc


def test_the_store_finds_records_kept_in_two_versions_and_not_a_note_that_names_the_key(
    data_paths: DataPaths,
) -> None:
    from coach.services.sync import kept_in_two_versions

    with Store.open(data_paths) as store:
        store.save("contact", {"id": "plain", "name": "Ana", "notes": 'my "conflicts": none'})
        store.save(
            "contact",
            keep_conflict(
                {"id": "two", "name": "Bo", "updated_at": "2026-12-03T10:00"},
                {"id": "two", "name": "Bob", "updated_at": "2026-12-02T10:00"},
                "another device",
                "2026-12-03T10:05",
            ),
        )
        store.save("interview", {"id": "iv-1", "contact_name": "Cy", "conflicts": [], "x": 1})
        store.save(
            "interview",
            keep_conflict(
                {"id": "iv-2", "contact_name": "Di", "updated_at": "2026-12-03"},
                {"id": "iv-2", "contact_name": "Di", "updated_at": "2026-12-01", "goals": "g"},
                "another device",
                "2026-12-03T10:05",
            ),
        )
        found = kept_in_two_versions(store)
    assert [(t.kind, t.doc_id, t.who, t.versions) for t in found] == [
        ("contact", "two", "Bo", 1),
        ("interview", "iv-2", "Di", 1),
    ]
