"""The summary cache: a start reads no interview when it is current, and a cache that is
missing, stale or damaged costs a full read and is written again, never a different answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from coach.store import loading, summary_cache
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.stamp import DbStamp
from coach.store.storage import parse_data
from coach.store.summary_cache import cache_file


def interview(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"i{n}",
        "contact_id": f"c{n % 3}",
        "contact_name": ["Ana Ortiz", "Ben Park", "Zoë «Q»"][n % 3],
        "status": "debriefed" if n % 4 else "planned",
        "scheduled_at": f"2026-0{1 + n % 9}-1{n % 10}T15:00:00+00:00",
        "practice": n % 7 == 0,
        "stages": {"live": {"started": "2026-01-02T15:00:00+00:00", "ended": None}},
        "thank_you": {"text": "Thanks " * 20, "due_at": None, "sent_at": None},
        "actions": [{"id": f"a{n}", "text": "Read the book", "due": "2026-02-01"}],
        "notes": [{"text": f"note {k} of {n}: " + "words " * 40} for k in range(5)],
        "plan": {"questions": [{"id": "q1", "text": "What surprised you?"}]},
        **extra,
    }


def fill(paths: DataPaths, count: int = 12) -> None:
    """A data folder as coach leaves it: contacts, interviews, a transcript, a setting."""
    with Store.open(paths) as store:
        store.save_all("contact", [{"id": f"c{k}", "name": f"Person {k}"} for k in range(3)])
        store.save_all("interview", [interview(n) for n in range(count)])
        store.save("transcript", {"id": "t1", "interview_id": "i1", "lines": ["hello"] * 30})
        store.set_meta("your_name", "Sam")


def everything(store: Store) -> dict[str, Any]:
    """All a reader can see, for comparing two stores."""
    return {
        "summaries": store.interview_summaries(),
        "interviews": [store.get_interview(s["id"]) for s in store.interview_summaries()],
        "all_interviews": store.interviews(),
        "contacts": store.contacts(),
        "transcripts": store.all("transcript"),
        "your_name": store.get_meta("your_name"),
        "counts": [store.count(k) for k in ("contact", "interview", "transcript", "path")],
    }


def as_parsed(paths: DataPaths) -> dict[str, Any]:
    """The same, from a plain parse of the file: what the file says, with no cache involved."""
    from coach.store.summaries import summary_of

    data = parse_data(paths.db.read_bytes())
    interviews = list(data["interviews"].values())
    return {
        "summaries": [summary_of(doc) for doc in interviews],
        "interviews": interviews,
        "all_interviews": interviews,
        "contacts": list(data["contacts"].values()),
        "transcripts": list(data["transcripts"].values()),
        "your_name": data["meta"]["1"].get("your_name"),
        "counts": [len(data[t]) for t in ("contacts", "interviews", "transcripts", "paths")],
    }


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, opening must not read the file document by document nor parse it whole."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was parsed although the summary cache is current")

    monkeypatch.setattr(loading, "split_tables", refuse)
    monkeypatch.setattr(loading, "parse_data", refuse)


def corrupt(path: Path, how: str) -> None:
    raw = bytearray(path.read_bytes())
    if how == "flipped byte":
        raw[len(raw) // 2] ^= 0x20
    elif how == "cut short":
        del raw[len(raw) // 3 :]
    elif how == "empty":
        raw = bytearray()
    elif how == "not a cache":
        raw = bytearray(b'{"contacts": {}}')
    elif how == "other format version":
        raw[8] += 1
    path.write_bytes(bytes(raw))


# -- a current cache ---------------------------------------------------------------------------


def test_closing_the_store_leaves_a_private_cache_for_the_file_it_wrote(
    data_paths: DataPaths,
) -> None:
    fill(data_paths)
    cache = cache_file(data_paths)
    assert cache.parent == data_paths.root
    assert cache.stat().st_mode & 0o777 == 0o600
    assert not [p.name for p in data_paths.root.iterdir() if ".tmp" in p.name]
    with Store.open(data_paths) as store:
        assert store.opened_from_cache


def test_a_start_with_a_current_cache_parses_nothing_and_every_reader_sees_the_file(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(data_paths)
    expected = as_parsed(data_paths)
    refuse_parsing(monkeypatch)
    with Store.open(data_paths) as store:
        assert store.opened_from_cache
        assert everything(store) == expected
    with Store.open(data_paths, read_only=True) as viewer:
        assert viewer.opened_from_cache
        assert everything(viewer) == expected


def test_saving_after_a_start_from_the_cache_keeps_every_other_document_byte_for_byte(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(data_paths)
    before = parse_data(data_paths.db.read_bytes())
    with Store.open(data_paths) as store:
        assert store.opened_from_cache
        store.save("interview", interview(3, status="ended"))
        store.remove("interview", "i0")  # the first of its table: its piece is a copy
        store.save("interview", interview(99))
        store.save("contact", {"id": "c0", "name": "Person 0, renamed"})
        store.sync()
        assert everything(store) == as_parsed(data_paths)
    after = parse_data(data_paths.db.read_bytes())
    untouched = [f"i{n}" for n in range(1, 12) if n != 3]
    by_id = {doc["id"]: doc for doc in after["interviews"].values()}
    old_by_id = {doc["id"]: doc for doc in before["interviews"].values()}
    assert [by_id[i] for i in untouched] == [old_by_id[i] for i in untouched]
    assert by_id["i3"]["status"] == "ended" and "i99" in by_id and "i0" not in by_id
    assert list(after["transcripts"].values()) == list(before["transcripts"].values())
    # The cache written at close describes the new file.
    refuse_parsing(monkeypatch)
    with Store.open(data_paths, read_only=True) as viewer:
        assert viewer.opened_from_cache
        assert everything(viewer) == as_parsed(data_paths)


def test_the_layout_the_cache_keeps_is_where_each_document_sits_in_the_file(
    data_paths: DataPaths,
) -> None:
    fill(data_paths)
    with Store.open(data_paths) as store:
        store.save("interview", interview(5, extra="x" * 300))
        store.remove("interview", "i2")
        store.sync()
        positions, tail_at, tail = store._tables.layout()
    raw = data_paths.db.read_bytes()
    assert raw[tail_at:] == tail
    for table, found in positions.items():
        for doc_id, (key, at, body, stop) in found:
            assert raw[at:body] == b'"%d":' % key
            assert orjson.loads(raw[body:stop])["id"] == doc_id, table


# -- a cache that cannot be used -----------------------------------------------------------------


def test_a_missing_cache_is_rebuilt_and_shows_the_same(data_paths: DataPaths) -> None:
    fill(data_paths)
    expected = as_parsed(data_paths)
    cache_file(data_paths).unlink()
    with Store.open(data_paths) as store:
        assert not store.opened_from_cache
        assert everything(store) == expected
    with Store.open(data_paths) as store:
        assert store.opened_from_cache
        assert everything(store) == expected


@pytest.mark.parametrize(
    "how", ["flipped byte", "cut short", "empty", "not a cache", "other format version"]
)
def test_a_damaged_cache_is_not_used_and_is_written_again(data_paths: DataPaths, how: str) -> None:
    fill(data_paths)
    expected = as_parsed(data_paths)
    corrupt(cache_file(data_paths), how)
    with Store.open(data_paths, read_only=True) as viewer:
        assert not viewer.opened_from_cache
        assert everything(viewer) == expected
    # A reading command writes it again too: it is derived data, kept beside the file.
    with Store.open(data_paths, read_only=True) as viewer:
        assert viewer.opened_from_cache
        assert everything(viewer) == expected


def test_a_cache_whose_positions_lie_is_caught_before_any_document_is_served(
    data_paths: DataPaths,
) -> None:
    fill(data_paths)
    expected = as_parsed(data_paths)
    header, parts = summary_cache._unpack(cache_file(data_paths).read_bytes())
    # Written again with a valid checksum, but each position moved one document along.
    positions = {}
    for name in loading.DOC_TABLES:
        ids = orjson.loads(parts[f"ids:{name}"])
        numbers = list(parts[f"pos:{name}"].cast("q"))
        quads = [tuple(numbers[k : k + 4]) for k in range(0, len(numbers), 4)]
        positions[name] = list(zip(ids, quads[1:] + quads[:1], strict=True))
    summary_cache.write_cache(
        data_paths,
        DbStamp(**header["stamp"]),
        header["generation"],
        header["tail_at"],
        positions,  # type: ignore[arg-type]
        expected["summaries"],
    )
    with Store.open(data_paths, read_only=True) as viewer:
        assert not viewer.opened_from_cache
        assert everything(viewer) == expected


def test_damage_in_the_summaries_read_after_the_start_costs_time_never_an_answer(
    data_paths: DataPaths,
) -> None:
    sent = {"text": "Thanks", "sent_at": "2026-01-03T10:00:00+00:00"}
    # Finished conversations: few are shortlisted, most are read after the start.
    finished = [interview(n, status="debriefed", thank_you=sent, actions=[]) for n in range(30)]
    with Store.open(data_paths) as store:
        store.save_all("interview", finished)
    expected = as_parsed(data_paths)
    raw = bytearray(cache_file(data_paths).read_bytes())
    raw[-20] ^= 0x20  # in the last part: the summaries read when first needed
    cache_file(data_paths).write_bytes(bytes(raw))
    with Store.open(data_paths, read_only=True) as viewer:
        assert viewer.opened_from_cache  # what the start reads is whole
        assert everything(viewer) == expected
    assert cache_file(data_paths).read_bytes() != bytes(raw)  # written again at the close
    with Store.open(data_paths, read_only=True) as viewer:
        assert everything(viewer) == expected
        assert not viewer._summaries.damaged  # type: ignore[attr-defined]


def test_the_summaries_read_after_the_start_come_from_the_cache_as_it_was_opened(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    fill(data_paths)
    expected = as_parsed(data_paths)
    other = DataPaths(tmp_path / "other")
    fill(other, count=3)
    with Store.open(data_paths, read_only=True) as viewer:
        # Another cache renamed over this one, as a writer does, after the store opened.
        os.replace(cache_file(other), cache_file(data_paths))
        assert everything(viewer) == expected
        assert not viewer._summaries.damaged  # type: ignore[attr-defined]


def test_a_cache_of_another_version_of_the_file_is_stale(data_paths: DataPaths) -> None:
    fill(data_paths)
    old_cache = cache_file(data_paths).read_bytes()
    with Store.open(data_paths) as store:
        store.save("interview", interview(4, status="ended", contact_name="Cleo"))
    cache_file(data_paths).write_bytes(old_cache)  # as if the last close had not written one
    with Store.open(data_paths) as store:
        assert not store.opened_from_cache
        assert store.interview_summaries()[4]["contact_name"] == "Cleo"
        assert everything(store) == as_parsed(data_paths)


def test_a_file_edited_in_place_with_its_old_time_put_back_is_still_noticed(
    data_paths: DataPaths,
) -> None:
    fill(data_paths)
    raw = data_paths.db.read_bytes()
    info = data_paths.db.stat()
    edited = raw.replace(b'"Ben Park"', b'"Bea Park"')
    assert len(edited) == len(raw) and edited != raw
    with open(data_paths.db, "r+b") as handle:  # the same inode, the same size
        handle.write(edited)
    os.utime(data_paths.db, ns=(info.st_atime_ns, info.st_mtime_ns))
    with Store.open(data_paths, read_only=True) as viewer:
        assert not viewer.opened_from_cache
        names = {s["contact_name"] for s in viewer.interview_summaries()}
    assert "Bea Park" in names and "Ben Park" not in names


EDIT_WITH_COACH = """
import sys
from pathlib import Path
from coach.store.db import Store
from coach.store.paths import DataPaths
with Store.open(DataPaths(Path(sys.argv[1]))) as store:
    doc = store.get_interview("i5")
    doc["status"] = "ended"
    doc["contact_name"] = "Changed elsewhere"
    doc["notes"].append({"text": "written by another process"})
    store.save("interview", doc)
    store.remove("interview", "i6")
