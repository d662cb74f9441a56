from __future__ import annotations

import click

from coach.store.paths import DataPaths


@click.command()
@click.pass_obj
def locate(paths: DataPaths) -> None:
    """Print where coach keeps your data."""
    click.echo(f"data folder:   {paths.root}")
    click.echo(f"database:      {paths.db}")
    click.echo(f"question sets: {paths.question_sets}")
