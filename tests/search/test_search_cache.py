"""The search index kept on disk: used when current, rebuilt when missing, stale or damaged,
and never the reason a result differs."""

from __future__ import annotations

import os
import stat
from typing import Any

import pytest
from search_samples import write_folder

from coach.core.interview import Interview, Note
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.search_cache import (
    OpenedIndex,
    cache_file,
    db_stamp,
    open_index,
)

QUERIES = ("portfolio", '"typical week"', "path:health", "hired", "cafe -port", "flag:quote")


def search_all(paths: DataPaths) -> tuple[OpenedIndex, list[dict[str, Any]]]:
    """Open the folder as `coach search` does and run every query of QUERIES."""
    stamp = db_stamp(paths)
    with Store.open(paths, read_only=True) as store:
        opened = open_index(store, stamp)
        answers = [opened.index.search(q, limit=None).to_dict() for q in QUERIES]
    return opened, answers


@pytest.fixture
def folder(data_paths: DataPaths) -> DataPaths:
    write_folder(data_paths)
    return data_paths


def test_the_first_search_builds_the_index_and_keeps_it_private_beside_the_data(
    folder: DataPaths,
) -> None:
    opened, answers = search_all(folder)
    assert (opened.source, opened.reason) == ("built", "missing")
    assert answers[0]["total"] == 7
    kept = cache_file(folder)
    assert kept.parent == folder.root / "cache"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]  # no temp file left


def test_a_current_cache_is_used_and_gives_the_same_results(folder: DataPaths) -> None:
    _, built = search_all(folder)
    opened, cached = search_all(folder)
    assert opened.source == "cache"
    assert cached == built


def test_a_deleted_cache_is_built_again_with_the_same_results(folder: DataPaths) -> None:
    _, before = search_all(folder)
    cache_file(folder).unlink()
    opened, after = search_all(folder)
    assert (opened.source, opened.reason) == ("built", "missing")
    assert after == before
    assert cache_file(folder).exists()


def test_a_cache_from_before_a_save_is_stale_and_the_new_words_are_found(
    folder: DataPaths,
) -> None:
    search_all(folder)
    with Store.open(folder) as store:
        doc = store.get_interview("ana000000004")
        assert doc is not None
        ana = Interview.from_dict(doc)
        ana.notes.append(Note(None, 60, "Mentioned a hackathon in Lisbon"))
        store.save("interview", ana.to_dict())
    opened = open_and_find(folder, "hackathon")
    assert (opened[0].source, opened[0].reason) == ("built", "stale")
    assert opened[1] == 1
    # And the rebuilt cache is current again.
    assert open_and_find(folder, "hackathon")[0].source == "cache"


def open_and_find(paths: DataPaths, query: str) -> tuple[OpenedIndex, int]:
    stamp = db_stamp(paths)
    with Store.open(paths, read_only=True) as store:
        opened = open_index(store, stamp)
        return opened, opened.index.search(query).total


def _truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _flip_a_byte_in_the_words(raw: bytes) -> bytes:
    at = len(raw) * 3 // 4
    return raw[:at] + bytes([raw[at] ^ 0x55]) + raw[at + 1 :]


def _flip_a_byte_in_the_header(raw: bytes) -> bytes:
    return raw[:20] + bytes([raw[20] ^ 0x01]) + raw[21:]


def _other_version(raw: bytes) -> bytes:
    return raw[:8] + (99).to_bytes(4, "little") + raw[12:]


@pytest.mark.parametrize(
    "damage",
    [
        _truncate,
        _flip_a_byte_in_the_words,
        _flip_a_byte_in_the_header,
        _other_version,
        lambda raw: b"",
        lambda raw: b"not an index at all",
        lambda raw: raw + b"extra",
    ],
    ids=["truncated", "byte-in-words", "byte-in-header", "other-version", "empty", "junk", "tail"],
)
def test_a_damaged_cache_is_built_again_with_the_same_results(
    folder: DataPaths, damage: Any
) -> None:
    _, before = search_all(folder)
    kept = cache_file(folder)
    kept.write_bytes(damage(kept.read_bytes()))
    opened, after = search_all(folder)
    assert opened.source == "built"
    assert opened.reason.startswith(("damaged", "stale")), opened.reason
    assert after == before
    # The damaged file was replaced by a good one.
    assert search_all(folder)[0].source == "cache"


def test_a_cache_is_neither_used_nor_written_when_the_file_changed_while_opening(
    folder: DataPaths,
) -> None:
    search_all(folder)
    stamp = db_stamp(folder)
    with Store.open(folder, read_only=True) as store:
        # Another coach saves between the stamp and the opening of the index.
        os.utime(folder.db, ns=(1, 1))
        opened = open_index(store, stamp)
        assert opened.index.search("portfolio").total == 7
    assert opened.source == "built"
    assert "changed" in opened.reason
    assert open_and_find(folder, "portfolio")[0].reason == "stale"


def test_a_folder_where_no_cache_can_be_written_still_answers(folder: DataPaths) -> None:
    (folder.root / "cache").write_text("a file where the cache folder would go")
    opened, answers = search_all(folder)
    assert opened.source == "built"
    assert answers[0]["total"] == 7


def test_the_stamp_changes_with_a_rewrite_in_place_of_the_same_size_and_time(
    folder: DataPaths,
) -> None:
    before = db_stamp(folder)
    assert before is not None
    raw = folder.db.read_bytes()
    at = raw.index(b"Spreadsheets")
    with open(folder.db, "r+b") as handle:
        handle.seek(at)
        handle.write(b"Spreadsheeps")
    os.utime(folder.db, ns=(before.mtime_ns, before.mtime_ns))
    after = db_stamp(folder)
    assert after is not None
    assert (after.inode, after.size, after.mtime_ns) == (before.inode, before.size, before.mtime_ns)
    assert after != before
    assert open_and_find(folder, "spreadsheeps")[1] == 1


def test_an_empty_data_folder_searches_to_nothing_and_keeps_no_cache(data_paths: DataPaths) -> None:
    opened, answers = search_all(data_paths)
    assert opened.source == "built"
    assert all(answer["total"] == 0 for answer in answers)
    assert not cache_file(data_paths).exists()
