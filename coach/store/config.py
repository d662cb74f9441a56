"""The user's settings file, DATA/config.yaml: a key map and the theme last chosen.

```yaml
keymap:
  live.next: ctrl+n
  app.help: f1,question_mark
theme: textual-light
```

Read as strict YAML, like question sets. Problems never stop the app: each bad entry is named
with its line and left out, and the good ones still apply. The file is the person's own:
coach writes only its ``theme:`` line (replaced in place, or added at the end), keeping every
other byte as they wrote it.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Callable, Collection
from pathlib import Path

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
from coach.store.storage import FILE_MODE, write_atomically

SETTINGS_FILE = FileKind("the settings file", "it needs only a few lines")
_SETTINGS = ("keymap", "theme")
_BINDING_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")
_SHAPE = "expected 'keymap:' with 'binding.id: keys' lines; key map ignored"


def read_keymap(
    paths: DataPaths,
    known_ids: Collection[str] | None = None,
    is_key: Callable[[str], bool] | None = None,
) -> tuple[dict[str, str], str | None]:
    """Return (binding id -> keys, problems) from ``DATA/config.yaml``.

    ``problems`` is None when all is well, else one line per problem, joined by newlines, each
    ``FILE:LINE: message``. With ``known_ids`` (the ids of the app's bindings), an id that is
    not among them is reported with the closest known id, if any, and left out:
    ``config.yaml:3: unknown key id 'live.nxt' (did you mean 'live.next'?)``. With
    ``is_key`` (the app's test of a key's name), an entry naming a key no terminal sends
    (``ctrl+banana``) is reported and left out. A file that cannot be read or parsed at all
    gives an empty map.
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
            problem = _entry_problem(binding_id, keys, known_ids, is_key)
            if problem is not None:
                lines.append(f"{source}:{id_node.line}: {problem}")
            elif isinstance(keys, Scalar):
                keymap[binding_id] = keys.value.strip()
    return keymap, "\n".join(lines) or None


def _entry_problem(
    binding_id: str,
    keys: Node,
    known_ids: Collection[str] | None,
    is_key: Callable[[str], bool] | None,
) -> str | None:
    if not _BINDING_ID.match(binding_id):
        return f"'{clean_line(binding_id)}' is not a key id; ids look like live.next"
    if known_ids is not None and binding_id not in known_ids:
        return _unknown("key id", binding_id, known_ids)
    if not isinstance(keys, Scalar) or not keys.value.strip():
        return f"{binding_id}: keys must be text such as 'ctrl+n'"
    if is_key is not None:
        unknown = [key.strip() for key in keys.value.split(",") if not is_key(key.strip())]
        if unknown:
            names = ", ".join(f"'{clean_line(key)}'" for key in unknown)
            return (
                f"{binding_id}: {names} is not a key coach knows (keys look like ctrl+j, "
                "alt+n, f6 or ?, in lower case); this line is ignored"
            )
    return None


def _unknown(what: str, name: str, known: Collection[str]) -> str:
    message = f"unknown {what} '{clean_line(name)}'"
    suggestion = did_you_mean(name, sorted(known))
    return message if suggestion is None else f"{message} (did you mean '{suggestion}'?)"


def _line(problem: Problem) -> str:
    return f"{problem.file}:{problem.line}: {problem.message}"


# -- the theme -------------------------------------------------------------------------------

_THEME_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# A top-level "theme:" line, with any comment after its value and without its line ending.
_THEME_LINE = re.compile(
    r"^theme[ \t]*:[^\r\n]*?(?P<comment>[ \t]+#[^\r\n]*)?(?=\r?$)", re.MULTILINE
)
# Two choices made in quick succession must not write the file at the same time.
_WRITING = threading.Lock()


def read_theme(paths: DataPaths) -> str | None:
    """The theme named by ``theme:`` in ``DATA/config.yaml``, or None when it names none.

    A file that cannot be read or parsed names none; `read_keymap` reports its problems.
    """
    if not os.path.lexists(paths.config):
        return None
    try:
        raw = read_regular_file(paths.config, MAX_BYTES)
    except (NotReadable, TooLarge):
        return None
    root, _ = read_tree(raw, str(paths.config), SETTINGS_FILE)
    entry = root.entries.get("theme") if isinstance(root, Mapping) else None
    if entry is None or not isinstance(entry[1], Scalar):
        return None
    name = entry[1].value.strip()
    return name if _THEME_NAME.match(name) else None


def write_theme(paths: DataPaths, theme: str) -> None:
    """Make ``theme: NAME`` the theme in ``DATA/config.yaml``, whole or not at all.

    The person's own lines stay as they wrote them: a top-level ``theme:`` line is replaced
    (a comment after its value is kept), or one is added at the end. The file is replaced
    atomically (temp file, fsync, rename); a link is followed to the file it names, which
    keeps its permissions. Raises ValueError for a name that is not a theme's, and OSError
    when the file cannot be read (not a regular file, too large, not UTF-8) or written.
    """
    if not _THEME_NAME.match(theme):
        raise ValueError(f"not a theme name: {clean_line(theme)!r}")
    path = paths.config
    with _WRITING:
        target = Path(os.path.realpath(path))
        mode = FILE_MODE
        if os.path.lexists(path):
            try:
                text = read_regular_file(path, MAX_BYTES).decode("utf-8")
            except (NotReadable, TooLarge, UnicodeDecodeError) as refused:
                raise OSError(f"{path}: {refused}; the theme is not saved") from None
            mode = stat.S_IMODE(os.stat(target).st_mode)
        else:
            text = ""
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(target, [_with_theme(text, theme).encode("utf-8")], mode=mode)


def _with_theme(text: str, theme: str) -> str:
    """``text`` with its theme line set to ``theme`` (added at the end if there is none)."""
    line = f"theme: {theme}"
    found = _THEME_LINE.search(text)
    if found is not None:
        kept = f"{line}{found.group('comment') or ''}"
        return text[: found.start()] + kept + text[found.end() :]
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return text + line + newline
