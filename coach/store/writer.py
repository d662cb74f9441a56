"""One background thread per file, writing in order off the caller's thread.

The store and the live-notes journal both hand work to a `BackgroundWriter` and return at once:
a keystroke never waits for the disk. A write that fails (a full disk, a folder that went
away) is kept and tried again about once a second, and sooner when someone flushes; its
message is reported through ``on_state`` until a write succeeds again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

Work = TypeVar("Work")

#: How long a writer waits after a failed write before it tries again on its own.
RETRY_SECONDS = 1.0


class BackgroundWriter(Generic[Work]):
    """A thread that takes work with `_take`, writes it with `_write`, and retries failures.

    Subclasses keep their queue under ``self._cond`` and say what is waiting with `_has_work`;
    they call `_wake` after adding work. ``on_state`` is called on the writer thread with the
    failure's message, and with None once writing works again; it must not block.
    """

    def __init__(self, name: str, on_state: Callable[[str | None], None] | None = None) -> None:
        self._cond = threading.Condition()
        self._on_state = on_state
        self._busy = False
        self._closed = False
        self._retry_now = False
        self._failure: str | None = None
        self._taken = 0  # pieces of work taken so far
        self._finished = 0  # pieces of work tried so far, with or without success
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # -- for subclasses ------------------------------------------------------------------------
    def _has_work(self) -> bool:
        """Whether something waits to be written (called with ``_cond`` held)."""
        raise NotImplementedError

    def _take(self) -> Work:
        """Take what waits (called with ``_cond`` held, only when `_has_work` is true)."""
        raise NotImplementedError

    def _write(self, work: Work) -> None:
        """Write ``work`` durably; an OSError means it did not reach the disk."""
        raise NotImplementedError

    def _written(self, work: Work) -> None:
        """``work`` is on disk (called with ``_cond`` held)."""

    def _failed(self, work: Work) -> None:
        """``work`` did not reach the disk and must be taken again (``_cond`` held)."""

    def _after(self, work: Work) -> None:
        """Housekeeping once ``work`` is on disk and waiters were told (no lock held)."""

    def _describe(self, error: OSError) -> str:
        return error.strerror or str(error)

    #: Seconds between calls of `_on_idle` while nothing waits to be written (None: never).
    idle_seconds: float | None = None

    def _on_idle(self) -> None:
        """Called on the thread, no lock held, every `idle_seconds` while there is no work."""

    def _wake(self) -> None:
        """Tell the thread that work was added (call with ``_cond`` held)."""
        self._cond.notify_all()

    # -- for callers ---------------------------------------------------------------------------
    @property
    def failure(self) -> str | None:
        """Why the last write failed, while no write has succeeded since; else None."""
        with self._cond:
            return self._failure

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything handed over so far has been tried once more.

        True when it is all on disk. A writer that is failing tries again at once rather
        than at its next retry, so a flush never waits out the retry interval.
        """
        with self._cond:
            if not self._has_work() and not self._busy:
                return self._failure is None
            # What waits now is taken whole by the next take; what is being written is
            # the current one.
            target = self._taken + 1 if self._has_work() else self._taken
            self._retry_now = True
            self._cond.notify_all()
            # Done when the work taken next has been tried, or when nothing is left at all (a
            # write may take in more than was waiting when this was asked).
            self._cond.wait_for(
                lambda: (
                    self._finished >= target
                    or (not self._has_work() and not self._busy)
                    or not self._alive()
                ),
                timeout,
            )
            idle = not self._has_work() and not self._busy
            return self._failure is None and (self._finished >= target or idle)

    def idle(self) -> bool:
        """True when nothing waits and nothing is being written."""
        with self._cond:
            return not self._has_work() and not self._busy

    def close(self, timeout: float | None = 10.0) -> bool:
        """Write what waits, then stop the thread. True when everything reached the disk."""
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done

    # -- the thread ----------------------------------------------------------------------------
    def _alive(self) -> bool:
        return self._thread.is_alive() and not (self._closed and not self._busy)

    def _run(self) -> None:
        while True:
            with self._cond:
                idle = False
                while True:
                    if self._closed and (not self._has_work() or self._failure is not None):
                        self._cond.notify_all()
                        return
                    if self._has_work() and (self._failure is None or self._retry_now):
                        break
                    # After a failure, try again on our own about once a second.
                    failing = self._failure is not None
                    woken = self._cond.wait(RETRY_SECONDS if failing else self.idle_seconds)
                    if self._failure is not None and self._has_work():
                        self._retry_now = True
                    if not woken and not failing and not self._has_work() and not self._closed:
                        idle = True
                        break
                self._busy = True
                if not idle:
                    self._retry_now = False
                    work = self._take()
                    self._taken += 1
            if idle:
                try:
                    self._on_idle()
                finally:
                    with self._cond:
                        self._busy = False
                        self._cond.notify_all()
                continue
            error: OSError | None = None
            try:
                self._write(work)
            except OSError as caught:
                error = caught
            with self._cond:
                before = self._failure
                if error is None:
                    self._written(work)
                    self._failure = None
                else:
                    self._failed(work)
                    self._failure = self._describe(error)
                now = self._failure
            if error is None:
                self._after(work)
            if now != before and self._on_state is not None:
                self._on_state(now)
            with self._cond:
                self._finished += 1
                self._busy = False
                self._cond.notify_all()
