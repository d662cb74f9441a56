"""The command line as a person meets it: help, locate, the data folder, and one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from coach.store.db import Store
from coach.store.paths import DataPaths


def coach(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def test_help_lists_every_command() -> None:
    result = coach("--help")
    assert result.returncode == 0
    from coach.cli import SUBCOMMANDS

    assert {"serve", "search", "stats", "sync"} <= set(SUBCOMMANDS)
    for command in SUBCOMMANDS:
        assert f"  {command} " in result.stdout, command
    assert "--data-dir" in result.stdout and "COACH_DATA_DIR" in result.stdout


def test_locate_names_the_folder_the_db_and_the_question_sets_folder(tmp_path: Path) -> None:
    from_env = coach("locate", env={"COACH_DATA_DIR": str(tmp_path / "env")})
    assert from_env.returncode == 0
    assert f"data folder:   {tmp_path / 'env'}" in from_env.stdout
    assert f"database:      {tmp_path / 'env' / 'coach.json'}" in from_env.stdout
    assert f"question sets: {tmp_path / 'env' / 'question_sets'}" in from_env.stdout
    # The option wins over the environment.
    flag = coach("--data-dir", str(tmp_path / "flag"), "locate", env={"COACH_DATA_DIR": "/x"})
    assert f"data folder:   {tmp_path / 'flag'}" in flag.stdout
    # After the subcommand it means the same.
    after = coach("locate", "--data-dir", str(tmp_path / "after"))
    assert after.returncode == 0, after.stderr
    assert f"data folder:   {tmp_path / 'after'}" in after.stdout


def test_data_dir_after_a_subcommand_moves_to_the_front_and_nothing_after_dashes_does() -> None:
    from coach.cli import data_dir_first

    assert data_dir_first(["contacts", "list", "--data-dir", "D", "--json"]) == [
        "--data-dir",
        "D",
        "contacts",
        "list",
        "--json",
    ]
    assert data_dir_first(["locate", "--data-dir=D"]) == ["--data-dir=D", "locate"]
    assert data_dir_first(["export", "--", "--data-dir", "x"]) == [
        "export",
        "--",
        "--data-dir",
        "x",
    ]
    assert data_dir_first(["--data-dir", "D"]) == ["--data-dir", "D"]


def test_an_unknown_command_is_one_line_on_stderr_and_exit_2() -> None:
    result = coach("interveiws")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("coach: ")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_second_coach_on_the_same_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data")
    with Store.open(paths):
        result = coach("--data-dir", str(paths.root))
    assert result.returncode == 2
    assert "another coach is already using" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_version_is_printed() -> None:
    import coach as package

    result = coach("--version")
    assert result.returncode == 0 and package.__version__ in result.stdout
