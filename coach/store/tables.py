"""Reading a table the Store does not serve yet (``paths``, ``transcripts``) from the DB file.

The Store keeps tables it does not manage byte for byte but offers no way to read them. Until
it does (a ``Store.table(name)`` returning fresh documents would replace this module), search
and progress read such a table straight from the file the store was opened from. The DB file
is only read here, never written.

Reading a 130 MB file whole takes most of a second, so the table is first looked for where
the store's writer puts it — after ``meta`` for a table it does not manage, just before
``meta`` for one it does — and parsed alone; anything unexpected falls back to a full parse.
"""

from __future__ import annotations

import mmap
import os
import re
from typing import TYPE_CHECKING, Any

import orjson

from coach.store.storage import Document, MalformedFile, parse_data

if TYPE_CHECKING:
    from coach.store.db import Store

_META = b'},"meta":{"1":{'
# The end of one top-level table and the start of the next: a name that is not a number
# (numbers are TinyDB's document keys).
_NEXT_TABLE = re.compile(rb'\},"[^"\\]*[^0-9"\\][^"\\]*":\{')


def read_table(store: Store, name: str) -> list[Document]:
    """The documents of table ``name`` in the store's DB file, in file order.

    An absent table, a missing file or one that cannot be read gives ``[]``: these tables hold
    optional data, and the store has already reported a damaged file when it opened.
    """
    try:
        with open(store.paths.db, "rb") as handle:
            if os.fstat(handle.fileno()).st_size == 0:
                return []
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
                table = _where_written(view, name, store)
                if table is None:
                    table = _whole_file(view, name)
    except (OSError, ValueError, MalformedFile):
        return []
    if not isinstance(table, dict):
        return []
    return [doc for doc in table.values() if isinstance(doc, dict)]


def _parse(raw: bytes | memoryview) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None


def _where_written(view: mmap.mmap, name: str, store: Store) -> Any:
    """The table parsed on its own, ``{}`` when the file has no such table, or None when the
    file is not laid out as the store writes it."""
    meta_at = view.rfind(_META)
    if meta_at < 0:
        return None
    rest = _parse(b"{" + view[meta_at + 2 :])
    if not isinstance(rest, dict) or list(rest)[:1] != ["meta"]:
        return None
    if name in rest:
        return rest[name]
    if _interviews_end_at(view, meta_at, store):
        # The store writes its own tables first and interviews last of them: nothing sits
        # between them and meta, so the table is not in the file. (This saves a scan of the
        # whole file, the interviews included, for a table that is not there.)
        return {}
    head = b'},"' + name.encode() + b'":{'
    at = view.rfind(head, 0, meta_at + 1)
    if at < 0:
        first = b'{"' + name.encode() + b'":{'
        if view[: len(first)] != first:
            return {}  # neither after meta, nor after another table, nor the first table
        at = 0
        head = first
    start = at + len(head) - 1
    with memoryview(view) as whole:
        table = _parse(whole[start : meta_at + 1])
        if isinstance(table, dict):
            return table
        # Another table sits between this one and meta: try each place a table could end.
        for boundary in _NEXT_TABLE.finditer(view, start, meta_at):
            table = _parse(whole[start : boundary.start() + 1])
            if isinstance(table, dict):
                return table
    return None


def _interviews_end_at(view: mmap.mmap, meta_at: int, store: Store) -> bool:
    """True when the table that ends just before meta is the interviews table."""
    if view[max(0, meta_at - 14) : meta_at + 1] == b'"interviews":{}':
        return True
    # The last document before meta starts with its id (as the models write it).
    start = view.rfind(b'":{"id":"', 0, meta_at)
    if start < 0:
        return False
    with memoryview(view) as whole:
        doc = _parse(whole[start + 2 : meta_at])
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        return False
    found = store.get_interview(doc["id"])
    return found is not None and found == doc


def _whole_file(view: mmap.mmap, name: str) -> Any:
    data = parse_data(view[:])
    return data.get(name, {})
