"""A problem found in a file the person wrote, located precisely enough to jump to it."""

from __future__ import annotations

from dataclasses import dataclass

# The path shown for problems that concern the file as a whole rather than one key.
WHOLE_FILE = "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: where it is (file, 1-based line and column, key path) and what is wrong.

    A problem with the entry itself (a folder, a named pipe, a link that leads nowhere) has no
    place inside the file: its line and column are 0, and it reads ``FILE: message``.
    """

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        if self.line == 0:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}"


def entry_problem(file: str, message: str) -> Problem:
    """A problem with ``file`` as an entry in a folder, not with anything written in it."""
    return Problem(file, 0, 0, "", message)
