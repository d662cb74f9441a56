"""Opening the app: everything that can fail before the first frame says so in one line."""

from __future__ import annotations

import sys

from coach.store.paths import DataPaths


def _say(message: str) -> None:
    # Plain stderr rather than click.echo: the usual start does not import click at all.
    print(f"coach: {message}", file=sys.stderr)


def run_app(paths: DataPaths) -> int:
    """Open the store, then the app. Returns the process exit code."""
    from coach.store.db import Store
    from coach.store.errors import StoreError

    try:
        store = Store.open(paths)
    except StoreError as error:  # locked by another coach, damaged, too new, or unwritable
        _say(str(error))
        return 2
    except OSError as error:
        _say(f"cannot open the data folder {paths.root}: {error.strerror or error}")
        return 2
    try:
        from coach.tui.app import CoachApp

        app = CoachApp(paths, store, settle_gc=True)
        app.run()
        # Whatever the disk refused is named after the screen is gone, so it is not missed.
        problems = app.unsaved_report()
        for line in problems:
            _say(line)
        return app.return_code or (1 if problems else 0)
    finally:
        store.close()
