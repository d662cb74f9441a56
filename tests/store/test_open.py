"""Opening the data folder: damaged files are moved aside and explained, one coach at a time,
three rotating backups, and migrations from older files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from coach.store.db import Store
from coach.store.errors import StoreCorrupt, StoreLocked, StoreTooNew
from coach.store.loading import MIGRATIONS, SCHEMA_VERSION, migrate
from coach.store.paths import DataPaths

GOOD = b'{"contacts":{"1":{"id":"c1"}},"interviews":{},"meta":{"1":{"schema_version":1}}}'

DAMAGED = {
    "empty": b"",
    "blank": b"  \n",
    "truncated": GOOD[: len(GOOD) // 2],
    "trailing-garbage": GOOD + b"\x00\x00garbage",
    "a-list": b"[1, 2, 3]",
    "a-table-that-is-text": b'{"contacts": "oops", "meta": {}}',
    "a-document-that-is-a-number": b'{"contacts": {"1": 5}}',
    "a-key-that-is-not-a-number": b'{"contacts": {"ana": {"id": "c1"}}}',
    "a-contact-without-id": b'{"contacts": {"1": {"name": "Ana"}}}',
    "a-duplicate-id": b'{"contacts": {"1": {"id": "c1"}, "2": {"id": "c1"}}}',
    "not-utf8": b'{"contacts": {"1": {"id": "\xff"}}}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_db_file_is_moved_aside_and_reported_never_replaced(
    data_paths: DataPaths, content: bytes
) -> None:
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "c1"})
    with Store.open(data_paths):
        pass  # a second start takes a backup of a good file
    data_paths.db.write_bytes(content)

    with pytest.raises(StoreCorrupt) as raised:
        Store.open(data_paths)

    aside = list(data_paths.root.glob("coach.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == content
    assert not data_paths.db.exists()
    message = str(raised.value)
    assert str(aside[0]) in message
    assert str(data_paths.backups / "coach.json.1") in message
    # The lock was released: the person can restore and start again.
    assert Store.restore_backup(data_paths, 1) == data_paths.backups / "coach.json.1"
    with Store.open(data_paths) as store:
        assert store.contacts() == [{"id": "c1"}]


def test_a_damaged_file_opened_read_only_is_left_where_it_is(data_paths: DataPaths) -> None:
    data_paths.root.mkdir()
    data_paths.db.write_bytes(b"{")
    with pytest.raises(StoreCorrupt, match="left as it is"):
        Store.open(data_paths, read_only=True)
    assert data_paths.db.read_bytes() == b"{"


def test_a_damaged_file_without_backups_says_there_is_none(data_paths: DataPaths) -> None:
    data_paths.root.mkdir()
    data_paths.db.write_bytes(b"[]")
    with pytest.raises(StoreCorrupt, match="no backup"):
        Store.open(data_paths)


def test_two_corrupt_files_in_the_same_second_keep_both(data_paths: DataPaths) -> None:
    data_paths.root.mkdir()
    for content in (b"one", b"two"):
        data_paths.db.write_bytes(content)
        with pytest.raises(StoreCorrupt):
            Store.open(data_paths)
    kept = sorted(p.read_bytes() for p in data_paths.root.glob("coach.json.corrupt-*"))
    assert kept == [b"one", b"two"]


HOLDER = """
import sys
from coach.store.db import Store
from coach.store.paths import DataPaths
from pathlib import Path
store = Store.open(DataPaths(Path(sys.argv[1])))
print("open", flush=True)
sys.stdin.read()
store.close()
"""


def test_a_second_process_is_refused_until_the_first_closes(data_paths: DataPaths) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_paths.root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        with pytest.raises(StoreLocked, match="another coach is already using"):
            Store.open(data_paths)
        with Store.open(data_paths, read_only=True) as viewer:
            assert viewer.contacts() == []
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "c1"})


def test_backups_rotate_and_keep_the_three_newest_versions(data_paths: DataPaths) -> None:
    for n in range(5):
        with Store.open(data_paths) as store:
            store.set_meta("session", n)
    backups = sorted(data_paths.backups.iterdir())
    assert [p.name for p in backups] == ["coach.json.1", "coach.json.2", "coach.json.3"]
    sessions = [orjson.loads(p.read_bytes())["meta"]["1"].get("session") for p in backups]
    # Each backup is the file as a session found it at start: newest first.
    assert sessions == [3, 2, 1]


def test_starting_twice_without_changes_does_not_push_out_older_backups(
    data_paths: DataPaths,
) -> None:
    for n in range(3):
        with Store.open(data_paths) as store:
            store.set_meta("session", n)
    for _ in range(3):
        Store.open(data_paths).close()
    sessions = [
        orjson.loads((data_paths.backups / f"coach.json.{k}").read_bytes())["meta"]["1"]["session"]
        for k in (1, 2)
    ]
    assert sessions == [2, 1]


def test_a_file_without_meta_is_migrated_to_the_current_schema(data_paths: DataPaths) -> None:
    data_paths.root.mkdir()
    version_zero = b'{"_default": {}, "contacts": {"4": {"id": "c1", "name": "Ana"}}}'
    data_paths.db.write_bytes(version_zero)
    with Store.open(data_paths) as store:
        assert store.get_meta("schema_version") == SCHEMA_VERSION == 2
        assert store.contacts() == [{"id": "c1", "name": "Ana"}]
        assert store.interviews() == []
    migrated = orjson.loads(data_paths.db.read_bytes())
    assert migrated["meta"] == {"1": {"schema_version": SCHEMA_VERSION, "generation": 1}}
    assert migrated["transcripts"] == migrated["paths"] == {}
    assert "_default" not in migrated
    # The backup holds the file as it was before the migration.
    assert (data_paths.backups / "coach.json.1").read_bytes() == version_zero


def test_migrations_run_in_order_from_the_file_version() -> None:
    def add_tags(data: dict[str, object]) -> dict[str, object]:
        data["tags"] = {}
        return data

    def rename(data: dict[str, object]) -> dict[str, object]:
        data["labels"] = data.pop("tags")
        return data

    old = {"meta": {"1": {"schema_version": 1}}, "contacts": {}}
    new = migrate(old, [MIGRATIONS[0], add_tags, rename])
    assert new == {"meta": {"1": {"schema_version": 3}}, "contacts": {}, "labels": {}}


def test_a_file_from_a_newer_coach_is_refused_and_left_alone(data_paths: DataPaths) -> None:
    data_paths.root.mkdir()
    future = b'{"contacts": {}, "interviews": {}, "meta": {"1": {"schema_version": 99}}}'
    data_paths.db.write_bytes(future)
    with pytest.raises(StoreTooNew, match="newer coach"):
        Store.open(data_paths)
    assert data_paths.db.read_bytes() == future
    assert not list(data_paths.root.glob("coach.json.corrupt-*"))


def test_a_first_start_creates_a_valid_empty_db(data_paths: DataPaths, tmp_path: Path) -> None:
    with Store.open(data_paths) as store:
        assert store.contacts() == [] and store.interview_summaries() == []
    assert orjson.loads(data_paths.db.read_bytes()) == {
        "contacts": {},
        "interviews": {},
        "transcripts": {},
        "paths": {},
        "meta": {"1": {"schema_version": SCHEMA_VERSION, "generation": 1}},
    }


def test_a_document_nested_hundreds_of_levels_deep_opens_reads_and_saves(
    data_paths: DataPaths,
) -> None:
    deep: dict[str, object] = {}
    inner = deep
    for _ in range(300):
        inner["x"] = {}
        inner = inner["x"]  # type: ignore[assignment]
    data_paths.root.mkdir()
    # Indented, as a hand edit or another tool would leave it: read the slow way.
    data_paths.db.write_text(
        json.dumps(
            {"contacts": {"1": {"id": "c1", "name": "Deep", "extra": deep}}, "interviews": {}},
            indent=1,
        )
    )
    with Store.open(data_paths) as store:
        assert store.get_contact("c1")["extra"] == deep
        store.save("contact", {"id": "c2", "name": "Shallow"})
    with Store.open(data_paths, read_only=True) as store:
        assert [c["id"] for c in store.contacts()] == ["c1", "c2"]
        assert store.get_contact("c1")["extra"] == deep


def test_a_full_disk_at_start_up_keeps_the_old_backups_and_leaves_no_temp_file(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import shutil

    for n in range(3):
        with Store.open(data_paths) as store:
            store.set_meta("session", n)
    before = {p.name: p.read_bytes() for p in data_paths.backups.iterdir()}

    def no_room(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    from coach.store.mapped import MappedFile

    # The backup copies from the file as mapped at start-up (or with copy2 without a mapping).
    monkeypatch.setattr(shutil, "copy2", no_room)
    monkeypatch.setattr(MappedFile, "copy_to", no_room)
    with Store.open(data_paths) as store:
        assert store.backup_problem is not None
        assert "No space left on device" in store.backup_problem
        assert store.get_meta("session") == 2  # the data opens all the same
    assert {p.name: p.read_bytes() for p in data_paths.backups.iterdir()} == before
