"""A line under a field saying what is wrong with what was typed; hidden when all is well."""

from __future__ import annotations

from textual.widgets import Static


class FieldMessage(Static):
    """What is wrong with a field, or nothing (and then no blank line under the field)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="field-message", markup=False)

    def show(self, text: str) -> None:
        """Say ``text`` under the field ("" hides the line)."""
        self.update(text)
        self.display = bool(text)
