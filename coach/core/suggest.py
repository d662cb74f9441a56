"""Suggesting the word a person probably meant when they misspell a key, an id or a value."""

from __future__ import annotations

from collections.abc import Iterable


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to a misspelt ``word``, if one is close enough.

    Case is ignored when comparing (``Title`` suggests ``title``); the choice is returned as
    written.
    """
    import difflib  # only paid for when something is misspelt

    folded = {choice.lower(): choice for choice in choices}
    matches = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None
