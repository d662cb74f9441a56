"""The index itself: any order in, newest first out, and kept parts that read back the same."""

from __future__ import annotations

import pytest
from search_samples import PATHS, interviews

from coach.core.search import searchable
from coach.core.search_index import IndexBuilder, IndexDamaged, SearchIndex, build_index, word_code

QUERIES = ("portfolio", '"typical week"', "co-o", "path:health", "flag:advice", "cafe -port")


def answers(index: SearchIndex) -> list[object]:
    return [index.search(q, limit=None, include_practice=True) for q in QUERIES]


def test_interviews_given_oldest_first_and_fewer_than_announced_come_out_newest_first() -> None:
    docs = list(reversed(interviews()))
    builder = IndexBuilder(len(docs) + 2, PATHS)
    for doc in docs:
        builder.add(searchable(doc), keep_text=True)
    index = builder.finish()
    assert index.interview_ids() == [doc["id"] for doc in interviews()]
    assert answers(index) == answers(build_index([searchable(d) for d in interviews()], PATHS))


def test_more_interviews_than_announced_is_a_mistake_of_the_caller() -> None:
    builder = IndexBuilder(1)
    builder.add(searchable(interviews()[0]))
    with pytest.raises(ValueError):
        builder.add(searchable(interviews()[1]))


def test_an_index_kept_as_parts_reads_back_with_the_same_answers() -> None:
    items = [searchable(d) for d in interviews()]
    built = build_index(items, PATHS)
    kept = {item.interview_id: item.sections for item in items}
    copy = SearchIndex.from_parts(built.to_parts(), lambda iid, section: kept[iid].get(section, ()))
    assert answers(copy) == answers(built)


@pytest.mark.parametrize(
    "damage",
    [
        lambda parts: parts.pop("codes"),
        lambda parts: parts.update(meta=b"{not json"),
        lambda parts: parts.update(word_offsets=parts["word_offsets"][:-3]),
        lambda parts: parts.update(vocab=b"zebra\napple"),
        lambda parts: parts.update(slot_offsets=parts["slot_offsets"][:-8]),
        lambda parts: parts.update(filled=parts["filled"] + b"\x00"),
    ],
    ids=["missing", "meta", "offsets", "vocab-order", "slots", "filled"],
)
def test_parts_that_do_not_fit_together_are_reported_as_damage(damage: object) -> None:
    parts = build_index([searchable(d) for d in interviews()], PATHS).to_parts()
    damage(parts)  # type: ignore[operator]
    with pytest.raises(IndexDamaged):
        SearchIndex.from_parts(parts, lambda interview_id, section: ())


def test_word_codes_never_run_into_each_other() -> None:
    codes = [word_code(n) for n in range(0, 40_000, 7)]
    assert len(set(codes)) == len(codes)
    assert word_code(0) == b"\x80" and len(word_code(127)) == 1 and len(word_code(128)) == 2
    for code in codes:
        assert code[-1] >= 0x80 and all(0 < byte < 0x80 for byte in code[:-1])


def test_an_updated_index_answers_as_a_fresh_build_of_the_same_interviews() -> None:
    docs = {doc["id"]: doc for doc in interviews()}
    base = build_index([searchable(d) for d in docs.values()], PATHS)
    # Dana's notes are edited, Luis's conversation deleted, Kim's added between them.
    dana = dict(docs["dana00000001"])
    dana["notes"] = [{"question_id": None, "offset_s": 1, "text": "A hackathon, no portfolio"}]
    kim = {
        "id": "kim000000009",
        "contact_name": "Kim Cafébar",
        "scheduled_at": "2026-03-20T10:00:00+00:00",
        "notes": [{"text": "Typical week: hackathon prep"}],
        "path_id": "p-health",
    }
    updated = base.updated([searchable(dana)]).updated([searchable(kim)], removed=["luis00000002"])
    del docs["luis00000002"]
    docs["dana00000001"] = dana
    docs["kim000000009"] = kim
    fresh = build_index([searchable(d) for d in docs.values()], PATHS)
    assert updated.size == fresh.size == 5
    for query in (
        *QUERIES,
        "hackathon",
        "typical",
        "person:kim",
        "path:health",
        "since:2026-03-03",
    ):
        for limit in (None, 2):
            assert updated.search(query, limit=limit, include_practice=True) == fresh.search(
                query, limit=limit, include_practice=True
            ), (query, limit)


def test_an_updated_index_reads_bad_queries_like_any_other() -> None:
    updated = build_index([searchable(d) for d in interviews()]).updated()
    assert updated.search("colour:red").problem
    assert updated.search("").total == 0
