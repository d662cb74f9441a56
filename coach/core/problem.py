"""A problem found in a file the person wrote, located precisely enough to jump to it."""

from __future__ import annotations

from dataclasses import dataclass

# The path shown for problems that concern the file as a whole rather than one key.
WHOLE_FILE = "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where it is (file, 1-based line and column, key path) and what is wrong."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}"
