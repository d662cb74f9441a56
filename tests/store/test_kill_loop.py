"""A writer killed with SIGKILL at any moment leaves a file holding the last acknowledged
write or the one in flight, never a mix and never less."""

from __future__ import annotations

import os
import random
import signal

import orjson

from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.storage import read_data

KILLS = 220


def payload(n: int) -> dict[str, object]:
    """Write number ``n``: documents that grow and shrink from one write to the next."""
    size = (n * 7919) % 40
    return {
        "id": "live",
        "n": n,
        "notes": [f"note {n}-{k} " + "x" * (37 * k % 300) for k in range(size)],
    }


def writer(paths: DataPaths, report: int) -> None:
    """Child: resume from the file, then write n+1, n+2, ... reporting each acknowledged n."""
    try:
        store = Store.open(paths)
        current = store.get_interview("live")
        n = current["n"] if current else 0
        os.write(report, b"r")
        while True:
            n += 1
            store.save("interview", payload(n))
            store.sync()
            os.write(report, n.to_bytes(4, "big"))
    finally:
        os._exit(1)


def run_writer_until_killed(paths: DataPaths, acks_before_kill: int) -> int | None:
    """Fork a writer, SIGKILL it after ``acks_before_kill`` acknowledgements; last ack or None."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        writer(paths, write_end)
    os.close(write_end)
    last: int | None = None
    with os.fdopen(read_end, "rb", buffering=0) as reports:
        assert reports.read(1) == b"r"
        for _ in range(acks_before_kill):
            last = int.from_bytes(_read_exactly(reports, 4), "big")
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        # Acks already in the pipe were acknowledged before the kill landed: count them too.
        rest = reports.read()
    while len(rest) >= 4:
        last, rest = int.from_bytes(rest[:4], "big"), rest[4:]
    return last


def _read_exactly(stream: object, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))  # type: ignore[attr-defined]
        assert chunk, "the writer died on its own"
        data += chunk
    return data


def test_the_file_survives_hundreds_of_kills_with_the_last_acknowledged_write(
    data_paths: DataPaths,
) -> None:
    rng = random.Random(20240501)
    with Store.open(data_paths) as store:
        store.save_all("contact", [{"id": f"c{k}", "name": f"person {k}"} for k in range(30)])
        store.save("interview", payload(0))
    bystanders = orjson.loads(data_paths.db.read_bytes())["contacts"]
    acknowledged = 0
    for _ in range(KILLS):
        last = run_writer_until_killed(data_paths, rng.choice([0, 0, 1, 2, 3, 5]))
        if last is not None:
            acknowledged = last
        data = read_data(data_paths.db)  # always a whole, valid file
        interviews = list(data["interviews"].values())
        assert len(interviews) == 1
        assert interviews[0]["n"] in (acknowledged, acknowledged + 1)
        assert interviews[0] == payload(interviews[0]["n"])
        assert data["contacts"] == bystanders
        acknowledged = interviews[0]["n"]
    assert acknowledged > 0


def test_temp_files_left_by_a_killed_writer_are_cleared_at_the_next_open(
    data_paths: DataPaths,
) -> None:
    Store.open(data_paths).close()
    stale = data_paths.root / ".coach.json.tmp-999999-0"
    stale.write_bytes(b'{"half": ')
    with Store.open(data_paths):
        pass
    assert not stale.exists()
