"""A compact "Today" list of follow-ups that other screens (Home) can embed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import work
from textual.content import Content
from textual.widgets import Static

from coach.core.agenda import KIND_LABELS, Agenda, AgendaItem, build_agenda
from coach.store.shortlist import home_shortlist
from coach.tui.literal import literal


def read_agenda(store: Any, now: datetime | None = None) -> Agenda:
    """The agenda from the store's contacts and interviews, at ``now`` (default: the clock)."""
    from coach.core.contact import Contact

    when = now or datetime.now().astimezone()
    people = [Contact.from_dict(doc) for doc in store.contacts()]
    # From the start until an interview is saved, the shortlist the summary cache kept: the
    # same agenda without going through every finished conversation (see
    # coach.store.shortlist).
    shortlist = home_shortlist(store)
    if shortlist is not None:
        return build_agenda(people, shortlist.summaries, when, history=shortlist.history)
    # Summaries carry every field the agenda reads (tested against whole documents), and
    # need no decoding of notes: the difference is most of the cost at 10,000 interviews.
    return build_agenda(people, store.interview_summaries_view(), when)


def agenda_failure(error: Exception) -> Content:
    """What the panel or screen shows instead of a traceback when the agenda cannot be built."""
    return Content.styled(f"The agenda could not be worked out: {error}", "$text-error")


def item_line(
    item: AgendaItem, now: datetime, width: int | None = None, indent: int = 0
) -> Content:
    """One item: when, what kind, and its text (which holds names, so it stays literal).

    Given the ``width`` it is shown in (and the ``indent`` put before it), a text too long for
    one line wraps under its own first word rather than under the date.
    """
    late = item.is_overdue(now)
    when = Content.styled(f"{item.due:%a %d %b}  ", "bold $text-error" if late else "dim")
    kind = Content.styled(f"{KIND_LABELS.get(item.kind, item.kind):<13} ", "italic")
    text = literal(item.text)
    lead = indent + when.cell_length + kind.cell_length
    room = (width or 0) - lead
    if width is not None and room >= 20 and text.cell_length > room:
        hang = Content("\n" + " " * lead)
        text = hang.join(text.wrap(room))
    return Content.assemble(" " * indent, when, kind, text)


class AgendaPanel(Static):
    """Today's follow-ups (due and overdue), computed in a worker thread.

    Mount it anywhere and call :meth:`refresh_agenda` (on mount and on screen resume).
    """

    DEFAULT_CSS = """
    AgendaPanel {
        height: auto;
        max-height: 10;
        padding: 0 1;
        border: round $primary;
        border-title-color: $text;
    }
    """

    def __init__(self, limit: int = 6, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self.limit = limit
        self.border_title = "Today"
        self.agenda: Agenda | None = None
        # Home's first run shows the panel only when something is actually due.
        self.hide_when_empty = False
        self._drawn_width = 0

    def on_resize(self) -> None:
        # Drawn before the first layout (Home's first look), the lines were wrapped without
        # knowing the width: draw them again for it. Only this panel repaints.
        if self.agenda is not None and self._drawn_width != self.content_region.width:
            self.show_agenda(self.agenda)

    def refresh_agenda(
        self, store: Any, now: datetime | None = None, *, at_once: bool = False
    ) -> None:
        """Recompute the agenda off the UI thread, then show it; ``at_once`` computes it here,
        before the next frame (the first screen: one layout instead of a second when a worker
        finishes, and the store is read from its shortlist, a few milliseconds)."""
        if at_once:
            self._show(self._read(store, now))
        else:
            self._compute(store, now)

    @work(thread=True, exclusive=True, group="agenda-panel")
    def _compute(self, store: Any, now: datetime | None) -> None:
        self.app.call_from_thread(self._show, self._read(store, now))

    @staticmethod
    def _read(store: Any, now: datetime | None) -> Agenda | Content:
        try:
            return read_agenda(store, now)
        except Exception as error:  # one odd record must not take the app down with it
            return agenda_failure(error)

    def _show(self, read: Agenda | Content) -> None:
        if isinstance(read, Agenda):
            self.show_agenda(read)
        else:
            self.update(read)

    def show_agenda(self, agenda: Agenda) -> None:
        """Draw ``agenda``'s Today items (at most ``limit``, then a count of the rest)."""
        self.agenda = agenda
        self._drawn_width = self.content_region.width
        today = agenda.today()
        self.display = bool(today) or not self.hide_when_empty
        if not today:
            self.update(Content.styled("Nothing due today.", "dim"))
            return
        width = self.content_region.width or None
        lines = [item_line(item, agenda.now, width) for item in today[: self.limit]]
        rest = len(today) - self.limit
        if rest > 0:
            lines.append(
                Content.styled(f"…and {rest} more (g in Contacts opens the agenda)", "dim")
            )
        self.update(Content("\n").join(lines))
