"""What commands write: lines for a terminal, JSON, and export files named with ``-o``.

Every line a command prints goes through here and is cleaned on the way out. Stored text is
cleaned when it is read in too, but the data file can be edited by hand, synced or written by
another tool, and a name holding ``ESC ] 0 ; … BEL`` must not retitle the terminal or clear it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from coach.core.text import clean
from coach.store.paths import DataPaths

STDOUT = "-"

Command = TypeVar("Command", bound=Callable[..., Any])

# Every control character but the newline. JSON encoders escape C0 inside strings but let DEL
# and the C1 range (a one-byte CSI for some terminals) through as they are.
_JSON_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """``text`` with escape sequences and control characters removed, newlines and tabs kept,
    and CRLF line ends kept as they are (vCard and iCalendar need them)."""
    if "\r" not in text:
        return clean(text)
    return "\r\n".join(clean(part) for part in text.split("\r\n"))


def json_text(value: Any) -> str:
    """``value`` as indented JSON whose every control character is written as ``\\uXXXX``.

    Raw control characters can only sit inside JSON strings, so escaping them keeps the
    same value while nothing but plain text reaches a terminal.
    """
    return safe_json(json.dumps(value, indent=2, ensure_ascii=False))


def safe_json(text: str) -> str:
    """JSON text (from any encoder) with DEL and C1 characters escaped as well."""
    return _JSON_CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def say(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print one message or line, cleaned (to standard error with ``err``)."""
    click.echo(terminal_text(text), err=err, nl=nl)


def say_json(value: Any) -> None:
    """Print ``value`` as JSON for scripts, with no raw control character in it."""
    click.echo(json_text(value))


class Refusal(click.ClickException):
    """A ``coach: …`` error (exit 2) whose message may quote stored or outside text."""

    def __init__(self, message: str) -> None:
        super().__init__(terminal_text(message))


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
        sys.stdout.buffer.write(terminal_text(text).encode("utf-8"))
        sys.stdout.buffer.flush()
        return None
    from coach.store.exports import OutputRefused, write_output

    try:
        return write_output(Path(output), text, paths.root, force=force)
    except OutputRefused as refused:
        raise Refusal(str(refused)) from None
    except OSError as error:
        raise Refusal(
            f"cannot write {output}: {error.strerror or error}; nothing written"
        ) from None
