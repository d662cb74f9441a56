"""The call clock: time spent, time left of what was asked for, and whether the pace holds."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.core.pacing import format_offset


def minutes_seconds(seconds: float) -> str:
    """``seconds`` as the clock shows them: m:ss, or h:mm:ss past an hour."""
    return format_offset(seconds, pad=False)


class CallClock(Static):
    """Elapsed and remaining time against the minutes asked, on one line.

    Only the numbers change each second; the widget keeps a fixed shape so nothing on the
    screen jumps while the person is talking.
    """

    DEFAULT_CSS = """
    CallClock {
        width: auto;
        height: 1;
        padding: 0 1;
    }
    CallClock.-over {
        color: $error;
    }
    CallClock.-paused {
        color: $warning;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)

    def show(self, elapsed: float, remaining: float, asked_minutes: float, paused: bool) -> None:
        """Render the clock; ``remaining`` is negative once the promised time is past."""
        parts = [
            Content.styled(minutes_seconds(elapsed), "bold"),
            Content(f" of {asked_minutes:g}:00 · "),
        ]
        if remaining >= 0:
            parts.append(Content(f"{minutes_seconds(remaining)} left"))
        else:
            parts.append(Content.styled(f"{minutes_seconds(-remaining)} over", "bold"))
        if paused:
            parts.append(Content.styled("  PAUSED", "bold"))
        self.set_class(remaining < 0, "-over")
        self.set_class(paused, "-paused")
        self.update(Content.assemble(*parts))
