"""`coach interviews import`: interviews exported on another machine, brought in here."""

from __future__ import annotations

from pathlib import Path

import click

from coach.commands.output import Refusal, say
from coach.store.paths import DataPaths

SAID = {
    "added": "added",
    "unchanged": "already the same here",
    "conflict": "differs from the one here: the newer kept, the other kept on the record",
}


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def import_interviews(paths: DataPaths, files: tuple[Path, ...]) -> None:
    """Bring in interviews written by `coach export ID --format json` (lossless round trip)."""
    from coach.commands.reading import opened_store
    from coach.services.sync import import_interviews as bring_in
    from coach.store.errors import StoreError

    with opened_store(paths, read_only=False) as store:
        results = bring_in(store, list(files))
        try:
            store.sync()
        except StoreError as error:
            raise Refusal(f"nothing saved: {error}") from None
    failed = False
    for result in results:
        if result.error is not None:
            failed = True
            say(f"skipped {result.error}", err=True)
        elif result.outcome is not None:
            say(f"{result.path.name}: interview {result.interview_id} {SAID[result.outcome]}")
    if failed:
        raise click.exceptions.Exit(1)
