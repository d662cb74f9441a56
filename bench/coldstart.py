"""Cold start in a real terminal: process start until the screen a person reads has settled.

Each run opens a fresh tmux session at 120x40 whose only process is the app, then polls
``tmux capture-pane`` every few milliseconds. The clock starts just before tmux is asked to
spawn the process, so every figure includes interpreter start, imports, layout and drawing.

- **settled** (the figure that counts): the screen shows at least ``MIN_LINES`` non-blank
  lines (and the app's ready markers) and then stays unchanged for ``SETTLE_SECONDS``; the
  time is when it reached that final state, the moment a person can read it. Whatever fills
  in after the first frame (a panel worked out in a worker, a list that arrives late) is
  inside this figure.
- **first frame**: the first capture with at least ``MIN_LINES`` non-blank lines.
- **markers**: every ready marker on screen (the measure this harness used before; it stops
  at the first frame that has the footer, not at the settled screen).

The coach runs and the reference-app runs alternate, so both see the same machine load.
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
# The settled-screen rule: this many non-blank lines, then no change for this long.
MIN_LINES = 3
SETTLE_SECONDS = 0.2
# What Home shows once it is drawn: its footer keys, and the first title of its list (every
# synthetic history has calls planned), so that a Home whose list never filled (as when its
# refresh was not called, 2026-12-04) cannot pass for a fast one.
COACH_MARKERS = ("New interview", "Contacts", "Upcoming")


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


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a live process has used so far, in seconds.

    Beside the wall-clock figures, which a loaded machine stretches, this says how much work
    the process itself did (to the kernel's tick, usually 10 ms).
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


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
    """Seconds from spawning the app: to the settled screen, the first frame, the markers."""

    seconds: float
    first_frame: float
    markers: float
    peak_rss_mb: float | None
    screen: str
    cpu_seconds: float | None = None


def non_blank_lines(screen: str) -> int:
    """How many lines of a captured screen hold something other than spaces."""
    return sum(1 for line in screen.splitlines() if line.strip())


def app_env(pycache: Path) -> dict[str, str]:
    """The environment both apps start in: no animations, and compiled bytecode kept in
    ``pycache`` (written by the warm-up run, read by the measured ones), as an installed
    coach has it. Without this a shell that sets PYTHONDONTWRITEBYTECODE would make every
    start compile coach's own modules from source, which no installed copy does."""
    return {
        "TEXTUAL_ANIMATIONS": "none",
        "PYTHONDONTWRITEBYTECODE": "",
        "PYTHONPYCACHEPREFIX": str(pycache),
    }


def time_to_screen(
    tmux: Tmux,
    name: str,
    command: Sequence[str],
    markers: Sequence[str],
    env: dict[str, str] | None = None,
) -> StartResult:
    """Spawn ``command`` in a fresh session and time it to its settled screen.

    The settled screen must also hold every marker: a half-drawn screen that sits still on a
    loaded machine is not it, nor is an error (which times out). RSS and CPU time are read
    once the screen has settled.
    """
    start = time.perf_counter()
    tmux.start(name, command, env=env or {"TEXTUAL_ANIMATIONS": "none"})
    pid = None
    try:
        deadline = start + TIMEOUT
        last = ""
        changed_at = start
        first_frame: float | None = None
        markers_at: float | None = None
        while True:
            screen = tmux.capture(name)
            now = time.perf_counter()
            if screen is None:
                raise RuntimeError(f"{command[0]} exited before settling; last screen:\n{last}")
            if screen != last:
                changed_at = now
                last = screen
            drawn = non_blank_lines(screen) >= MIN_LINES
            if drawn and first_frame is None:
                first_frame = now - start
            if markers_at is None and all(marker in screen for marker in markers):
                markers_at = now - start
            # A screen still without its markers is not the one a person reads: on a loaded
            # machine a half-drawn screen can sit still for longer than the settling time.
            ready = all(marker in screen for marker in markers)
            if drawn and ready and now - changed_at >= SETTLE_SECONDS:
                pid = tmux.pane_pid(name)
                rss = peak_rss_mb(pid) if pid else None
                cpu = cpu_seconds(pid) if pid else None
                assert first_frame is not None
                return StartResult(changed_at - start, first_frame, markers_at, rss, screen, cpu)
            if now > deadline:
                raise RuntimeError(f"no settled screen after {TIMEOUT:.0f} s:\n{last}")
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


def measure(
    data_folder: Path, runs: int, warmups: int = 1, *, copy_each_run: bool = False
) -> dict[str, object]:
    """Alternate coach and reference runs; raw seconds (settled, first frame, markers), RSS
    at the settled Home and one screen.

    By default every run opens ``data_folder`` itself, as a person starting coach again
    would: a folder coach has opened before (current schema, backups and caches in place).
    The DB file's stamp is compared before and after each run, and a run that changed it is
    counted in ``changed_by_start`` (a start should write nothing). ``copy_each_run`` gives
    each run a fresh copy instead (a first start on that copy). Both apps run with their
    bytecode cached (`app_env`).
    """
    tmux = Tmux()
    out: dict[str, list[float]] = {
        key: []
        for key in (
            "coach",
            "reference",
            "ratio",
            "coach_first_frame",
            "reference_first_frame",
            "first_frame_ratio",
            "coach_markers",
            "reference_markers",
            "home_peak_rss_mb",
            "coach_cpu",
            "reference_cpu",
        )
    }
    home_screen = ""
    changed = 0
    scratch = Path(tempfile.mkdtemp(prefix="coach-bench-cold-"))
    env = app_env(scratch / "pycache")
    try:
        for index in range(warmups + runs):
            data_dir = data_folder
            if copy_each_run:
                data_dir = scratch / f"run-{index}"
                shutil.copytree(data_folder, data_dir)
            before = file_stamp(data_dir / "coach.json")
            coach = time_to_screen(
                tmux, f"coach-{index}", coach_command(data_dir), COACH_MARKERS, env
            )
            reference = time_to_screen(
                tmux, f"ref-{index}", reference_command(), _reference_markers(), env
            )
            if file_stamp(data_dir / "coach.json") != before and index >= warmups:
                changed += 1
            if copy_each_run:
                shutil.rmtree(data_dir, ignore_errors=True)
            if index < warmups:
                continue
            out["coach"].append(coach.seconds)
            out["reference"].append(reference.seconds)
            out["ratio"].append(coach.seconds / reference.seconds)
            out["coach_first_frame"].append(coach.first_frame)
            out["reference_first_frame"].append(reference.first_frame)
            out["first_frame_ratio"].append(coach.first_frame / reference.first_frame)
            out["coach_markers"].append(coach.markers)
            out["reference_markers"].append(reference.markers)
            if coach.peak_rss_mb is not None:
                out["home_peak_rss_mb"].append(coach.peak_rss_mb)
            if coach.cpu_seconds is not None and reference.cpu_seconds is not None:
                out["coach_cpu"].append(coach.cpu_seconds)
                out["reference_cpu"].append(reference.cpu_seconds)
            home_screen = coach.screen
    finally:
        tmux.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    return {
        **out,
        "home_screen": home_screen,
        "hung_after_hangup": len(HUNG_AFTER_HANGUP),
        "changed_by_start": changed,
    }


def file_stamp(path: Path) -> tuple[int, int, int, int] | None:
    """(inode, size, mtime, ctime) of a file, or None: what tells that a run rewrote it."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _reference_markers() -> tuple[str, ...]:
    # Imported lazily: the reference module imports textual, which the harness parent needs
    # only for the in-process measures.
    return ("Row 20", "Add row")
