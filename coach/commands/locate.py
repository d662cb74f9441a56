from __future__ import annotations

import click

from coach.commands.output import say
from coach.store.paths import DataPaths


@click.command()
@click.pass_obj
def locate(paths: DataPaths) -> None:
    """Print where coach keeps your data."""
    say(f"data folder:   {paths.root}")
    say(f"database:      {paths.db}")
    say(f"question sets: {paths.question_sets}")
