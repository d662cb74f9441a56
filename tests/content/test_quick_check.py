"""The README's quick check keeps its promise: `pytest -m "not tui"` leaves out exactly the
tests that start the app, and nothing else."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
QUICK = 'pytest -m "not tui"'


def collected(*args: str) -> list[str]:
    """The test ids pytest would run with these arguments, from the top of the repository."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_the_readme_offers_the_quick_check_and_says_how_long_each_run_takes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"```sh\n{QUICK}\n```" in readme
    assert "about five minutes on two cores" in readme
    assert "about 20 seconds" in readme


def test_the_tui_marker_is_registered() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    markers = config["tool"]["pytest"]["ini_options"]["markers"]
    assert any(marker.startswith("tui:") for marker in markers)


def test_the_quick_check_leaves_out_the_tests_that_start_the_app_and_only_those() -> None:
    starting_the_app = ("tests/tui", "tests/bench", "tests/app/test_home_snapshot.py")
    not_starting_it = ("tests/core/test_text.py", "tests/app/test_command_line.py")
    kept = collected("-m", "not tui", *starting_the_app, *not_starting_it)
    assert {test.split("::")[0] for test in kept} == set(not_starting_it)
