"""The search index kept on disk between runs: ``DATA/cache/search-index.bin``.

The index (:mod:`coach.core.search_index`) is derived from the DB file and nothing else, so
this file is a cache in the strict sense: deleting it, or finding it stale or damaged, costs
the time to build the index again and never changes a result. ``coach.json`` stays the only
source of truth.

- **Stale** is judged against the DB file's stamp (:mod:`coach.store.stamp`): its device,
  inode, size, mtime and ctime (ns), and a hash of a few blocks spread over it. The store
  replaces the file on every save, so any save gives it a new inode and the cache is rebuilt
  on next use.
- **Damaged** is judged by a magic number, a format version, the byte order and a CRC-32 over
  everything after the header; then the index checks that its parts fit together.
- **Written** like everything in the data folder: a temp file in the same folder, fsync,
  ``os.replace``, fsync of the folder; the file 0600 and the folder 0700 (these are words
  from notes about real people). A folder that cannot be written to just means no cache.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import struct
import sys
import time
import zlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson

from coach.core.search import SECTIONS, interview_date, searchable, section_items
from coach.core.search_index import IndexBuilder, IndexDamaged, SearchIndex
from coach.core.text import clean_line
from coach.store.paths import DataPaths

# Re-exported: `coach search` and the tests take the stamp from here.
from coach.store.stamp import DbStamp as DbStamp
from coach.store.stamp import db_stamp as db_stamp

if TYPE_CHECKING:
    from coach.core.search import TextSource
    from coach.store.db import Store

CACHE_FOLDER = "cache"
FILE_NAME = "search-index.bin"
MAGIC = b"COACHSIX"
VERSION = 1
FILE_MODE = 0o600
FOLDER_MODE = 0o700
# A temp file older than this was left by a writer that died; younger ones may be in use.
_STALE_TEMP_SECONDS = 3600
_temp_serial = itertools.count()


def cache_file(paths: DataPaths) -> Path:
    """Where the index is kept for this data folder."""
    return paths.root / CACHE_FOLDER / FILE_NAME


@dataclass(frozen=True)
class OpenedIndex:
    """The index, and whether it came from the cache or was built (and why)."""

    index: SearchIndex
    source: Literal["cache", "built"]
    reason: str


def open_index(store: Store, stamp: DbStamp | None) -> OpenedIndex:
    """The search index of ``store``: from the cache when it is current, else built and kept.

    ``stamp`` is :func:`db_stamp` taken *before* the store was opened: the cache is used or
    written only when the DB file still has that stamp now, so what the index says and what
    the store serves are always the same version of the file.
    """
    texts = StoreTexts(store)
    now = db_stamp(store.paths)
    same = stamp is not None and stamp == now
    if same:
        assert now is not None
        index, reason = read_cached(store.paths, now, texts)
        if index is not None:
            return OpenedIndex(index, "cache", "")
    else:
        reason = "the data file changed while it was opened" if stamp else "no data file yet"
    index = build_from_store(store, texts)
    if same and now is not None and db_stamp(store.paths) == now:
        with contextlib.suppress(OSError):
            write_cached(store.paths, index, now)
    return OpenedIndex(index, "built", reason)


def build_from_store(store: Store, texts: TextSource | None = None) -> SearchIndex:
    """Build the index from every interview in ``store`` (seconds at 10,000 interviews)."""
    summaries = store.interview_summaries()
    # Newest first, the order the index keeps, so the builder need not renumber.
    ordered = sorted(
        summaries, key=lambda s: (*interview_date(s), clean_line(str(s.get("id")))), reverse=True
    )
    contacts = {c.get("id"): c for c in store.contacts() if isinstance(c.get("id"), str)}
    transcripts = _transcripts_by_interview(store.all("transcript"))
    builder = IndexBuilder(len(ordered), store.all("path"))
    for summary in ordered:
        doc = store.get_interview(str(summary.get("id")))
        if doc is None:
            continue
        contact_id = doc.get("contact_id")
        builder.add(
            searchable(
                doc,
                contact=contacts.get(contact_id) if isinstance(contact_id, str) else None,
                transcript=transcripts.get(str(doc.get("id"))),
            )
        )
    return builder.finish(texts if texts is not None else StoreTexts(store))


def _transcripts_by_interview(docs: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for doc in docs:
        interview_id = doc.get("interview_id")
        if isinstance(interview_id, str) and interview_id:
            found[interview_id] = doc
    return found


class StoreTexts:
    """The text of a section, read from the store when a result needs a snippet.

    Keeps the last few interviews decoded (results of one interview come together), and reads
    the transcripts table only if a transcript result is shown.
    """

    def __init__(self, store: Store, keep: int = 16) -> None:
        self._store = store
        self._keep = keep
        self._recent: OrderedDict[str, Mapping[str, Any] | None] = OrderedDict()
        self._transcripts: dict[str, Mapping[str, Any]] | None = None

    def __call__(self, interview_id: str, section: str) -> Sequence[str]:
        if section not in SECTIONS:
            return ()
        doc = self._recent.get(interview_id)
        if interview_id in self._recent:
            self._recent.move_to_end(interview_id)
        else:
            doc = self._store.get_interview(interview_id)
            self._recent[interview_id] = doc
            if len(self._recent) > self._keep:
                self._recent.popitem(last=False)
        if doc is None:
            return ()
        transcript = None
        if section == "transcript":
            if self._transcripts is None:
                self._transcripts = _transcripts_by_interview(self._store.all("transcript"))
            transcript = self._transcripts.get(interview_id)
        return section_items(doc, section, transcript)


# -- the file ----------------------------------------------------------------------------------

_HEAD = struct.Struct("<8sII")  # magic, format version, header length


def read_cached(
    paths: DataPaths, stamp: DbStamp, texts: TextSource
) -> tuple[SearchIndex | None, str]:
    """The cached index when it belongs to the DB file with ``stamp``; else None and why
    ("missing", "stale" or "damaged: ...")."""
    try:
        raw = cache_file(paths).read_bytes()
    except FileNotFoundError:
        return None, "missing"
    except OSError as error:
        return None, f"unreadable: {error.strerror or error}"
    try:
        parts, header = _unpack(raw)
    except IndexDamaged as error:
        return None, f"damaged: {error}"
    if header.get("stamp") != asdict(stamp):
        return None, "stale"
    try:
        return SearchIndex.from_parts(parts, texts), ""
    except IndexDamaged as error:
        return None, f"damaged: {error}"


def write_cached(paths: DataPaths, index: SearchIndex, stamp: DbStamp) -> Path:
    """Keep ``index`` as the cache for the DB file with ``stamp`` (atomically, 0600)."""
    parts = index.to_parts()
    crc = 0
    for part in parts.values():
        crc = zlib.crc32(part, crc)
    header = orjson.dumps(
        {
            "stamp": asdict(stamp),
            "byteorder": sys.byteorder,
            "parts": [[name, len(part)] for name, part in parts.items()],
            "crc32": crc,
        }
    )
    target = cache_file(paths)
    folder = target.parent
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, FOLDER_MODE)
    _remove_stale_temps(target)
    temp = folder / f".{target.name}.tmp-{os.getpid()}-{next(_temp_serial)}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        try:
            with os.fdopen(os.dup(fd), "wb") as handle:
                handle.write(_HEAD.pack(MAGIC, VERSION, len(header)))
                handle.write(header)
                for part in parts.values():
                    handle.write(part)
                handle.flush()
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(folder_fd)
    finally:
        os.close(folder_fd)
    return target


def _unpack(raw: bytes) -> tuple[dict[str, bytes], dict[str, Any]]:
    if len(raw) < _HEAD.size:
        raise IndexDamaged("shorter than its header")
    magic, version, header_size = _HEAD.unpack_from(raw)
    if magic != MAGIC:
        raise IndexDamaged("not a coach search index")
    if version != VERSION:
        raise IndexDamaged(f"format {version}, expected {VERSION}")
    start = _HEAD.size + header_size
    if start > len(raw):
        raise IndexDamaged("the header is cut short")
    try:
        header = orjson.loads(raw[_HEAD.size : start])
        if not isinstance(header, dict) or header.get("byteorder") != sys.byteorder:
            raise IndexDamaged("written on another kind of machine")
        layout = [(str(name), int(size)) for name, size in header["parts"]]
        crc_wanted = int(header["crc32"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise IndexDamaged(f"the header is unreadable ({error})") from None
    if start + sum(size for _, size in layout) != len(raw):
        raise IndexDamaged("its length does not match its header")
    view = memoryview(raw)
    if zlib.crc32(view[start:]) != crc_wanted:
        raise IndexDamaged("its checksum does not match")
    parts: dict[str, bytes] = {}
    at = start
    for name, size in layout:
        parts[name] = raw[at : at + size]
        at += size
    return parts, header


def _remove_stale_temps(target: Path) -> None:
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for temp in target.parent.glob(f".{target.name}.tmp-*"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()
