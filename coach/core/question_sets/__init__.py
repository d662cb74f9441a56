"""Question sets as files: the format's key tables, validation with every problem located, schema.

The YAML itself is read by :mod:`coach.core.strict_yaml`. The core parses the bytes it is given;
finding files is the store's job.
"""

from __future__ import annotations

from coach.core.question_sets.validation import (
    QUESTION_SET_FILE,
    LoadedSet,
    duplicate_set_problems,
    load_set,
)

__all__ = [
    "QUESTION_SET_FILE",
    "LoadedSet",
    "duplicate_set_problems",
    "load_set",
]
