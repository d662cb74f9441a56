"""The store's background writers: in order, off the caller's thread, retried until the disk
works again, and reported while it does not."""

from __future__ import annotations

import errno
import os
import threading
from typing import Any

import pytest

from coach.store.db import Store
from coach.store.drafts import DraftJournal
from coach.store.errors import StoreError
from coach.store.paths import DataPaths


def test_closing_the_store_writes_what_is_pending_and_then_refuses_saves(
    data_paths: DataPaths,
) -> None:
    store = Store.open(data_paths)
    store.save("contact", {"id": "c1"})
    store.save("contact", {"id": "c2"})
    assert store.close() is True
    with pytest.raises(StoreError, match="closed"):
        store.save("contact", {"id": "c3"})
    with Store.open(data_paths) as again:
        assert [c["id"] for c in again.contacts()] == ["c1", "c2"]


def test_listeners_hear_when_writing_fails_and_when_it_works_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str | None] = []
    changed = threading.Event()

    def listener(problem: str | None) -> None:
        heard.append(problem)
        changed.set()

    store.add_listener(listener)

    def no_space(*args: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "writev", no_space)
    store.save("interview", {"id": "i1"})
    assert changed.wait(10)
    assert heard and heard[-1] is not None and "No space left on device" in heard[-1]
    assert store.problem() == heard[-1]
    changed.clear()
    monkeypatch.undo()
    # The writer tries again on its own, about once a second: nothing else needs to happen.
    assert changed.wait(10)
    assert heard[-1] is None
    assert store.problem() is None
    assert store.is_saved("interview", "i1")


def test_a_setting_reaches_the_meta_document_on_disk(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.set_meta("your_name", "Sam Rivera")
    with Store.open(data_paths) as store:
        assert store.get_meta("your_name") == "Sam Rivera"


def test_journal_records_are_appended_in_the_order_handed_over(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        journal = store.journal("iv1")
        journal.submit([{"seq": 1}, {"seq": 2}])
        journal.submit([{"seq": 3}])
        assert store.flush(10)
    assert DraftJournal(data_paths, "iv1").read() == [{"seq": 1}, {"seq": 2}, {"seq": 3}]


def test_a_journal_that_cannot_be_written_keeps_its_records_and_says_so(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_paths) as store:
        real_fsync = os.fsync
        failing = True

        def fsync(fd: int) -> None:
            if failing:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        journal = store.journal("iv1")
        journal.submit([{"seq": 1, "text": "kept"}])
        assert not store.flush(10)
        assert store.problem() is not None and "iv1.jsonl" in store.problem()
        failing = False
        journal.submit([{"seq": 2}])
        assert store.flush(10)
        assert store.problem() is None
    records = DraftJournal(data_paths, "iv1").read()
    # The first batch may have reached the file before its fsync failed: then it is there
    # twice, and replay skips a sequence number it has seen.
    assert [r["seq"] for r in records] in ([1, 2], [1, 1, 2])


def test_a_journal_is_deleted_only_once_the_interview_is_on_disk(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_paths) as store:
        store.journal("iv1").submit([{"seq": 1}])
        assert store.flush(10)
        release = threading.Event()
        real_writev = os.writev
        monkeypatch.setattr(
            os, "writev", lambda fd, bufs: (release.wait(10), real_writev(fd, bufs))[1]
        )
        store.save("interview", {"id": "iv1", "status": "ended"})
        store.discard_journal_once_saved("iv1")
        path = DraftJournal(data_paths, "iv1").path
        assert path.exists()
        release.set()
        assert store.flush(10)
        assert not path.exists()


def test_a_journal_stays_when_the_interview_never_reached_the_disk(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(data_paths)
    store.journal("iv1").submit([{"seq": 1}])
    assert store.flush(10)

    def no_space(*args: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "writev", no_space)
    store.save("interview", {"id": "iv1", "status": "ended"})
    store.discard_journal_once_saved("iv1")
    assert store.close(2) is False
    monkeypatch.undo()
    assert DraftJournal(data_paths, "iv1").path.exists()
    assert [kind for kind, _, _ in store.unsaved()] == ["interview"]
