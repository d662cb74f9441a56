"""The shortlist: Home's lists and the agenda built from the few interviews they can show are
exactly what they are from every interview, and the store offers the shortlist only while it
is exactly what it holds."""

from __future__ import annotations

import random
import re
import struct
import time
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import orjson
import pytest

from coach.core.agenda import KINDS, Agenda, TalkHistory, build_agenda, may_yield_items
from coach.core.contact import STAGES, Contact, Interaction
from coach.core.outlook import build_outlook
from coach.store import shortlist, summary_cache
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.shortlist import choose, home_shortlist, pack, read_outlook, unpack
from coach.store.storage import parse_data
from coach.store.summaries import summary_of
from coach.store.summary_cache import cache_file

BASE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
OFFSETS = [UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))]
# A few instants, two of them near midnight, so that the same moment is often kept with
# different offsets (and so on different days): which of equal times wins then matters.
INSTANTS = [
    BASE + timedelta(days=d, hours=h) for d in (-120, -95, -30, -9, -2, 0, 3) for h in (0, 11.5)
]
NOWS = [
    datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
    datetime(2026, 3, 12, 23, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
    datetime(2026, 6, 20, 7, 0, tzinfo=timezone(timedelta(hours=-8))),
]


# -- varied histories ----------------------------------------------------------------------------
def a_time(rng: random.Random) -> Any:
    """A stored time as people's files hold them: mostly with an offset, some in UTC with Z,
    some without an offset or just a day, and some that cannot be read at all."""
    when = rng.choice(INSTANTS)
    pick = rng.random()
    if pick < 0.45:
        return when.astimezone(rng.choice(OFFSETS)).isoformat()
    if pick < 0.55:
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    if pick < 0.65:
        return when.replace(tzinfo=None).isoformat()  # read in the local time zone
    if pick < 0.72:
        return when.date().isoformat()
    if pick < 0.78:
        return f"  {when.isoformat()} "
    return rng.choice([None, "", "soon", 42, "2026-02-30"])


def an_action(rng: random.Random, n: int, k: int) -> Any:
    if rng.random() < 0.05:
        return "call Ana back"  # not a mapping
    action: dict[str, Any] = {"text": rng.choice(["Read the book", "", "Apply"])}
    if rng.random() < 0.9:
        action["id"] = f"a{n}-{k}"
    for key, chance in (("due", 0.7), ("done_at", 0.6), ("reported_back_at", 0.4)):
        if rng.random() < chance:
            action[key] = a_time(rng)
    if rng.random() < 0.8:
        action["kind"] = rng.choice(["advice", "own", "referral", 3])
    return action


def an_interview(rng: random.Random, n: int) -> dict[str, Any]:
    """One interview of a history that is mostly finished conversations, each field now and
    then missing or of an odd shape."""
    doc: dict[str, Any] = {"id": f"i{n}"}
    if rng.random() < 0.9:
        doc["contact_id"] = rng.choice(["c0", "c1", "c2", "c3", "c4", "c5", "c9", ""])
    if rng.random() < 0.9:
        doc["contact_name"] = rng.choice(["Ana Ortiz", "Ben Park", "", "  ", "Zoë"])
    finished = rng.random() < 0.6
    if finished or rng.random() < 0.1:
        doc["status"] = "debriefed"
    elif rng.random() < 0.95:
        doc["status"] = rng.choice(["planned", "live", "ended", "debriefed", "archived", 7])
    if rng.random() < 0.25:
        doc["practice"] = rng.choice([True, False, "yes", 0])
    if rng.random() < 0.8:
        doc["scheduled_at"] = a_time(rng)
    if rng.random() < 0.9:  # few distinct values: finished ones tie on it
        doc["updated_at"] = rng.choice(["2026-01-05T09:00:00+00:00", "2026-02-01T10:00:00", 5, ""])
    live = {"started": a_time(rng), "ended": a_time(rng)}
    doc["stages"] = rng.choice([{"live": live}, {"live": live}, {"live": "x"}, "x", {}])
    if rng.random() < 0.1:
        del doc["stages"]
    sent = a_time(rng) if finished else rng.choice([None, a_time(rng)])
    thank_you = {"sent_at": sent, "due_at": a_time(rng), "text": "Thanks"}
    doc["thank_you"] = rng.choice([thank_you] * 6 + [{}, "sent", None])
    if rng.random() < 0.7:
        doc["actions"] = rng.choice(
            [[an_action(rng, n, k) for k in range(rng.randint(0, 3))]] * 5 + ["x"]
        )
    return doc


def a_contact(rng: random.Random, k: int) -> Contact:
    def when() -> str | None:
        return rng.choice([None, rng.choice(INSTANTS).isoformat()])

    return Contact(
        name=rng.choice(["Ana Ortiz", "Ben Park", "", "Cleo"]),
        id=f"c{k}",
        organisation=rng.choice(["Acme", "", "Beta"]),
        stage=rng.choice(STAGES),
        asked_at=when(),
        replied_at=when(),
        last_interaction=when(),
        interactions=[
            Interaction(at=rng.choice(INSTANTS).isoformat(), kind=rng.choice(["ask", "call"]))
            for _ in range(rng.randint(0, 2))
        ],
        referred_by=rng.choice([None, "c0", "c7"]),
        source=rng.choice(["manual", "referral"]),
        how_known=rng.choice(["", "referral"]),
        created_at=rng.choice(INSTANTS).isoformat(),
    )


def a_history(seed: int, size: int | None = None) -> tuple[list[dict[str, Any]], list[Contact]]:
    rng = random.Random(seed)
    count = rng.randint(0, 80) if size is None else size
    return [an_interview(rng, n) for n in range(count)], [a_contact(rng, k) for k in range(8)]


def from_shortlist(docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], TalkHistory]:
    chosen = choose(docs)
    positions, history = unpack(pack(chosen), len(docs))  # as the cache keeps it
    assert positions == chosen.positions and history is not None
    return [docs[index] for index in positions], history


