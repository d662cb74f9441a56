"""A file path as people paste it: dragged from a file manager, copied from a shell."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

# A backslash before a space or shell-special character, as shells and terminals escape them.
_SHELL_ESCAPE = re.compile(r"\\([ \\'\"()&;!$`])")


def pasted_path(text: str) -> Path | None:
    """The path ``text`` names, or None when nothing is left once it is tidied.

    File managers paste ``'…'`` or ``file:///…`` with percent escapes, shells paste ``My\\ Files``,
    and a trailing space or newline comes along more often than not; all of them mean the
    same file.
    """
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        # A quote inside single quotes comes as '\'' (close, escaped quote, open again).
        text = text[1:-1].replace("'\\''", "'").strip()
    elif text.startswith("file://"):
        parts = urlsplit(text)
        if parts.netloc not in ("", "localhost"):
            # Another machine's file: left as typed, so the error names what was given.
            return Path(text)
        text = unquote(parts.path)
    elif os.sep == "/":
        # Backslashes escape only in a POSIX shell; on Windows they separate folders.
        text = _SHELL_ESCAPE.sub(r"\1", text)
    return Path(text).expanduser() if text else None
