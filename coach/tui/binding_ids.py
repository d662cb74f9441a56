"""Every key binding id of the app, its screens and its widgets: what a key map may name.

A misspelt id in config.yaml (``live.nxt``) would otherwise be ignored without a word; with
the whole list the settings reader names it and suggests the id meant.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Mapping

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
    return binding_ids(*_holders())


def keys_taken(keymap: Mapping[str, str]) -> list[str]:
    """One line for each key the key map gives to a command while another command of the
    same screen (or the app's, on every screen) keeps it: Textual then quietly takes the key
    from the one that had it."""
    from coach.tui.app import CoachApp

    def wanted(binding_id: str | None) -> set[str]:
        return {key.strip() for key in keymap.get(binding_id or "", "").split(",") if key.strip()}

    app_bindings = list(Binding.make_bindings(CoachApp.BINDINGS))
    lines: list[str] = []
    said: set[tuple[str, str, str | None]] = set()
    for holder in _holders():
        own = list(Binding.make_bindings(vars(holder).get("BINDINGS", [])))
        ids = {binding.id for binding in own}
        others = own if holder is CoachApp else [*own, *app_bindings]
        for binding_id in sorted(set(keymap) & ids - {None}):
            for key in sorted(wanted(binding_id)):
                for other in others:
                    keeps = other.id not in keymap or key in wanted(other.id)
                    clash = (binding_id, key, other.id)
                    if other.key != key or other.id == binding_id or not keeps or clash in said:
                        continue
                    said.add(clash)
                    name = other.description or other.action
                    lines.append(
                        f"{binding_id}: {key} is already the key for {name} ({other.id}); "
                        f"{name} keeps only its other keys, if any"
                    )
    return lines


def _holders() -> list[type]:
    import coach.tui.screens
    import coach.tui.widgets
    from coach.tui.app import CoachApp

    holders: list[type] = [CoachApp]
    for package in (coach.tui.screens, coach.tui.widgets):
        # walk_packages: the Debrief's tabs live in a package of their own (widgets/debrief).
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            holders += [
                value
                for value in vars(module).values()
                if inspect.isclass(value) and value.__module__ == module.__name__
            ]
    return holders


_MODIFIERS = frozenset({"ctrl", "alt", "shift", "super", "meta", "hyper"})


def is_key(text: str) -> bool:
    """Whether ``text`` names a key a terminal can send: ``ctrl+j``, ``alt+down``, ``f6``,
    ``?`` or ``question_mark``. Textual takes any name in a binding, so a typo (``ctrl+banana``,
    which Unicode even reads as a character) would bind a key nobody can press."""
    from textual.keys import REPLACED_KEYS, Keys, key_to_character

    # Textual matches names as written, and the names it reports are in lower case: "F6" or
    # "Ctrl+T" in a key map would bind nothing. A bare character keeps its case ("T").
    *modifiers, base = text.strip().split("+")
    if not base or len(set(modifiers)) != len(modifiers) or not set(modifiers) <= _MODIFIERS:
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace() and not (modifiers and base.isupper())
    if any(key.value == base for key in Keys):  # escape, enter, f6, pagedown…
        return True
    character = key_to_character(REPLACED_KEYS.get(base, base))
    # A named character: the ASCII punctuation on a keyboard ("full_stop"), not any name.
    return character is not None and character.isascii() and character.isprintable()
