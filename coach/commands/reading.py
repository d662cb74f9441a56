"""Opening the store from a command: one place that turns every way it can fail into one line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from coach.commands.output import Refusal
from coach.store.paths import DataPaths

if TYPE_CHECKING:
    from coach.store.db import Store


@contextmanager
def opened_store(paths: DataPaths, *, read_only: bool = True) -> Iterator[Store]:
    """The store, closed on the way out; a locked, damaged or unreadable folder is one line.

    Reading commands open read-only, so they work while the app has the folder open.
    """
    from coach.store.db import Store
    from coach.store.errors import StoreError

    try:
        store = Store.open(paths, read_only=read_only)
    except StoreError as error:
        raise Refusal(str(error)) from None
    except OSError as error:
        raise Refusal(
            f"cannot open the data folder {paths.root}: {error.strerror or error}"
        ) from None
    try:
        yield store
    finally:
        store.close()
