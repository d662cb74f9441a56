"""The search benchmark keeps working: a smoke run at 100 interviews, never judging speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_quick_search_benchmark_reports_each_measure_as_one_json_line(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_BENCH_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-P", "-m", "bench.search_bench", "--quick"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**env, "PYTHONPATH": str(REPO)},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    entry = report["by_size"]["100"]
    assert entry["index_build_ms"] > 0 and entry["index_file_mb"] > 0
    for measure in ("index_load", "query", "per_key", "stats_after_open"):
        assert entry[measure]["n"] > 0, measure
    assert set(entry["per_query"]) == set(report["queries"])
    processes = entry["processes"]
    for measure in ("interviews_list_json", "search_json", "search_json_without_cache"):
        assert processes[measure]["n"] > 0, measure
    assert processes["ratio_of_medians"] > 0
    assert report["targets"] == []
