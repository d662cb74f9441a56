"""The summary cache: ``DATA/coach.json.summaries``, so that opening never decodes the history.

What Home, the agenda and the lists read of every interview (its summary) and where every
document sits in the DB file are derived from the file alone. This cache keeps them for one
version of the file, so that the next start maps the file and serves summaries without
parsing a single interview; a document is decoded only when someone asks for it.

- **The DB file stays the only source of truth.** The cache is used only when the file is the
  very version it was made from: the same device, inode, size, mtime, ctime and sampled
  content (:mod:`coach.store.stamp`), and the same ``meta.generation``, which every write of
  the file moves on. Anything else (a save, another process or device writing the file, a
  copy, a restore) makes it stale, and the store reads the file in full as it always did.
- **Damage is caught before use**: magic, format, the Python that wrote it (summaries are
  kept in ``marshal``'s format, the fastest to read back: see docs/store.md) and a CRC-32 over
  every part; then every position must fall in order inside the file. A missing, stale or
  damaged cache costs the time of a full read, never a wrong answer; the store then writes a
  new one.
- **Written off the UI's path**: a few seconds after a start that had to read the file in
  full, and when the store closes after it wrote the file. Like everything in the data
  folder: temp file, fsync, rename, fsync of the folder; the file 0600, the folder 0700.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import sys
import threading
import time
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from coach.store.cached_summaries import CachedSummaries
from coach.store.mapped import MappedFile
from coach.store.paths import DataPaths
from coach.store.shortlist import Unusable, choose, pack, unpack
from coach.store.stamp import DbStamp, stamp_of_fd
from coach.store.storage import (
    Document,
    Entry,
    Position,
    Positions,
    Tables,
    entry_at,
    read_tail,
    write_atomically,
)

SUFFIX = ".summaries"
MAGIC = b"COACHSUM"
# 2: the summaries in two parts, the shortlist's (see coach.store.shortlist) and the rest,
# which is the last part and has its own checksum.
VERSION = 2
#: The part read only when first needed: the summaries outside the shortlist.
LATER = "summaries:rest"
_HEAD = struct.Struct("<8sII")  # magic, format version, header length
# marshal's format belongs to one Python (and byte order); another one rebuilds the cache.
_PYTHON = f"{sys.implementation.cache_tag}-{marshal.version}-{sys.byteorder}"
# A temp file older than this was left by a writer that died; younger ones may be in use.
_STALE_TEMP_SECONDS = 3600
#: How long after a start that read the file in full the cache is written: late enough to
#: stay out of the way of the first screen, soon enough to survive a crash later on.
REFRESH_DELAY = 3.0
#: From how many interviews that early write is worth it: below, a full read takes tens of
#: milliseconds and the cache is written when the store closes.
REFRESH_EARLY_FROM = 2000


def cache_file(paths: DataPaths) -> Path:
    """Where the summary cache of this data folder is kept: beside the DB file (in the data
    folder even when the DB file is a link: the cache names the file's inode, which is local)."""
    return paths.db.with_name(paths.db.name + SUFFIX)


class Cached(NamedTuple):
    """What the cache gives back: the file's tables (views into the mapping) and summaries."""

    tables: Tables
    summaries: dict[str, Document]


class CacheDamaged(Exception):
    """The cache file is not one this coach wrote whole."""


class Snapshot(NamedTuple):
    """The store's view as one version of the file would hold it (see `Tables.layout`): where
    each document sits, where the tail starts and its bytes, and the summaries in file order."""

    positions: Positions
    tail_at: int
    tail: bytes
    summaries: list[Document]


# -- reading -------------------------------------------------------------------------------------
def read_cache(
    path: Path, source: MappedFile, doc_tables: tuple[str, ...], meta_version: int
) -> tuple[Cached | None, str]:
    """The tables and summaries of ``source`` from the cache at ``path`` when it was made from
    exactly this version of the file; else None and why ("missing", "stale", "damaged: ...").

    The summaries outside the shortlist, most of the file, are read (and their checksum
    checked) only when first needed (see `CachedSummaries`)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None, "missing"
    except OSError as error:
        return None, f"unreadable: {error.strerror or error}"
    try:
        later = _Later(fd)  # from here on it closes the descriptor
    except BaseException:
        os.close(fd)
        raise
    try:
        header, parts = later.open()
    except CacheDamaged as error:
        later.close()
        return None, f"damaged: {error}"
    except OSError as error:
        later.close()
        return None, f"unreadable: {error.strerror or error}"
    cached, why = _use(header, parts, later, source, doc_tables, meta_version)
    if cached is None:
        later.close()
    return cached, why


def _use(
    header: dict[str, Any],
    parts: Mapping[str, memoryview],
    later: _Later,
    source: MappedFile,
    doc_tables: tuple[str, ...],
    meta_version: int,
) -> tuple[Cached | None, str]:
    if header.get("stamp") != asdict(source.stamp):
        return None, "stale"
    tables = Tables(doc_tables)
    tail_at = header.get("tail_at")
    if type(tail_at) is not int or not 0 < tail_at < source.stamp.size:
        return None, "damaged: no tail"
    if not read_tail(source.memory, tail_at, meta_version, tables):
        return None, "stale"  # the file does not end where the cache says (or a migration)
    if tables.meta.get("generation") != header.get("generation"):
        return None, "stale"
    try:
        for name in doc_tables:
            _fill(tables, name, parts, source, tail_at)
        interviews = tables.docs[doc_tables[1]]
        positions, history = unpack(parts["shortlist"], len(interviews))
        chosen = _summary_list(parts["summaries:chosen"], len(positions))
    except (CacheDamaged, Unusable, KeyError, ValueError, TypeError, EOFError) as error:
        return None, f"damaged: {error}"

    def read_rest(count: int) -> list[Document]:
        return _summary_list(later.read(), count)

    return Cached(tables, CachedSummaries(interviews, positions, chosen, history, read_rest)), ""


def _summary_list(raw: bytes | memoryview, count: int) -> list[Document]:
    summaries = marshal.loads(raw)
    if type(summaries) is not list or len(summaries) != count:
        raise CacheDamaged("the summaries do not match the interviews")
    if not all(type(summary) is dict for summary in summaries):
        raise CacheDamaged("a summary is not a mapping")
    return summaries


def _fill(
    tables: Tables, name: str, parts: Mapping[str, memoryview], source: MappedFile, end: int
) -> None:
    ids = orjson.loads(parts[f"ids:{name}"])
    numbers = array("q")
    numbers.frombytes(parts[f"pos:{name}"])
    if not isinstance(ids, list) or len(numbers) != 4 * len(ids):
        raise CacheDamaged(f"the positions of {name} do not match its ids")
    if not ids:
        return
    entries = tables.docs[name]
    memory, view, token = source.memory, source.view, source.token
    first = ids[0]
    new = tuple.__new__  # an Entry without NamedTuple's keyword handling: 10,000 of them
    last = 0
    at = 0
    numbers_in_fours = iter(numbers)
    for doc_id, key, at, body, stop in zip(ids, *[numbers_in_fours] * 4, strict=True):
        # In file order, inside the file, and a document's JSON after its key.
        if not last < at < body < stop <= end or type(doc_id) is not str or doc_id in entries:
            raise CacheDamaged(f"{name} has a position outside the file")
        last = stop
        entries[doc_id] = new(Entry, (key, view[at - 1 : stop], 1 + body - at, at - 1, token))
    # The first document of a table has no comma before it in the file (see `entry_at`).
    entries[first] = entry_at(memory, view, True, (numbers[0], numbers[1], numbers[2], numbers[3]))
    tables.next_key[name] = max(numbers[0::4]) + 1


class _Later:
    """A cache file opened for reading: the parts the start needs at once, and the last one
    (the summaries outside the shortlist) when it is first asked for.

    The descriptor is kept until then (or until nothing refers to this any more): it reads
    the file as it was opened, whatever cache is written over it meanwhile.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._closer = weakref.finalize(self, os.close, fd)
        self._at = self._size = self._crc = 0

    def open(self) -> tuple[dict[str, Any], dict[str, memoryview]]:
        """The header and every part but the last, checked (CacheDamaged if not)."""
        size = os.fstat(self._fd).st_size
        header, layout, start = _head(lambda at, n: _pread(self._fd, n, at))
        now, last = _split(layout, start, size)
        raw = _pread(self._fd, now, start)
        if len(raw) != now or zlib.crc32(raw) != _int(header, "crc32"):
            raise CacheDamaged("its checksum does not match")
        self._at, self._size, self._crc = start + now, last, _int(header, "later_crc32")
        return header, _parts(memoryview(raw), layout)

    def read(self) -> bytes:
        """The last part, checked (CacheDamaged if not); the descriptor is closed after."""
        try:
            raw = _pread(self._fd, self._size, self._at)
        finally:
            self.close()
        if len(raw) != self._size or zlib.crc32(raw) != self._crc:
            raise CacheDamaged("the summaries' checksum does not match")
        return raw

    def close(self) -> None:
        """Close the descriptor (once)."""
        self._closer()


def _pread(fd: int, size: int, at: int) -> bytes:
    pieces = []
    while size > 0:
        piece = os.pread(fd, size, at)
        if not piece:
            break
        pieces.append(piece)
        size -= len(piece)
        at += len(piece)
    return b"".join(pieces)


def _head(read: Callable[[int, int], bytes]) -> tuple[dict[str, Any], list[tuple[str, int]], int]:
    """The header, the parts' names and sizes, and where the first part starts."""
    head = read(0, _HEAD.size)
    if len(head) < _HEAD.size:
        raise CacheDamaged("shorter than its header")
    magic, version, header_size = _HEAD.unpack(head)
    if magic != MAGIC:
        raise CacheDamaged("not a coach summary cache")
    if version != VERSION:
        raise CacheDamaged(f"format {version}, expected {VERSION}")
    raw = read(_HEAD.size, header_size)
    if len(raw) != header_size:
        raise CacheDamaged("the header is cut short")
    try:
        header = orjson.loads(raw)
        if not isinstance(header, dict) or header.get("python") != _PYTHON:
            raise CacheDamaged("written by another Python")
        layout = [(str(name), int(size)) for name, size in header["parts"]]
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise CacheDamaged(f"the header is unreadable ({error})") from None
    return header, layout, _HEAD.size + header_size


def _split(layout: list[tuple[str, int]], start: int, size: int) -> tuple[int, int]:
    """How long the parts read at once are, and the last one (read later)."""
    if not layout or layout[-1][0] != LATER or start + sum(n for _, n in layout) != size:
        raise CacheDamaged("its length does not match its header")
    last = layout[-1][1]
    return size - start - last, last


def _int(header: Mapping[str, Any], key: str) -> int:
    value = header.get(key)
    if type(value) is not int:
        raise CacheDamaged(f"the header has no {key}")
    return value


def _parts(view: memoryview, layout: list[tuple[str, int]]) -> dict[str, memoryview]:
    parts: dict[str, memoryview] = {}
    at = 0
    for name, size in layout:
        parts[name] = view[at : at + size]
        at += size
    return parts


def _unpack(raw: bytes) -> tuple[dict[str, Any], dict[str, memoryview]]:
    """The header and every part of a whole cache file, checked (CacheDamaged if not)."""
    header, layout, start = _head(lambda at, n: raw[at : at + n])
    now, _ = _split(layout, start, len(raw))
    view = memoryview(raw)
    if zlib.crc32(view[start : start + now]) != _int(header, "crc32"):
        raise CacheDamaged("its checksum does not match")
    if zlib.crc32(view[start + now :]) != _int(header, "later_crc32"):
        raise CacheDamaged("the summaries' checksum does not match")
    return header, _parts(view[start:], layout)


# -- writing -------------------------------------------------------------------------------------
def write_cache(
    paths: DataPaths,
    stamp: DbStamp,
    generation: object,
    tail_at: int,
    positions: Positions,
    summaries: Iterable[Mapping[str, Any]],
) -> Path:
    """Keep ``summaries`` (in the interviews' file order) and ``positions`` as the cache of
    the DB file with ``stamp`` (atomically, 0600); OSError passes through."""
    parts: dict[str, bytes] = {}
    for name, found in positions.items():
        parts[f"ids:{name}"] = orjson.dumps([doc_id for doc_id, _ in found])
        parts[f"pos:{name}"] = array("q", [n for _, position in found for n in position]).tobytes()
    docs = [dict(summary) for summary in summaries]
    chosen = choose(docs)
    parts["shortlist"] = pack(chosen)
    picked = set(chosen.positions)
    # marshal writes an object met twice as a reference to the first: summaries that share
    # their short texts (see `SharedText`) are read back sharing them, which is faster.
    parts["summaries:chosen"] = marshal.dumps([docs[index] for index in chosen.positions], 4)
    # Last, with a checksum of its own: a start reads the parts before it only.
    parts[LATER] = marshal.dumps([doc for index, doc in enumerate(docs) if index not in picked], 4)
    crc = 0
    for name, part in parts.items():
        if name != LATER:
            crc = zlib.crc32(part, crc)
    header = orjson.dumps(
        {
            "stamp": asdict(stamp),
            "generation": generation,
            "tail_at": tail_at,
            "python": _PYTHON,
            "parts": [[name, len(part)] for name, part in parts.items()],
            "crc32": crc,
            "later_crc32": zlib.crc32(parts[LATER]),
        }
    )
    target = cache_file(paths)
    _remove_stale_temps(target)
    write_atomically(target, [_HEAD.pack(MAGIC, VERSION, len(header)), header, *parts.values()])
    return target


def write_if_current(paths: DataPaths, snapshot: Snapshot) -> bool:
    """Write the cache for the DB file on disk now, if it holds exactly ``snapshot``.

    The positions come from the store's own view, not from reading the file, so they are
    checked against the file first: its length, its whole tail (meta and its generation, other
    tables) byte for byte, and the first and last document of every table where the view
    says they are. False when anything differs (a write still pending or failed, another
    writer): the cache is then left as it is, to be rebuilt on a later start.
    """
    try:
        fd = os.open(paths.db, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        stamp = stamp_of_fd(fd)
        tail_at, tail = snapshot.tail_at, snapshot.tail
        if stamp.size != tail_at + len(tail) or os.pread(fd, len(tail), tail_at) != tail:
            return False
        for found in snapshot.positions.values():
            for _, position in found[:1] + found[-1:]:
                if not _looks_placed(fd, position):
                    return False
        meta = orjson.loads(b"{" + tail[1:]).get("meta", {}).get("1", {})
        write_cache(
            paths,
            stamp,
            meta.get("generation"),
            tail_at,
            snapshot.positions,
            snapshot.summaries,
        )
        return True
    except (OSError, orjson.JSONDecodeError, AttributeError):
        return False
    finally:
        os.close(fd)


def _looks_placed(fd: int, position: Position) -> bool:
    key, at, body, stop = position
    head = b'"%d":' % key
    return (
        body - at == len(head)
        and os.pread(fd, len(head) + 1, at) == head + b"{"
        and os.pread(fd, 1, stop - 1) == b"}"
    )


def _remove_stale_temps(target: Path) -> None:
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for temp in target.parent.glob(f".{target.name}.tmp-*"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


# -- keeping it current --------------------------------------------------------------------------
class CacheKeeper:
    """Writes the cache when the store's view and the file on disk differ from it.

    ``snapshot`` takes the store's view consistently (under its lock). The keeper writes at
    `close` whenever the file changed since the cache was last written, and ``interviews``
    says how long the history is: from `REFRESH_EARLY_FROM` on, a cache that was not current
    at opening is also written `REFRESH_DELAY` seconds later on a thread of its own.
    """

    def __init__(
        self,
        paths: DataPaths,
        snapshot: Callable[[], Snapshot],
        *,
        current: bool,
        interviews: int = 0,
    ) -> None:
        self._paths = paths
        self._snapshot = snapshot
        self._current = current
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        if not current and interviews >= REFRESH_EARLY_FROM:
            self._timer = threading.Timer(REFRESH_DELAY, self.refresh)
            self._timer.name = "coach-summary-cache"
            self._timer.daemon = True
            self._timer.start()

    def file_changed(self) -> None:
        """The store wrote the DB file: the cache no longer describes it."""
        self._current = False

    def refresh(self) -> bool:
        """Write the cache now if it is not current; True when it is current afterwards."""
        with self._lock:
            if not self._current:
                self._current = write_if_current(self._paths, self._snapshot())
            return self._current

    def close(self) -> None:
        """Stop waiting and bring the cache up to date (the store has stopped writing)."""
        if self._timer is not None:
            self._timer.cancel()
        self.refresh()
