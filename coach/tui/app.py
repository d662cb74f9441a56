"""The coach app: one store, and a stack of screens that render core objects."""

from __future__ import annotations

import asyncio
import contextlib
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.timer import Timer

from coach.core.clock import Clock, SystemClock
from coach.core.text import clean_line, counted
from coach.store.db import Store
from coach.store.paths import DataPaths

# Long enough for the theme picker's cursor to settle on a theme before it is written down.
THEME_SAVE_DELAY = 0.8

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver

    from coach.store.question_sets import Catalogue, FolderStamp
    from coach.store.sync import MergeReport


class CoachApp(App[int]):
    """Home → Prepare → Live → Debrief, over the person's one data folder."""

    TITLE = "coach"
    SUB_TITLE = "informational interviews"
    CSS_PATH = "coach.tcss"
    ENABLE_COMMAND_PALETTE = True
    # Textual's own (theme, keys, quit…) and ours: every destination and the screen's actions.
    COMMANDS = App.COMMANDS | {lambda: _coach_commands()}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so that it works in dialogs too (a modal screen hides the app's other keys).
        Binding("f1", "help", "Help", id="app.help", tooltip="Help for this screen", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False),
    ]

    #: Why something is not on disk right now (the DB file or a call's notes), or None.
    #: The store reports it from its writer threads; every save banner watches it.
    save_state: reactive[str | None] = reactive(None, init=False)

    def __init__(
        self,
        paths: DataPaths,
        store: Store,
        *,
        clock: Clock | None = None,
        settle_gc: bool = False,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        # Set by the command line, which pauses the collector for start-up (see settle_gc).
        self._settle_gc = settle_gc
        # One clock for everything dated on screen, so tests can fix "now".
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.paths = paths
        self.store = store
        self._catalogue: Catalogue | None = None
        self._catalogue_stamp: FolderStamp = ()
        self._theme_kept = ""
        self._theme_timer: Timer | None = None
        self._ui_loop: asyncio.AbstractEventLoop | None = None
        store.add_listener(self._store_state)

    def get_driver_class(self) -> type[Driver]:
        # Pasted text must reach the notes as text, never as keys (see coach/tui/paste.py).
        from coach.tui.paste import install

        driver = super().get_driver_class()
        install(driver.__module__)
        return driver

    # -- data the screens share ------------------------------------------------------------
    @property
    def catalogue(self) -> Catalogue:
        """Question sets (built-in and the user's), loaded on first use, not at start-up."""
        if self._catalogue is None:
            self._load_catalogue()
        assert self._catalogue is not None
        return self._catalogue

    def recheck_catalogue(self) -> bool:
        """Read the question sets again if the person's folder changed since the last read.

        A set fixed (or added) while coach runs appears without a restart; the notice names
        the files fixed. True when the catalogue was read again. Cheap when nothing changed:
        a listing and a stat per file.
        """
        from coach.store.question_sets import fixed_files, folder_stamp

        if self._catalogue is None:
            self._load_catalogue()
            return True
        if folder_stamp(self.paths) == self._catalogue_stamp:
            return False
        before = self._catalogue
        self._load_catalogue(quiet_about=before)
        fixed = fixed_files(before, self.catalogue)
        if fixed:
            names = ", ".join(clean_line(Path(name).name) for name in fixed)
            self.notify(
                f"Fixed: {names}. Its sets are in the list now.",
                title="Question sets",
                timeout=6,
                markup=False,
            )
        return True

    def _load_catalogue(self, quiet_about: Catalogue | None = None) -> None:
        from coach.store.question_sets import folder_stamp, load_catalogue

        self._catalogue_stamp = folder_stamp(self.paths)
        catalogue = load_catalogue(self.paths)
        self._catalogue = catalogue
        problems = catalogue.problems
        if quiet_about is not None and set(problems) <= set(quiet_about.problems):
            return  # said already, when they were first found
        if problems:
            first = clean_line(str(problems[0]))
            self.notify(
                f"{counted(len(problems), 'problem')} found in your question sets; a set with "
                f"a problem is left out, the others are ready.\n{first}",
                title="Question sets",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def _store_state(self, problem: str | None) -> None:
        """Hand the store's news to the UI without waiting for it.

        Called on a writer thread. call_from_thread would block the writer until the UI runs;
        while quitting, the UI waits for the writer, and the two would stall each other.
        """
        loop = self._ui_loop
        if loop is None or loop.is_closed():
            return
        # The loop may close between the check and the call.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._set_save_state, problem)

    def _set_save_state(self, problem: str | None) -> None:
        self.save_state = problem

    def _report_backup(self) -> None:
        problem = self.store.backup_problem  # waits for the backup's thread
        if problem:
            self.call_from_thread(
                self.notify, problem, title="Backup", severity="warning", markup=False
            )

    def _outside_change(self, report: MergeReport) -> None:
        # On the store's writer thread: hand over without waiting, as _store_state does.
        loop = self._ui_loop
        if loop is not None and not loop.is_closed() and report.changed:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._records_arrived, len(report.changed))

    def _records_arrived(self, count: int) -> None:
        from coach.core.text import counted
        from coach.tui.messages import StoreChanged

        self.notify(
            f"{counted(count, 'record')} changed on another device came in.",
            title="Synced",
            timeout=4,
            markup=False,
        )
        self.screen.post_message(StoreChanged(count))

    def watch_save_state(self, problem: str | None) -> None:
        if problem:
            self.notify(problem, title="Saving failed", severity="error", timeout=8, markup=False)

    # -- lifecycle ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        from coach.tui.screens.home import HomeScreen

        self._ui_loop = asyncio.get_running_loop()
        self.save_state = self.store.problem()
        self.store.on_outside_change(self._outside_change)
        # The start-up backup is copied on a thread; hear how it went without waiting for it.
        self.run_worker(self._report_backup, thread=True, group="backup", exit_on_error=False)
        self._load_keymap()
        self._load_theme()
        install_signal_handlers(self)
        self.push_screen(HomeScreen())
        if self._settle_gc:
            self.call_after_refresh(settle_gc)
        self.set_timer(self.SCREEN_RULES_DELAY, self._load_screen_rules)

    #: Seconds after start: the other screens' rules are read while the person reads Home, so
    #: the first screen they open does not wait for them (and the start never does).
    SCREEN_RULES_DELAY = 1.0

    def _load_screen_rules(self) -> None:
        from coach.tui.screens import SCREEN_RULES

        stylesheet = self.stylesheet
        if stylesheet.has_source(str(SCREEN_RULES), ""):
            return  # a screen opened first, and Textual read them for it
        stylesheet.read(SCREEN_RULES)
        # Parses the new file only: the rules already read come from the parse cache. (A
        # screen's own CSS_PATH makes Textual parse every source again.)
        stylesheet.parse()
        stylesheet.update(self)

    def _load_keymap(self) -> None:
        if not self.paths.has_config():
            return  # nothing to read: the YAML reader is not even imported
        from coach.store.config import read_keymap

        keymap, problem = read_keymap(self.paths)
        if keymap or problem:
            # Read again with every id the app knows, so that a misspelt one is named with a
            # suggestion; only now, since that imports every screen.
            from coach.tui.binding_ids import all_binding_ids, is_key, keys_taken

            keymap, problem = read_keymap(self.paths, known_ids=all_binding_ids(), is_key=is_key)
            taken = [f"{self.paths.config}: {line}" for line in keys_taken(keymap)]
            problem = "\n".join([*([problem] if problem else []), *taken]) or None
        if problem:
            self.notify(problem, title="Key map", severity="warning", timeout=10, markup=False)
        if keymap:
            self.set_keymap(keymap)

    def _load_theme(self) -> None:
        """The theme chosen last time, from config.yaml; from now on each choice is kept."""
        from coach.core.suggest import did_you_mean

        theme = None
        if self.paths.has_config():
            from coach.store.config import read_theme

            theme = read_theme(self.paths)
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        elif theme is not None:
            known = sorted(self.available_themes)
            maybe = did_you_mean(theme, known)
            self.notify(
                f"{self.paths.config}: unknown theme '{theme}'"
                + (f" (did you mean '{maybe}'?)" if maybe else ""),
                title="Theme",
                severity="warning",
                markup=False,
            )
        self._theme_kept = self.theme
        self.theme_changed_signal.subscribe(self, self._theme_chosen)

    def _theme_chosen(self, _theme: object) -> None:
        # The theme picker tries each theme as the cursor passes it: keep the one it stops on.
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(THEME_SAVE_DELAY, self._keep_theme)

    def _keep_theme(self) -> None:
        self._theme_timer = None
        if self.theme != self._theme_kept:
            self._theme_kept = self.theme
            self.run_worker(
                partial(self._write_theme, self.theme),
                thread=True,
                group="theme",
                exit_on_error=False,
            )

    def _write_theme(self, theme: str, on_ui: bool = False) -> None:
        from coach.store.config import write_theme

        try:
            write_theme(self.paths, theme)
        except (OSError, ValueError) as error:
            say = partial(
                self.notify,
                f"The theme is used now but not kept for next time: {error}",
                title="Theme",
                severity="warning",
                markup=False,
            )
            if on_ui:
                say()
            else:
                self.call_from_thread(say)

    def action_help_quit(self) -> None:
        # Textual names the first key bound to quit, which is Home's bare q: pressed on a
        # screen with a text field, that types a q. The app-wide key works everywhere.
        keys = [
            active.binding.key
            for active in self.active_bindings.values()
            if active.binding.action in ("quit", "app.quit") and active.node is self
        ]
        if keys:
            self.notify(
                f"Press {spoken_key(keys[0])} to quit coach.",
                title="Do you want to quit?",
                timeout=3,
                markup=False,
            )

    def action_help(self) -> None:
        from coach.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        from coach.tui.screens.confirm import ChoiceScreen

        if isinstance(self.screen, ChoiceScreen) and self.screen.id == "quit-mid-call":
            self._quit_now()  # Ctrl+Q twice: the person means it
            return
        from coach.tui.screens.live import LiveScreen

        if any(isinstance(s, LiveScreen) and s.call_running for s in self.screen_stack):
            # A stray Ctrl+Q during a call would close the notes in front of the person.
            question = (
                "Quit coach during the call? Every note is saved, and Home offers to resume "
                "the call when you start coach again."
            )
            answers = [("Stay in the call", False), ("Quit", True)]
            ask = ChoiceScreen(question, answers, title="Quit")
            ask.id = "quit-mid-call"

            def answered(quit_now: bool | None) -> None:
                if quit_now:
                    self._quit_now()

            await self.push_screen(ask, answered)
            return
        self._quit_now()

    def _quit_now(self) -> None:
        self._hand_over_edits()
        # What the screens just handed over reaches the disk before the screen goes; the
        # command line closes the store once the app is gone.
        self.store.flush(10)
        self.exit(0)

    def _hand_over_edits(self) -> None:
        from coach.tui.screens.saving import SavingScreen

        for screen in self.screen_stack:
            if isinstance(screen, SavingScreen):
                screen.before_quit()
        if self._theme_timer is not None:
            # A theme chosen a moment before quitting is kept all the same.
            self._theme_timer.stop()
            self._theme_timer = None
            if self.theme != self._theme_kept:
                self._theme_kept = self.theme
                self._write_theme(self.theme, on_ui=True)

    def unsaved_report(self) -> list[str]:
        """Lines for the terminal after exit: what the disk refused, and where drafts are."""
        unsaved = self.store.unsaved()
        if not unsaved:
            return []
        journaled = set(self.store.journals.interrupted())
        lines = []
        for kind, doc_id, reason in unsaved:
            line = f"not saved: {kind} {doc_id}: {reason}"
            if kind == "interview" and doc_id in journaled:
                line += " (its call notes were kept as typed and will be offered back)"
            lines.append(line)
        return lines

    def flush_everything(self) -> None:
        """Write every draft and pending change now (used by SIGHUP/SIGTERM and on quit)."""
        self._hand_over_edits()
        self.store.flush(5)


def _coach_commands() -> type[Provider]:
    # Imported when the palette first opens, not at start-up.
    from coach.tui.palette import CoachCommands

    return CoachCommands


def settle_gc() -> None:
    """After start-up: move what it built out of the collector's sight, then collect again.

    The store's summaries, the screens and Textual's own tables live as long as the app; with
    them frozen, a full collection during typing scans only what was made since, so it stays
    short at any history size.
    """
    import gc

    gc.freeze()
    gc.enable()


def install_signal_handlers(app: CoachApp) -> None:
    """On SIGHUP/SIGTERM flush drafts before anything else, then leave.

    Textual installs no handler for these, so a closed terminal or dropped SSH session would
    otherwise kill the process with whatever was typed in the last second still in memory.
    """
    import asyncio
    import signal

    loop = asyncio.get_running_loop()

    def _flush_and_exit(signum: int) -> None:
        try:
            app.flush_everything()
        finally:
            app.store.close(5)
            if signum == signal.SIGHUP:
                # The terminal is gone: there is nothing to restore on it, and Textual's
                # shutdown can block writing to it. Everything is on disk; leave now.
                for line in app.unsaved_report():
                    with contextlib.suppress(OSError):
                        os.write(2, f"coach: {line}\n".encode())
                os._exit(128 + signum)
            _leave_anyway_after(5, 128 + signum)
            app.exit(128 + signum)

    for signum in (signal.SIGHUP, signal.SIGTERM):
        if os.name == "posix":
            loop.add_signal_handler(signum, _flush_and_exit, signum)


def _leave_anyway_after(seconds: int, code: int) -> None:
    """A last resort once everything is on disk: if Textual's own shutdown stalls (writing to a
    terminal that is gone), end the process so the data folder's lock is not held by a ghost.
    """
    import signal

    # The lock is an flock: the kernel releases it with the process, so nothing else is needed.
    # An alarm interrupts even a write blocked on a dead terminal, and its handler runs then.
    signal.signal(signal.SIGALRM, lambda *_: os._exit(code))
    signal.alarm(seconds)


def spoken_key(key: str) -> str:
    """A key as people write it: "ctrl+shift+q" is "Ctrl+Shift+Q", "f10" is "F10"."""
    return "+".join(
        part.upper() if len(part) == 1 else part.capitalize() for part in key.split("+")
    )
