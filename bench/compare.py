"""Before and after: two installs of coach started side by side, to the settled screen.

    python bench/compare.py BEFORE_VENV AFTER_VENV [--sizes 100,1000,10000] [--runs 20]

Each virtual environment holds one version of coach (``pip install -e`` of a checkout). For
every size, each version gets its own prepared copy of the synthetic folder (opened and closed
once by that version, so its backups and caches are as it leaves them), then the two versions
and the bare reference app start in turn, run after run, in one private tmux server, timed by
`bench.coldstart` (settled screen, first frame, CPU time, peak RSS). Ratios are taken per run
against the reference started just before. Prints one JSON object per size.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ must not be on sys.path: bench/typing.py would shadow the standard library.
REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0] or ".").resolve() == REPO / "bench":
    sys.path[0] = str(REPO)
elif str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from typing import Any  # noqa: E402

from bench import coldstart  # noqa: E402
from bench.run import data_folder  # noqa: E402

OPEN_ONCE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from coach.store.db import Store\n"
    "from coach.store.paths import DataPaths\n"
    "Store.open(DataPaths(Path(sys.argv[1]))).close()\n"
)


def prepared(venv: Path, source: Path, dest: Path) -> Path:
    """A copy of ``source`` opened and closed once by the coach installed in ``venv``."""
    shutil.copytree(source, dest)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-c", OPEN_ONCE, str(dest)], check=True, cwd=dest.parent)
    return dest


def median(values: list[float], scale: float = 1000.0) -> float:
    return round(statistics.median(values) * scale, 1) if values else float("nan")


def compare(venvs: dict[str, Path], size: int, runs: int, scratch: Path) -> dict[str, Any]:
    """Start each version and the reference in turn, ``runs`` times after one warm-up."""
    notes: list[str] = []
    source = data_folder(size, notes)
    folders = {
        name: prepared(venv, source, scratch / f"{name}-{size}") for name, venv in venvs.items()
    }
    env = coldstart.app_env(scratch / "pycache")
    tmux = coldstart.Tmux()
    seen: dict[str, list[coldstart.StartResult]] = {name: [] for name in [*venvs, "reference"]}
    try:
        for index in range(runs + 1):
            for name in seen:
                if name == "reference":
                    command = coldstart.reference_command()
                    markers: tuple[str, ...] = ("Row 20", "Add row")
                else:
                    command = [str(venvs[name] / "bin" / "coach"), "--data-dir", str(folders[name])]
                    markers = coldstart.COACH_MARKERS
                result = coldstart.time_to_screen(
                    tmux, f"{name}-{size}-{index}", command, markers, env
                )
                if index:  # the first round warms caches and writes the bytecode
                    seen[name].append(result)
    finally:
        tmux.shutdown()
    reference = seen["reference"]
    out: dict[str, Any] = {"interviews": size, "runs": runs, "load_average": os.getloadavg()}
    for name, results in seen.items():
        row: dict[str, Any] = {
            "settled_ms": median([r.seconds for r in results]),
            "first_frame_ms": median([r.first_frame for r in results]),
            "cpu_ms": median([r.cpu_seconds or 0.0 for r in results]),
        }
        if name != "reference":
            row["ratio"] = round(
                statistics.median(
                    r.seconds / b.seconds for r, b in zip(results, reference, strict=True)
                ),
                3,
            )
            row["first_frame_ratio"] = round(
                statistics.median(
                    r.first_frame / b.first_frame for r, b in zip(results, reference, strict=True)
                ),
                3,
            )
            row["peak_rss_mb"] = median([r.peak_rss_mb or 0.0 for r in results], scale=1.0)
        out[name] = row
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/compare.py", description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path, help="virtual environment of the version before")
    parser.add_argument("after", type=Path, help="virtual environment of the version after")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    if not coldstart.have_tmux():
        print("tmux not found", file=sys.stderr)
        return 2
    venvs = {"before": args.before.resolve(), "after": args.after.resolve()}
    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-compare-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            print(json.dumps(compare(venvs, size, args.runs, scratch)), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
