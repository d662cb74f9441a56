"""The top line of a call: who, where in the plan, the clock against the time asked, and
whether it is paused — fitted to the window, words dropped before numbers."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from coach.core.pacing import Progress, format_offset
from coach.tui.literal import literal

# The room the name is given (all of it, if shorter): first the more, so that a window wide
# enough shows a whole name with shorter words; then the less, before the words go.
NAME_ROOMS = (24, 10)
# Between the two halves of the line, and the clock's own padding.
_GAP = 2


def minutes_seconds(seconds: float) -> str:
    """``seconds`` as the clock shows them: m:ss, or h:mm:ss past an hour."""
    return format_offset(seconds, pad=False)


@dataclass(frozen=True)
class ClockReading:
    """The clock in whole seconds, so that elapsed and left always add up to the time asked."""

    elapsed: int
    asked: int
    paused: bool

    @classmethod
    def of(cls, elapsed: float, asked_minutes: float, paused: bool) -> ClockReading:
        """Read ``elapsed`` seconds of a call promised ``asked_minutes`` long."""
        return cls(int(max(0.0, elapsed)), round(asked_minutes * 60), paused)

    @property
    def left(self) -> int:
        """Seconds to the promised end; negative once past it."""
        return self.asked - self.elapsed

    def forms(self) -> list[Content]:
        """The clock from its longest wording to its shortest."""
        spent, asked = minutes_seconds(self.elapsed), minutes_seconds(self.asked)
        if self.left >= 0:
            left = Content(f"{minutes_seconds(self.left)} left")
        else:
            left = Content.styled(f"{minutes_seconds(-self.left)} over", "bold")
        paused = Content.styled("  PAUSED", "bold") if self.paused else Content("")
        bold_spent = Content.styled(spent, "bold")
        return [
            Content.assemble(bold_spent, f" of {asked} · ", left, paused),
            Content.assemble(bold_spent, f"/{asked} · ", left, paused),
            Content.assemble(bold_spent, " · ", left, paused),
            Content.assemble(left, paused),
        ]


def progress_forms(progress: Progress) -> list[str]:
    """Where the call stands in the plan, from the longest wording to the shortest."""
    where = (
        [
            f"Question {progress.position} of {progress.total}",
            f"Q {progress.position} of {progress.total}",
            f"Q{progress.position}/{progress.total}",
        ]
        if progress.position
        else ["Past the last question", "done", "done"]
    )
    must = progress.must_left
    if not must:
        return where
    noun = "must-ask" if must == 1 else "must-asks"
    return [
        f"{where[0]} · {must} {noun} left",
        f"{where[1]} · {must} must left",
        f"{where[2]} · {must} must",
    ]


# (progress form, clock form) from the most words to the fewest.
_STEPS = ((0, 0), (1, 0), (1, 1), (2, 1), (2, 2), (2, 3))
# What stands between the name and the progress, by progress form.
_SEPARATORS = ("  ·  ", " · ", " · ")


class CallStatus(Horizontal):
    """The call's top line. The question number, the clock and its state always fit: on a
    narrow window the words around the numbers go first, then the name is cut."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._person = ""
        self._practice = False
        self._progress = Progress(0, 0, 0, 0)
        self._clock = ClockReading(0, 0, False)

    def compose(self) -> ComposeResult:
        yield Static("", id="live-progress", markup=False)
        yield CallClock(id="live-clock")

    def show_call(self, person: str, practice: bool, progress: Progress) -> None:
        """Who the call is with and where it stands in the plan."""
        self._person, self._practice, self._progress = person, practice, progress
        self._fit()

    def show_clock(self, elapsed: float, asked_minutes: float, paused: bool) -> None:
        """The time spent, of the minutes asked, and whether the clock is stopped."""
        self._clock = ClockReading.of(elapsed, asked_minutes, paused)
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        if not self.is_mounted:
            return
        width = self.content_region.width or self.app.size.width - 2
        practice = "PRACTICE  " if self._practice else ""
        person = self._person or "Call"
        wheres, clocks = progress_forms(self._progress), self._clock.forms()
        where, clock = next(
            (
                (where, clock)
                for name_room in NAME_ROOMS
                for where, clock in _STEPS
                if len(practice)
                + _GAP
                + min(len(person), name_room)
                + len(_SEPARATORS[where] + wheres[where])
                + clocks[clock].cell_length
                <= width
            ),
            _STEPS[-1],
        )
        tail = _SEPARATORS[where] + wheres[where]
        room = width - len(practice) - _GAP - len(tail) - clocks[clock].cell_length
        if room < 2:
            # Not even an initial fits: the numbers are what matter now.
            shown_person, tail = Content(""), wheres[where]
        else:
            cut = person if len(person) <= room else person[: room - 1] + "…"
            shown_person = literal(cut, style="bold")
        self.query_one("#live-progress", Static).update(
            Content.assemble(
                Content.styled(practice, "bold reverse") if practice else Content(""),
                shown_person,
                Content(tail),
            )
        )
        self.query_one("#live-clock", CallClock).show(clocks[clock], self._clock)


class CallClock(Static):
    """The clock part of the line. Only the numbers change each second; nothing else on the
    screen moves while the person is talking."""

    DEFAULT_CSS = """
    CallClock {
        width: auto;
        height: 1;
        padding: 0 1;
    }
    CallClock.-over {
        color: $text-error;
    }
    CallClock.-paused {
        color: $text-warning;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)

    def show(self, shown: Content, reading: ClockReading) -> None:
        """Show one wording of ``reading``."""
        self.set_class(reading.left < 0, "-over")
        self.set_class(reading.paused, "-paused")
        self.update(shown)