# -- the rules -----------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(60))
def test_home_and_the_agenda_from_the_shortlist_are_those_from_every_interview(seed: int) -> None:
    docs, contacts = a_history(seed)
    short, history = from_shortlist(docs)
    assert build_outlook(short, [], of_total=len(docs)) == build_outlook(docs, [])
    for now in NOWS:
        fast = build_agenda(contacts, short, now, history=history)
        assert fast == build_agenda(contacts, docs, now)


@pytest.mark.parametrize("seed", range(20))
def test_an_interview_said_to_yield_nothing_yields_nothing_at_any_date(seed: int) -> None:
    docs, _ = a_history(seed)
    for doc in docs:
        if not may_yield_items(doc):
            assert all(build_agenda([], [doc], now).items == () for now in NOWS), doc


def test_the_varied_histories_make_every_kind_of_item_and_leave_most_interviews_out() -> None:
    kinds: set[str] = set()
    shortlisted = every = 0
    for seed in range(60):
        docs, contacts = a_history(seed)
        kinds.update(item.kind for now in NOWS for item in build_agenda(contacts, docs, now).items)
        shortlisted += len(choose(docs).positions)
        every += len(docs)
    assert kinds == set(KINDS)  # the comparison above is a real one
    assert shortlisted < every * 0.75


def test_a_long_finished_history_shortlists_only_what_home_and_the_agenda_show() -> None:
    sent = {"sent_at": "2026-02-01T10:00:00+00:00"}
    live = {"live": {"started": "2026-01-31T10:00:00+00:00", "ended": "2026-01-31T11:00:00+00:00"}}
    done = [
        {
            "id": f"i{n}",
            "contact_id": f"c{n % 40}",
            "status": "debriefed",
            "updated_at": f"2026-01-{1 + n % 28:02d}T09:00:00+00:00",
            "stages": live,
            "thank_you": sent,
            "actions": [{"id": "a", "done_at": "2026-02-02", "reported_back_at": "2026-02-09"}],
        }
        for n in range(300)
    ]
    planned = {"id": "p", "status": "planned", "scheduled_at": "2026-03-05T10:00:00+00:00"}
    unsent = {**done[7], "id": "u", "thank_you": {"sent_at": None}}
    action = {**done[8], "id": "a", "actions": [{"id": "x", "due": "2026-03-09"}]}
    docs = [*done[:100], planned, *done[100:200], unsent, *done[200:], action]
    positions = choose(docs).positions
    picked = [docs[index]["id"] for index in positions]
    newest = sorted(done, key=lambda doc: doc["updated_at"], reverse=True)[:5]
    assert sorted(picked) == sorted(["p", "u", "a", *(doc["id"] for doc in newest)])


