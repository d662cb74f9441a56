"""What the Store promises its callers: documents by id, copies, summaries, meta, one writer."""

from __future__ import annotations

import os
import stat
import threading

import orjson
import pytest
import tinydb

from coach.store.db import Store
from coach.store.errors import StoreReadOnly
from coach.store.loading import SCHEMA_VERSION
from coach.store.paths import DataPaths


def test_saved_contacts_and_interviews_come_back_after_reopening(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "c1", "name": "Ana Ortiz"})
        store.save("interview", {"id": "i1", "contact_id": "c1", "notes": [{"text": "hello"}]})
    with Store.open(data_paths) as store:
        assert store.get_contact("c1") == {"id": "c1", "name": "Ana Ortiz"}
        assert store.get_interview("i1") == {
            "id": "i1",
            "contact_id": "c1",
            "notes": [{"text": "hello"}],
        }
        assert store.get_contact("missing") is None


def test_putting_a_document_with_a_known_id_replaces_it(store: Store) -> None:
    store.save("contact", {"id": "c1", "name": "first"})
    store.save("contact", {"id": "c2", "name": "other"})
    store.save("contact", {"id": "c1", "name": "second"})
    assert store.contacts() == [{"id": "c1", "name": "second"}, {"id": "c2", "name": "other"}]


def test_deleted_documents_are_gone_from_the_file(store: Store, data_paths: DataPaths) -> None:
    store.save("interview", {"id": "i1"})
    store.save("interview", {"id": "i2"})
    store.remove("interview", "i1")
    store.remove("interview", "never-there")
    store.sync()
    assert [doc["id"] for doc in store.interviews()] == ["i2"]
    on_disk = orjson.loads(data_paths.db.read_bytes())
    assert [doc["id"] for doc in on_disk["interviews"].values()] == ["i2"]


def test_mutating_a_returned_document_never_changes_the_store(store: Store) -> None:
    store.save("interview", {"id": "i1", "title": "call", "notes": [{"text": "a"}]})
    got = store.get_interview("i1")
    assert got is not None
    got["notes"][0]["text"] = "changed"
    got["title"] = "changed"
    store.interview_summaries()[0]["title"] = "changed"
    store.interviews()[0]["notes"].append({"text": "x"})
    assert store.get_interview("i1") == {"id": "i1", "title": "call", "notes": [{"text": "a"}]}


def test_mutating_a_document_after_saving_it_never_changes_the_store(store: Store) -> None:
    doc = {"id": "c1", "tags": ["a"]}
    store.save("contact", doc)
    doc["tags"].append("b")
    assert store.get_contact("c1") == {"id": "c1", "tags": ["a"]}


def test_interview_summaries_leave_out_notes_and_plans(store: Store) -> None:
    store.save(
        "interview",
        {"id": "i1", "title": "t", "minutes": 20, "practice": False, "notes": [{"text": "n"}]},
    )
    assert store.interview_summaries() == [
        {"id": "i1", "title": "t", "minutes": 20, "practice": False}
    ]


def test_a_batch_of_contacts_is_saved_in_one_write(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append(b), real_replace(a, b)))
    store.save_all("contact", [{"id": f"c{n}", "n": n} for n in range(50)])
    store.sync()
    assert len(replaced) == 1
    assert len(store.contacts()) == 50
    assert store.contact_count() == 50


def test_records_and_a_meta_value_change_together_in_one_write_keeping_the_other_meta(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.set_meta("your_name", "Sam")
    store.save_all(
        "contact", [{"id": "a", "name": "Ana"}, {"id": "b", "name": "Bo", "referred_by": "a"}]
    )
    replaced = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append(b), real_replace(a, b)))
    store.sync()
    replaced.clear()
    store.change(
        saves=[("contact", {"id": "b", "name": "Bo", "referred_by": None})],
        removals=[("contact", "a")],
        meta={"deleted_contacts": {"email:ana@x.test": "2026-11-29"}},
    )
    store.sync()
    assert len(replaced) == 1
    assert [c["id"] for c in store.contacts()] == ["b"]
    assert store.get_meta("deleted_contacts") == {"email:ana@x.test": "2026-11-29"}
    assert store.get_meta("your_name") == "Sam"


def test_documents_without_a_text_id_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="text 'id'"):
        store.save("contact", {"name": "no id"})
    with pytest.raises(ValueError):
        store.save("interview", {"id": 7})
    assert store.contacts() == []


def test_meta_values_are_saved_and_the_schema_version_is_set(
    store: Store, data_paths: DataPaths
) -> None:
    assert store.get_meta("schema_version") == SCHEMA_VERSION
    store.set_meta("last_seen", {"when": "2024-05-01"})
    store.sync()
    with Store.open(DataPaths(data_paths.root), read_only=True) as again:
        assert again.get_meta("last_seen") == {"when": "2024-05-01"}
        assert again.get_meta("missing") is None


def test_the_file_opens_with_plain_tinydb(store: Store, data_paths: DataPaths) -> None:
    store.save("contact", {"id": "c1", "name": "Ana"})
    store.save("interview", {"id": "i1", "title": "call", "notes": [{"text": "é [b]x[/b]"}]})
    store.set_meta("your_name", "Sam")
    store.sync()
    with tinydb.TinyDB(data_paths.db, access_mode="r") as plain:
        assert plain.table("contacts").all() == store.contacts() == [{"id": "c1", "name": "Ana"}]
        assert plain.table("interviews").all() == store.interviews()
        assert plain.table("interviews").search(tinydb.Query().id == "i1") == [
            {"id": "i1", "title": "call", "notes": [{"text": "é [b]x[/b]"}]}
        ]
        assert plain.table("meta").all()[0]["your_name"] == "Sam"


