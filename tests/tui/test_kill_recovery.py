"""A real `coach` process under a pseudo-terminal: kill -9 mid-call loses nothing journaled,
and SIGTERM / SIGHUP write the draft before the process leaves."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.core.clock import FakeClock
from coach.core.interview import Interview
from coach.core.live import LiveCall
from coach.store.db import Store
from coach.store.drafts import DraftJournal
from coach.store.paths import DataPaths

pty = pytest.importorskip("pty")
if sys.platform == "win32":  # pragma: no cover
    pytest.skip("needs a POSIX pseudo-terminal", allow_module_level=True)

DOWN, ENTER, F5, CTRL_N = b"\x1b[B", b"\r", b"\x1b[15~", b"\x0e"
ANSI = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")
WAIT = 30.0  # generous: a cold interpreter on a busy CI machine


class Terminal:
    """`python -m coach` on a pseudo-terminal of 80×24, with its output collected as text."""

    def __init__(self, data: Path) -> None:
        import fcntl
        import struct
        import termios

        pid, fd = pty.fork()
        if pid == 0:  # the child: become coach
            env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24")
            try:
                os.execvpe(
                    sys.executable, [sys.executable, "-m", "coach", "--data-dir", str(data)], env
                )
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self._raw = bytearray()
        self._lock = threading.Lock()
        # Drain the terminal all the time: a full pty buffer would block the app mid-frame.
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.exit_status: int | None = None

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._raw += chunk

    def text(self) -> str:
        with self._lock:
            raw = bytes(self._raw)
        return ANSI.sub(b"", raw).decode("utf-8", "replace")

    def wait_for(self, what: str | Callable[[], bool], timeout: float = WAIT) -> None:
        check = what if callable(what) else (lambda: what in self.text())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            if self._exited():
                break
            time.sleep(0.05)
        tail = self.text()[-1500:]
        raise AssertionError(f"gave up waiting for {what!r}; screen output ends with:\n{tail}")

    def send(self, *keys: bytes) -> None:
        for key in keys:
            os.write(self.fd, key)
            time.sleep(0.05)  # let each key land as its own event

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def _exited(self) -> bool:
        if self.exit_status is not None:
            return True
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid:
            self.exit_status = status
            return True
        return False

    def wait_exit(self, timeout: float = WAIT) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self._exited():
            time.sleep(0.05)
        if self.exit_status is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            raise AssertionError("coach did not exit")
        return self.exit_status

    def close(self) -> None:
        if not self._exited():
            os.kill(self.pid, signal.SIGKILL)
            self.wait_exit()
        with contextlib.suppress(OSError):
            os.close(self.fd)


def prepare_store(paths: DataPaths, interview: Interview) -> None:
    with Store.open(paths) as store:
        store.save("interview", interview.to_dict())


def journal_text(paths: DataPaths, interview_id: str) -> str:
    try:
        return (paths.drafts / f"{interview_id}.jsonl").read_text("utf-8")
    except FileNotFoundError:
        return ""


def open_live(term: Terminal, paths: DataPaths, interview_id: str) -> None:
    term.wait_for("not scheduled yet")
    term.send(DOWN, ENTER)
    term.wait_for("Start call")
    term.send(F5)
    term.wait_for(lambda: '"type":"start"' in journal_text(paths, interview_id))


@pytest.fixture
def terminal_factory():
    opened: list[Terminal] = []

    def start(data: Path) -> Terminal:
        term = Terminal(data)
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def test_kill_9_mid_call_loses_no_journaled_note_and_the_call_comes_back(
    data_paths, make_interview, terminal_factory
):
    interview = make_interview()
    prepare_store(data_paths, interview)
    term = terminal_factory(data_paths.root)
    open_live(term, data_paths, interview.id)

    term.type("first answer about the path")
    term.wait_for("first answer about the path")
    term.send(CTRL_N)
    term.type("typed a moment before the crash")
    # The journal catches up within about a second of the last keystroke.
    term.wait_for(
        lambda: "typed a moment before the crash" in journal_text(data_paths, interview.id)
    )
    os.kill(term.pid, signal.SIGKILL)
    assert os.WIFSIGNALED(term.wait_exit())

    records = DraftJournal(data_paths, interview.id).read()
    with Store.open(data_paths) as store:
        doc = store.get_interview(interview.id)
    assert doc is not None
    call = LiveCall.recover(Interview.from_dict(doc), records, FakeClock())
    notes = [(n.question_id, n.text) for n in call.interview.notes]
    assert notes == [("test-set/path", "first answer about the path")]
    assert call.current is not None and call.current.id == "test-set/day"
    assert call.draft == "typed a moment before the crash"

    # The next coach lists the call as interrupted on Home.
    again = terminal_factory(data_paths.root)
    again.wait_for("interrupted call")
    os.kill(again.pid, signal.SIGTERM)
    again.wait_exit()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_write_the_draft_before_exit(
    data_paths, make_interview, terminal_factory, signum
):
    interview = make_interview()
    prepare_store(data_paths, interview)
    term = terminal_factory(data_paths.root)
    open_live(term, data_paths, interview.id)

    term.type("words the signal must not lose")
    term.wait_for("words the signal must not lose")  # on screen: the app has the keystrokes
    os.kill(term.pid, signum)
    status = term.wait_exit()
    assert not os.WIFSIGNALED(status), "the app should handle the signal and exit by itself"

    records = DraftJournal(data_paths, interview.id).read()
    assert records, "the journal is still there for recovery"
    assert records[-1]["type"] == "draft"
    assert records[-1]["text"] == "words the signal must not lose"


def test_closing_the_terminal_mid_call_keeps_the_draft_and_frees_the_data_folder(
    data_paths, make_interview, terminal_factory
):
    interview = make_interview()
    prepare_store(data_paths, interview)
    term = terminal_factory(data_paths.root)
    open_live(term, data_paths, interview.id)

    term.type("said just before the window closed")
    term.wait_for("said just before the window closed")
    # Closing the terminal's side of the pty is what a closed window or a dropped SSH session
    # does: the kernel sends SIGHUP, and every later write to the terminal fails.
    os.close(term.fd)
    status = term.wait_exit(timeout=15)
    assert not os.WIFSIGNALED(status) or os.WTERMSIG(status) != signal.SIGKILL

    records = DraftJournal(data_paths, interview.id).read()
    assert records and records[-1]["text"] == "said just before the window closed"
    with Store.open(data_paths) as store:  # the lock went with the process
        assert store.get_interview(interview.id) is not None


def test_a_bracketed_paste_with_control_characters_arrives_as_clean_text_and_no_keys(
    data_paths, make_interview, terminal_factory
):
    interview = make_interview()
    prepare_store(data_paths, interview)
    term = terminal_factory(data_paths.root)
    open_live(term, data_paths, interview.id)

    # A paste holding a screen clear, a window-title OSC ended by BEL, a lone ESC and an
    # F10 (End call) sequence: none of it may act as a key.
    paste = "P1\x1b[2J clear\x1b]0;a title\x07 then\x1b more\x1b[21~ end"
    term.send(b"\x1b[200~" + paste.encode() + b"\x1b[201~")
    term.wait_for("P1 clear then")
    term.type(" typed after")
    term.wait_for(lambda: "typed after" in journal_text(data_paths, interview.id))
    records = DraftJournal(data_paths, interview.id).read()
    drafts = [r for r in records if r["type"] == "draft"]
    assert drafts[-1]["text"] == "P1 clear then more end typed after"
    assert not any(r["type"] in ("end", "move", "flag") for r in records)
    assert "End the call" not in term.text()  # no dialog opened
    os.kill(term.pid, signal.SIGTERM)
    term.wait_exit()
