"""Cleaning text that comes from outside (YAML, imports, the keyboard) before it enters the core."""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab (\x09) and newline (\x0a), DEL, and the C1 range. Carriage returns are
# dropped too: a stray \r lets imported text overwrite what is already on a terminal line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
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
    """Return ``text`` with control characters and terminal escape sequences removed (newline
    and tab are kept).

    CRLF and lone CR line ends become newlines first, so imported Windows text keeps its lines.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ESCAPE.sub("", text)
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Like :func:`clean`, for one-line fields (names, titles): newlines and tabs become spaces."""
    return " ".join(clean(text).split())


def has_control(text: str) -> bool:
    """True when ``text`` holds a control character other than newline and tab."""
    return _CONTROL.search(text) is not None


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
