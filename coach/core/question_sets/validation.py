"""Checking a node tree against the question-set format, collecting every problem on the way."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coach.core.question_set import PRIORITIES, Priority, Question, QuestionSet, Section
from coach.core.question_sets.problem import WHOLE_FILE, Problem
from coach.core.question_sets.reader import (
    Mapping,
    Node,
    Refused,
    Scalar,
    Sequence,
    join_path,
    read_tree,
)
from coach.core.text import clean, clean_line

ID_PATTERN = re.compile(r"[a-z0-9-]+")
# Plain decimals only: float() would also take "nan", "inf", "1_0" and " 3 ".
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?|\.[0-9]+")

SET_KEYS: dict[str, bool] = {
    "id": True,
    "title": True,
    "description": False,
    "minutes": False,
    "sections": True,
}
SECTION_KEYS: dict[str, bool] = {"id": True, "title": True, "questions": True}
QUESTION_KEYS: dict[str, bool] = {
    "id": True,
    "text": True,
    "priority": False,
    "minutes": False,
    "probes": False,
    "tags": False,
}
# Top-level keys starting with this are the author's own notes, kept in QuestionSet.extra.
EXTENSION_PREFIX = "x-"

# Keys that are valid, just not at the level where they were written.
_WHERE_IT_BELONGS = {
    "questions": "inside each entry of 'sections'",
    "text": "inside a question",
    "priority": "inside a question",
    "probes": "inside a question",
    "tags": "inside a question",
    "sections": "at the top of the file",
    "description": "at the top of the file",
}


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
    root, problems = read_tree(data, source)
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


def did_you_mean(word: str, choices: list[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, if one is close enough."""
    import difflib  # only paid for when a key is misspelt

    folded = {choice.lower(): choice for choice in choices}
    matches = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None


class _Checker:
    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        # id -> path of the first entry using it, for "first used at ..." in duplicate reports.
        self.question_ids: dict[str, str] = {}
        self.section_ids: dict[str, str] = {}

    def add(self, node: Node | Scalar, path: str, message: str) -> None:
        self.problems.append(Problem(self.source, node.line, node.col, path or WHOLE_FILE, message))

    def fields(
        self, node: Mapping, path: str, spec: dict[str, bool], extensions: bool = False
    ) -> dict[str, Node]:
        found: dict[str, Node] = {}
        for key, (key_node, value) in node.entries.items():
            if key in spec:
                found[key] = value
                continue
            if extensions and key.startswith(EXTENSION_PREFIX):
                continue
            message = f"unknown key '{key}'"
            suggestion = did_you_mean(key, list(spec))
            if suggestion is not None and suggestion not in node.entries:
                message += f"; did you mean '{suggestion}'?"
            elif key in _WHERE_IT_BELONGS:
                message += f"; '{key}' goes {_WHERE_IT_BELONGS[key]}"
            else:
                message += "; expected one of: " + ", ".join(spec)
            self.add(key_node, join_path(path, key), message)
        for key, required in spec.items():
            if required and key not in node.entries:
                self.add(node, join_path(path, key), "required key is missing")
        return found

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

    def text(self, node: Node | None, path: str, single_line: bool = True) -> str | None:
        if node is None:
            return None
        if not isinstance(node, Scalar):
            if not isinstance(node, Refused):
                self.add(node, path, f"expected text, found {_kind(node)}")
            return None
        value = clean_line(node.value) if single_line else clean(node.value).strip()
        if not value:
            self.add(node, path, "must not be empty")
            return None
        return value

    def identifier(self, node: Node | None, path: str) -> str | None:
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

    def minutes(self, node: Node | None, path: str) -> float | None:
        value = self.text(node, path)
        if value is None or node is None:
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

    def priority(self, node: Node | None, path: str) -> Priority | None:
        value = self.text(node, path)
        if value is None or node is None:
            return None
        for priority in PRIORITIES:
            if value == priority:
                return priority
        message = f"'{value}' is not a priority; use must, should or could"
        suggestion = did_you_mean(value, list(PRIORITIES))
        if suggestion is not None:
            message += f"; did you mean '{suggestion}'?"
        self.add(node, path, message)
        return None

    def texts(self, node: Node | None, path: str) -> tuple[str, ...] | None:
        if node is None:
            return ()
        items = self.sequence(node, path, "texts")
        if items is None:
            return None
        values = [self.text(item, f"{path}[{i}]") for i, item in enumerate(items.items)]
        return tuple(v for v in values if v is not None)

    def nonempty(
        self, node: Node | None, path: str, what: str, each: Callable[[Node, str], object]
    ) -> list[object]:
        if node is None:
            return []
        items = self.sequence(node, path, what)
        if items is None:
            return []
        if not items.items:
            self.add(node, path, f"needs at least one entry in {what}")
        return [each(item, f"{path}[{i}]") for i, item in enumerate(items.items)]

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
        found = self.fields(root, "", SET_KEYS, extensions=True)
        set_id = self.identifier(found.get("id"), "id")
        title = self.text(found.get("title"), "title")
        description = self.text(found.get("description"), "description", single_line=False)
        minutes = self.minutes(found.get("minutes"), "minutes")
        extra = {}
        for key, (_, value) in root.entries.items():
            if key.startswith(EXTENSION_PREFIX):
                text = self.text(value, key, single_line=False)
                if text is not None:
                    extra[key] = text
        sections = self.nonempty(found.get("sections"), "sections", "sections", self.section)
        if set_id is None or title is None or None in sections:
            return None
        return QuestionSet(
            id=set_id,
            title=title,
            sections=tuple(s for s in sections if isinstance(s, Section)),
            description=description or "",
            minutes=minutes,
            extra=extra,
            source=self.source,
            builtin=builtin,
        )

    def section(self, node: Node, path: str) -> Section | None:
        mapping = self.mapping(node, path, "a section")
        if mapping is None:
            return None
        found = self.fields(mapping, path, SECTION_KEYS)
        section_id = self.identifier(found.get("id"), join_path(path, "id"))
        self.unique(found.get("id"), section_id, path, self.section_ids, "section")
        title = self.text(found.get("title"), join_path(path, "title"))
        questions = self.nonempty(
            found.get("questions"), join_path(path, "questions"), "questions", self.question
        )
        if section_id is None or title is None or None in questions:
            return None
        return Section(section_id, title, tuple(q for q in questions if isinstance(q, Question)))

    def unique(
        self, node: Node | None, value: str | None, path: str, seen: dict[str, str], what: str
    ) -> None:
        if value is None or node is None:
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
        found = self.fields(mapping, path, QUESTION_KEYS)
        question_id = self.identifier(found.get("id"), join_path(path, "id"))
        self.unique(found.get("id"), question_id, path, self.question_ids, "question")
        text = self.text(found.get("text"), join_path(path, "text"), single_line=False)
        priority_node = found.get("priority")
        priority = self.priority(priority_node, join_path(path, "priority"))
        minutes = self.minutes(found.get("minutes"), join_path(path, "minutes"))
        probes = self.texts(found.get("probes"), join_path(path, "probes"))
        tags = self.texts(found.get("tags"), join_path(path, "tags"))
        invalid = (priority_node is not None and priority is None) or (
            "minutes" in found and minutes is None
        )
        if question_id is None or text is None or probes is None or tags is None or invalid:
            return None
        return Question(
            id=question_id,
            text=text,
            priority=priority or "should",
            minutes=minutes,
            probes=probes,
            tags=tags,
        )
