"""Finding and reading question-set files: the built-in ones and the person's own.

The core validates bytes; this module decides which files to read and how a person's sets
combine with the built-in ones (their set replaces a built-in with the same id).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import coach
from coach.core.problem import Problem, entry_problem
from coach.core.question_set import QuestionSet
from coach.core.question_sets import (
    QUESTION_SET_FILE,
    LoadedSet,
    duplicate_set_problems,
    load_set,
)
from coach.core.strict_yaml import MAX_BYTES, size_problem
from coach.store.paths import DataPaths
from coach.store.regular_files import NotReadable, TooLarge, read_regular_file, yaml_files


@dataclass(frozen=True)
class Catalogue:
    """Every usable set by id, the built-ins a person's set replaced, and all problems found.

    ``files`` counts the entries examined: each file read and each folder that could not be.
    """

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
    """The entries named like set files directly inside ``folder``, sorted (missing: none).

    Every such entry is listed, whatever it is, so that reading it can say what is wrong with
    one that is not a file. Raises :class:`NotReadable` when the folder cannot be listed.
    """
    return yaml_files(folder)


def read_set_file(path: Path, builtin: bool = False, shown_as: str | None = None) -> LoadedSet:
    """Read and validate one file; problems name it ``shown_as`` (default: the path as given).

    Anything but a regular file (a folder, a named pipe, a link that loops or leads nowhere) is
    refused without being opened; a file over the size limit is refused from its size alone.
    """
    source = shown_as if shown_as is not None else str(path)
    try:
        data = read_regular_file(path, MAX_BYTES)
    except TooLarge as large:
        return LoadedSet(source, None, (size_problem(source, large.size, QUESTION_SET_FILE),))
    except NotReadable as refused:
        return LoadedSet(source, None, (entry_problem(source, str(refused)),))
    return load_set(data, source, builtin=builtin)


def _read_folder(folder: Path, builtin: bool) -> tuple[list[LoadedSet], list[Problem]]:
    try:
        files = set_files(folder)
    except NotReadable as refused:
        return [], [entry_problem(str(folder), str(refused))]
    return [read_set_file(path, builtin=builtin) for path in files], []


def load_catalogue(paths: DataPaths, builtin_dir: Path | None = None) -> Catalogue:
    """Load the built-in sets and the person's own (``DATA/question_sets``) into one catalogue.

    Sets with problems are left out and their problems listed; two files with the same id in
    the same folder are a problem, while a person's set with a built-in's id replaces it.
    """
    folder = builtin_folder() if builtin_dir is None else builtin_dir
    builtins, builtin_folder_problems = _read_folder(folder, builtin=True)
    own, own_folder_problems = _read_folder(paths.question_sets, builtin=False)
    problems = builtin_folder_problems + own_folder_problems
    problems += [p for result in builtins + own for p in result.problems]
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
    unlisted = len(builtin_folder_problems) + len(own_folder_problems)
    return Catalogue(sets, problems, overridden, files=len(builtins) + len(own) + unlisted)


def _replaces(candidate: QuestionSet, sets: dict[str, QuestionSet]) -> bool:
    # Only a person's own set replaces one already loaded, and only a built-in one.
    return not candidate.builtin and sets[candidate.id].builtin


#: What the person's sets folder looked like when read: changes when any set file is added,
#: removed, renamed or written.
FolderStamp = tuple[tuple[str, int, int], ...]


def folder_stamp(paths: DataPaths) -> FolderStamp:
    """A cheap fingerprint of ``DATA/question_sets`` (names, sizes and modification times).

    Costs one listing and a ``stat`` per file, nothing is read: the app compares stamps to
    know whether the catalogue must be loaded again (a set fixed while coach runs).
    """
    folder = paths.question_sets
    try:
        files = set_files(folder)
    except NotReadable:
        return ()
    stamp: list[tuple[str, int, int]] = []
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            stamp.append((path.name, -1, -1))
            continue
        stamp.append((path.name, info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def fixed_files(before: Catalogue, after: Catalogue) -> list[str]:
    """The files that had problems in ``before`` and have none in ``after``, in order."""
    now = {problem.file for problem in after.problems}
    return list(dict.fromkeys(p.file for p in before.problems if p.file not in now))


@dataclass(frozen=True)
class CheckReport:
    """What ``sets check`` found: how many entries were examined and every problem in them."""

    files: int
    sets: list[QuestionSet]
    problems: list[Problem]


def check_paths(targets: Iterable[Path]) -> CheckReport:
    """Check files and folders (their ``*.yaml``/``*.yml`` entries) as one collection of sets.

    A target that is not a folder is checked as a file, whatever it is. Raises
    ``FileNotFoundError`` naming the first target that does not exist at all.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        try:
            is_folder = stat.S_ISDIR(os.stat(target).st_mode)
        except FileNotFoundError:
            if not os.path.islink(target):
                raise FileNotFoundError(str(target)) from None
            is_folder = False  # a link that leads nowhere: reading it says so
        except OSError:
            is_folder = False  # a loop, a folder we may not enter: reading it says which
        if not is_folder:
            files.append(target)
            continue
        try:
            files.extend(set_files(target))
        except NotReadable as refused:
            problems.append(entry_problem(str(target), str(refused)))
    results = [read_set_file(f) for f in dict.fromkeys(files)]
    unlisted = len(problems)
    problems += [p for result in results for p in result.problems]
    problems += duplicate_set_problems(results)
    valid = [r.question_set for r in results if r.question_set is not None]
    return CheckReport(len(results) + unlisted, valid, _grouped(problems, results))


def _grouped(problems: list[Problem], results: list[LoadedSet]) -> list[Problem]:
    # Problems from one file stay together, in the order the files were read, then by position.
    order = {result.source: i for i, result in enumerate(results)}
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line, p.col))
