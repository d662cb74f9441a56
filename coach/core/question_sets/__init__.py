"""Question sets as files: strict YAML reading, validation with every problem located, schema.

The core parses the bytes it is given; finding files is the store's job.
"""

from __future__ import annotations

from coach.core.question_sets.problem import WHOLE_FILE, Problem
from coach.core.question_sets.reader import MAX_BYTES, size_problem
from coach.core.question_sets.validation import (
    LoadedSet,
    did_you_mean,
    duplicate_set_problems,
    load_set,
)

__all__ = [
    "MAX_BYTES",
    "WHOLE_FILE",
    "LoadedSet",
    "Problem",
    "did_you_mean",
    "duplicate_set_problems",
    "load_set",
    "size_problem",
]
