"""Disk errors at every step of a save: the old file is untouched, no temp file is left, the
caller hears about it, the change stays in the store, and it is written once the disk works."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from typing import Any

import pytest

from coach.store.db import Store
from coach.store.errors import StoreWriteError
from coach.store.paths import DataPaths
from coach.store.storage import read_data

STEPS = ("open", "writev", "write", "fsync", "replace", "link")


def count_calls(store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often one save calls each os function."""
    counts = dict.fromkeys(STEPS, 0)
    for name in STEPS:
        real = getattr(os, name)

        def counting(*args: Any, _real: Callable[..., Any] = real, _name: str = name) -> Any:
            counts[_name] += 1
            return _real(*args)

        monkeypatch.setattr(os, name, counting)
    store.save("interview", doc(1))
    store.sync()
    monkeypatch.undo()
    return counts


def doc(n: int) -> dict[str, Any]:
    return {"id": "i1", "n": n, "notes": ["word " * 50] * (n + 1)}


def disk_as_served(data_paths: DataPaths) -> dict[str, Any]:
    data = read_data(data_paths.db)
    return {d["id"]: d for d in data["interviews"].values()}


def cases() -> list[tuple[str, int, int]]:
    # Which call of each function one save makes: open x2 (temp file, folder), fsync x2
    # (file, folder), writev x1, replace x1, link x1 (keeps the old file for later deletion).
    calls = {"open": 2, "writev": 1, "fsync": 2, "replace": 1, "link": 1}
    return [
        (name, nth, code)
        for name, count in calls.items()
        for nth in range(count)
        for code in (errno.EIO, errno.ENOSPC)
    ]


def test_one_save_makes_the_calls_the_fault_cases_cover(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_paths) as store:
        store.save("interview", doc(0))
        counts = count_calls(store, monkeypatch)
    assert counts == {"open": 2, "writev": 1, "write": 0, "fsync": 2, "replace": 1, "link": 1}


@pytest.mark.parametrize(("step", "nth", "code"), cases())
def test_a_failed_save_keeps_the_old_file_and_reports_the_error(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, step: str, nth: int, code: int
) -> None:
    with Store.open(data_paths) as store:
        store.save("interview", doc(0))
        store.sync()
        before = data_paths.db.read_bytes()
        files_before = sorted(os.listdir(data_paths.root))
        real = getattr(os, step)
        seen = 0

        def failing(*args: Any, **kwargs: Any) -> Any:
            nonlocal seen
            seen += 1
            if seen == nth + 1:
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        monkeypatch.setattr(os, step, failing)
        # The second open and the second fsync are the folder's, after the rename.
        after_rename = step in ("open", "fsync") and nth == 1
        store.save("interview", doc(1))
        if step == "link":
            # Keeping the old file alive is an optimisation: without it the save still works.
            store.sync()
        else:
            with pytest.raises(StoreWriteError) as raised:
                store.sync()
            assert str(data_paths.db) in str(raised.value)
            assert os.strerror(code) in str(raised.value)
            assert store.unsaved() == [("interview", "i1", store.problem())]
            assert not store.is_saved("interview", "i1")
        monkeypatch.undo()
        # The change is kept in the store, whatever the disk holds.
        assert store.get_interview("i1") == doc(1)
        if step != "link" and not after_rename:
            assert data_paths.db.read_bytes() == before
            assert sorted(os.listdir(data_paths.root)) == files_before

        store.sync()  # the disk works again: the kept change is written
        assert store.unsaved() == []
        assert store.problem() is None
        assert disk_as_served(data_paths) == {"i1": doc(1)}
        store.save("interview", doc(2))
        store.sync()
        assert disk_as_served(data_paths) == {"i1": doc(2)}
        assert sorted(os.listdir(data_paths.root)) == files_before


def test_a_failed_save_in_a_batch_saves_none_of_it(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "c0"})

        def no_space(*args: Any) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        store.sync()
        monkeypatch.setattr(os, "writev", no_space)
        store.save_all("contact", [{"id": "c1"}, {"id": "c2"}])
        with pytest.raises(StoreWriteError, match="No space left"):
            store.sync()
        monkeypatch.undo()
        on_disk = read_data(data_paths.db)["contacts"]
        assert [c["id"] for c in on_disk.values()] == ["c0"]
        assert sorted(k for _, k, _ in store.unsaved()) == ["c1", "c2"]


def opened_with_history(data_paths: DataPaths) -> Store:
    """A store opened on a file it did not write in this session: unchanged documents are
    written back as ranges of that file."""
    with Store.open(data_paths) as store:
        store.save_all("interview", [doc(n) | {"id": f"i{n}"} for n in range(20)])
    store = Store.open(data_paths)
    assert store.backup_problem is None  # the start-up backup (a thread) is done
    return store


@pytest.mark.parametrize(("step", "code"), [("preadv", errno.EIO), ("write", errno.ENOSPC)])
def test_a_failed_copy_of_the_opened_file_keeps_the_old_file_until_the_disk_works(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, step: str, code: int
) -> None:
    store = opened_with_history(data_paths)
    try:
        before = data_paths.db.read_bytes()
        files_before = sorted(os.listdir(data_paths.root))
        real = getattr(os, step)
        calls = 0

        def failing(*args: Any) -> Any:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise OSError(code, os.strerror(code))
            return real(*args)

        monkeypatch.setattr(os, step, failing)
        store.save("interview", doc(7) | {"id": "i7"})
        with pytest.raises(StoreWriteError, match=os.strerror(code)):
            store.sync()
        assert calls >= 2  # the unchanged documents were copied from the opened file
        assert data_paths.db.read_bytes() == before
        assert sorted(os.listdir(data_paths.root)) == files_before
        monkeypatch.undo()
        store.sync()
        served = {d["id"]: d for d in read_data(data_paths.db)["interviews"].values()}
        assert served["i7"] == doc(7) | {"id": "i7"}
        assert [served[f"i{n}"] for n in range(20) if n != 7] == [
            doc(n) | {"id": f"i{n}"} for n in range(20) if n != 7
        ]
    finally:
        store.close()
