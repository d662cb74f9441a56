"""Reading a call's transcript from the file a video-call tool exported.

The format is told from the content, never from the file's name: WebVTT from Zoom, Microsoft
Teams or elsewhere, SubRip, Google Meet's transcript document saved as text, Otter.ai's text
export, or plain lines of ``Name: text``. Every reader gives a
:class:`~coach.core.transcript.Transcript` with segments in time order; a file that cannot be
read raises :class:`~coach.core.transcript.TranscriptError` as ``FILE:LINE: what is wrong``.
"""

from __future__ import annotations

from pathlib import Path

from coach.core.transcript import Transcript, TranscriptError
from coach.io.transcripts.cues import is_subrip, read_cues
from coach.io.transcripts.source import MAX_BYTES, decode, fail, speaker_line, too_large
from coach.io.transcripts.spoken import (
    is_otter,
    is_plain,
    meet_start,
    read_meet,
    read_otter,
    read_plain,
)

__all__ = ["MAX_BYTES", "TranscriptError", "read_transcript", "read_transcript_file"]

_EXPECTED = (
    "not a transcript: expected WebVTT (Zoom, Teams), SubRip (.srt), a Google Meet or "
    "Otter.ai text export, or lines of 'Name: text'"
)


def read_transcript(data: bytes, source: str) -> Transcript:
    """The transcript in ``data``, read as whichever format its content is; ``source`` names
    the file in messages.

    Raises :class:`TranscriptError` (``SOURCE:LINE: what is wrong``) for a file over 20 MB,
    one that is not UTF-8 text, is empty, binary or of no known format, or holds no speech.
    The result's ``me`` is None: who the user is comes from them, not from the file.
    """
    lines = decode(data, source).split("\n")
    first = next(index for index, line in enumerate(lines) if line.strip())
    if lines[first].lstrip().startswith("WEBVTT"):
        transcript = read_cues(lines, source, webvtt=True)
    elif is_subrip(lines):
        transcript = read_cues(lines, source, webvtt=False)
    elif (start := meet_start(lines)) is not None:
        transcript = read_meet(lines, start)
    elif is_otter(lines):
        transcript = read_otter(lines)
    elif is_plain(lines):
        transcript = read_plain(lines)
    else:
        head = lines[first]
        if head.count(",") >= 2 and speaker_line(head.strip()) is None:
            raise fail(source, first + 1, "comma-separated values (a CSV table), not a transcript")
        raise fail(source, first + 1, _EXPECTED)
    if not transcript.segments:
        raise fail(source, first + 1, "no speech found in the file")
    return transcript


def read_transcript_file(path: Path) -> Transcript:
    """The transcript in the file at ``path`` (see :func:`read_transcript`); a file too large
    is refused before it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise too_large(str(path), size)
        data = path.read_bytes()
    except OSError as error:
        raise TranscriptError(f"{path}: cannot read ({error.strerror or error})") from None
    return read_transcript(data, str(path))
