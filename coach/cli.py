"""The command line. ``coach`` alone opens the app; subcommands script the same data.

Subcommand groups live in ``coach/commands/`` and are imported only when named, so that
``coach`` (the app) and ``coach --version`` do not pay for modules they never use.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from coach import __version__

# name -> "module:attribute" of a click command; imported on first use.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "locate": (
        "coach.commands.locate:locate",
        "Print the data folder, DB file and user question-set folder.",
    ),
    "sets": ("coach.commands.sets:sets", "List and check question sets; print their JSON Schema."),
    "interviews": ("coach.commands.interviews:interviews", "List recorded interviews."),
    "export": ("coach.commands.interviews:export", "Export one interview as Markdown or JSON."),
    "contacts": ("coach.commands.contacts:contacts", "List, import and export contacts."),
    "transcript": (
        "coach.commands.transcripts:transcript",
        "Import a call's transcript: lined up with the plan, with who talked how much.",
    ),
    "agenda": (
        "coach.commands.agenda:agenda",
        "What is due: nudges, thank-yous, report-backs, keep-in-touch.",
    ),
    "calendar": (
        "coach.commands.agenda:calendar",
        "Write interviews and follow-ups to an iCalendar file.",
    ),
    "serve": (
        "coach.commands.serve:serve",
        "Run coach in your browser (this machine only; the address carries a token).",
    ),
    "search": (
        "coach.commands.search:search",
        "Search every conversation's notes, debrief, flags, plans and follow-ups.",
    ),
    "sync": (
        "coach.commands.sync:sync",
        "Conflict copies left by a sync client: list them and merge them in.",
    ),
    "stats": (
        "coach.commands.stats:stats",
        "Your progress: the outreach funnel, conversations per week, interest per path.",
    ),
}


def _build_cli() -> Any:
    """The click command tree, built on first use: opening the app never imports click."""
    import click

    class LazyGroup(click.Group):
        def list_commands(self, ctx: click.Context) -> list[str]:
            return sorted(SUBCOMMANDS)

        def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
            if cmd_name not in SUBCOMMANDS:
                return None
            target, _ = SUBCOMMANDS[cmd_name]
            module_name, attr = target.split(":")
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name == module_name:
                    return None
                raise
            command = getattr(module, attr)
            assert isinstance(command, click.Command)
            return command

        def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
            # Help text comes from the table above so `coach --help` imports no subcommand module.
            rows = [(name, SUBCOMMANDS[name][1]) for name in self.list_commands(ctx)]
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    @click.group(
        cls=LazyGroup,
        invoke_without_command=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    @click.version_option(__version__, "--version", "-V", prog_name="coach")
    @click.option(
        "--data-dir",
        type=click.Path(file_okay=False, dir_okay=True),
        envvar="COACH_DATA_DIR",
        help="Data folder (default: your platform's user data folder; env COACH_DATA_DIR).",
    )
    @click.pass_context
    def cli(ctx: click.Context, data_dir: str | None) -> None:
        """coach: prepare, run and follow up informational interviews.

        Run `coach` alone to open the app.
        """
        from coach.store.paths import resolve

        ctx.obj = resolve(data_dir)
        if ctx.invoked_subcommand is None:
            from coach.commands.app import run_app

            _tune_start_up()
            ctx.exit(run_app(ctx.obj))

    return cli


_CLI: Any = None


def __getattr__(name: str) -> Any:
    # `from coach.cli import cli` (tests, scripts) still works; the click group is built then.
    global _CLI
    if name == "cli":
        if _CLI is None:
            _CLI = _build_cli()
        return _CLI
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _app_only(argv: list[str]) -> str | None:
    """The data folder when ``argv`` just opens the app (``coach [--data-dir DIR]``), else None.

    Opening the app is the common case and has no options worth parsing with click; skipping
    click's import saves ~25 ms of every start. Anything unusual goes through click.
    """
    import os

    if not argv:
        return os.environ.get("COACH_DATA_DIR") or ""
    if len(argv) == 2 and argv[0] == "--data-dir" and argv[1] and not argv[1].startswith("-"):
        folder = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--data-dir=") and len(argv[0]) > 11:
        folder = argv[0][11:]
    else:
        return None
    return None if os.path.lexists(folder) and not os.path.isdir(folder) else folder


def _tune_start_up() -> None:
    """Settings that only matter when the app runs; set before Textual is imported."""
    import gc
    import os

    # Textual paints at most TEXTUAL_FPS frames a second and a key waits for the next frame:
    # at 60 that wait alone is 0-17 ms. The frame timer is idle when nothing changes, so a
    # higher cap costs nothing at rest. A person's own setting wins.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    # Start-up builds many long-lived objects; cyclic collections over them are wasted work.
    # The app re-enables the collector (and freezes what start-up made) after its first frame.
    gc.disable()


def data_dir_first(argv: list[str]) -> list[str]:
    """``argv`` with a ``--data-dir`` given after the subcommand moved to the front.

    ``coach locate --data-dir D`` reads as naturally as ``coach --data-dir D locate``; click
    only knows the option on the group. Nothing after ``--`` is touched.
    """
    end = argv.index("--") if "--" in argv else len(argv)
    found: list[str] = []
    rest: list[str] = []
    i = 0
    while i < end:
        arg = argv[i]
        if i > 0 and arg == "--data-dir" and i + 1 < end:
            found += argv[i : i + 2]
            i += 2
            continue
        if i > 0 and arg.startswith("--data-dir="):
            found.append(arg)
        else:
            rest.append(arg)
        i += 1
    return found + rest + argv[end:]


def main(argv: list[str] | None = None) -> Any:
    """Entry point: every error before the UI is one line on stderr and exit 2, no traceback."""
    import os

    argv = data_dir_first(sys.argv[1:] if argv is None else argv)
    folder = _app_only(argv)
    if folder is not None:
        _tune_start_up()
        from coach.commands.app import run_app
        from coach.store.paths import resolve

        try:
            code = run_app(resolve(folder or None))
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as error:
            if os.environ.get("COACH_DEBUG"):
                raise
            print(f"coach: unexpected error: {type(error).__name__}: {error}", file=sys.stderr)
            sys.exit(2)
        sys.exit(code)
    import click

    try:
        result = __getattr__("cli").main(args=argv, prog_name="coach", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help() if error.ctx else "", err=True)
        sys.exit(2)
    except click.UsageError as error:
        hint = f" (see `{error.ctx.command_path} --help`)" if error.ctx else ""
        click.echo(f"coach: {error.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.ClickException as error:
        click.echo(f"coach: {error.format_message()}", err=True)
        sys.exit(error.exit_code if error.exit_code != 1 else 2)
    except click.Abort:
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)  # `coach sets list | head`: the reader left; nothing to report
    except Exception as error:
        if os.environ.get("COACH_DEBUG"):
            raise
        click.echo(f"coach: unexpected error: {type(error).__name__}: {error}", err=True)
        sys.exit(2)
    if isinstance(result, int):
        sys.exit(result)
    return result
