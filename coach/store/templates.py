"""Request templates: the shipped ones, overridden by id by the user's own in the data folder.

A template file is strict YAML (read by :mod:`coach.core.strict_yaml`, so every scalar stays text
and aliases, tags and duplicate keys are refused)::

    id: referral
    title: Someone suggested you
    suits: [referral]          # how_known values this template fits (optional)
    subject: "{referrer} suggested I get in touch"   # optional
    body: |
      Hi {first_name}, ...

Problems are collected, never raised: one broken file leaves every other template usable.
"""

from __future__ import annotations

from pathlib import Path

import coach
from coach.core.contact import HOW_KNOWN
from coach.core.outreach import PLACEHOLDERS, RequestTemplate
from coach.core.problem import WHOLE_FILE, Problem, entry_problem
from coach.core.strict_yaml import (
    MAX_BYTES,
    FileKind,
    Mapping,
    Node,
    Refused,
    Scalar,
    Sequence,
    read_tree,
    size_problem,
)
from coach.core.text import clean, clean_line
from coach.store.paths import DataPaths
from coach.store.regular_files import NotReadable, TooLarge, read_regular_file, yaml_files

_KEYS = ("id", "title", "suits", "subject", "body")
TEMPLATE_FILE = FileKind("a request template", "a request should fit on a phone screen")


def builtin_dir() -> Path:
    """Where the shipped templates are: inside the package when installed, else the repo top."""
    packaged = Path(coach.__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(coach.__file__).parent.parent / "templates"


def _text(node: Node | None) -> str | None:
    return node.value if isinstance(node, Scalar) else None


def parse_template(
    data: bytes, source: str, builtin: bool = False
) -> tuple[RequestTemplate | None, list[Problem]]:
    """Read one template file's bytes; the template (or None) and every problem found."""
    root, problems = read_tree(data, source, TEMPLATE_FILE)
    if root is None:
        return None, problems
    if not isinstance(root, Mapping):
        return None, [
            *problems,
            Problem(source, 1, 1, WHOLE_FILE, "expected a mapping with id, title and body"),
        ]
    entries = root.entries
    for key, (key_node, _) in entries.items():
        if key not in _KEYS:
            problems.append(
                Problem(
                    source,
                    key_node.line,
                    key_node.col,
                    clean_line(key),
                    f"unknown key; expected one of {', '.join(_KEYS)}",
                )
            )
    # A refused node (an alias, a control character) is already reported where it was read.
    values: dict[str, str] = {}
    for key in ("id", "title", "body", "subject"):
        if key not in entries:
            if key != "subject":
                problems.append(Problem(source, root.line, root.col, key, "missing"))
            continue
        key_node, value_node = entries[key]
        if isinstance(value_node, Refused):
            continue
        text = _text(value_node)
        if text is None or not text.strip():
            problems.append(
                Problem(source, key_node.line, key_node.col, key, "must be non-empty text")
            )
            continue
        values[key] = clean(text).strip() if key == "body" else clean_line(text)
    suits: list[str] = []
    if "suits" in entries:
        key_node, value_node = entries["suits"]
        if isinstance(value_node, Sequence):
            for index, item in enumerate(value_node.items):
                text = _text(item)
                if isinstance(item, Refused):
                    continue
                if text is None or text not in HOW_KNOWN:
                    problems.append(
                        Problem(
                            source,
                            item.line,
                            item.col,
                            f"suits[{index}]",
                            f"expected one of {', '.join(HOW_KNOWN)}",
                        )
                    )
                else:
                    suits.append(text)
        elif not isinstance(value_node, Refused):
            problems.append(Problem(source, key_node.line, key_node.col, "suits", "must be a list"))
    body = values.get("body", "")
    for placeholder in _unknown_placeholders(body):
        _, body_node = entries["body"]
        problems.append(
            Problem(
                source,
                body_node.line,
                body_node.col,
                "body",
                f"unknown placeholder {{{placeholder}}}; known: "
                + ", ".join("{" + p + "}" for p in PLACEHOLDERS),
            )
        )
    if problems or not {"id", "title", "body"} <= values.keys():
        return None, problems
    return (
        RequestTemplate(
            id=values["id"],
            title=values["title"],
            body=body,
            subject=values.get("subject", ""),
            suits=tuple(suits),
            source=source,
            builtin=builtin,
        ),
        problems,
    )


def _unknown_placeholders(body: str) -> list[str]:
    import re

    return [name for name in re.findall(r"\{([a-z_]+)\}", body) if name not in PLACEHOLDERS]


def _read_folder(folder: Path, builtin: bool) -> tuple[list[RequestTemplate], list[Problem]]:
    templates: list[RequestTemplate] = []
    try:
        files = yaml_files(folder)
    except NotReadable as refused:
        return templates, [entry_problem(str(folder), str(refused))]
    problems: list[Problem] = []
    for path in files:
        try:
            data = read_regular_file(path, MAX_BYTES)
        except TooLarge as large:
            problems.append(size_problem(str(path), large.size, TEMPLATE_FILE))
            continue
        except NotReadable as refused:
            problems.append(entry_problem(str(path), str(refused)))
            continue
        template, found = parse_template(data, str(path), builtin=builtin)
        problems.extend(found)
        if template is not None:
            templates.append(template)
    return templates, problems


def load_templates(
    paths: DataPaths, shipped: Path | None = None
) -> tuple[list[RequestTemplate], list[Problem]]:
    """Every usable template, the user's replacing shipped ones with the same id; and all problems.

    Sorted by title. Two user files with one id: the later file name wins, and a problem says so.
    """
    by_id: dict[str, RequestTemplate] = {}
    problems: list[Problem] = []
    for folder, builtin in ((shipped or builtin_dir(), True), (paths.templates, False)):
        found, found_problems = _read_folder(folder, builtin)
        problems.extend(found_problems)
        for template in found:
            earlier = by_id.get(template.id)
            if earlier is not None and earlier.builtin == builtin:
                problems.append(
                    Problem(
                        template.source,
                        1,
                        1,
                        "id",
                        f"same id as {earlier.source}; this one is used",
                    )
                )
            by_id[template.id] = template
    return sorted(by_id.values(), key=lambda t: (t.title.casefold(), t.id)), problems
