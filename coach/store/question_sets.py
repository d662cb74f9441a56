"""Finding and reading question-set files: the built-in ones and the person's own.

The core validates bytes; this module decides which files to read and how a person's sets
combine with the built-in ones (their set replaces a built-in with the same id).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import coach
from coach.core.problem import WHOLE_FILE, Problem
from coach.core.question_set import QuestionSet
from coach.core.question_sets import (
    QUESTION_SET_FILE,
    LoadedSet,
    duplicate_set_problems,
    load_set,
)
from coach.core.strict_yaml import MAX_BYTES, size_problem
from coach.store.paths import DataPaths

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Catalogue:
    """Every usable set by id, the built-ins a person's set replaced, and all problems found."""

    sets: dict[str, QuestionSet]
    problems: list[Problem] = field(default_factory=list)
    overridden: dict[str, QuestionSet] = field(default_factory=dict)
    files: int = 0

    @property
    def ordered(self) -> list[QuestionSet]:
        """The sets sorted for display: built-ins first, then by title."""
        return sorted(self.sets.values(), key=lambda s: (not s.builtin, s.title.lower(), s.id))


def builtin_folder() -> Path:
    """The folder of built-in sets: inside the package for a wheel, else the repo's top level."""
    package = Path(coach.__file__).parent
    shipped = package / "question_sets"
    return shipped if shipped.is_dir() else package.parent / "question_sets"


def set_files(folder: Path) -> list[Path]:
    """The question-set files directly inside ``folder`` (sorted; missing folder: none)."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if entry.name.endswith(SUFFIXES) and not entry.name.startswith(".") and entry.is_file()
    )


def read_set_file(path: Path, builtin: bool = False, shown_as: str | None = None) -> LoadedSet:
    """Read and validate one file; problems name it ``shown_as`` (default: the path as given).

    A file over the size limit is refused from its size alone, without being read.
    """
    source = shown_as if shown_as is not None else str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return LoadedSet(source, None, (size_problem(source, size, QUESTION_SET_FILE),))
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return LoadedSet(
            source, None, (Problem(source, 1, 1, WHOLE_FILE, f"cannot read: {reason}"),)
        )
    return load_set(data, source, builtin=builtin)


def load_catalogue(paths: DataPaths, builtin_dir: Path | None = None) -> Catalogue:
    """Load the built-in sets and the person's own (``DATA/question_sets``) into one catalogue.

    Sets with problems are left out and their problems listed; two files with the same id in
    the same folder are a problem, while a person's set with a built-in's id replaces it.
    """
    folder = builtin_folder() if builtin_dir is None else builtin_dir
    builtins = [read_set_file(p, builtin=True) for p in set_files(folder)]
    own = [read_set_file(p) for p in set_files(paths.question_sets)]
    problems = [p for result in builtins + own for p in result.problems]
    problems += duplicate_set_problems(builtins) + duplicate_set_problems(own)
    problems = _grouped(problems, builtins + own)
    sets: dict[str, QuestionSet] = {}
    overridden: dict[str, QuestionSet] = {}
    for result in builtins + own:
        question_set = result.question_set
        if question_set is None or (question_set.id in sets and not _replaces(question_set, sets)):
            continue
        if question_set.id in sets:
            overridden[question_set.id] = sets[question_set.id]
        sets[question_set.id] = question_set
    return Catalogue(sets, problems, overridden, files=len(builtins) + len(own))


def _replaces(candidate: QuestionSet, sets: dict[str, QuestionSet]) -> bool:
    # Only a person's own set replaces one already loaded, and only a built-in one.
    return not candidate.builtin and sets[candidate.id].builtin


@dataclass(frozen=True)
class CheckReport:
    """What ``sets check`` found: how many files were read and every problem in them."""

    files: int
    sets: list[QuestionSet]
    problems: list[Problem]


def check_paths(targets: Iterable[Path]) -> CheckReport:
    """Check files and folders (their ``*.yaml``/``*.yml`` files) as one collection of sets.

    Raises ``FileNotFoundError`` naming the first target that does not exist.
    """
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files.extend(set_files(target))
        elif target.exists():
            files.append(target)
        else:
            raise FileNotFoundError(str(target))
    results = [read_set_file(f) for f in dict.fromkeys(files)]
    problems = [p for result in results for p in result.problems]
    problems += duplicate_set_problems(results)
    valid = [r.question_set for r in results if r.question_set is not None]
    return CheckReport(len(results), valid, _grouped(problems, results))


def _grouped(problems: list[Problem], results: list[LoadedSet]) -> list[Problem]:
    # Problems from one file stay together, in the order the files were read, then by position.
    order = {result.source: i for i, result in enumerate(results)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line, p.col))
