"""Small plots drawn with block characters, each with its numbers written beside it.

Plain functions that return Content, so a Static shows them and a snapshot is exact: people
who would rather look than read see the shape, and the numbers are there for everyone else
(and for screen readers, which read the text).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from coach.tui.literal import literal

# Eighths of a cell, for bars that grow left to right and columns that grow upwards.
_ACROSS = " ▏▎▍▌▋▊▉█"
_UP = " ▁▂▃▄▅▆▇█"
# Interest 1-5 as a spark: one cell each, so a path's whole history fits on one line.
_SPARK = "▁▃▄▆█"


def bars(rows: Sequence[tuple[str, float]], width: int, *, style: str = "$text-accent") -> Content:
    """One line per row: the label, a bar as long as its share of the largest value, and the
    number. ``width`` is the whole line's width."""
    if not rows:
        return Content("")
    label_width = max(len(label) for label, _ in rows)
    numbers = [_number(value) for _, value in rows]
    number_width = max(len(n) for n in numbers)
    room = max(4, width - label_width - number_width - 4)
    top = max((value for _, value in rows), default=0) or 1
    lines = []
    for (label, value), number in zip(rows, numbers, strict=True):
        eighths = round(max(0.0, value) / top * room * 8)
        bar = "█" * (eighths // 8) + (_ACROSS[eighths % 8] if eighths % 8 else "")
        lines.append(
            Content.assemble(
                f"{label:<{label_width}}  ",
                Content.styled(f"{bar:<{room}}", style),
                f"  {number:>{number_width}}",
            )
        )
    return Content("\n").join(lines)


def columns(
    values: Sequence[int],
    labels: Sequence[str],
    *,
    height: int = 5,
    width: int = 80,
    style: str = "$text-accent",
) -> Content:
    """A column per value, ``height`` rows tall, with each value written under its column and
    its label under that: conversations per week, say. Columns narrow to fit ``width``
    (then every other label shows)."""
    widest = max([len(label) for label in labels] + [len(str(v)) for v in values] + [2])
    cell = max(2, min(widest + 1, width // max(1, len(values))))
    top = max(values or [0]) or 1
    rows: list[Content] = []
    for level in range(height, 0, -1):
        cells = []
        for value in values:
            eighths = round(value / top * height * 8) - (level - 1) * 8
            mark = "█" if eighths >= 8 else _UP[max(0, eighths)]
            cells.append(f"{mark * (cell - 1):<{cell}}")
        rows.append(Content.styled("".join(cells).rstrip() or " ", style))
    rows.append(Content("".join(f"{value:<{cell}}" for value in values).rstrip()))
    rows.append(Content.styled(_label_line(labels, cell), "dim"))
    return Content("\n").join(rows)


def _label_line(labels: Sequence[str], cell: int) -> str:
    """Each label under its column; when they do not all fit, every other one (a label then
    runs into the blank cell beside it), never a label cut short."""
    if all(len(label) < cell for label in labels):
        return "".join(f"{label:<{cell}}" for label in labels).rstrip()
    line = ""
    for index, label in enumerate(labels):
        if index % 2 == 0:
            line = f"{line:<{index * cell}}{label[: 2 * cell - 1]}"
    return line.rstrip()


def interest_spark(points: Sequence[int]) -> Content:
    """Interest from 1 to 5 over time as one cell each, then the numbers ("▃▆  3 → 4")."""
    if not points:
        return Content.styled("no interest recorded yet", "dim")
    spark = "".join(_SPARK[min(5, max(1, p)) - 1] for p in points)
    return Content.assemble(
        Content.styled(spark, "$text-accent"), "  ", " → ".join(str(p) for p in points)
    )


def labelled(label: str, value: Content) -> Content:
    """``label`` (outside text, shown as written) then ``value``."""
    return Content.assemble(literal(label, style="bold"), "  ", value)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else f"{value:.0f}"
