"""The Search screen benchmark keeps working: a smoke run at 100 interviews, never judging speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_quick_search_screen_benchmark_times_every_key_and_the_index_load(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_BENCH_CACHE": str(tmp_path / "cache"), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-P", "-m", "bench.search_screen", "--quick"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    typed = sum(
        len(text) for text in ("mentor feedback", '"customer growth"', "strat", "design -market")
    )
    assert report["keys"] == typed
    assert report["key_to_results_ms"]["n"] == typed
    assert report["index_ready_s"] > 0
    assert report["ui_ticks_while_loading"] > 0
