"""Messages the app sends its screens."""

from __future__ import annotations

from textual.message import Message


class StoreChanged(Message):
    """Records changed from outside this screen (another device's, merged in): redraw."""

    def __init__(self, records: int) -> None:
        super().__init__()
        self.records = records