def test_times_kept_without_an_offset_are_read_in_the_time_zone_of_the_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 20:00 without an offset is after midnight UTC in New York and before it in Tokyo, so
    # which of the two is the last talk (and the day to keep in touch from) depends on where
    # the agenda is read, not on where the shortlist was made.
    docs = [
        {"id": "i1", "contact_id": "c1", "status": "debriefed",
         "stages": {"live": {"ended": "2026-03-01T20:00:00"}}, "thank_you": {"sent_at": None}},
        {"id": "i2", "contact_id": "c1", "status": "debriefed",
         "stages": {"live": {"ended": "2026-03-02T00:00:00+00:00"}},
         "thank_you": {"sent_at": "2026-03-02T00:00:00+00:00"}},
    ]  # fmt: skip
    contacts = [Contact(name="Ana", id="c1", stage="interviewed")]
    now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    def zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    zone("EST+5")
    short, history = from_shortlist(docs)
    in_new_york = build_agenda(contacts, docs, now)
    zone("JST-9")
    in_tokyo = build_agenda(contacts, docs, now)
    assert build_agenda(contacts, short, now, history=history) == in_tokyo
    assert in_tokyo != in_new_york  # the zone matters here: a real comparison
    zone("UTC")


def test_a_shortlist_made_by_other_rules_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    docs, _ = a_history(3, size=20)
    kept = pack(choose(docs))
    monkeypatch.setattr(shortlist, "rules_stamp", lambda: 1)  # another coach's rules
    positions, history = unpack(kept, len(docs))
    assert history is None and positions == choose(docs).positions


# -- the store offers it only while it is exact --------------------------------------------------
def fill(paths: DataPaths, seed: int = 5, size: int = 60) -> tuple[list[Contact], list[str]]:
    docs, contacts = a_history(seed, size)
    with Store.open(paths) as store:
        store.save_all("contact", [contact.to_dict() for contact in contacts])
        store.save_all("interview", docs)
    return contacts, [doc["id"] for doc in docs]


def home(store: Store, contacts: list[Contact]) -> tuple[Any, list[Any]]:
    """Home's outlook and the agenda at each date, as the app reads them now."""
    listed = read_outlook(store)
    found = home_shortlist(store)
    if found is not None:
        return listed, [
            comparable(build_agenda(contacts, found.summaries, now, history=found.history))
            for now in NOWS
        ]
    view = store.interview_summaries_view()
    return listed, [comparable(build_agenda(contacts, view, now)) for now in NOWS]


def from_the_file(paths: DataPaths, contacts: list[Contact]) -> tuple[Any, list[Any]]:
    """The same, from a plain parse of the file: no cache, no shortlist."""
    parsed = parse_data(paths.db.read_bytes())["interviews"].values()
    summaries = [summary_of(doc) for doc in parsed]
    outlook = build_outlook(summaries, [])
    return outlook, [comparable(build_agenda(contacts, summaries, now)) for now in NOWS]


def comparable(agenda: Agenda) -> Agenda:
    """``agenda`` with the keys of actions stored without an id made alike: the agenda names
    those by where the action sits in memory, which differs between two reads of the file."""
    items = [
        replace(item, key=re.sub(r":[0-9]{6,}$", ":(no id)", item.key)) for item in agenda.items
    ]
    return replace(agenda, items=tuple(items))


def test_a_start_from_a_current_cache_reads_only_the_shortlisted_summaries(
    data_paths: DataPaths,
) -> None:
    contacts, ids = fill(data_paths)
    expected = from_the_file(data_paths, contacts)
    with Store.open(data_paths, read_only=True) as viewer:
        found = home_shortlist(viewer)
        assert found is not None and found.total == len(ids)
        assert 0 < len(found.summaries) < len(ids)
        assert home(viewer, contacts) == expected
        assert not viewer._summaries.filled  # type: ignore[attr-defined]
        # Anything that reads every summary ends the shortlist; the answers stay the same.
        assert [s["id"] for s in viewer.interview_summaries_view()] == ids
        assert home_shortlist(viewer) is None
        assert home(viewer, contacts) == expected


