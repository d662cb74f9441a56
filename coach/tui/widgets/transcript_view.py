"""A long call's transcript on screen: headings, notes and lines, drawn only where visible.

A one-hour call is 1,500 cues and a long one 5,000. An OptionList measures every option's
wrapped height through Textual's text layout (half a millisecond each: seconds at 5,000) and
does it again after any change; here every row is wrapped once per width by a plain greedy
word wrap, and only the rows on screen are turned into strips. Moving the cursor or flagging a
line redraws a few rows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


@dataclass(frozen=True)
class Row:
    """One entry of the view: a heading, a note, a blank, or a line of the transcript.

    ``text`` is shown with ``spans`` styling parts of it; it becomes Content (which drops any
    control code) only when it is on screen. ``line`` is the index of the transcript line it
    shows (None for the rest: the cursor skips them); lines after the first are indented by
    ``indent`` cells when it wraps.
    """

    text: str
    spans: tuple[Span, ...] = ()
    line: int | None = None
    indent: int = 0

    @classmethod
    def of(cls, *parts: tuple[str, str], line: int | None = None, indent: int = 0) -> Row:
        """A row of ``(text, style)`` parts, side by side (style "" for none)."""
        spans: list[Span] = []
        at = 0
        for text, style in parts:
            if style and text:
                spans.append(Span(at, at + len(text), style))
            at += len(text)
        return cls("".join(text for text, _ in parts), tuple(spans), line, indent)

    @property
    def content(self) -> Content:
        """The row as Content, styled."""
        return Content(self.text, list(self.spans))


_WORDS = re.compile(r"\S+\s*|\s+")
# Characters one cell wide: Latin (accents included), Greek, Cyrillic, general punctuation
# (dashes, curly quotes, the ellipsis) and the euro sign. Text of nothing else, as nearly all
# speech is, is as wide as it is long; anything else is measured.
_ONE_CELL = re.compile(
    r"[\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20ac]*"
)


def _width(text: str) -> int:
    return len(text) if _ONE_CELL.fullmatch(text) else cell_len(text)


def hanging(width: int, indent: int) -> int:
    """The indent of a row's wrapped lines at ``width``: none when it would leave less than
    the two cells a wide character needs."""
    return indent if width - indent >= 2 else 0


def wrap_offsets(text: str, width: int, indent: int = 0) -> list[tuple[int, int]]:
    """Where ``text`` breaks into lines of at most ``width`` cells, as (start, end) offsets.

    Lines after the first have ``width - indent`` cells (they are drawn indented); breaks fall
    between words, a word longer than a line is cut, and a newline always breaks. Spaces at a
    break belong to neither line.
    """
    narrow = _ONE_CELL.fullmatch(text.replace("\n", " ")) is not None
    if "\n" not in text and (len(text) if narrow else cell_len(text)) <= width:
        return [(0, len(text))]
    width = max(width, 1)
    rest = max(width - hanging(width, indent), 1)
    # One cell a character (accents included), as nearly all speech is: lengths are widths.
    lines = _narrow_lines(text, width, rest) if narrow else _wide_lines(text, width, rest)
    return [(a, a + len(text[a:b].rstrip(" "))) for a, b in lines]


def _narrow_lines(text: str, width: int, rest: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    offset = 0
    for piece in text.split("\n"):
        room = width if not lines else rest
        line_start, used, at = offset, 0, offset
        for word in piece.split(" "):
            size = len(word)
            if used and used + size > room:
                lines.append((line_start, at))
                line_start, used, room = at, 0, rest
            start = at
            while size > room - used:  # longer than a line: cut where the line is full
                start += room - used
                size -= room - used
                lines.append((line_start, start))
                line_start, used, room = start, 0, rest
            used += size + 1
            at += len(word) + 1
        lines.append((line_start, offset + len(piece)))
        offset += len(piece) + 1
    return lines


def _wide_lines(text: str, width: int, rest: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    offset = 0
    for piece in text.split("\n"):
        room = width if not lines else rest
        line_start, used = offset, 0
        for word in _WORDS.finditer(piece):
            begin, end = offset + word.start(), offset + word.end()
            bare_end = begin + len(word.group().rstrip())
            if used and used + _width(text[begin:bare_end]) > room:
                lines.append((line_start, begin))
                line_start, used, room = begin, 0, rest
            at = begin
            while _width(text[at:bare_end]) > room - used:
                # Longer than a line: cut where the line is full (one character at least).
                cut, cells = at, used
                while cut < bare_end and cells + _width(text[cut]) <= room:
                    cells += _width(text[cut])
                    cut += 1
                cut = max(cut, line_start + 1)
                lines.append((line_start, cut))
                line_start = at = cut
                used, room = 0, rest
            used += _width(text[at:end])
        lines.append((line_start, offset + len(piece)))
        offset += len(piece) + 1
    return lines


class TranscriptView(ScrollView, can_focus=True):
    """Rows of the call under their questions, with a cursor on one line of the transcript."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"transcript-view--cursor"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First line", show=False),
        Binding("end", "edge(1)", "Last line", show=False),
    ]

    #: The transcript line under the cursor, or None.
    cursor: reactive[int | None] = reactive(None, init=False, always_update=True)

    class Moved(Message):
        """The cursor moved to another line of the transcript."""

        def __init__(self, view: TranscriptView, line: int | None) -> None:
            super().__init__()
            self.view = view
            self.line = line

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[Row] = []
        self._wrapped: list[list[tuple[int, int]]] = []
        self._starts: list[int] = []  # the first screen line of each row
        self._row_of: dict[int, int] = {}  # transcript line -> its row
        self._lines: list[int] = []  # the transcript lines, in the order shown
        self._wrapped_at = -1
        self._strips: dict[tuple[int, int, bool], Strip] = {}
        self._contents: dict[int, Content] = {}  # rows made Content, while on screen

    # -- what is shown -----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row], cursor: int | None = None) -> None:
        """Show ``rows``, the cursor on transcript line ``cursor`` (else the first line)."""
        self._rows = list(rows)
        self._contents.clear()
        self._row_of = {row.line: at for at, row in enumerate(self._rows) if row.line is not None}
        self._lines = [row.line for row in self._rows if row.line is not None]
        self._wrapped_at = -1
        self._rewrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.cursor = cursor if cursor in self._row_of else next(iter(self._lines), None)

    def replace_row(self, row: Row) -> None:
        """Show a transcript line anew (a flag put on or taken off it)."""
        if row.line is None or row.line not in self._row_of:
            return
        at = self._row_of[row.line]
        self._rows[at] = row
        before = len(self._wrapped[at])
        self._wrapped[at] = wrap_offsets(row.text, self._wrap_width(), row.indent)
        self._contents.pop(at, None)
        if len(self._wrapped[at]) != before:
            self._count_lines()
        self._strips.clear()
        self.refresh()

    @property
    def rows(self) -> list[Row]:
        """The rows shown, in order."""
        return list(self._rows)

    @property
    def line_count(self) -> int:
        """How many transcript lines are shown."""
        return len(self._lines)

    @property
    def last_line(self) -> int | None:
        """The transcript line shown last (where End goes), or None."""
        return self._lines[-1] if self._lines else None

    # -- layout ------------------------------------------------------------------------------
    def _wrap_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _rewrap(self) -> None:
        if not self.scrollable_content_region.width:
            # Not laid out yet, or on a hidden tab: wrapped once it has a width (on_resize).
            self._wrapped = [[(0, len(r.text))] for r in self._rows]
            self._wrapped_at = -1
            self._count_lines()
            return
        width = self._wrap_width()
        if width == self._wrapped_at and len(self._wrapped) == len(self._rows):
            return
        self._wrapped_at = width
        self._wrapped = [wrap_offsets(r.text, width, r.indent) for r in self._rows]
        self._count_lines()

    def _count_lines(self) -> None:
        starts, total = [], 0
        for wrapped in self._wrapped:
            starts.append(total)
            total += len(wrapped)
        self._starts = starts
        self._strips.clear()
        self.virtual_size = Size(self._wrap_width(), total)

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()
        self.call_after_refresh(self._show_cursor)

    # -- drawing -----------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # A tab shown again is not always sent a Resize (see the Thank-you tab): wrap for the
        # width there is now, as OptionList measures its options here too.
        if self._wrapped_at != self._wrap_width() and self.scrollable_content_region.width:
            self._rewrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not self._starts or number >= self.virtual_size.height:
            return Strip.blank(width, self.get_visual_style().rich_style)
        at = bisect_right(self._starts, number) - 1
        part = number - self._starts[at]
        row = self._rows[at]
        on_cursor = row.line is not None and row.line == self.cursor
        key = (at, part, on_cursor)
        strip = self._strips.get(key)
        if strip is None:
            start, end = self._wrapped[at][part]
            content = self._contents.get(at)
            if content is None:
                if len(self._contents) > 4 * max(self.size.height, 10):
                    self._contents.clear()  # only what is near the screen is kept
                content = self._contents[at] = row.content
            piece = content[start:end]
            if part:
                piece = Content.assemble(" " * hanging(self._wrap_width(), row.indent), piece)
            style = (
                self.get_visual_style("transcript-view--cursor") if on_cursor else self.visual_style
            )
            [strip] = Visual.to_strips(self, piece, width, 1, style)
            strip = strip.extend_cell_length(width, style.rich_style)
            self._strips[key] = strip
        return strip

    # -- the cursor --------------------------------------------------------------------------
    def watch_cursor(self, old: int | None, new: int | None) -> None:
        self._strips = {k: v for k, v in self._strips.items() if not k[2]}
        self._show_cursor()
        self.refresh()
        if old != new:
            self.post_message(self.Moved(self, new))

    def _show_cursor(self) -> None:
        line = self.cursor
        if line is None or line not in self._row_of or not self._starts:
            return
        at = self._row_of[line]
        # Show the heading above the first line of a question too, when it fits.
        top = self._starts[at]
        if at >= 1 and self._rows[at - 1].line is None:
            top = self._starts[at - 1]
        height = self._starts[at] + len(self._wrapped[at]) - top
        self.scroll_to_region(
            Region(0, top, self._wrap_width(), height), animate=False, immediate=True
        )

    def action_move(self, step: int) -> None:
        if not self._lines:
            return
        if self.cursor not in self._row_of:
            self.cursor = self._lines[0]
            return
        where = self._lines.index(self.cursor) if self.cursor is not None else 0
        self.cursor = self._lines[max(0, min(len(self._lines) - 1, where + step))]

    def action_page(self, direction: int) -> None:
        if not self._lines or self.cursor not in self._row_of or self.cursor is None:
            return
        page = max(1, self.scrollable_content_region.height - 1)
        target = self._starts[self._row_of[self.cursor]] + direction * page
        target = max(0, min(self.virtual_size.height - 1, target))
        self.scroll_to(y=self.scroll_offset.y + direction * page, animate=False, immediate=True)
        self.cursor = self._line_near(target, direction)

    def action_edge(self, direction: int) -> None:
        if self._lines:
            self.cursor = self._lines[0 if direction < 0 else -1]

    def _line_near(self, screen_line: int, direction: int) -> int | None:
        """The transcript line at ``screen_line``, else the nearest one in ``direction``,
        else the nearest the other way."""
        at = bisect_right(self._starts, screen_line) - 1
        ahead = range(at, len(self._rows)) if direction > 0 else range(at, -1, -1)
        behind = range(at - 1, -1, -1) if direction > 0 else range(at + 1, len(self._rows))
        for index in chain(ahead, behind):
            if self._rows[index].line is not None:
                return self._rows[index].line
        return self.cursor

    def on_click(self, event: events.Click) -> None:
        number = self.scroll_offset.y + event.y
        if not self._starts or number >= self.virtual_size.height:
            return
        line = self._rows[bisect_right(self._starts, number) - 1].line
        if line is not None:
            self.cursor = line
