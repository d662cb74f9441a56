"""Content lines, the text format vCard and iCalendar share (RFC 5545 section 3.1, RFC 6350
section 3.2): ``[group.]NAME;PARAM=value:value`` lines ending in CRLF, folded at 75 octets,
with backslash escapes in text values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.core.text import clean

CRLF = "\r\n"
FOLD_OCTETS = 75


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newline."""
    value = clean(value)
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
        .replace("\t", " ")
    )


_UNESCAPE = re.compile(r"\\(.)", re.S)


def unescape_text(value: str) -> str:
    """Undo :func:`escape_text` (``\\n`` and ``\\N`` are newlines; other escapes keep the char)."""
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def split_unescaped(value: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not escaped with a backslash (values stay escaped)."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char)
            current.append(next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets, joined by CRLF and a space."""
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return line
    chunks: list[str] = []
    start = 0
    limit = FOLD_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        # Step back off UTF-8 continuation bytes so a character is never cut in two.
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1
        chunks.append(data[start:end].decode("utf-8"))
        start = end
        limit = FOLD_OCTETS - 1  # continuation lines start with a space, which counts
    return (CRLF + " ").join(chunks)


def unfold(text: str, *, soft_breaks: bool = False) -> list[tuple[int, str]]:
    """Logical lines with the physical line number each starts on; accepts CRLF, LF or CR.

    A line starting with a space or tab continues the one before (the space is dropped).
    With ``soft_breaks`` (vCard 2.1), a quoted-printable value ending in ``=`` also continues
    on the next line, which does not start with a space; the ``=`` is dropped.
    Each logical line is joined once from its pieces, so a 5 MB folded photo costs no more
    than its size.
    """
    lines: list[tuple[int, str]] = []
    pieces: list[str] = []
    start = 0
    quoted = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if quoted and pieces[-1].endswith("="):
            pieces[-1] = pieces[-1][:-1]
            pieces.append(raw)
        elif raw[:1] in (" ", "\t") and pieces:
            pieces.append(raw[1:])
        elif raw:
            if pieces:
                lines.append((start, "".join(pieces)))
            pieces, start = [raw], number
            quoted = soft_breaks and _declares_quoted_printable(raw)
    if pieces:
        lines.append((start, "".join(pieces)))
    return lines


def _declares_quoted_printable(line: str) -> bool:
    # ENCODING=QUOTED-PRINTABLE, or 2.1's bare QUOTED-PRINTABLE parameter, before the colon.
    colon = line.find(":")
    return "QUOTED-PRINTABLE" in (line[:colon] if colon >= 0 else line).upper()


@dataclass(frozen=True)
class ContentLine:
    """``[group.]NAME[;PARAM=value...]:value``; name upper-cased, group lower-cased."""

    name: str
    params: dict[str, list[str]]
    value: str
    group: str = ""


class ContentLineError(ValueError):
    """A logical line that is not ``name:value``."""


def parse_content_line(line: str) -> ContentLine:
    """Split one unfolded line into group, name, parameters and the raw (still escaped) value."""
    in_quotes = False
    colon = -1
    for position, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            colon = position
            break
    if colon <= 0:
        raise ContentLineError("expected NAME:value")
    head, value = line[:colon], line[colon + 1 :]
    pieces = _split_params(head)
    name = pieces[0]
    group = ""
    if "." in name:
        group, name = name.rsplit(".", 1)
    if not re.fullmatch(r"[A-Za-z0-9-]+", name):
        raise ContentLineError(f"bad property name {name!r}")
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, _, raw = piece.partition("=")
        values = [v.strip('"') for v in _split_outside_quotes(raw, ",")] if raw else []
        params.setdefault(key.upper(), []).extend(values)
    return ContentLine(name=name.upper(), params=params, value=value, group=group.lower())


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    for char in text:
        if char == '"':
            in_quotes = not in_quotes
            current.append(char)
        elif char == separator and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_params(head: str) -> list[str]:
    return _split_outside_quotes(head, ";")
