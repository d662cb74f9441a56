"""One data folder used from two machines (a synced folder): the lock does not cross machines,
so each store notices the other's writes and merges them document by document."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

import coach.store.db as db
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.storage import write_atomically
from coach.store.sync import CONFLICTS, conflict_files


class _NoLock:
    def release(self) -> None:
        pass


@pytest.fixture
def two_devices(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Store, Store]]:
    """Two stores on one folder, as two machines sharing it through a sync client would be:
    neither sees the other's lock."""
    monkeypatch.setattr(db, "take_lock", lambda paths: _NoLock())
    laptop = Store.open(data_paths)
    desktop = Store.open(data_paths)
    yield laptop, desktop
    laptop.close()
    desktop.close()


def on_disk(paths: DataPaths, table: str) -> dict[str, dict[str, Any]]:
    data = orjson.loads(paths.db.read_bytes())
    return {doc["id"]: doc for doc in data[table].values()}


def contact(cid: str, name: str, updated: str = "2026-12-01T10:00:00+00:00") -> dict[str, Any]:
    return {"id": cid, "name": name, "updated_at": updated}


def test_documents_added_and_edited_on_two_devices_in_turn_are_all_kept(
    two_devices: tuple[Store, Store], data_paths: DataPaths
) -> None:
    laptop, desktop = two_devices
    laptop.save("contact", contact("a", "Ana"))
    laptop.sync()
    desktop.save("contact", contact("b", "Bo"))
    desktop.sync()
    laptop.save("interview", {"id": "iv-a", "contact_id": "a", "updated_at": "2026-12-01"})
    laptop.sync()
    desktop.save("contact", contact("b", "Bo Lind", "2026-12-02T09:00:00+00:00"))
    desktop.sync()
    laptop.save("contact", contact("a", "Ana Ortiz", "2026-12-02T09:30:00+00:00"))
    laptop.sync()
    contacts = on_disk(data_paths, "contacts")
    assert {cid: doc["name"] for cid, doc in contacts.items()} == {"a": "Ana Ortiz", "b": "Bo Lind"}
    assert set(on_disk(data_paths, "interviews")) == {"iv-a"}
    assert not any(CONFLICTS in doc for doc in contacts.values())
    # Each device's view holds the other's documents too.
    assert laptop.get_contact("b") == contact("b", "Bo Lind", "2026-12-02T09:00:00+00:00")
    desktop.save("contact", contact("c", "Cy"))
    desktop.sync()
    assert desktop.get_interview("iv-a") is not None
    assert set(on_disk(data_paths, "contacts")) == {"a", "b", "c"}


def test_one_document_changed_on_both_keeps_the_newer_and_the_other_as_a_conflict(
    two_devices: tuple[Store, Store], data_paths: DataPaths
) -> None:
    laptop, desktop = two_devices
    laptop.save("contact", contact("a", "Ana"))
    laptop.sync()
    desktop.save("contact", contact("x", "someone else"))
    desktop.sync()  # the desktop now knows Ana as she is on disk
    laptop.save("contact", contact("a", "Ana (laptop)", "2026-12-03T10:00:00+00:00"))
    laptop.sync()
    assert desktop.get_contact("a") is not None  # the desktop's form opens Ana, then saves
    desktop.save("contact", contact("a", "Ana (desktop)", "2026-12-03T11:00:00+00:00"))
    desktop.sync()
    kept = on_disk(data_paths, "contacts")["a"]
    assert kept["name"] == "Ana (desktop)"  # the newer
    [other] = kept[CONFLICTS]
    assert other["document"]["name"] == "Ana (laptop)"
    assert other["from"] == "another device"
    assert desktop.get_contact("a") == kept


def test_a_document_removed_on_one_device_and_changed_on_the_other_is_kept(
    two_devices: tuple[Store, Store], data_paths: DataPaths
) -> None:
    laptop, desktop = two_devices
    laptop.save("contact", contact("a", "Ana"))
    laptop.sync()
    desktop.save("contact", contact("x", "X"))
    desktop.sync()
    laptop.remove("contact", "a")
    laptop.sync()
    desktop.save("contact", contact("a", "Ana, with a new note", "2026-12-03T11:00:00+00:00"))
    desktop.sync()
    assert on_disk(data_paths, "contacts")["a"]["name"] == "Ana, with a new note"


def test_a_removal_on_the_other_device_is_taken_when_this_one_did_not_touch_it(
    two_devices: tuple[Store, Store], data_paths: DataPaths
) -> None:
    laptop, desktop = two_devices
    laptop.save_all("contact", [contact("a", "Ana"), contact("b", "Bo")])
    laptop.sync()
    desktop.save("contact", contact("x", "X"))
    desktop.sync()
    laptop.remove("contact", "a")
    laptop.sync()
    desktop.save("contact", contact("y", "Y"))
    desktop.sync()
    assert set(on_disk(data_paths, "contacts")) == {"b", "x", "y"}
    assert desktop.get_contact("a") is None


