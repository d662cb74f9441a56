"""Cold start in a real terminal: process start until a screen is fully drawn.

Each run opens a fresh tmux session at 120x40 whose only process is the app, then polls
``tmux capture-pane`` every few milliseconds until every ready marker is on screen. The clock
starts just before tmux is asked to spawn the process, so the figure includes interpreter
start, imports, the first layout and the first frame. The coach runs and the reference-app
runs alternate, so both see the same machine load.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 120, 40
POLL_INTERVAL = 0.005
TIMEOUT = 30.0
# What Home shows once it is drawn: its footer keys.
COACH_MARKERS = ("New interview", "Contacts")


def have_tmux() -> bool:
    """True when a tmux binary is on PATH."""
    return shutil.which("tmux") is not None


def coach_command(data_dir: Path) -> list[str]:
    """How a person starts coach: the console script next to this interpreter."""
    script = Path(sys.executable).with_name("coach")
    if script.exists():
        return [str(script), "--data-dir", str(data_dir)]
    return [sys.executable, "-m", "coach", "--data-dir", str(data_dir)]


def reference_command() -> list[str]:
    return [sys.executable, "-P", str(REPO / "bench" / "reference_app.py")]


@dataclass
class Tmux:
    """A private tmux server (its own socket), so the benchmark never touches the user's."""

    socket: str = field(default_factory=lambda: f"coach-bench-{os.getpid()}")

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result

    def keep_alive(self) -> None:
        """A session that outlives the measured ones: tmux stops its server with the last
        session, and a new session raced against that shutdown fails now and then."""
        if self.run("has-session", "-t", "keep", check=False).returncode != 0:
            self.run("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "sleep 86400")

    def start(self, name: str, command: Sequence[str], env: dict[str, str] | None = None) -> None:
        self.keep_alive()
        env_args: list[str] = []
        for key, value in (env or {}).items():
            env_args += ["-e", f"{key}={value}"]
        self.run(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            *env_args,
            " ".join(_quote(part) for part in command),
        )

    def capture(self, name: str) -> str | None:
        result = self.run("capture-pane", "-p", "-t", name, check=False)
        return result.stdout if result.returncode == 0 else None

    def pane_pid(self, name: str) -> int | None:
        result = self.run("display-message", "-p", "-t", name, "#{pane_pid}", check=False)
        try:
            return int(result.stdout.strip())
        except ValueError:
            return None

    def kill(self, name: str) -> None:
        self.run("kill-session", "-t", name, check=False)

    def shutdown(self) -> None:
        self.run("kill-server", check=False)


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM (peak resident set) of a live process, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@dataclass
class StartResult:
    seconds: float
    peak_rss_mb: float | None
    screen: str


def time_to_screen(
    tmux: Tmux, name: str, command: Sequence[str], markers: Sequence[str]
) -> StartResult:
    """Spawn ``command`` in a fresh session; seconds until every marker is on screen."""
    start = time.perf_counter()
    tmux.start(name, command, env={"TEXTUAL_ANIMATIONS": "none"})
    pid = None
    try:
        deadline = start + TIMEOUT
        last = ""
        while True:
            now = time.perf_counter()
            screen = tmux.capture(name)
            if screen is None:
                raise RuntimeError(f"{command[0]} exited before drawing; last screen:\n{last}")
            if all(marker in screen for marker in markers):
                elapsed = time.perf_counter() - start
                pid = tmux.pane_pid(name)
                rss = peak_rss_mb(pid) if pid else None
                return StartResult(elapsed, rss, screen)
            last = screen
            if now > deadline:
                raise RuntimeError(f"no {markers} on screen after {TIMEOUT:.0f} s:\n{last}")
            time.sleep(POLL_INTERVAL)
    finally:
        pid = pid or tmux.pane_pid(name)
        tmux.kill(name)
        if pid is not None:
            _reap(pid)


#: Pids of app processes that were still running 2 s after their terminal was closed.
HUNG_AFTER_HANGUP: list[int] = []


def _reap(pid: int, grace: float = 2.0) -> None:
    """Make sure a measured process is gone once its tmux session is killed (SIGHUP).

    A process that outlives its terminal would pile up run after run and load the machine
    the next runs are measured on; it is noted and killed.
    """
    import signal

    deadline = time.perf_counter() + grace
    while Path(f"/proc/{pid}").exists():
        if time.perf_counter() > deadline:
            HUNG_AFTER_HANGUP.append(pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            return
        time.sleep(0.02)


def measure(data_folder: Path, runs: int, warmups: int = 1) -> dict[str, object]:
    """Alternate coach and reference runs; return raw seconds, RSS at Home and one screen."""
    tmux = Tmux()
    coach_seconds: list[float] = []
    reference_seconds: list[float] = []
    home_rss: list[float] = []
    home_screen = ""
    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-cold-"))
    try:
        for index in range(warmups + runs):
            # A fresh copy per run: the app holds a lock, backs up and may migrate the folder.
            data_dir = scratch / f"run-{index}"
            shutil.copytree(data_folder, data_dir)
            coach = time_to_screen(tmux, f"coach-{index}", coach_command(data_dir), COACH_MARKERS)
            reference = time_to_screen(
                tmux, f"ref-{index}", reference_command(), _reference_markers()
            )
            shutil.rmtree(data_dir, ignore_errors=True)
            if index < warmups:
                continue
            coach_seconds.append(coach.seconds)
            reference_seconds.append(reference.seconds)
            if coach.peak_rss_mb is not None:
                home_rss.append(coach.peak_rss_mb)
            home_screen = coach.screen
    finally:
        tmux.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        "coach": coach_seconds,
        "reference": reference_seconds,
        "ratio": [c / r for c, r in zip(coach_seconds, reference_seconds, strict=True)],
        "home_peak_rss_mb": home_rss,
        "home_screen": home_screen,
        "hung_after_hangup": len(HUNG_AFTER_HANGUP),
    }


def _reference_markers() -> tuple[str, ...]:
    # Imported lazily: the reference module imports textual, which the harness parent needs
    # only for the in-process measures.
    return ("Row 20", "Add row")
