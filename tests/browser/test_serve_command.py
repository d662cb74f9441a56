"""`coach serve` refusals and start-up cost, checked without a browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from served_coach import free_port

from coach.commands.serve import is_loopback


def coach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
        stdin=subprocess.DEVNULL,
    )


def test_a_host_other_machines_can_reach_is_refused_without_allow_remote(tmp_path: Path) -> None:
    port = free_port()
    result = coach("serve", "--host", "0.0.0.0", "--port", str(port), "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--allow-remote" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    with socket.socket() as probe:  # nothing was left listening
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_a_port_in_use_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = coach("serve", "--port", str(port), "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"coach: port {port} on 127.0.0.1 is already in use; choose another with --port\n"
    )
    assert result.stdout == ""


def test_loopback_means_this_machine_only() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.org", "localhost.evil"):
        assert not is_loopback(host), host


def test_the_serve_command_loads_textual_serve_only_when_it_runs() -> None:
    probe = (
        "import sys, coach.cli, coach.commands.serve\n"
        "print(sorted(m for m in ('textual_serve', 'aiohttp') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
