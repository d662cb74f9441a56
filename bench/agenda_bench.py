"""The follow-up agenda at size: 2,000 contacts and 500 interviews, target under 100 ms.

Run: ``python -m bench.agenda_bench [--contacts N] [--interviews N] [--runs N]``. The data is
built in memory (as the store hands it over: contacts already read into :class:`Contact`,
interviews as documents), so the figure is the agenda's own cost. It prints the median and the
worst of the runs, and exits 1 when the median misses the target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from typing import Any

from coach.core.agenda import build_agenda
from coach.core.contact import STAGES, Contact, Interaction

TARGET_SECONDS = 0.100


def synthetic(
    contacts: int, interviews: int, now: datetime
) -> tuple[list[Contact], list[dict[str, Any]]]:
    """A network spread over every stage, with asks, interactions, interviews and actions."""
    rng = random.Random(4)
    people: list[Contact] = []
    for i in range(contacts):
        stage = rng.choice(STAGES)
        asked = now - timedelta(days=rng.randint(0, 30), hours=rng.randint(0, 12))
        touched = now - timedelta(days=rng.randint(0, 200))
        people.append(
            Contact(
                name=f"Person {i}",
                organisation=f"Org {i % 300}",
                stage=stage,
                asked_at=asked.isoformat(timespec="seconds") if stage != "identified" else None,
                interactions=[Interaction(touched.isoformat(timespec="seconds"), "call")],
                last_interaction=touched.isoformat(timespec="seconds"),
            )
        )
    docs: list[dict[str, Any]] = []
    for i in range(interviews):
        person = people[rng.randrange(len(people))]
        ended = now - timedelta(days=rng.randint(0, 60))
        planned = i % 4 == 0
        docs.append(
            {
                "id": f"iv{i}",
                "contact_id": person.id,
                "status": "planned" if planned else "debriefed",
                "practice": i % 25 == 0,
                "scheduled_at": (now + timedelta(days=rng.randint(1, 20))).isoformat()
                if planned
                else ended.isoformat(),
                "stages": {"live": {"ended": None if planned else ended.isoformat()}},
                "thank_you": {"due_at": None, "sent_at": None if i % 3 else ended.isoformat()},
                "actions": [
                    {
                        "id": f"a{i}-{k}",
                        "text": "Follow the advice",
                        "due": (ended + timedelta(days=7)).date().isoformat(),
                        "kind": "advice" if k % 2 == 0 else "own",
                        "done_at": ended.isoformat() if k == 0 else None,
                        "reported_back_at": None,
                    }
                    for k in range(3)
                ],
            }
        )
    return people, docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--interviews", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    now = datetime(2024, 5, 6, 11, 0).astimezone()
    people, docs = synthetic(args.contacts, args.interviews, now)
    build_agenda(people, docs, now)  # warm up imports and caches
    times: list[float] = []
    items = 0
    for _ in range(args.runs):
        start = time.perf_counter()
        items = len(build_agenda(people, docs, now).items)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"agenda: {args.contacts} contacts, {args.interviews} interviews -> {items} items; "
        f"median {median * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms "
        f"(target {TARGET_SECONDS * 1000:.0f} ms)"
    )
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
