"""Opening the app: everything that can fail before the first frame says so in one line."""

from __future__ import annotations

import click

from coach.store.paths import DataPaths


def run_app(paths: DataPaths) -> int:
    """Open the store, then the app. Returns the process exit code."""
    from coach.store.db import Store, StoreError

    try:
        store = Store.open(paths)
    except StoreError as error:  # locked by another coach, damaged, too new, or unwritable
        click.echo(f"coach: {error}", err=True)
        return 2
    except OSError as error:
        click.echo(
            f"coach: cannot open the data folder {paths.root}: {error.strerror or error}", err=True
        )
        return 2
    try:
        from coach.tui.app import CoachApp

        app = CoachApp(paths, store)
        app.run()
        return app.return_code or 0
    finally:
        store.close()
