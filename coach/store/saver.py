"""Saving off the UI thread: the newest version of each document is written by one thread.

A keystroke never waits for the disk. Submitting a document only records it as the latest
version to write; if the writer is busy, older pending versions of the same document are
replaced rather than queued, so a burst of edits costs one write.

A document whose write failed (a full disk, a removed folder) is kept, not dropped: it is
written again with the next submission, and ``unsaved()`` names it until a write succeeds,
so the app can refuse to throw away a journal or say on exit what did not reach the disk.
The callbacks run on the writer thread and must not block on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any, Literal

Kind = Literal["interview", "contact", "meta"]


class BackgroundSaver:
    """One writer thread in front of a store with ``put_…`` and ``delete_…`` for interviews and
    contacts, and ``set_meta`` for a setting (submitted as ``{"id": key, "value": value}``)."""

    def __init__(
        self,
        store: Any,
        on_error: Callable[[Kind, str, Exception], None] | None = None,
        on_saved: Callable[[Kind, str], None] | None = None,
    ) -> None:
        self._store = store
        self._on_error = on_error
        self._on_saved = on_saved
        # None stands for a removal (see ``discard``).
        self._pending: dict[tuple[Kind, str], dict[str, Any] | None] = {}
        self._failed: dict[tuple[Kind, str], tuple[dict[str, Any] | None, Exception]] = {}
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
            # Earlier failures get another chance: the disk may have room again.
            for key, (failed_doc, _error) in self._failed.items():
                self._pending.setdefault(key, failed_doc)
            self._pending[(kind, str(doc["id"]))] = doc
            self._cond.notify()

    def discard(self, kind: Kind, doc_id: str) -> None:
        """Queue the removal of a document, after (and instead of) any pending version of it."""
        with self._cond:
            if self._closed:
                raise RuntimeError("saver is closed")
            self._pending[(kind, str(doc_id))] = None
            self._cond.notify()

    def forget(self, kind: Kind, doc_ids: Iterable[str]) -> None:
        """Drop pending and failed versions of these documents: they are being removed, and a
        retry of an old save must not write them back afterwards."""
        with self._cond:
            for doc_id in doc_ids:
                self._pending.pop((kind, str(doc_id)), None)
                self._failed.pop((kind, str(doc_id)), None)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything submitted so far was tried. True when idle and none failed."""
        with self._cond:
            idle = self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)
            return idle and not self._failed

    def idle(self) -> bool:
        """True when nothing is waiting to be written or being written."""
        with self._cond:
            return not self._pending and not self._busy

    def is_saved(self, kind: Kind, doc_id: str) -> bool:
        """True when the newest submitted version of this document is on disk."""
        key = (kind, str(doc_id))
        with self._cond:
            return key not in self._pending and key not in self._failed and not self._busy

    def unsaved(self) -> list[tuple[Kind, str, Exception]]:
        """Documents whose latest write failed and has not succeeded since."""
        with self._cond:
            return [(kind, doc_id, error) for (kind, doc_id), (_d, error) in self._failed.items()]

    def close(self, timeout: float | None = 10.0) -> bool:
        """Write what is pending, then stop the thread. True when everything reached the disk."""
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
            error: Exception | None = None
            try:
                if kind == "meta":
                    self._store.set_meta(doc_id, doc["value"] if doc is not None else None)
                elif doc is None:
                    if kind == "interview":
                        self._store.delete_interview(doc_id)
                    else:
                        self._store.delete_contact(doc_id)
                elif kind == "interview":
                    self._store.put_interview(doc)
                else:
                    self._store.put_contact(doc)
            except Exception as caught:  # reported to the UI; the document stays in memory
                error = caught
            with self._cond:
                if error is None:
                    self._failed.pop((kind, doc_id), None)
                elif (kind, doc_id) not in self._pending:
                    # A newer version already queued will be tried anyway.
                    self._failed[(kind, doc_id)] = (doc, error)
            try:
                if error is not None and self._on_error is not None:
                    self._on_error(kind, doc_id, error)
                elif error is None and self._on_saved is not None:
                    self._on_saved(kind, doc_id)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
