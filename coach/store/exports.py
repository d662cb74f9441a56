"""Writing exported records (Markdown, JSON) into the data folder's ``exports/`` folder."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

from coach.store.paths import DataPaths

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def exports_dir(paths: DataPaths) -> Path:
    """The folder exports go to: ``<data folder>/exports``."""
    return paths.root / "exports"


def export_name(person: str, when: datetime | None, interview_id: str, suffix: str) -> str:
    """A file name a person can recognise: date, name and a short id, safe on every system."""
    stem_parts = [
        when.strftime("%Y-%m-%d") if when else "unscheduled",
        person or "interview",
        interview_id[:8],
    ]
    # Accents are dropped from the letters they sit on, not with them: "Zoë" stays "Zoe".
    plain = [unicodedata.normalize("NFKD", part) for part in stem_parts]
    plain = ["".join(ch for ch in part if not unicodedata.combining(ch)) for part in plain]
    stem = "-".join(_UNSAFE.sub("-", part).strip("-.") or "x" for part in plain)
    return f"{stem}.{suffix.lstrip('.')}"


def write_export(paths: DataPaths, name: str, text: str) -> Path:
    """Write ``text`` to ``exports/<name>`` atomically and return the path.

    The folder is created 0700 like the rest of the data folder: these are notes about real
    people. ``name`` is reduced to its last component so nothing escapes the folder.
    """
    folder = exports_dir(paths)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / (Path(name).name or "export.md")
    write_file(target, text)
    return target


def write_file(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` (anywhere the user names) whole or not at all, mode 0600.

    A temp file beside the target, fsync, then rename: a full disk or a kill leaves the old
    file as it was and no half-written record. 0600 because exports hold notes about people.
    """
    folder = target.parent if str(target.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=".coach-export-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
