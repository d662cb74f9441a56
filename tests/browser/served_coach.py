"""`coach serve` as a running process: started as a person would, stopped with Ctrl+C (SIGINT)."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

START_DEADLINE = 30.0
STOP_DEADLINE = 60.0


def free_port() -> int:
    """A port nobody listens on now (the system's choice for port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ServedCoach:
    """A `coach serve` process, the address it printed and everything it said."""

    process: subprocess.Popen[str]
    data: Path
    port: int
    url: str = ""
    said: list[str] = field(default_factory=list)
    unread: queue.Queue[str] = field(default_factory=queue.Queue)

    @property
    def token(self) -> str:
        return self.url.rsplit("token=", 1)[1]

    def output(self) -> str:
        """Everything the server has printed so far (stdout and stderr)."""
        while True:
            try:
                self.said.append(self.unread.get_nowait())
            except queue.Empty:
                return "".join(self.said)

    def stop(self) -> int:
        """Ctrl+C, then wait for the server to leave; its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            pytest.fail(f"coach serve did not stop within {STOP_DEADLINE} s of Ctrl+C")


def _collect(stream: object, lines: queue.Queue[str]) -> None:
    # Read until the server closes its output, so a full pipe never blocks it.
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line)


def start(tmp_path: Path) -> ServedCoach:
    """`coach serve --port <free port> --data-dir <tmp>`, started and waited for."""
    data = tmp_path / "data"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "coach", "serve", "--port", str(port), "--data-dir", str(data)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    server = ServedCoach(process, data, port)
    lines = server.unread
    threading.Thread(target=_collect, args=(process.stdout, lines), daemon=True).start()
    deadline = time.monotonic() + START_DEADLINE
    while not server.url:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            process.kill()
            pytest.fail(f"coach serve printed no address; it said: {server.said}")
        server.said.append(line)
        if found := re.search(r"http://\S+\?token=\S+", line):
            server.url = found.group(0)
    return server
