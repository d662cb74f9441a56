"""The one error every file reader raises when a file cannot be read at all.

Contacts (LinkedIn CSV, vCard) and call transcripts are read by different readers, but a
person sees the same thing from each: ``FILE:LINE: what is wrong``, and nothing imported. The
readers subclass :class:`ImportFileError` so a caller can catch one type for any of them.
"""

from __future__ import annotations


class ImportFileError(ValueError):
    """A file that cannot be imported at all; the message names the file and line."""
