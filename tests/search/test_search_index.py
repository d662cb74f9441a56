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
