"""The interviews' summaries as the summary cache gives them: the shortlist's at once, the
rest the first time anything uses them.

Reading every summary back is most of opening a long history (10,000 take 40-55 ms), and the
first screen needs only the shortlist's (`coach.store.shortlist`). The store reads and
changes its summaries only through this mapping, so any use of it (a save, a merge, a list of
every interview) reads the rest in first, whole and once, and `CachedSummaries.shortlist` is
None from then on.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from typing import Any

from coach.core.agenda import TalkHistory
from coach.store.shortlist import Shortlist
from coach.store.storage import Document, Entry
from coach.store.summaries import summary_of


class CachedSummaries(dict[str, Document]):
    """id -> summary of every interview, in the file's order, read in when first used.

    ``entries`` are the interviews' documents as opened, ``positions`` where among them the
    shortlisted ``chosen`` summaries go, ``history`` the shortlist's talk history (None when
    the cache was made by other rules), and ``read_rest`` gives the other summaries in order.
    If it fails (the cache file was damaged after it was opened), the summaries are made from
    the documents, as a full read of the file would.
    """

    def __init__(
        self,
        entries: Mapping[str, Entry],
        positions: list[int],
        chosen: list[Document],
        history: TalkHistory | None,
        read_rest: Callable[[int], list[Document]],
    ) -> None:
        super().__init__()
        self._ids = list(entries)
        self._entries = dict(entries)  # as opened: a later save changes the store's own
        self._positions = positions
        self._chosen = chosen
        self._history = history
        self._read_rest: Callable[[int], list[Document]] | None = read_rest
        self._filled = False
        self._damaged = False
        self._filling = threading.Lock()

    @property
    def shortlist(self) -> Shortlist | None:
        """The shortlist while nothing has used the mapping yet (and the cache was made by
        this coach's rules); else None."""
        history = self._history
        if self._filled or history is None:
            return None
        return Shortlist(self._chosen, len(self._ids), history)

    @property
    def filled(self) -> bool:
        """True once every summary has been read in."""
        return self._filled

    @property
    def damaged(self) -> bool:
        """True when the rest could not be read back and was made from the documents."""
        return self._damaged

    def fill(self) -> None:
        """Read the rest of the summaries in, if that has not happened yet."""
        if self._filled:
            return
        with self._filling:
            if self._filled:
                return
            chosen = set(self._positions)
            try:
                assert self._read_rest is not None
                rest = self._read_rest(len(self._ids) - len(chosen))
            except Exception:  # a damaged cache costs time, never an answer
                self._damaged = True
                rest = [
                    summary_of(self._entries[doc_id].decode(), private=True)
                    for index, doc_id in enumerate(self._ids)
                    if index not in chosen
                ]
            shortlisted = iter(self._chosen)
            others = iter(rest)
            dict.update(
                self,
                (
                    (doc_id, next(shortlisted) if index in chosen else next(others))
                    for index, doc_id in enumerate(self._ids)
                ),
            )
            self._read_rest = None
            self._entries = {}
            self._filled = True


def _filled_first(name: str) -> Callable[..., Any]:
    method = getattr(dict, name)

    @functools.wraps(method)
    def use(self: CachedSummaries, *args: Any, **kwargs: Any) -> Any:
        self.fill()
        return method(self, *args, **kwargs)

    return use


# Every way of reading or changing a dict reads the rest in first (the store uses a few; the
# others are here so that no use of the mapping ever sees it half read).
for _name in (
    "__contains__",
    "__delitem__",
    "__eq__",
    "__getitem__",
    "__ior__",
    "__iter__",
    "__len__",
    "__ne__",
    "__or__",
    "__repr__",
    "__reversed__",
    "__ror__",
    "__setitem__",
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
):
    setattr(CachedSummaries, _name, _filled_first(_name))
