"""Saving off the UI thread: the newest version of each document is written by one thread.

A keystroke never waits for the disk. Submitting a document only records it as the latest
version to write; if the writer is busy, older pending versions of the same document are
replaced rather than queued, so a burst of edits costs one write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Literal

Kind = Literal["interview", "contact"]


class BackgroundSaver:
    """One writer thread in front of a store with ``put_interview`` and ``put_contact``."""

    def __init__(
        self,
        store: Any,
        on_error: Callable[[Kind, str, Exception], None] | None = None,
        on_saved: Callable[[Kind, str], None] | None = None,
    ) -> None:
        self._store = store
        self._on_error = on_error
        self._on_saved = on_saved
        self._pending: dict[tuple[Kind, str], dict[str, Any]] = {}
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="coach-saver", daemon=True)
        self._thread.start()

    def submit(self, kind: Kind, doc: dict[str, Any]) -> None:
        """Queue ``doc`` (which must carry an ``id``) to be written; returns at once."""
        with self._cond:
            if self._closed:
                raise RuntimeError("saver is closed")
            self._pending[(kind, str(doc["id"]))] = doc
            self._cond.notify()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted so far is written (or failed). True when idle."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def close(self, timeout: float | None = 10.0) -> bool:
        """Write what is pending, then stop the thread. True when nothing was left unwritten."""
        done = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                (kind, doc_id), doc = next(iter(self._pending.items()))
                del self._pending[(kind, doc_id)]
                self._busy = True
            try:
                if kind == "interview":
                    self._store.put_interview(doc)
                else:
                    self._store.put_contact(doc)
            except Exception as error:  # reported to the UI; the document stays in memory
                if self._on_error is not None:
                    self._on_error(kind, doc_id, error)
            else:
                if self._on_saved is not None:
                    self._on_saved(kind, doc_id)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
