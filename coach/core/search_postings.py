"""How the search index is laid out in memory: slot sets, word codes, per-conversation columns.

The pieces :mod:`coach.core.search_index` builds and :mod:`coach.core.search_querying` reads:
a set of slots is a Python ``int`` used as a bit set; each word's set is kept as a list of
slot numbers or as the bit set itself, whichever is smaller (:class:`Postings`).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

# A prefix this short would stand for thousands of words in a long history: its slots are
# worked out once when the index is built rather than at every keystroke.
SHORT_PREFIX = 2
SHORT_PREFIX_MIN_WORDS = 8
_MEMO_LIMIT = 4096


class IndexDamaged(ValueError):
    """The stored parts of an index do not fit together; build it again from the store."""


def word_code(number: int) -> bytes:
    """The code of word ``number`` in the phrase runs.

    The last byte has its high bit set and every byte before it does not (and none is zero,
    which separates texts), so codes never run into each other: a match that starts where a
    code starts is a match of whole words.
    """
    tail = 0x80 | (number & 0x7F)
    number >>= 7
    head = bytearray()
    while number:
        number -= 1
        head.append(1 + number % 127)
        number //= 127
    head.reverse()
    head.append(tail)
    return bytes(head)


def mask_of(positions: Iterable[int], nbits: int) -> int:
    bits = bytearray((nbits + 7) // 8)
    for p in positions:
        bits[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(bits, "little")


def set_bits(mask: int, nbits: int) -> Iterator[int]:
    """The positions of the set bits of ``mask``, lowest first."""
    size = ((nbits + 63) // 64) * 8
    raw = mask.to_bytes(size, "little")
    if sys.byteorder == "little":
        words: Sequence[int] = memoryview(raw).cast("Q")
    else:
        words = [int.from_bytes(raw[k : k + 8], "little") for k in range(0, size, 8)]
    for index, word in enumerate(words):
        if word:
            base = index * 64
            while word:
                low = word & -word
                yield base + low.bit_length() - 1
                word ^= low


@dataclass
class Postings:
    """For each entry, its set of slots: a little-endian list of uint32 slot numbers (kind 0)
    or a bit set over all slots (kind 1), whichever is smaller."""

    nslots: int
    offsets: array[int]
    kinds: bytes
    data: bytes
    memo: dict[int, int] = field(default_factory=dict)

    @classmethod
    def encode(cls, lists: Sequence[Sequence[int]], nslots: int) -> Postings:
        dense_size = (nslots + 7) // 8
        offsets = array("Q", [0])
        kinds = bytearray()
        chunks: list[bytes] = []
        size = 0
        for slots in lists:
            if len(slots) * 4 > dense_size:
                chunk = mask_of(slots, nslots).to_bytes(dense_size, "little")
                kinds.append(1)
            else:
                numbers = array("I", sorted(slots))
                if sys.byteorder != "little":
                    numbers.byteswap()
                chunk = numbers.tobytes()
                kinds.append(0)
            chunks.append(chunk)
            size += len(chunk)
            offsets.append(size)
        return cls(nslots, offsets, bytes(kinds), b"".join(chunks))

    def __len__(self) -> int:
        return len(self.kinds)

    def mask(self, entry: int) -> int:
        known = self.memo.get(entry)
        if known is not None:
            return known
        chunk = self.data[self.offsets[entry] : self.offsets[entry + 1]]
        if self.kinds[entry] == 1:
            value = int.from_bytes(chunk, "little")
        else:
            numbers = array("I")
            numbers.frombytes(chunk)
            if sys.byteorder != "little":
                numbers.byteswap()
            value = mask_of(numbers, self.nslots)
        if len(self.memo) >= _MEMO_LIMIT:
            self.memo.clear()
        self.memo[entry] = value
        return value


def offsets_bytes(values: array[int]) -> bytes:
    copy = array("Q", values)
    if sys.byteorder != "little":
        copy.byteswap()
    return copy.tobytes()


def offsets_from(raw: bytes) -> array[int]:
    values = array("Q")
    if len(raw) % values.itemsize:
        raise IndexDamaged("offsets are cut short")
    values.frombytes(raw)
    if sys.byteorder != "little":
        values.byteswap()
    return values


@dataclass(frozen=True)
class Columns:
    """What the index knows of each conversation, one list per detail, newest first."""

    ids: list[str]
    persons: list[str]
    dates: list[str]
    when: list[str]
    path_ids: list[str]
    practice: list[int]


def union(masks: Iterable[int]) -> int:
    """Every slot in any of ``masks``."""
    result = 0
    for mask in masks:
        result |= mask
    return result
