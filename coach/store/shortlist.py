"""The shortlist: the few interviews of a long history that Home and the agenda can show.

Most of a long history is finished conversations: Home lists the five most recent of them and
the agenda gets nothing from them but who was talked to and when. So the summary cache keeps,
beside every summary, which interviews Home's lists and the agenda can show
(`coach.core.outlook.outlook_shortlist`, `coach.core.agenda.may_yield_items`) and what the
agenda needs of all the others (`coach.core.agenda.talk_history`). None of it depends on the
date: "what is due now" is still worked out at every look, from the shortlist.

- **Only while it is exact.** The store opens with the shortlisted summaries read and the
  rest left in the cache (see `summary_cache.CachedSummaries`). The first save, merge or read
  of every summary reads the rest, and from then on there is no shortlist: Home and the
  agenda go through every summary, as before. Before that the shortlist is exactly what the
  store holds, and `build_outlook` and `build_agenda` over it give what they give over every
  summary (tests compare the two on varied histories).
- **Only by the rules it was made with.** The cache names a checksum of the code that picks
  the shortlist (`rules_stamp`); a coach whose rules differ does not use it, and writes the
  cache again.
"""

from __future__ import annotations

import functools
import itertools
import marshal
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from coach.core import agenda, clock, outlook
from coach.core.agenda import TalkHistory, may_yield_items, talk_history
from coach.core.outlook import Outlook, build_outlook, outlook_shortlist
from coach.store.sync import VERSIONS_KEPT

if TYPE_CHECKING:
    from coach.store.db import Store


class Shortlist(NamedTuple):
    """The summaries of the interviews Home and the agenda can show, in the store's order;
    how many interviews there are in all; and the talk history of all of them."""

    summaries: list[dict[str, Any]]
    total: int
    history: TalkHistory


class Chosen(NamedTuple):
    """What the cache keeps of a shortlist: the positions of the chosen summaries among all
    of them (in order), and the talk history."""

    positions: list[int]
    history: TalkHistory


def choose(summaries: Sequence[Mapping[str, Any]]) -> Chosen:
    """The shortlist of ``summaries`` (every interview, in the store's order)."""
    chosen = set(outlook_shortlist(summaries))
    # Home also lists every record kept in two versions, for the person to settle.
    chosen.update(
        index
        for index, doc in enumerate(summaries)
        if may_yield_items(doc) or doc.get(VERSIONS_KEPT)
    )
    return Chosen(sorted(chosen), talk_history(summaries))


def pack(chosen: Chosen) -> bytes:
    """``chosen`` as the cache keeps it, under the rules of this coach."""
    history = chosen.history
    return marshal.dumps(
        {
            "rules": rules_stamp(),
            "positions": chosen.positions,
            "talked": sorted(history.talked),
            "last_talks": dict(history.last_talks),
        },
        4,
    )


class Unusable(ValueError):
    """The shortlist part of a cache is not one this coach wrote whole."""


def unpack(raw: bytes | memoryview, count: int) -> tuple[list[int], TalkHistory | None]:
    """The positions (among ``count`` summaries) and the talk history a cache keeps.

    The history is None when the cache was made by other rules than this coach's: the
    positions still split the summaries, but they are not this coach's shortlist. Raises
    `Unusable` for a part of the wrong shape.
    """
    try:
        kept = marshal.loads(raw)
    except (EOFError, ValueError, TypeError) as error:
        raise Unusable(f"the shortlist is unreadable ({error})") from None
    if type(kept) is not dict:
        raise Unusable("the shortlist is not a mapping")
    positions = kept.get("positions")
    if type(positions) is not list or not all(type(p) is int for p in positions):
        raise Unusable("the shortlist's positions are not numbers")
    in_order = all(a < b for a, b in itertools.pairwise(positions))
    if not in_order or (positions and not 0 <= positions[0] <= positions[-1] < count):
        raise Unusable("the shortlist's positions are out of order or range")
    talked = kept.get("talked")
    last_talks = kept.get("last_talks")
    if (
        type(talked) is not list
        or not all(type(c) is str for c in talked)
        or type(last_talks) is not dict
        or not all(
            type(c) is str and type(t) is tuple and all(type(s) is str for s in t)
            for c, t in last_talks.items()
        )
    ):
        raise Unusable("the shortlist's talk history is not of the right shape")
    rules = rules_stamp()
    if rules is None or kept.get("rules") != rules:
        return positions, None
    return positions, TalkHistory(frozenset(talked), last_talks)


@functools.cache
def rules_stamp() -> int | None:
    """A checksum of the code that decides the shortlist and what is read from it (the
    agenda's and the outlook's rules, how stored times are read, this module), or None when
    it cannot be read: a shortlist is then never trusted."""
    crc = 0
    for module in (agenda, outlook, clock):
        try:
            crc = zlib.crc32(Path(str(module.__file__)).read_bytes(), crc)
        except (OSError, TypeError):
            return None
    try:
        return zlib.crc32(Path(__file__).read_bytes(), crc)
    except OSError:
        return None


def home_shortlist(store: Store) -> Shortlist | None:
    """The shortlist of ``store``'s interviews while it is exactly what the store holds (no
    interview saved, merged or read in full since the store opened from a current cache);
    else None, and callers go through `Store.interview_summaries_view`."""
    # The store keeps it with the file it opened (as the disk writer reaches its machinery).
    return store._opened.shortlist()


def read_outlook(store: Store) -> Outlook:
    """Home's outlook: from the shortlist while there is one and no call is interrupted (an
    interrupted call can bring a finished interview into view), else from every summary."""
    interrupted = store.journals.interrupted()
    shortlist = None if interrupted else home_shortlist(store)
    if shortlist is not None:
        return build_outlook(shortlist.summaries, (), of_total=shortlist.total)
    return build_outlook(store.interview_summaries_view(), interrupted)