def test_a_read_only_store_refuses_writes_and_takes_no_lock(
    store: Store, data_paths: DataPaths
) -> None:
    store.save("contact", {"id": "c1"})
    store.sync()
    with Store.open(data_paths, read_only=True) as viewer:
        assert viewer.contacts() == [{"id": "c1"}]
        with pytest.raises(StoreReadOnly):
            viewer.save("contact", {"id": "c2"})
        assert viewer.contacts() == [{"id": "c1"}]
    assert store.contacts() == [{"id": "c1"}]


def test_saves_from_a_worker_while_another_thread_reads_stay_consistent(store: Store) -> None:
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for n in range(40):
                store.save("interview", {"id": "i1", "n": n, "notes": ["x" * (n % 7) * 100]})
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    seen = []
    while thread.is_alive():
        doc = store.get_interview("i1")
        if doc is not None:
            seen.append(doc["n"])
            assert doc["notes"] == ["x" * (doc["n"] % 7) * 100]
    thread.join()
    assert not errors
    assert seen == sorted(seen)
    assert store.get_interview("i1") == {"id": "i1", "n": 39, "notes": ["x" * (39 % 7) * 100]}


def test_db_and_backups_are_private_to_the_user(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "c1"})
    with Store.open(data_paths):
        pass
    assert stat.S_IMODE(data_paths.root.stat().st_mode) == 0o700
    assert stat.S_IMODE(data_paths.db.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_paths.lock.stat().st_mode) == 0o600
    backups = list(data_paths.backups.iterdir())
    assert backups
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in backups)
    assert stat.S_IMODE(data_paths.backups.stat().st_mode) == 0o700


def test_an_existing_world_readable_data_folder_is_made_private(data_paths: DataPaths) -> None:
    data_paths.root.mkdir(mode=0o755)
    os.chmod(data_paths.root, 0o755)
    with Store.open(data_paths):
        pass
    assert stat.S_IMODE(data_paths.root.stat().st_mode) == 0o700


def test_a_saved_contact_is_read_back_from_another_thread_before_the_disk_write_finishes(
    store: Store, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    writing = threading.Event()
    real_writev = os.writev

    def held_writev(fd: int, buffers: list[bytes]) -> int:
        writing.set()
        release.wait(10)
        return real_writev(fd, buffers)

    monkeypatch.setattr(os, "writev", held_writev)
    store.save("contact", {"id": "c1", "name": "Ana Ortiz"})
    assert writing.wait(10), "the writer thread takes the change at once"
    seen: list[object] = []
    reader = threading.Thread(target=lambda: seen.append(store.get_contact("c1")))
    reader.start()
    reader.join(10)
    assert seen == [{"id": "c1", "name": "Ana Ortiz"}]
    assert store.contact_count() == 1
    assert not store.is_saved("contact", "c1")
    assert orjson.loads(data_paths.db.read_bytes())["contacts"] == {}, "not on disk yet"
    release.set()
    store.sync()
    assert store.is_saved("contact", "c1")
    on_disk = orjson.loads(data_paths.db.read_bytes())["contacts"]
    assert list(on_disk.values()) == [{"id": "c1", "name": "Ana Ortiz"}]


def test_a_burst_of_saves_while_the_disk_is_busy_is_written_once_with_the_newest_version(
    store: Store, data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    writes: list[int] = []
    real_writev = os.writev

    def counted_writev(fd: int, buffers: list[bytes]) -> int:
        writes.append(fd)
        release.wait(10)
        return real_writev(fd, buffers)

    monkeypatch.setattr(os, "writev", counted_writev)
    for n in range(50):
        store.save("interview", {"id": "i1", "text": f"v{n}"})
    release.set()
    store.sync()
    assert len(writes) <= 2
    on_disk = orjson.loads(data_paths.db.read_bytes())["interviews"]
    assert list(on_disk.values()) == [{"id": "i1", "text": "v49"}]


def test_a_removal_is_seen_at_once_and_no_earlier_save_brings_the_document_back(
    store: Store, data_paths: DataPaths
) -> None:
    store.save("contact", {"id": "c1", "name": "Zo"})
    store.save("contact", {"id": "c1", "name": "Zoë"})
    store.remove("contact", "c1")
    assert store.get_contact("c1") is None
    store.sync()
    assert orjson.loads(data_paths.db.read_bytes())["contacts"] == {}


def test_a_callback_waits_until_the_changes_before_it_are_on_disk(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_writev = os.writev
    monkeypatch.setattr(
        os, "writev", lambda fd, buffers: (release.wait(10), real_writev(fd, buffers))[1]
    )
    ran = threading.Event()
    store.save("interview", {"id": "i1", "status": "ended"})
    store.after_saved(ran.set)
    assert not ran.wait(0.2)
    release.set()
    assert ran.wait(10)


def test_every_write_of_the_file_carries_a_generation_one_above_the_last(
    store: Store, data_paths: DataPaths
) -> None:
    def on_disk() -> int:
        return int(orjson.loads(data_paths.db.read_bytes())["meta"]["1"]["generation"])

    first = on_disk()
    store.save("contact", {"id": "c1"})
    store.sync()
    assert on_disk() == first + 1
    store.set_meta("your_name", "Sam")
    store.sync()
    assert on_disk() == first + 2