def test_the_shortlisted_summaries_are_the_ones_the_store_keeps_after(
    data_paths: DataPaths,
) -> None:
    fill(data_paths)
    with Store.open(data_paths, read_only=True) as viewer:
        found = home_shortlist(viewer)
        assert found is not None
        view = {id(summary) for summary in viewer.interview_summaries_view()}
    assert all(id(summary) in view for summary in found.summaries)


def test_a_save_ends_the_shortlist_and_home_shows_it_at_once(data_paths: DataPaths) -> None:
    contacts, _ = fill(data_paths)
    with Store.open(data_paths) as store:
        found = home_shortlist(store)
        assert found is not None
        first = found.summaries[0]
        store.save("interview", {**first, "status": "planned", "contact_name": "New Name",
                                 "scheduled_at": "2026-03-20T10:00:00+00:00"})  # fmt: skip
        assert home_shortlist(store) is None
        outlook, _ = home(store, contacts)
        assert any(item.person == "New Name" for item in outlook.upcoming)
        store.sync()
        assert home(store, contacts) == from_the_file(data_paths, contacts)


def test_a_contact_saved_since_the_start_is_seen_by_the_agenda_from_the_shortlist(
    data_paths: DataPaths,
) -> None:
    contacts, _ = fill(data_paths)
    with Store.open(data_paths) as store:
        renamed = [Contact.from_dict({**c.to_dict(), "name": f"{c.name} 2"}) for c in contacts]
        store.save_all("contact", [contact.to_dict() for contact in renamed])
        assert home_shortlist(store) is not None  # contacts are read afresh every time
        store.sync()
        assert home(store, renamed) == from_the_file(data_paths, renamed)


def test_an_interrupted_call_lists_home_from_every_interview(data_paths: DataPaths) -> None:
    sent = {"sent_at": "2026-02-01T10:00:00+00:00"}
    docs = [
        {"id": f"i{n}", "status": "debriefed", "thank_you": sent, "contact_name": f"P{n}",
         "updated_at": f"2026-01-{10 + n:02d}T09:00:00+00:00"}
        for n in range(9)
    ]  # fmt: skip
    with Store.open(data_paths) as store:
        store.save_all("interview", docs)
    data_paths.drafts.mkdir(parents=True, exist_ok=True)
    (data_paths.drafts / "i8.jsonl").write_text("")  # the newest finished one, interrupted
    with Store.open(data_paths, read_only=True) as viewer:
        outlook = read_outlook(viewer)
    assert [item.interview_id for item in outlook.interrupted] == ["i8"]
    assert [item.interview_id for item in outlook.done] == ["i7", "i6", "i5", "i4", "i3"]


def rewrite(paths: DataPaths, change: Callable[[dict[str, bytes]], None]) -> None:
    """Change parts of the summary cache and write it back with a valid checksum."""
    header, views = summary_cache._unpack(cache_file(paths).read_bytes())
    parts = {name: bytes(view) for name, view in views.items()}
    change(parts)
    parts[summary_cache.LATER] = parts.pop(summary_cache.LATER)  # last, as the cache has it
    crc = 0
    for name, part in parts.items():
        if name != summary_cache.LATER:
            crc = zlib.crc32(part, crc)
    header["parts"] = [[name, len(part)] for name, part in parts.items()]
    header["crc32"] = crc
    header["later_crc32"] = zlib.crc32(parts[summary_cache.LATER])
    head = orjson.dumps(header)
    raw = struct.pack("<8sII", summary_cache.MAGIC, summary_cache.VERSION, len(head))
    cache_file(paths).write_bytes(raw + head + b"".join(parts.values()))


