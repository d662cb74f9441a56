"""The benchmark harness keeps working: CI runs it at the smallest size, never judging speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_quick_benchmark_run_reports_every_measure_as_one_json_object(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_BENCH_CACHE": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout)

    machine = summary["machine"]
    for field in ("date", "nproc", "cpu", "python", "textual"):
        assert machine[field], field
    assert summary["quick"] is True
    (size,) = summary["sizes"]

    assert summary["sets_check"]["ms"]["n"] > 0
    entry = summary["by_size"][str(size)]
    if entry["cold_start"] is None:
        assert any("tmux" in note for note in summary["notes"])
    else:
        for key in ("coach_ms", "reference_ms", "ratio", "coach_first_frame_ms"):
            assert entry["cold_start"][key]["n"] > 0, key
        # Settling takes at least as long as drawing the first frame.
        first = entry["cold_start"]["coach_first_frame_ms"]["median"]
        assert entry["cold_start"]["coach_ms"]["median"] >= first
    assert entry["interviews_list"]["ms"]["n"] > 0
    typing = entry["typing"]
    assert typing["keys"] > 0
    assert {"median", "p95", "p99", "max"} <= set(typing["key_to_frame_ms"])
    assert typing["longest_stall_ms"] >= typing["key_to_frame_ms"]["median"]
    saving = entry["saving"]
    for key in ("ui_cost_per_key_ms", "note_on_disk_ms", "full_commit_ms"):
        assert saving[key]["n"] > 0, key
    assert entry["memory"]["home_peak_rss_mb"] > 0
    assert entry["memory"]["interview_open_peak_rss_mb"] >= entry["memory"]["home_peak_rss_mb"]
    assert entry["memory"]["live_typed_peak_rss_mb"] >= entry["memory"]["home_peak_rss_mb"]

    measures = {row["measure"] for row in summary["targets"]}
    assert any(measure.startswith("Live key-to-frame") for measure in measures)
    assert any(measure.startswith("full commit") for measure in measures)
    assert any(measure.startswith("cold start to the settled Home") for measure in measures)


def test_synthetic_data_folders_are_built_once_per_size_and_then_reused(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO))
    try:
        from bench.run import data_folder
    finally:
        sys.path.remove(str(REPO))
    notes: list[str] = []
    first = data_folder(3, notes, cache=tmp_path)
    second = data_folder(3, notes, cache=tmp_path)
    assert first == second
    assert (first / "coach.json").stat().st_size > 0
    assert len([note for note in notes if note.startswith("built")]) == 1


def test_a_screen_counts_as_drawn_by_its_non_blank_lines() -> None:
    sys.path.insert(0, str(REPO))
    try:
        from bench.coldstart import non_blank_lines
    finally:
        sys.path.remove(str(REPO))
    assert non_blank_lines("\n   \n") == 0
    assert non_blank_lines(" title\n\n  row\n \u2502 \n") == 3


def test_compare_times_two_installs_against_the_reference(tmp_path: Path) -> None:
    import shutil

    if shutil.which("tmux") is None:
        import pytest

        pytest.skip("no tmux")
    venv = str(Path(sys.executable).parent.parent)
    env = {**os.environ, "COACH_BENCH_CACHE": str(tmp_path / "cache")}
    compare = str(REPO / "bench" / "compare.py")
    result = subprocess.run(
        [sys.executable, compare, venv, venv, "--sizes", "5", "--runs", "1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (line,) = result.stdout.strip().splitlines()
    row = json.loads(line)
    assert row["interviews"] == 5
    for name in ("before", "after"):
        assert row[name]["settled_ms"] >= row[name]["first_frame_ms"] > 0
        assert row[name]["ratio"] > 0
    assert row["reference"]["settled_ms"] > 0
