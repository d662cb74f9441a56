"""Disk errors at every step of a save: the old file is untouched, no temp file is left, the
caller hears about it, and what the store serves still equals what is on disk."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from typing import Any

import pytest

from coach.store.db import Store, StoreWriteError
from coach.store.paths import DataPaths
from coach.store.storage import read_data, wait_for_retired

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
    store.put_interview(doc(1))
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
        store.put_interview(doc(0))
        counts = count_calls(store, monkeypatch)
    assert counts == {"open": 2, "writev": 1, "write": 0, "fsync": 2, "replace": 1, "link": 1}


@pytest.mark.parametrize(("step", "nth", "code"), cases())
def test_a_failed_save_keeps_the_old_file_and_reports_the_error(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch, step: str, nth: int, code: int
) -> None:
    with Store.open(data_paths) as store:
        store.put_interview(doc(0))
        wait_for_retired()
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
        if step == "link":
            # Keeping the old file alive is an optimisation: without it the save still works.
            store.put_interview(doc(1))
        else:
            with pytest.raises(StoreWriteError) as raised:
                store.put_interview(doc(1))
            assert str(data_paths.db) in str(raised.value)
            assert os.strerror(code) in str(raised.value)
        monkeypatch.undo()
        wait_for_retired()

        assert sorted(os.listdir(data_paths.root)) == files_before
        if step == "link" or after_rename:
            # The rename had happened: the new file is complete, and the cache agrees.
            assert disk_as_served(data_paths) == {"i1": doc(1)}
        else:
            assert data_paths.db.read_bytes() == before
        assert disk_as_served(data_paths) == {"i1": store.get_interview("i1")}

        store.put_interview(doc(2))  # the store keeps working once the disk does
        assert disk_as_served(data_paths) == {"i1": doc(2)}


def test_a_failed_save_in_a_batch_saves_none_of_it(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_paths) as store:
        store.put_contact({"id": "c0"})

        def no_space(*args: Any) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "writev", no_space)
        with pytest.raises(StoreWriteError, match="No space left"):
            store.put_contacts([{"id": "c1"}, {"id": "c2"}])
        monkeypatch.undo()
        assert store.contacts() == [{"id": "c0"}]
