"""Asking the person which version to keep of a record two devices changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.content import Content

from coach.services.sync import kept_versions, resolve
from coach.store.db import Kind
from coach.tui.literal import literal

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

# The question shows at most this many differing fields: the dialog must fit 80×24.
SHOWN = 6


def ask_which_version(
    app: CoachApp, kind: Kind, doc_id: str, then: Callable[[], None] | None = None
) -> bool:
    """If the record keeps another version, ask which to keep (this one, the other, or
    decide later), settle it, then call ``then``. False when there was nothing to ask."""
    from coach.tui.screens.confirm import ChoiceScreen

    doc = app.store.get(kind, doc_id)
    versions = kept_versions(doc) if doc is not None else []
    if doc is None or not versions:
        return False
    newest = versions[0]
    when = newest.kept_at[:16].replace("T", " ")
    lines: list[Content] = [
        Content(
            f"This record was changed on two devices. Kept beside it: the version from "
            f"{newest.source}" + (f", set aside {when}" if when else "") + "."
        ),
        Content(""),
        Content.styled("Here / there", "bold"),
    ]
    for difference in newest.differences[:SHOWN]:
        lines.append(
            Content.assemble(
                Content.styled(f"{difference.field}: ", "bold"),
                literal(difference.here),
                Content.styled("  /  ", "dim"),
                literal(difference.there),
            )
        )
    if len(newest.differences) > SHOWN:
        lines.append(Content.styled(f"…and {len(newest.differences) - SHOWN} more", "dim"))
    if not newest.differences:
        lines.append(Content.styled("(the same but for when each was saved)", "dim"))
    answers: list[tuple[str, Any]] = [
        ("Keep this version", "here"),
        ("Take the other", "there"),
        ("Decide later", "later"),
    ]

    def answered(choice: Any) -> None:
        if choice == "here":
            resolve(app.store, kind, doc_id)
        elif choice == "there":
            resolve(app.store, kind, doc_id, take=newest.index)
        if then is not None:
            then()

    app.push_screen(
        ChoiceScreen(Content("\n").join(lines), answers, title="Two versions"), answered
    )
    return True
