"""Pasted text arrives as text: never as keys, whatever control characters it holds.

Textual 8.2.8's input parser handles an ESC inside a bracketed paste as the start of a key
sequence: the characters after it leave the paste and come out as key presses (an ESC
closes a dialog, an OSC title ending in BEL reads as keys, ``ESC [ 2 J`` lands out of order),
so a paste from a web page or a terminal could end a call. `CleanPasteParser` sits in front
of that parser: it holds a paste back until its end marker arrives, cleans it as all outside
text is cleaned (escape sequences removed whole, control characters but newline and tab
dropped), and only then hands the parser the paste, which can then hold no ESC but its end.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.message import Message

from coach.core.text import clean

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class CleanPasteParser(XTermParser):
    """Textual's parser, fed bracketed pastes that are already cleaned (see the module)."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._pasting = False
        self._paste: list[str] = []
        self._held = ""  # inside a paste: a tail that may be the start of its end marker
        self._recent = ""  # outside: the last characters passed on, for a start marker cut in two

    def feed(self, data: str) -> Iterable[Message]:
        """Pass ``data`` on, with any bracketed paste in it held until whole, then cleaned."""
        return super().feed(self.clean_pastes(data) if data else data)

    def clean_pastes(self, data: str) -> str:
        """What the parser should see of ``data``: pastes cleaned, the rest as it came.

        Nothing outside a paste is held back (a lone ESC is the Escape key and must reach the
        parser at once); a start marker cut in two by a read is found by looking back at what
        was passed on just before.
        """
        out: list[str] = []
        text = data
        while text:
            if self._pasting:
                text, self._held = self._held + text, ""
                end = text.find(PASTE_END)
                if end < 0:
                    keep = _partial_tail(text, PASTE_END)
                    self._paste.append(text[: len(text) - keep])
                    self._held = text[len(text) - keep :]
                    break
                self._paste.append(text[:end])
                out += [clean("".join(self._paste)), PASTE_END]
                self._paste.clear()
                self._pasting = False
                self._recent = ""
                text = text[end + len(PASTE_END) :]
                continue
            seen = self._recent
            both = seen + text
            start = both.find(PASTE_START)
            if start < 0:
                out.append(text)
                self._recent = both[-(len(PASTE_START) - 1) :]
                break
            after = start + len(PASTE_START)
            out.append(both[len(seen) : after])  # up to the marker's end, never twice
            self._pasting = True
            text = both[after:]
        return "".join(out)


def _partial_tail(text: str, marker: str) -> int:
    """How many characters at the end of ``text`` are the start of ``marker``."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if text.endswith(marker[:size]):
            return size
    return 0


def install(driver_module: str) -> None:
    """Make the driver defined in ``driver_module`` (the one the app is about to start) read
    its input through `CleanPasteParser`. Only that one: importing the others costs start-up
    time for nothing."""
    import sys

    module = sys.modules.get(driver_module)
    if module is not None and getattr(module, "XTermParser", None) is XTermParser:
        module.XTermParser = CleanPasteParser  # type: ignore[attr-defined]
