"""The user's settings file, DATA/config.yaml. Today it holds one thing: a key map.

```yaml
keymap:
  live.next: ctrl+n
  app.help: f1,question_mark
```

Read as strict YAML, like question sets. Problems never stop the app: each bad entry is named
with its line and left out, and the good ones still apply.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection

from coach.core.problem import Problem
from coach.core.strict_yaml import (
    MAX_BYTES,
    FileKind,
    Mapping,
    Node,
    Refused,
    Scalar,
    read_tree,
    size_problem,
)
from coach.core.suggest import did_you_mean
from coach.core.text import clean_line
from coach.store.paths import DataPaths
from coach.store.regular_files import NotReadable, TooLarge, read_regular_file

SETTINGS_FILE = FileKind("the settings file", "it needs only a few lines")
_SETTINGS = ("keymap",)
_BINDING_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")
_SHAPE = "expected 'keymap:' with 'binding.id: keys' lines; key map ignored"


def read_keymap(
    paths: DataPaths, known_ids: Collection[str] | None = None
) -> tuple[dict[str, str], str | None]:
    """Return (binding id -> keys, problems) from ``DATA/config.yaml``.

    ``problems`` is None when all is well, else one line per problem, joined by newlines, each
    ``FILE:LINE: message``. With ``known_ids`` (the ids of the app's bindings), an id that is
    not among them is reported with the closest known id, if any, and left out:
    ``config.yaml:3: unknown key id 'live.nxt' (did you mean 'live.next'?)``. A file that
    cannot be read or parsed at all gives an empty map.
    """
    path = paths.config
    source = str(path)
    if not os.path.lexists(path):
        return {}, None
    try:
        raw = read_regular_file(path, MAX_BYTES)
    except NotReadable as refused:
        return {}, f"{source}: {refused}; key map ignored"
    except TooLarge as large:
        return {}, _line(size_problem(source, large.size, SETTINGS_FILE)) + "; key map ignored"
    root, problems = read_tree(raw, source, SETTINGS_FILE)
    lines = [_line(problem) for problem in problems]
    keymap: dict[str, str] = {}
    if root is None:
        if lines:
            lines[-1] += "; key map ignored"
        return keymap, "\n".join(lines) or None
    if isinstance(root, Scalar) and not root.value.strip():
        return keymap, "\n".join(lines) or None
    if not isinstance(root, Mapping):
        lines.append(f"{source}:{root.line}: {_SHAPE}")
        return keymap, "\n".join(lines)
    for name, (key_node, _) in root.entries.items():
        if name not in _SETTINGS:
            lines.append(f"{source}:{key_node.line}: {_unknown('setting', name, _SETTINGS)}")
    entry = root.entries.get("keymap")
    section = entry[1] if entry is not None else None
    if isinstance(section, Scalar) and not section.value.strip():
        section = None  # "keymap:" with nothing under it
    if section is not None and not isinstance(section, Mapping | Refused):
        lines.append(f"{source}:{section.line}: {_SHAPE}")
    if isinstance(section, Mapping):
        for binding_id, (id_node, keys) in section.entries.items():
            if isinstance(keys, Refused):
                continue  # an alias or a control character, reported by the reader
            problem = _entry_problem(binding_id, keys, known_ids)
            if problem is not None:
                lines.append(f"{source}:{id_node.line}: {problem}")
            elif isinstance(keys, Scalar):
                keymap[binding_id] = keys.value.strip()
    return keymap, "\n".join(lines) or None


def _entry_problem(binding_id: str, keys: Node, known_ids: Collection[str] | None) -> str | None:
    if not _BINDING_ID.match(binding_id):
        return f"'{clean_line(binding_id)}' is not a key id; ids look like live.next"
    if known_ids is not None and binding_id not in known_ids:
        return _unknown("key id", binding_id, known_ids)
    if not isinstance(keys, Scalar) or not keys.value.strip():
        return f"{binding_id}: keys must be text such as 'ctrl+n'"
    return None


def _unknown(what: str, name: str, known: Collection[str]) -> str:
    message = f"unknown {what} '{clean_line(name)}'"
    suggestion = did_you_mean(name, sorted(known))
    return message if suggestion is None else f"{message} (did you mean '{suggestion}'?)"


def _line(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}: {problem.message}"
