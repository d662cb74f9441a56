"""What every transcript reader shares: turning bytes into lines, the shapes of speaker names
and clock times, and refusing a file with its name and line."""

from __future__ import annotations

import re

from coach.core.transcript import TranscriptError

MAX_BYTES = 20 * 1024 * 1024

# A speaker's name as the tools write them: "Dr. Zoë O'Neil", "José M. Ortega", "Speaker 2",
# "Ana (she/her)". Up to eight words joined by spaces or name punctuation. The possessive
# quantifiers keep a long run of punctuation from being tried every possible way.
_NAME = r"[^\W\d_][^\W_]*+(?:[ .'’\-()/@&]++[^\W_]*+){0,7}"
NAME_MAX = 60
# "Name: what they said" (the text may be empty when it continues on the next lines).
_SPEAKER_LINE = re.compile(rf"(?P<name>{_NAME})[ \t]*:(?:[ \t]+(?P<text>.*))?")
# 1:02:03, 01:02:03, 2:03, 02:03.500; seconds may carry a fraction after "." or ",".
_CLOCK = re.compile(r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?")


def fail(source: str, line: int, message: str) -> TranscriptError:
    """The one error a reader raises: ``SOURCE:LINE: message``."""
    return TranscriptError(f"{source}:{line}: {message}")


def too_large(source: str, size: int) -> TranscriptError:
    """The refusal of a file of ``size`` bytes, over :data:`MAX_BYTES`."""
    megabytes = size / (1024 * 1024)
    return fail(source, 1, f"{megabytes:.1f} MB is too large for a call's transcript (limit 20 MB)")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, source: str) -> str:
    """The file's text with a byte-order mark dropped and every line end a newline.

    Refuses, naming the line where it can, a file over :data:`MAX_BYTES`, a UTF-16 or binary
    file, bytes that are not UTF-8, and a file with nothing in it.
    """
    if len(data) > MAX_BYTES:
        raise too_large(source, len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(source, 1, "UTF-16 text; save the transcript as UTF-8 and import it again")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise fail(source, _line_of(data, nul), "a binary file, not a transcript")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(
            source,
            _line_of(data, error.start),
            "not UTF-8 text; save the transcript as UTF-8 and import it again",
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise fail(source, 1, "the file is empty")
    return text


def speaker_line(text: str) -> tuple[str, str] | None:
    """``(name, rest)`` when ``text`` starts with a speaker's name and a colon, else None."""
    match = _SPEAKER_LINE.fullmatch(text)
    if match is None:
        return None
    name = " ".join(match["name"].split())
    if len(name) > NAME_MAX:
        return None
    return name, (match["text"] or "").strip()


def clock(text: str) -> float | None:
    """Seconds in ``1:02:03``, ``02:03.500`` or ``00:02:03,500``; None when it is no time."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return None
    minutes, seconds = int(match["m"]), int(match["s"])
    if seconds > 59 or (match["h"] is not None and minutes > 59):
        return None
    fraction = match["f"] or ""
    return (
        int(match["h"] or 0) * 3600
        + minutes * 60
        + seconds
        + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)
    )
