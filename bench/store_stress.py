"""Kill -9 stress for the store: a long run of the test suite's kill loop on a realistic file.

    python bench/store_stress.py [--kills 2000] [--interviews 1000] [--seed 1]

A forked writer resumes from the file and saves one interview over and over (its size grows
and shrinks), reporting each acknowledged write on a pipe; the parent SIGKILLs it at random
moments — after a random number of acknowledgements and a random short delay, so kills land
inside writev, fsync and rename. After every kill the file must load, hold the last
acknowledged write or the next one, and keep every other interview byte-identical.
Exits 1 on the first violation.
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
import os  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

LIVE = "i000000"


def payload(n: int) -> dict[str, Any]:
    """Write number ``n`` of the live interview: between 0 and 60 notes of up to 300 chars."""
    from bench.synthetic import make_interview

    doc = make_interview(0)
    doc["n"] = n
    count = (n * 7919) % 61
    doc["notes"] = [
        {"question_id": "q1", "offset_s": k, "text": f"{n}:{k} " + "y" * (37 * k % 300)}
        for k in range(count)
    ]
    return doc


def writer(root: Path, report: int) -> None:
    from coach.store.db import Store
    from coach.store.paths import DataPaths

    try:
        store = Store.open(DataPaths(root))
        current = store.get_interview(LIVE)
        n = int(current.get("n", 0)) if current else 0
        os.write(report, b"r")
        while True:
            n += 1
            store.save("interview", payload(n))
            os.write(report, n.to_bytes(4, "big"))
    finally:
        os._exit(1)


def one_kill(root: Path, rng: random.Random) -> int | None:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        writer(root, write_end)
    os.close(write_end)
    last = None
    with os.fdopen(read_end, "rb", buffering=0) as reports:
        if reports.read(1) != b"r":
            raise SystemExit("the writer could not open the store")
        for _ in range(rng.choice([0, 1, 2, 4])):
            data = reports.read(4)
            last = int.from_bytes(data, "big")
        time.sleep(rng.random() * 0.03)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        rest = reports.read()
    while len(rest) >= 4:
        last, rest = int.from_bytes(rest[:4], "big"), rest[4:]
    return last


def main(argv: list[str] | None = None) -> int:
    """Run the stress loop; 0 when every kill left a correct file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=2000)
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from bench import synthetic
    from coach.store.storage import read_data

    rng = random.Random(args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="coach-stress-"))
    try:
        root = synthetic.build_data_folder(scratch / "data", args.interviews)
        others = {
            k: v for k, v in read_data(root / "coach.json")["interviews"].items() if v["id"] != LIVE
        }
        acknowledged = 0
        started = time.perf_counter()
        for kill in range(1, args.kills + 1):
            last = one_kill(root, rng)
            if last is not None:
                acknowledged = last
            data = read_data(root / "coach.json")
            live = [v for v in data["interviews"].values() if v["id"] == LIVE]
            rest = {k: v for k, v in data["interviews"].items() if v["id"] != LIVE}
            n = live[0].get("n", 0) if live else None
            if n not in (acknowledged, acknowledged + 1) or rest != others:
                print(f"kill {kill}: file holds write {n}, last acknowledged {acknowledged}")
                return 1
            if n and live[0] != payload(n):
                print(f"kill {kill}: write {n} is not what was written")
                return 1
            acknowledged = n or 0
            if kill % 100 == 0:
                print(
                    f"{kill} kills, {acknowledged} writes, {time.perf_counter() - started:.0f} s",
                    flush=True,
                )
        print(f"ok: {args.kills} kills, every file whole and current ({acknowledged} writes)")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