def test_a_sync_client_replacing_the_file_under_a_running_store_loses_nothing(
    store: Store, data_paths: DataPaths
) -> None:
    store.save("contact", contact("a", "Ana"))
    store.sync()
    merged = threading.Event()
    store.on_outside_change(lambda report: merged.set())
    # Another machine's coach wrote this version; the sync client puts it in place.
    other = orjson.loads(data_paths.db.read_bytes())
    other["contacts"]["9"] = contact("z", "Zoë from the desktop")
    other["meta"]["1"]["generation"] += 5
    write_atomically(data_paths.db, [orjson.dumps(other)])
    store.save("contact", contact("b", "Bo, typed here meanwhile"))
    # The store looks at its file before writing and every few seconds while idle.
    assert merged.wait(15)
    store.sync()
    assert store.get_contact("z") == contact("z", "Zoë from the desktop")
    assert set(on_disk(data_paths, "contacts")) == {"a", "b", "z"}
    assert on_disk(data_paths, "contacts")["b"]["name"] == "Bo, typed here meanwhile"


def test_an_idle_store_notices_another_devices_write_and_shows_it(
    store: Store, data_paths: DataPaths
) -> None:
    store.save("interview", {"id": "iv1", "status": "planned", "updated_at": "2026-12-01"})
    store.sync()
    merged = threading.Event()
    store.on_outside_change(lambda report: merged.set())
    other = orjson.loads(data_paths.db.read_bytes())
    other["interviews"]["1"]["status"] = "ended"
    write_atomically(data_paths.db, [orjson.dumps(other)])
    assert merged.wait(15)
    assert store.get_interview("iv1")["status"] == "ended"
    assert [s["status"] for s in store.interview_summaries()] == ["ended"]


def test_a_sync_conflict_copy_is_found_and_merged_without_removing_anything(
    store: Store, data_paths: DataPaths
) -> None:
    store.save_all(
        "contact",
        [contact("a", "Ana", "2026-12-03T10:00:00+00:00"), contact("b", "Bo")],
    )
    store.sync()
    other = orjson.loads(data_paths.db.read_bytes())
    other["contacts"] = {
        "1": contact("a", "Ana Ortiz", "2026-12-03T12:00:00+00:00"),
        "7": contact("c", "Cy"),
    }
    copy = data_paths.root / "coach.sync-conflict-20261203-120000-ABCDEFG.json"
    copy.write_bytes(orjson.dumps(other))
    dropbox = data_paths.root / "coach (Sam's conflicted copy 2026-12-03).json"
    dropbox.write_bytes(b"{}")
    assert conflict_files(data_paths.root, "coach.json") == sorted([copy, dropbox])
    report = store.merge_file(copy)
    store.sync()
    assert report.conflicts == 1 and report.taken == 1
    contacts = on_disk(data_paths, "contacts")
    assert set(contacts) == {"a", "b", "c"}  # Bo, missing from the copy, stays
    assert contacts["a"]["name"] == "Ana Ortiz"
    assert contacts["a"][CONFLICTS][0]["document"]["name"] == "Ana"


def test_a_file_that_is_not_a_data_file_is_refused_as_a_conflict_copy(
    store: Store, tmp_path: Path
) -> None:
    from coach.store.errors import StoreCorrupt

    bad = tmp_path / "coach (conflicted copy).json"
    bad.write_bytes(b"[1, 2")
    with pytest.raises(StoreCorrupt, match="cannot be read"):
        store.merge_file(bad)
    assert os.path.exists(bad)


def test_a_screen_saving_a_record_another_device_changed_keeps_the_other_version(
    two_devices: tuple[Store, Store], data_paths: DataPaths
) -> None:
    laptop, desktop = two_devices
    laptop.save("contact", contact("a", "Ana"))
    laptop.sync()
    desktop.save("contact", contact("x", "X"))
    desktop.sync()
    on_screen = desktop.get_contact("a")  # the desktop's form shows Ana as she was
    laptop.save("contact", contact("a", "Ana Ortiz (laptop)", "2026-12-03T10:00:00+00:00"))
    laptop.sync()
    desktop.save("contact", contact("y", "Y"))  # the desktop writes, and catches up first
    desktop.sync()
    # The laptop's version is in the desktop's view (a list shows it)...
    assert {c["id"]: c["name"] for c in desktop.contacts()}["a"] == "Ana Ortiz (laptop)"
    # ...but the form opened before it arrived still holds Ana as she was, and saves that.
    assert on_screen is not None
    desktop.save("contact", {**on_screen, "notes": "typed on the desktop"})
    desktop.sync()
    kept = on_disk(data_paths, "contacts")["a"]
    assert kept["notes"] == "typed on the desktop"
    assert kept[CONFLICTS][-1]["document"]["name"] == "Ana Ortiz (laptop)"
    # Only the first save over an arrived version keeps a copy: the next is an ordinary save.
    desktop.save("contact", {**kept, "notes": "and more"})
    desktop.sync()
    assert len(on_disk(data_paths, "contacts")["a"][CONFLICTS]) == 1
