"""Where a person's data lives: one folder holding the DB, backups, drafts and their own sets."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "COACH_DATA_DIR"


@dataclass(frozen=True)
class DataPaths:
    """The files and folders inside one data folder."""

    root: Path
    #: Named by the person (``--data-dir``, ``COACH_DATA_DIR``) rather than the platform's
    #: default: a folder whose parent is missing is then a drive not mounted, not a first run.
    chosen: bool = False

    @property
    def db(self) -> Path:
        return self.root / "coach.json"

    @property
    def lock(self) -> Path:
        return self.root / "coach.json.lock"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def question_sets(self) -> Path:
        return self.root / "question_sets"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def config(self) -> Path:
        return self.root / "config.yaml"

    def has_config(self) -> bool:
        """Whether ``config.yaml`` is there at all: without one, starting reads no YAML."""
        return os.path.lexists(self.config)


def default_root() -> Path:
    """The platform's per-user data folder for coach (deferred import keeps start-up lean)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("coach", appauthor=False))


def resolve(data_dir: str | os.PathLike[str] | None = None) -> DataPaths:
    """Pick the data folder: an explicit argument, then ``$COACH_DATA_DIR``, then the default."""
    if data_dir:
        return DataPaths(Path(data_dir).expanduser().absolute(), chosen=True)
    if os.environ.get(ENV_VAR):
        return DataPaths(Path(os.environ[ENV_VAR]).expanduser().absolute(), chosen=True)
    return DataPaths(default_root().expanduser().absolute())
