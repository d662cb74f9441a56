"""What one full commit of an interview costs, ours against stock TinyDB JSONStorage.

    python bench/store_commit.py [--sizes 100,1000,10000] [--runs 30] [--json]

For each size a synthetic data folder is built (bench/synthetic.py); then one interview gets
a new note and is saved, ``--runs`` times, through ``Store.save`` until ``Store.sync``
returns (temp file, fsync, rename, fsync folder) and through stock TinyDB ``Table.update`` on
a copy of the same file (no fsync at all, rewritten in place). Prints median and p95 in
milliseconds.
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
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2)}


def ours(folder: Path, runs: int) -> dict[str, Any]:
    """Time a save until it is on disk on a Store over ``folder``; also the time to open it."""
    from coach.store.db import Store
    from coach.store.paths import DataPaths

    started = time.perf_counter()
    store = Store.open(DataPaths(folder))
    opened = (time.perf_counter() - started) * 1000
    try:
        doc = store.get_interview("i000000")
        assert doc is not None
        samples = []
        for run in range(runs + 1):
            doc["notes"].append({"question_id": "q1", "offset_s": run, "text": "x" * 300})
            started = time.perf_counter()
            store.save("interview", doc)
            store.sync()
            elapsed = (time.perf_counter() - started) * 1000
            if run:  # the first commit warms the page cache for the temp file
                samples.append(elapsed)
    finally:
        store.close()
    return {**_stats(samples), "open_ms": round(opened, 1)}


def stock(folder: Path, runs: int) -> dict[str, Any]:
    """Time the same update through tinydb.TinyDB with its default JSONStorage."""
    import tinydb

    db = tinydb.TinyDB(folder / "coach.json")
    table = db.table("interviews")
    doc = dict(table.get(doc_id=1) or {})
    samples = []
    for run in range(runs + 1):
        doc["notes"].append({"question_id": "q1", "offset_s": run, "text": "x" * 300})
        started = time.perf_counter()
        table.update({"notes": doc["notes"]}, doc_ids=[1])
        elapsed = (time.perf_counter() - started) * 1000
        if run:
            samples.append(elapsed)
    db.close()
    return _stats(samples)


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print a table (or one JSON object with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--stock-runs", type=int, default=8, help="stock TinyDB is slow")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from bench import synthetic

    results: dict[str, Any] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        scratch = Path(tempfile.mkdtemp(prefix="coach-bench-store-"))
        try:
            folder = synthetic.build_data_folder(scratch / "data", size)
            file_mb = (folder / "coach.json").stat().st_size / 1e6
            stock_folder = scratch / "stock"
            stock_folder.mkdir()
            shutil.copy(folder / "coach.json", stock_folder / "coach.json")
            results[str(size)] = {
                "file_mb": round(file_mb, 1),
                "ours": ours(folder, args.runs),
                "stock_tinydb": stock(stock_folder, args.stock_runs),
            }
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if not args.json:
            row = results[str(size)]
            ours_row, stock_row = row["ours"], row["stock_tinydb"]
            print(
                f"{size:>6} interviews ({row['file_mb']:6.1f} MB): ours median "
                f"{ours_row['median_ms']:7.2f} ms  p95 {ours_row['p95_ms']:7.2f} ms"
                f"  (open {ours_row['open_ms']:.0f} ms) | stock TinyDB median "
                f"{stock_row['median_ms']:7.1f} ms  p95 {stock_row['p95_ms']:7.1f} ms",
                flush=True,
            )
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
