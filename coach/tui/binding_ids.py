"""Every key binding id of the app, its screens and its widgets: what a key map may name.

A misspelt id in config.yaml (``live.nxt``) would otherwise be ignored without a word; with
the whole list the settings reader names it and suggests the id meant.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding


def binding_ids(*holders: object) -> set[str]:
    """The ids of the bindings declared by ``holders`` (classes with ``BINDINGS``)."""
    ids: set[str] = set()
    for holder in holders:
        for binding in Binding.make_bindings(getattr(holder, "BINDINGS", [])):
            if binding.id:
                ids.add(binding.id)
    return ids


def all_binding_ids() -> set[str]:
    """Every binding id declared in ``coach.tui``: the app, each screen and each widget.

    Imports every screen and widget module, so it is called only when there is a key map.
    """
    import coach.tui.screens
    import coach.tui.widgets
    from coach.tui.app import CoachApp

    holders: list[object] = [CoachApp]
    for package in (coach.tui.screens, coach.tui.widgets):
        # walk_packages: the Debrief's tabs live in a package of their own (widgets/debrief).
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            holders += [
                value
                for value in vars(module).values()
                if inspect.isclass(value) and value.__module__ == module.__name__
            ]
    return binding_ids(*holders)
