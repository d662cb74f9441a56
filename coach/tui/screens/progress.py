"""Progress at a glance: the outreach funnel, conversations per week, replies, interest by path."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from coach.core.progress import FUNNEL_STEPS, Progress, progress
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES
from coach.tui.widgets.charts import bars, columns, interest_spark

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

# From this width the four panels sit two by two; narrower, one under another.
TWO_COLUMNS_FROM = 110
FUNNEL_LABELS = {
    "identified": "people identified",
    "asked": "asked",
    "replied": "replied",
    "scheduled": "conversations scheduled",
    "held": "held",
    "thanked": "thanked",
}


def week_label(week: str) -> str:
    """The day and month a week's Monday falls on ("2026-W07" is "9/2"): short enough for
    twelve columns side by side at 80 columns."""
    year, number = week.split("-W")
    monday = date.fromisocalendar(int(year), int(number), 1)
    return f"{monday.day}/{monday.month}"


def funnel_panel(seen: Progress, width: int) -> Content:
    """The funnel as bars: people first, then conversations."""
    rows = [(FUNNEL_LABELS[step], float(getattr(seen.funnel, step))) for step in FUNNEL_STEPS]
    return bars(rows, width)


def weeks_panel(seen: Progress, width: int) -> Content:
    """Conversations held in each of the last weeks, one column a week."""
    values = [week.conversations for week in seen.per_week]
    labels = [week_label(week.week) for week in seen.per_week]
    total = sum(values)
    chart = columns(values, labels, height=4, width=width)
    noun = "conversation" if total == 1 else "conversations"
    summary = Content.styled(
        f"{total} {noun} in {len(values)} weeks; each starts on the Monday shown (day/month)",
        "dim",
    )
    return Content("\n").join([chart, summary])


def replies_panel(seen: Progress) -> Content:
    """The reply rate and the median wait, in words."""
    funnel = seen.funnel
    if seen.reply_rate is None:
        rate = Content.styled("No one asked yet.", "dim")
    else:
        rate = Content(
            f"{seen.reply_rate:.0%} replied ({funnel.replied} of {funnel.asked} people asked)"
        )
    if seen.median_reply_days is None:
        wait = Content.styled("No dated reply yet to time.", "dim")
    else:
        days = seen.median_reply_days
        wait = Content(f"{days:g} {'day' if days == 1 else 'days'} to a reply (median)")
    return Content("\n").join([rate, wait])


def paths_panel(seen: Progress) -> Content:
    """Interest in each path after each debrief, oldest first, and the verdict."""
    if not seen.paths:
        return Content.styled("No paths yet (Paths screen: n makes one).", "dim")
    lines: list[Content] = []
    for path in seen.paths:
        lines.append(literal(path.title or "(untitled path)", style="bold"))
        spark = interest_spark([point.interest for point in path.interest])
        verdict = literal(f"  · {path.verdict}", style="italic") if path.verdict else Content("")
        lines.append(Content.assemble("  ", spark, verdict))
    return Content("\n").join(lines)


class ProgressScreen(Screen[None]):
    """Four panels worked out from the contacts and interviews; practice runs never count."""

    CSS_PATH = SCREEN_RULES

    HELP_TITLE = "Progress"
    HELP = (
        "How far your outreach has come. The funnel counts people (identified, asked, "
        "replied) and then conversations (scheduled, held, thanked); conversations per week "
        "covers the last 12 weeks; the reply rate is people who replied out of people asked, "
        "and the wait is the median number of days from an ask to its reply; interest is "
        "what each debrief on a path recorded (1 to 5), oldest first. Every chart has its "
        "numbers beside it. Practice runs never count. r works it out again."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="progress.back", tooltip="Back to where you were"),
        Binding("r", "refresh", "Refresh", id="progress.refresh", tooltip="Work it out again"),
    ]

    app: CoachApp

    def __init__(self) -> None:
        super().__init__()
        self.seen: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        # Wide: the funnel beside the replies, then the weeks and the paths across the whole
        # width (twelve columns need it). Narrow: one under another.
        with VerticalScroll(id="progress-body"):
            with Horizontal(id="progress-top"):
                yield self._panel("funnel", "Outreach funnel")
                yield self._panel("replies", "Replies")
            yield self._panel("weeks", "Conversations per week")
            yield self._panel("paths", "Interest per path")
        yield Footer()

    @staticmethod
    def _panel(name: str, title: str) -> Static:
        panel = Static(Content.styled("Working it out…", "dim"), id=f"progress-{name}")
        panel.border_title = title
        panel.add_class("progress-panel")
        return panel

    def on_mount(self) -> None:
        self.action_refresh()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= TWO_COLUMNS_FROM, "-wide")
        self._draw()

    def action_refresh(self) -> None:
        self._work_out()

    @work(thread=True, exclusive=True, group="progress")
    def _work_out(self) -> None:
        store = self.app.store
        seen = progress(
            store.contacts(),
            store.interview_summaries_view(),
            store.all("path"),
            now=self.app.clock.now(),
        )
        self.app.call_from_thread(self._show, seen)

    def _show(self, seen: Progress) -> None:
        self.seen = seen
        self._draw()

    def _draw(self) -> None:
        seen = self.seen
        if seen is None:
            return
        wide = self.size.width >= TWO_COLUMNS_FROM
        # Less the borders, padding and scroll bar around each panel.
        region = self.query_one("#progress-weeks", Static).content_region.width
        full = region if region > 0 else self.size.width - 10
        half = (self.size.width // 2 if wide else self.size.width) - 10
        self.query_one("#progress-funnel", Static).update(funnel_panel(seen, half))
        self.query_one("#progress-weeks", Static).update(weeks_panel(seen, full))
        self.query_one("#progress-replies", Static).update(replies_panel(seen))
        self.query_one("#progress-paths", Static).update(paths_panel(seen))

    def action_back(self) -> None:
        self.dismiss(None)
