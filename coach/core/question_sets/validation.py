"""Checking a node tree against the question-set format, collecting every problem on the way.

What each key may hold comes from the tables in :mod:`coach.core.question_sets.format`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass

from coach.core.problem import WHOLE_FILE, Problem
from coach.core.question_set import (
    DEFAULT_PRIORITY,
    PRIORITIES,
    Priority,
    Question,
    QuestionSet,
    Section,
)
from coach.core.question_sets.format import (
    EXTENSION_PREFIX,
    LEVELS,
    QUESTION,
    QUESTION_SET,
    SECTION,
    Key,
    Level,
)
from coach.core.strict_yaml import (
    FileKind,
    Mapping,
    Node,
    Refused,
    Scalar,
    Sequence,
    join_path,
    read_tree,
)
from coach.core.suggest import did_you_mean
from coach.core.text import clean, clean_line

QUESTION_SET_FILE = FileKind("a question set", "split it into several sets")

ID_PATTERN = re.compile(r"[a-z0-9-]+")
# Plain decimals only: float() would also take "nan", "inf", "1_0" and " 3 ".
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")


@dataclass(frozen=True)
class LoadedSet:
    """The outcome of loading one file: the set (``None`` if any problem) and all problems.

    ``id_line``/``id_col`` locate the set's id so a later clash between files can point at it.
    """

    source: str
    question_set: QuestionSet | None
    problems: tuple[Problem, ...]
    set_id: str | None = None
    id_line: int = 1
    id_col: int = 1


def load_set(data: bytes, source: str, builtin: bool = False) -> LoadedSet:
    """Read and validate one question-set file given as bytes; ``source`` names it in problems."""
    root, problems = read_tree(data, source, QUESTION_SET_FILE)
    if root is None:
        if not problems:
            problems.append(_empty_file(source))
        return LoadedSet(source, None, tuple(problems))
    checker = _Checker(source, problems)
    question_set = checker.question_set(root, builtin)
    ordered = tuple(sorted(problems, key=lambda p: (p.line, p.col)))
    id_node = root.entries.get("id") if isinstance(root, Mapping) else None
    set_id = id_node[1].value if id_node and isinstance(id_node[1], Scalar) else None
    line, col = (id_node[1].line, id_node[1].col) if id_node else (1, 1)
    return LoadedSet(
        source,
        question_set if not ordered else None,
        ordered,
        set_id,
        line,
        col,
    )


def duplicate_set_problems(loaded: list[LoadedSet]) -> list[Problem]:
    """Problems for every valid set whose id an earlier valid set in ``loaded`` already uses."""
    first: dict[str, LoadedSet] = {}
    problems = []
    for result in loaded:
        if result.question_set is None:
            continue
        set_id = result.question_set.id
        if set_id in first:
            problems.append(
                Problem(
                    result.source,
                    result.id_line,
                    result.id_col,
                    "id",
                    f"set id '{set_id}' is already used by {first[set_id].source}",
                )
            )
        else:
            first[set_id] = result
    return problems


def _empty_file(source: str) -> Problem:
    return Problem(
        source, 1, 1, WHOLE_FILE, "file is empty; a question set needs id, title and sections"
    )


def _kind(node: Node) -> str:
    if isinstance(node, Scalar):
        return "text"
    if isinstance(node, Sequence):
        return "a list"
    return "a mapping"


def _unknown_key_message(key: str, level: Level, given: Container[str]) -> str:
    message = f"unknown key '{clean_line(key)}'"
    suggestion = did_you_mean(key, level.names)
    if suggestion is not None and suggestion not in given:
        return message + f"; did you mean '{suggestion}'?"
    elsewhere = [other.where for other in LEVELS if other is not level and other.key(key)]
    if elsewhere:
        return message + f"; '{key}' goes " + " or ".join(elsewhere)
    return message + "; expected one of: " + ", ".join(level.names)


class _Checker:
    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        # id -> path of the first entry using it, for "first used at ..." in duplicate reports.
        self.question_ids: dict[str, str] = {}
        self.section_ids: dict[str, str] = {}

    def add(self, node: Node | Scalar, path: str, message: str) -> None:
        self.problems.append(Problem(self.source, node.line, node.col, path or WHOLE_FILE, message))

    def fields(self, node: Mapping, path: str, level: Level) -> dict[str, object] | None:
        """The value read from each key given at ``level``; None when anything is wrong.

        Every problem is reported on the way: unknown keys, missing required keys and each
        value that does not hold what its key needs.
        """
        failed = False
        values: dict[str, object] = {}
        for name, (key_node, value_node) in node.entries.items():
            key = level.key(name)
            if key is not None:
                value = self.value(key, value_node, join_path(path, name))
                if value is None:
                    failed = True
                else:
                    values[name] = value
            elif not (level.own_notes and name.startswith(EXTENSION_PREFIX)):
                message = _unknown_key_message(name, level, node.entries)
                self.add(key_node, join_path(path, clean_line(name)), message)
                failed = True
        for key in level.keys:
            if key.required and key.name not in node.entries:
                self.add(node, join_path(path, key.name), "required key is missing")
                failed = True
        return None if failed else values

    def value(self, key: Key, node: Node, path: str) -> object | None:
        """What ``node`` holds, read as ``key`` needs it; None (and a problem) if it cannot be."""
        match key.holds:
            case "id":
                return self.identifier(node, path)
            case "line":
                return self.text(node, path)
            case "text":
                return self.text(node, path, single_line=False)
            case "minutes":
                return self.minutes(node, path)
            case "priority":
                return self.priority(node, path)
            case "texts":
                return self.texts(node, path)
            case "entries":
                return self.entries(node, path, key)

    def mapping(self, node: Node, path: str, what: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        if not isinstance(node, Refused):
            self.add(node, path, f"expected {what} (a mapping of keys), found {_kind(node)}")
        return None

    def sequence(self, node: Node, path: str, what: str) -> Sequence | None:
        if isinstance(node, Sequence):
            return node
        if not isinstance(node, Refused):
            self.add(node, path, f"expected a list of {what}, found {_kind(node)}")
        return None

    def text(self, node: Node, path: str, single_line: bool = True) -> str | None:
        if not isinstance(node, Scalar):
            if not isinstance(node, Refused):
                self.add(node, path, f"expected text, found {_kind(node)}")
            return None
        value = clean_line(node.value) if single_line else clean(node.value).strip()
        if not value:
            self.add(node, path, "must not be empty")
            return None
        return value

    def identifier(self, node: Node, path: str) -> str | None:
        if not isinstance(node, Scalar):
            return self.text(node, path)
        if not ID_PATTERN.fullmatch(node.value):
            self.add(
                node,
                path,
                f"'{clean_line(node.value)}' is not a valid id; "
                "use lower-case letters, digits and '-' only",
            )
            return None
        return node.value

    def minutes(self, node: Node, path: str) -> float | None:
        value = self.text(node, path)
        if value is None:
            return None
        if value.startswith("-") and _NUMBER.fullmatch(value[1:]):
            self.add(node, path, "must be greater than 0")
            return None
        if not _NUMBER.fullmatch(value):
            self.add(node, path, f"'{value}' is not a number of minutes; write it like 3 or 2.5")
            return None
        minutes = float(value)
        if minutes <= 0:
            self.add(node, path, "must be greater than 0")
            return None
        return minutes

    def priority(self, node: Node, path: str) -> Priority | None:
        value = self.text(node, path)
        if value is None:
            return None
        for priority in PRIORITIES:
            if value == priority:
                return priority
        allowed = f"{', '.join(PRIORITIES[:-1])} or {PRIORITIES[-1]}"
        message = f"'{value}' is not a priority; use {allowed}"
        suggestion = did_you_mean(value, list(PRIORITIES))
        if suggestion is not None:
            message += f"; did you mean '{suggestion}'?"
        self.add(node, path, message)
        return None

    def texts(self, node: Node, path: str) -> tuple[str, ...] | None:
        items = self.sequence(node, path, "texts")
        if items is None:
            return None
        values = [self.text(item, f"{path}[{i}]") for i, item in enumerate(items.items)]
        if None in values:
            return None
        return tuple(v for v in values if v is not None)

    def entries(self, node: Node, path: str, key: Key) -> list[object] | None:
        """A non-empty list of mappings of the level ``key`` names; None if any is wrong."""
        level = key.entries
        assert level is not None, f"key '{key.name}' holds entries of no level"
        items = self.sequence(node, path, key.name)
        if items is None:
            return None
        if not items.items:
            self.add(node, path, f"needs at least one entry in {key.name}")
            return None
        read: dict[str, Callable[[Node, str], object]] = {
            SECTION.name: self.section,
            QUESTION.name: self.question,
        }
        values = [read[level.name](item, f"{path}[{i}]") for i, item in enumerate(items.items)]
        return None if None in values else values

    def question_set(self, root: Node, builtin: bool) -> QuestionSet | None:
        if isinstance(root, Scalar) and not root.value.strip():
            self.problems.append(_empty_file(self.source))
            return None
        if not isinstance(root, Mapping):
            if not isinstance(root, Refused):
                self.add(
                    root,
                    "",
                    f"the top level must be a mapping with id, title and sections, "
                    f"found {_kind(root)}",
                )
            return None
        values = self.fields(root, "", QUESTION_SET)
        extra: dict[str, str] = {}
        for key, (_, value) in root.entries.items():
            if key.startswith(EXTENSION_PREFIX):
                text = self.text(value, clean_line(key), single_line=False)
                if text is None:
                    values = None
                else:
                    extra[key] = text
        if values is None:
            return None
        return QuestionSet(
            id=_str(values["id"]),
            title=_str(values["title"]),
            sections=tuple(s for s in _list(values["sections"]) if isinstance(s, Section)),
            description=_str(values.get("description", "")),
            minutes=_minutes(values.get("minutes")),
            extra=extra,
            source=self.source,
            builtin=builtin,
        )

    def section(self, node: Node, path: str) -> Section | None:
        mapping = self.mapping(node, path, "a section")
        if mapping is None:
            return None
        values = self.fields(mapping, path, SECTION)
        self.unique(mapping, path, self.section_ids, "section")
        if values is None:
            return None
        questions = tuple(q for q in _list(values["questions"]) if isinstance(q, Question))
        return Section(_str(values["id"]), _str(values["title"]), questions)

    def unique(self, mapping: Mapping, path: str, seen: dict[str, str], what: str) -> None:
        given = mapping.entries.get("id")
        if given is None or not isinstance(given[1], Scalar):
            return
        node, value = given[1], given[1].value
        if not ID_PATTERN.fullmatch(value):
            return
        if value in seen:
            self.add(
                node,
                join_path(path, "id"),
                f"duplicate {what} id '{value}' (first used at {seen[value]})",
            )
        else:
            seen[value] = path

    def question(self, node: Node, path: str) -> Question | None:
        mapping = self.mapping(node, path, "a question")
        if mapping is None:
            return None
        values = self.fields(mapping, path, QUESTION)
        self.unique(mapping, path, self.question_ids, "question")
        if values is None:
            return None
        return Question(
            id=_str(values["id"]),
            text=_str(values["text"]),
            priority=_priority(values.get("priority", DEFAULT_PRIORITY)),
            minutes=_minutes(values.get("minutes")),
            probes=_texts(values.get("probes", ())),
            tags=_texts(values.get("tags", ())),
        )


# The readers hand back plain objects; these give them their types again for the dataclasses.
def _str(value: object) -> str:
    assert isinstance(value, str)
    return value


def _priority(value: object) -> Priority:
    return next(priority for priority in PRIORITIES if priority == value)


def _minutes(value: object) -> float | None:
    assert value is None or isinstance(value, float)
    return value


def _texts(value: object) -> tuple[str, ...]:
    assert isinstance(value, tuple)
    return tuple(str(item) for item in value)


def _list(value: object) -> list[object]:
    assert isinstance(value, list)
    return value
