"""Importing a 2,000-row LinkedIn Connections.csv, target under 2 s.

Run: ``python -m bench.linkedin_bench [--rows N] [--runs N]``. Times the whole import path the
command takes, minus the disk write: read the file, parse it, and plan the import against an
existing network of the same size (the re-import case, where every row has to be matched).
Exits 1 when the median misses the target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from coach.core.clock import now_iso
from coach.core.merge import plan_import
from coach.io.linkedin import read_contacts_file

TARGET_SECONDS = 2.0


def export_text(rows: int) -> str:
    """A realistic export: preamble, CRLF, quoted commas, a few multi-line fields, few emails."""
    lines = [
        "Notes:",
        '"Emails are missing for people who chose not to share them, so expect, mostly, blanks."',
        "",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    ]
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    for i in range(rows):
        email = f"p{i}@example.com" if i % 10 == 0 else ""
        company = f'"Company {i % 400}, Ltd"' if i % 7 else f'"Company {i % 400}\nDivision"'
        lines.append(
            f"Zoë{i},Müller{i},https://www.linkedin.com/in/person-{i},{email},{company},"
            f"Analyst,{1 + i % 28:02d} {months[i % 12]} {2010 + i % 14}"
        )
    return "\r\n".join(lines) + "\r\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coach-bench-import-") as folder:
        path = Path(folder) / "Connections.csv"
        path.write_text(export_text(args.rows), encoding="utf-8", newline="")
        first = read_contacts_file(path)
        existing = plan_import([], first, now_iso()).to_write
        fresh: list[float] = []
        again: list[float] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            plan = plan_import([], read_contacts_file(path), now_iso())
            fresh.append(time.perf_counter() - start)
            start = time.perf_counter()
            repeat = plan_import(existing, read_contacts_file(path), now_iso())
            again.append(time.perf_counter() - start)
    print(
        f"linkedin import of {args.rows} rows: first time median "
        f"{statistics.median(fresh) * 1000:.0f} ms ({plan.summary()}); re-import median "
        f"{statistics.median(again) * 1000:.0f} ms ({repeat.summary()}); target "
        f"{TARGET_SECONDS:.0f} s"
    )
    return 0 if max(statistics.median(fresh), statistics.median(again)) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