"""

EDIT_WITH_A_SCRIPT = """
import sys
import orjson
from pathlib import Path
from coach.store.storage import write_atomically
db = Path(sys.argv[1]) / "coach.json"
data = orjson.loads(db.read_bytes())
for doc in data["interviews"].values():
    if doc["id"] == "i7":
        # As long as before, and meta as it was: only the file's stamp tells.
        doc["contact_name"] = doc["contact_name"].replace("Ben", "Bea")
write_atomically(db, [orjson.dumps(data)])
"""


@pytest.mark.parametrize(
    "program", [EDIT_WITH_COACH, EDIT_WITH_A_SCRIPT], ids=["another coach", "a script"]
)
def test_an_interview_changed_by_another_process_is_seen_on_the_next_start(
    data_paths: DataPaths, program: str
) -> None:
    fill(data_paths)
    with Store.open(data_paths) as store:
        assert store.opened_from_cache
    subprocess.run([sys.executable, "-c", program, str(data_paths.root)], check=True)
    expected = as_parsed(data_paths)
    with Store.open(data_paths) as store:
        assert everything(store) == expected
        summaries = {s["id"]: s for s in store.interview_summaries()}
        interviews = {doc["id"]: doc for doc in store.interviews()}
    if program is EDIT_WITH_COACH:
        assert summaries["i5"]["contact_name"] == "Changed elsewhere"
        assert interviews["i5"]["notes"][-1] == {"text": "written by another process"}
        assert "i6" not in summaries and "i6" not in interviews
    else:
        assert summaries["i7"]["contact_name"] == "Bea Park"
    with Store.open(data_paths) as store:
        assert store.opened_from_cache
        assert everything(store) == expected


# -- the mapped file -----------------------------------------------------------------------------


def test_a_file_rewritten_in_place_while_coach_has_it_open_is_never_saved_over_with_a_mix(
    data_paths: DataPaths,
) -> None:
    fill(data_paths)
    with Store.open(data_paths) as store:
        assert store.opened_from_cache
        # Another program rewrites the file in place (the same inode), a little longer.
        theirs = data_paths.db.read_bytes().replace(b'"Sam"', b'"Someone else"')
        with open(data_paths.db, "r+b") as handle:
            handle.write(theirs)
        store.save("interview", interview(1, status="ended"))
        assert not store.flush(timeout=5)
        assert "changed by another program" in (store.problem() or "")
        assert data_paths.db.read_bytes() == theirs
        store.close(timeout=2)


def test_the_start_up_backup_is_the_file_as_opened_even_when_a_save_follows_at_once(
    data_paths: DataPaths,
) -> None:
    fill(data_paths)
    opened = data_paths.db.read_bytes()
    with Store.open(data_paths) as store:
        store.save("interview", interview(2, status="ended"))
        store.sync()
        assert store.backup_problem is None
    assert (data_paths.backups / "coach.json.1").read_bytes() == opened
    assert data_paths.db.read_bytes() != opened


def test_a_save_writes_the_unchanged_documents_as_a_few_ranges_of_the_opened_file(
    data_paths: DataPaths,
) -> None:
    from coach.store.storage import FileRange

    fill(data_paths, count=40)
    with Store.open(data_paths) as store:
        store.save("interview", interview(20, status="ended"))
        store.sync()
        chunks = store._tables.chunks()  # what that write wrote (meta as it was written)
        ranges = [c for c in chunks if isinstance(c, FileRange)]
        # Interviews before and after the changed one, and the other tables' documents.
        assert 2 <= len(ranges) <= 5
        assert len(chunks) - len(ranges) < 20
        opened = store._opened.source
        assert opened is not None
        written = b"".join(
            bytes(opened.view[c.offset : c.offset + c.length])
            if isinstance(c, FileRange)
            else bytes(c)
            for c in chunks
        )
        assert data_paths.db.read_bytes() == written


def test_a_long_history_opened_without_a_current_cache_has_it_written_soon_after(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    fill(data_paths)
    cache_file(data_paths).unlink()
    # As for a history of thousands: written on its own shortly after the start, so that a
    # crash later in the session does not cost the next start a full parse.
    monkeypatch.setattr(summary_cache, "REFRESH_EARLY_FROM", 10)
    monkeypatch.setattr(summary_cache, "REFRESH_DELAY", 0.05)
    store = Store.open(data_paths)
    try:
        assert not store.opened_from_cache
        deadline = time.monotonic() + 10
        while not cache_file(data_paths).exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert cache_file(data_paths).exists()
        with Store.open(data_paths, read_only=True) as viewer:
            assert viewer.opened_from_cache
            assert everything(viewer) == as_parsed(data_paths)
    finally:
        store.close()


def test_a_short_history_waits_for_the_close_to_write_its_cache(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    fill(data_paths)
    cache_file(data_paths).unlink()
    monkeypatch.setattr(summary_cache, "REFRESH_DELAY", 0.05)
    with Store.open(data_paths):
        time.sleep(0.3)
        assert not cache_file(data_paths).exists()
    assert cache_file(data_paths).exists()


def test_a_document_taken_from_another_mapped_file_is_written_from_its_own_bytes(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    from coach.store.loading import decode
    from coach.store.storage import FileRange, write_atomically

    fill(data_paths)
    other = DataPaths(tmp_path / "other")
    with Store.open(other) as elsewhere:
        elsewhere.save_all(
            "interview", [interview(n, contact_name=f"Other {n}") for n in range(12)]
        )
    ours = decode(data_paths.db)
    theirs = decode(other.db)
    assert ours.source is not None and theirs.source is not None
    # As a merge of another device's file does: one of their documents into our tables.
    ours.tables.docs["interviews"]["i4"] = theirs.tables.docs["interviews"]["i4"]
    chunks = ours.tables.chunks()
    ranges = [c for c in chunks if isinstance(c, FileRange)]
    assert ranges and all(c.fd == ours.source.fd for c in ranges)
    target = tmp_path / "merged.json"
    write_atomically(target, chunks)
    merged = {d["id"]: d for d in parse_data(target.read_bytes())["interviews"].values()}
    assert merged["i4"]["contact_name"] == "Other 4"
    assert merged["i5"] == as_parsed(data_paths)["interviews"][5]
    assert [d["id"] for d in merged.values()] == [f"i{n}" for n in range(12)]
