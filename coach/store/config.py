"""The user's settings file, DATA/config.yaml. Today it holds one thing: a key map.

```yaml
keymap:
  live.next: ctrl+n
  app.help: f1,question_mark
```
"""

from __future__ import annotations

import re

from coach.store.paths import DataPaths

_BINDING_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")


def read_keymap(paths: DataPaths) -> tuple[dict[str, str], str | None]:
    """Return (binding id -> keys, problem). A broken file gives an empty map and a message."""
    path = paths.config
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as error:
        return {}, f"{path}: cannot read: {error.strerror or error}"
    import yaml

    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        return {}, f"{where}: not valid YAML; key map ignored"
    if data is None:
        return {}, None
    if not isinstance(data, dict) or not isinstance(data.get("keymap", {}), dict):
        return {}, f"{path}: expected 'keymap:' with 'binding.id: keys' lines; key map ignored"
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in (data.get("keymap") or {}).items():
        if not isinstance(binding_id, str) or not _BINDING_ID.match(binding_id):
            problems.append(f"bad binding id {binding_id!r}")
        elif not isinstance(keys, str) or not keys.strip():
            problems.append(f"{binding_id}: keys must be text such as 'ctrl+n'")
        else:
            keymap[binding_id] = keys.strip()
    problem = f"{path}: " + "; ".join(problems) if problems else None
    return keymap, problem
