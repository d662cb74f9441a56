"""What commands write: export files named with ``-o`` (or ``-o -`` for standard output)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from coach.store.paths import DataPaths

STDOUT = "-"

Command = TypeVar("Command", bound=Callable[..., Any])


def output_option(help_text: str, *, required: bool = False) -> Callable[[Command], Command]:
    """The ``-o/--output`` option every exporting command shares (``-`` is standard output)."""
    return click.option(
        "-o",
        "--output",
        required=required,
        type=click.Path(dir_okay=False, allow_dash=True),
        help=help_text,
    )


def force_option() -> Callable[[Command], Command]:
    """``--force``: the only way ``-o`` replaces a file that is already there."""
    return click.option("--force", is_flag=True, help="Replace the -o file if it exists.")


def deliver(paths: DataPaths, output: str | None, text: str, *, force: bool) -> Path | None:
    """Write ``text`` where ``-o`` says (standard output when it is missing or ``-``).

    Returns the file written, or None for standard output. The rules for files live in
    :func:`coach.store.exports.write_output`; a refusal or a disk error is one line.
    """
    if output is None or output == STDOUT:
        # Bytes, as a file would get them: UTF-8 and CRLF kept whatever the locale says.
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return None
    from coach.store.exports import OutputRefused, write_output

    try:
        return write_output(Path(output), text, paths.root, force=force)
    except OutputRefused as refused:
        raise click.ClickException(str(refused)) from None
    except OSError as error:
        raise click.ClickException(
            f"cannot write {output}: {error.strerror or error}; nothing written"
        ) from None
