"""The notes of a call, read back in the Debrief: under their questions, flagged lines marked.

Notes can be any length — a call's worth, or a 50 MB paste, or 200,000 lines from another
tool — and the Debrief must open at once whatever they hold. So nothing is laid out ahead:
each line is a plain tuple until it is on screen; a row's height is estimated from its length
and worked out exactly (with the transcript view's word wrap) only when it comes near the
screen; and a line longer than :data:`PIECE` characters is cut into pieces, so that no one row
costs more than a moment to wrap. Wrapped lines hang under their text, not under the time.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from coach.core.debrief import NotesUnder
from coach.core.interview import Flag
from coach.core.pacing import format_offset
from coach.core.text import clean
from coach.tui.literal import literal
from coach.tui.widgets.notes_area import FLAG_MARK, NO_MARK
from coach.tui.widgets.transcript_view import hanging, wrap_offsets

#: The longest row: a longer line is shown as rows of this many characters at most, cut at a
#: space (a line break every few thousand characters is not noticed; a frozen screen is).
PIECE = 2000
# Rows laid out beyond the screen's edges, so a small scroll finds them ready.
_AHEAD = 20


class NoteRow(NamedTuple):
    """One row: a question's heading, a blank, or one line (or piece of a line) of a note.

    ``lead`` goes before the text (the time the note began, and the flag mark); wrapped lines
    are indented by its width, so they line up under the text.
    """

    text: str
    lead: str = ""
    kind: str = ""  # "heading", "flagged", or "" for a plain line


def note_rows(groups: Sequence[NotesUnder], flags: Iterable[Flag]) -> list[NoteRow]:
    """The rows of the notes under their questions; a line that begins with a line flagged
    under the same question is marked as the notes editor marks it."""
    flagged: dict[str | None, tuple[str, ...]] = {}
    for flag in flags:
        said = clean(flag.text).strip()
        if said:
            flagged[flag.question_id] = (*flagged.get(flag.question_id, ()), said)
    rows: list[NoteRow] = []
    for group in groups:
        if rows:
            rows.append(NoteRow(""))
        heading = group.question if group.question is not None else "Outside any question"
        rows.append(NoteRow(heading, kind="heading"))
        for note in group.notes:
            marks = flagged.get(note.question_id, ())
            offset = format_offset(note.offset_s)
            blank = " " * (len(NO_MARK) + len(offset) + 2)
            # Cleaned here as on screen (and tabs made spaces), so the wrap, which counts
            # characters, and the Content drawn agree on every offset.
            text = clean(note.text).strip().replace("\t", "    ")
            for index, line in enumerate(text.split("\n")):
                hit = bool(marks) and line.strip().startswith(marks)
                mark = FLAG_MARK if hit else NO_MARK
                lead = f"{mark}{offset}  " if index == 0 else mark + blank[len(mark) :]
                for piece in _pieces(line):
                    rows.append(NoteRow(piece, lead, "flagged" if hit else ""))
                    lead, hit = blank, False  # a piece goes on under the text, unmarked
    return rows


def _pieces(line: str) -> list[str]:
    if len(line) <= PIECE:
        return [line]
    pieces: list[str] = []
    start = 0
    while len(line) - start > PIECE:
        cut = line.rfind(" ", start + PIECE // 2, start + PIECE)
        end = cut + 1 if cut > 0 else start + PIECE
        pieces.append(line[start:end])
        start = end
    pieces.append(line[start:])
    return pieces


class CallNotesView(ScrollView, can_focus=True):
    """The call's notes, laid out lazily; arrow and page keys scroll."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Up", show=False),
        Binding("down", "scroll_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "End", show=False),
    ]

    def __init__(self, rows: Sequence[NoteRow] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[NoteRow] = list(rows)
        self._width = 0  # the width rows are laid out for (0: not yet)
        self._heights: list[int] = []
        self._wrapped: dict[int, list[tuple[int, int]]] = {}  # exact, once near the screen
        self._starts: list[int] = [0]
        self._contents: dict[int, Content] = {}  # rows made Content, while near the screen

    @property
    def rows(self) -> list[NoteRow]:
        """The rows shown, in order."""
        return list(self._rows)

    def plain(self) -> list[str]:
        """Each row as plain text, before wrapping (the time and mark, then the line)."""
        return [row.lead + row.text for row in self._rows]

    @property
    def laid_out(self) -> int:
        """How many rows have been wrapped exactly so far (the rest are estimates)."""
        return len(self._wrapped)

    def set_rows(self, rows: Sequence[NoteRow]) -> None:
        """Show ``rows`` from the top."""
        self._rows = list(rows)
        self._width = 0
        self._lay_out()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    # -- layout --------------------------------------------------------------------------------
    def _text_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _lay_out(self) -> None:
        """Estimate every row's height for the width there is now (cheap: lengths only)."""
        if not self.scrollable_content_region.width:
            return  # not laid out yet, or on a folded panel: done on the first resize
        width = self._text_width()
        if width == self._width:
            return
        self._width = width
        self._wrapped = {}
        self._contents = {}
        heights = []
        for row in self._rows:
            size = len(row.lead) + len(row.text)
            if size <= width:
                heights.append(1)
            else:
                rest = max(width - hanging(width, len(row.lead)), 1)
                heights.append(1 + -(-(size - width) // rest))
        self._heights = heights
        self._count()

    def _count(self) -> None:
        self._starts = list(accumulate(self._heights, initial=0))
        self.virtual_size = Size(self._text_width(), self._starts[-1])

    def _wrap(self, at: int) -> bool:
        """Wrap row ``at`` exactly; True when that changed its height."""
        row = self._rows[at]
        wrapped = wrap_offsets(row.lead + row.text, self._width, len(row.lead))
        self._wrapped[at] = wrapped
        if len(wrapped) == self._heights[at]:
            return False
        self._heights[at] = len(wrapped)
        return True

    def _settle(self, top: int, height: int) -> None:
        """Wrap exactly every row between screen lines ``top`` and ``top + height`` (and a
        few beyond), until the rows there no longer move."""
        for _ in range(8):  # each round only makes more rows exact; a few always suffice
            first = max(bisect_right(self._starts, max(top - _AHEAD, 0)) - 1, 0)
            last = bisect_right(self._starts, top + height + _AHEAD)
            moved = False
            for at in range(first, min(last, len(self._rows))):
                if at not in self._wrapped:
                    moved = self._wrap(at) or moved
            if not moved:
                return
            self._count()

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    # -- drawing -------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        self._lay_out()
        if self._rows and self._width:
            at_end = self.scroll_offset.y >= self.max_scroll_y > 0
            self._settle(self.scroll_offset.y, self.scrollable_content_region.height)
            if at_end and self.scroll_offset.y < self.max_scroll_y:
                # The rows at the end came out taller than estimated: the end is further on.
                self.call_after_refresh(self.scroll_end, animate=False, immediate=True)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.visual_style
        if not self._rows or number >= self._starts[-1]:
            return Strip.blank(width, style.rich_style)
        at = bisect_right(self._starts, number) - 1
        part = number - self._starts[at]
        if at not in self._wrapped:
            self._wrap(at)  # drawn before it was settled (a scroll mid-frame): exact now
        row = self._rows[at]
        offsets = self._wrapped[at]
        if part >= len(offsets):
            return Strip.blank(width, style.rich_style)
        start, end = offsets[part]
        content = self._contents.get(at)
        if content is None:
            if len(self._contents) > 4 * max(self.size.height, 10):
                self._contents.clear()  # only what is near the screen is kept
            content = self._contents[at] = _content(row)
        piece = content[start:end]
        if part:
            piece = Content.assemble(" " * hanging(self._width, len(row.lead)), piece)
        [strip] = Visual.to_strips(self, piece, width, 1, style)
        return strip.extend_cell_length(width, style.rich_style)


def _content(row: NoteRow) -> Content:
    """A row as styled Content: the time dim, the flag mark bold, the person's text as typed."""
    if row.kind == "heading":
        return literal(row.text, style="bold")
    lead = Content.styled(row.lead, "dim")
    if row.kind == "flagged":
        mark = len(FLAG_MARK)
        lead = Content.assemble(
            Content.styled(row.lead[:mark], "bold $text-warning"),
            Content.styled(row.lead[mark:], "dim"),
        )
    return Content.assemble(lead, literal(row.text))