def test_a_cache_made_by_other_rules_is_used_without_its_shortlist_and_written_again(
    data_paths: DataPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    contacts, _ = fill(data_paths)
    expected = from_the_file(data_paths, contacts)
    parsed = parse_data(data_paths.db.read_bytes())["interviews"].values()
    summaries = [summary_of(doc) for doc in parsed]
    with monkeypatch.context() as other:  # the same choice, made by another coach's rules
        other.setattr(shortlist, "rules_stamp", lambda: 1)
        rewrite(data_paths, lambda parts: parts.update(shortlist=pack(choose(summaries))))
    with Store.open(data_paths, read_only=True) as viewer:
        assert viewer.opened_from_cache and home_shortlist(viewer) is None
        assert home(viewer, contacts) == expected
    with Store.open(data_paths, read_only=True) as viewer:
        assert home_shortlist(viewer) is not None
        assert home(viewer, contacts) == expected


@pytest.mark.parametrize("how", ["missing", "stale", "flipped byte"])
def test_without_a_current_cache_there_is_no_shortlist_and_home_is_the_same(
    data_paths: DataPaths, how: str
) -> None:
    contacts, _ = fill(data_paths)
    old = cache_file(data_paths).read_bytes()
    with Store.open(data_paths) as store:
        store.save("interview", {"id": "new", "status": "planned", "contact_name": "Nell"})
    expected = from_the_file(data_paths, contacts)
    if how == "missing":
        cache_file(data_paths).unlink()
    elif how == "stale":
        cache_file(data_paths).write_bytes(old)
    else:
        raw = bytearray(cache_file(data_paths).read_bytes())
        raw[len(raw) // 2] ^= 0x20
        cache_file(data_paths).write_bytes(bytes(raw))
    with Store.open(data_paths, read_only=True) as viewer:
        assert not viewer.opened_from_cache and home_shortlist(viewer) is None
        assert home(viewer, contacts) == expected


def test_summaries_that_cannot_be_read_back_are_made_from_the_file(
    data_paths: DataPaths,
) -> None:
    contacts, ids = fill(data_paths)
    expected = from_the_file(data_paths, contacts)
    rewrite(data_paths, lambda parts: parts.update({"summaries:rest": b"not marshal"}))
    with Store.open(data_paths, read_only=True) as viewer:
        assert viewer.opened_from_cache
        assert home(viewer, contacts) == expected
        summaries = viewer.interview_summaries()
    parsed = parse_data(data_paths.db.read_bytes())["interviews"].values()
    assert summaries == [summary_of(doc) for doc in parsed]
    assert [s["id"] for s in summaries] == ids


@pytest.mark.parametrize(
    "use",
    [len, list, dict, lambda d: "i3" in d, lambda d: d.get("i3"), lambda d: list(d.items()),
     lambda d: list(d.values()), lambda d: d["i3"], lambda d: repr(d)],
)  # fmt: skip
def test_the_cached_summaries_are_whole_whichever_way_they_are_first_used(
    data_paths: DataPaths, use: Callable[[Any], Any]
) -> None:
    fill(data_paths)
    parsed = parse_data(data_paths.db.read_bytes())["interviews"].values()
    expected = {doc["id"]: summary_of(doc) for doc in parsed}
    with Store.open(data_paths, read_only=True) as viewer:
        summaries = viewer._summaries
        assert isinstance(summaries, summary_cache.CachedSummaries)
        assert use(summaries) == use(expected)
        assert summaries == expected


def test_an_old_interview_kept_in_two_versions_is_shortlisted_and_found_from_a_cache_start(
    data_paths: DataPaths,
) -> None:
    from coach.services.sync import kept_in_two_versions
    from coach.store.sync import keep_conflict

    contacts, ids = fill(data_paths, size=80)
    with Store.open(data_paths, read_only=True) as viewer:
        found = home_shortlist(viewer)
        assert found is not None
        listed = {s["id"] for s in found.summaries}
    with Store.open(data_paths) as store:
        # One Home would not list: without it in the shortlist, only reading every summary
        # would find it.
        oldest = next(doc for doc in store.interviews() if doc["id"] not in listed)
        other = {**oldest, "goals": "typed on the laptop"}
        kept = keep_conflict(oldest, other, "another device", "2026-12-03")
        store.save("interview", kept)
        assert not may_yield_items(summary_of(store.get("interview", oldest["id"]) or {}))
    with Store.open(data_paths, read_only=True) as viewer:
        found = home_shortlist(viewer)
        assert found is not None and len(found.summaries) < len(ids)
        assert oldest["id"] in {s["id"] for s in found.summaries}
        assert [(t.kind, t.doc_id) for t in kept_in_two_versions(viewer)] == [
            ("interview", oldest["id"])
        ]
        assert home_shortlist(viewer) is not None  # asking did not read every summary
        assert home(viewer, contacts) == from_the_file(data_paths, contacts)
