"""coach's screens, one a module."""

from pathlib import Path

#: The rules of every screen but Home. Each of those screens names this file in its CSS_PATH:
#: Textual reads it when the first of them opens, and the start-up, which shows only Home,
#: never parses it (it is most of the stylesheet). The app also loads it once Home has settled.
SCREEN_RULES = Path(__file__).resolve().parent.parent / "screens.tcss"
