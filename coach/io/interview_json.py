"""Reading interviews exported with `coach export ID --format json`, to bring them in again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from coach.core.file_errors import ImportFileError
from coach.core.record import TRANSCRIPT_DETAILS
from coach.io.decoding import utf8_text

# An export of one interview is tens of kilobytes; a transcript makes it a few megabytes.
MAX_BYTES = 50 * 1024 * 1024


def read_interview_export(path: Path) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The interview document of an export file, and its transcript document (or None).

    Raises ImportFileError naming the file for anything else: not there, too big, not
    UTF-8, not JSON, or JSON that is not one interview.
    """
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFileError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: cannot be read: {error.strerror or error}") from None
    text = utf8_text(data, str(path), "export it again with coach export ID --format json")
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ImportFileError(f"{path}:{error.lineno}: not JSON ({error.msg})") from None
    if not isinstance(doc, dict):
        raise ImportFileError(f"{path}: not an exported interview (expected a JSON object)")
    interview_id = doc.get("id")
    if not isinstance(interview_id, str) or not interview_id or "plan" not in doc:
        raise ImportFileError(
            f"{path}: not an exported interview (no text 'id' and 'plan'); "
            "write one with coach export ID --format json"
        )
    transcript = doc.pop("transcript", None)
    details = doc.pop(TRANSCRIPT_DETAILS, None)
    if transcript is not None and not isinstance(transcript, dict):
        raise ImportFileError(f"{path}: its 'transcript' is not an object")
    if transcript is not None:
        # The contract's fields, and what the store kept besides; talk shares are worked out.
        kept = details if isinstance(details, dict) else {}
        shown = {k: v for k, v in transcript.items() if k != "talk_share"}
        transcript = {**kept, **shown, "id": interview_id, "interview_id": interview_id}
    return doc, transcript
