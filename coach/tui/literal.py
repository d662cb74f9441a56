"""Outside text on screen: always plain content, never markup, never control codes."""

from __future__ import annotations

from textual.content import Content

from coach.core.text import clean


def literal(text: str | None, *, style: str = "") -> Content:
    """Content that shows ``text`` exactly as written: `[bold]` stays as typed, ESC is dropped."""
    content = Content(clean(text or ""))
    return content.stylize(style) if style else content
