"""Cleaning text that comes from outside (YAML, imports, the keyboard) before it enters the core."""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab (\x09) and newline (\x0a), DEL, and the C1 range. Carriage returns are
# dropped too: a stray \r lets imported text overwrite what is already on a terminal line.
# Then the invisible bidirectional controls: the Arabic letter mark (U+061C), the left-to-right
# and right-to-left marks (U+200E, U+200F), the embeddings and overrides (U+202A-U+202E) and the
# isolates (U+2066-U+2069). One of these in a name can reverse the text shown after it, so that
# a line reads other than it is. Without them, text in any script still reads in its own
# direction (the Unicode bidi algorithm sees to that); at worst, punctuation beside a phrase in
# the other direction lands on its other side.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Whole terminal escape sequences (colours, cursor moves, window titles): removing only their
# ESC would leave "[31m" behind in a name. CSI (ESC [, numbers, a final letter), OSC (ESC ]
# up to BEL or ESC-backslash on the same line) and the two-byte ESC forms. Kept narrow so a
# stray ESC before ordinary words takes at most a character or two with it: a space ends a
# CSI, and an OSC never runs past a line end. The one-byte C1 forms go as plain controls.
_ESCAPE = re.compile(
    r"\x1b\[[0-?]{0,32}[!-/]{0,4}[@-~]"
    r"|\x1b\][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)"
    r"|\x1b[!-/]{0,2}[0-~]"
)


def clean(text: str) -> str:
    """Return ``text`` with control characters, bidirectional controls and terminal escape
    sequences removed (newline and tab are kept).

    CRLF and lone CR line ends become newlines first, so imported Windows text keeps its lines.
    """
    if text.isprintable():  # no control, format or separator character but the space
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ESCAPE.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Like :func:`clean`, for one-line fields (names, titles): newlines and tabs become spaces."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # the common case, checked at C speed: nothing to remove or join
    return " ".join(clean(text).split())


def fold(text: str) -> str:
    """A form for finding text as people type it: no case, accents or extra spaces.

    "Zoe" finds "Zoë" and "jose" finds "José": a search box is typed on whatever keyboard is at
    hand. Letters that do not decompose (ø, ß, ł) are kept apart from their look-alikes.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 contact``, ``2 contacts``: a count with its noun agreeing."""
    if number == 1:
        return f"1 {noun}"
    return f"{number} {plural or noun + 's'}"
