"""Reading an imported file's bytes as text: UTF-8 or a refusal that names the line."""

from __future__ import annotations

import re

from coach.core.file_errors import ImportFileError

_LINE_END = re.compile(rb"\r\n|\r|\n")


def utf8_text(
    data: bytes, source: str, advice: str, error: type[ImportFileError] = ImportFileError
) -> str:
    """``data`` decoded as UTF-8 (a leading byte-order mark dropped).

    Anything else raises ``error`` as ``SOURCE:LINE: not UTF-8 text; ADVICE``, the line being
    the one holding the first byte that is not UTF-8, so a person can find and fix it.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        # Positions count from after a byte-order mark, in the bytes the codec was given.
        line = len(_LINE_END.findall(bytes(problem.object), 0, problem.start)) + 1
        raise error(f"{source}:{line}: not UTF-8 text; {advice}") from None
