"""Opening reads our own file one document at a time; anything unusual takes the full parse."""

from __future__ import annotations

import orjson

from coach.store.db import Store
from coach.store.loading import DOC_TABLES, SCHEMA_VERSION
from coach.store.paths import DataPaths
from coach.store.storage import parse_data, split_tables


def _interview(n: int, **extra: object) -> dict[str, object]:
    return {"id": f"i{n}", "status": "debriefed", "thank_you": {"sent_at": None}, **extra}


def test_a_file_coach_wrote_is_served_byte_for_byte_without_a_full_parse(
    data_paths: DataPaths,
) -> None:
    with Store.open(data_paths) as store:
        store.save_all("contact", [{"id": "c1", "name": "Ana"}, {"id": "c2", "name": "Ben"}])
        for n in range(3):
            store.save("interview", _interview(n, notes=[{"text": 'a}},"9":{b'}]))
    raw = data_paths.db.read_bytes()
    tables = split_tables(raw, DOC_TABLES, SCHEMA_VERSION)
    assert tables is not None
    assert b"".join(bytes(piece) for piece in tables.chunks()) == raw
    with Store.open(data_paths) as store:
        assert [c["name"] for c in store.contacts()] == ["Ana", "Ben"]
        assert store.get_interview("i1") == _interview(1, notes=[{"text": 'a}},"9":{b'}])
        assert {s["id"] for s in store.interview_summaries()} == {"i0", "i1", "i2"}
        store.save("interview", _interview(3))
    assert [d["id"] for d in parse_data(data_paths.db.read_bytes())["interviews"].values()] == [
        "i0",
        "i1",
        "i2",
        "i3",
    ]


def test_a_document_with_nested_numeric_keys_is_read_the_slow_way_and_kept_whole(
    data_paths: DataPaths,
) -> None:
    nested = _interview(1, extra={"7": {"x": 1}, "8": {"y": 2}})
    with Store.open(data_paths) as store:
        store.save("interview", _interview(0))
        store.save("interview", nested)
        store.save("interview", _interview(2))
    raw = data_paths.db.read_bytes()
    assert split_tables(raw, DOC_TABLES, SCHEMA_VERSION) is None
    with Store.open(data_paths) as store:
        assert store.get_interview("i1") == nested
        assert len(store.interview_summaries()) == 3


def test_a_hand_written_file_with_spaces_and_a_repeated_key_opens_like_plain_json(
    data_paths: DataPaths,
) -> None:
    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.db.write_bytes(
        b'{"contacts": {}, "interviews": {"1": {"id": "i1"}, "1": {"id": "i2"}},'
        b' "meta": {"1": {"schema_version": %d}}}' % SCHEMA_VERSION
    )
    assert split_tables(data_paths.db.read_bytes(), DOC_TABLES, SCHEMA_VERSION) is None
    with Store.open(data_paths) as store:
        # Plain JSON keeps the last of two equal keys; so does coach.
        assert [s["id"] for s in store.interview_summaries()] == ["i2"]


def test_a_compact_file_with_a_repeated_key_is_not_split(data_paths: DataPaths) -> None:
    raw = (
        b'{"contacts":{},"interviews":{"1":{"id":"i1"},"1":{"id":"i2"}},'
        b'"meta":{"1":{"schema_version":%d}}}' % SCHEMA_VERSION
    )
    assert orjson.loads(raw)["interviews"] == {"1": {"id": "i2"}}
    assert split_tables(raw, DOC_TABLES, SCHEMA_VERSION) is None


def test_an_old_schema_file_is_not_split_so_migrations_see_all_of_it() -> None:
    raw = b'{"contacts":{},"interviews":{"1":{"id":"i1"}},"meta":{"1":{"schema_version":0}}}'
    assert split_tables(raw, DOC_TABLES, SCHEMA_VERSION) is None
