"""Folding text for search: the form every word is compared in (no case, no accents)."""

from __future__ import annotations

import re
import unicodedata


def _fold_char(char: str) -> str:
    # Case first (ß -> ss), then split accents off their letters and drop them, then case again
    # for the compatibility forms decomposition can produce (a circled Ⓐ becomes A).
    if char < "\x80":
        return char.lower()
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.casefold()


class _Folding(dict[int, str]):
    """``str.translate`` table that learns each character the first time it is met."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLDING = _Folding()
# Word characters are letters and digits (``[^\W_]``): punctuation and underscores separate
# words, so "co-op" is the two words "co op" and "10:30" is "10 30".
_WORD = re.compile(r"[^\W_]+")
_ASCII_GAPS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
# The same for ASCII bytes, lower-casing as it goes: the index reads every word of every note
# through this table, and bytes.translate costs almost nothing per call.
_BYTE_FOLD = bytes(
    c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() and c < 128 else 32 for c in range(256)
)


def fold(text: str) -> str:
    """``text`` without case or accents, character by character ("Café" -> "cafe").

    Letters that do not decompose (ø, ł) stay themselves. Each character folds on its own, so
    a position in the folded text can always be traced back to the original.
    """
    if text.isascii():
        return text.lower()
    return text.translate(_FOLDING)


def words_of(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    folded = fold(text)
    if folded.isascii():
        return folded.translate(_ASCII_GAPS).split()
    return _WORD.findall(folded)


def word_bytes(text: str) -> list[bytes]:
    """:func:`words_of` as UTF-8 bytes (what the index stores; faster for ASCII text)."""
    if text.isascii():
        return text.encode().translate(_BYTE_FOLD).split()
    return [word.encode() for word in _WORD.findall(fold(text))]


def origins(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded, and for each folded character the index of the one it came from
    (None when they are the same, as for ASCII)."""
    if text.isascii():
        return text.lower(), None
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char < "\x80" else _FOLDING[ord(char)]
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), origin
