"""The self-introduction: 30–60 seconds on who you are and what you are exploring."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# A relaxed speaking pace; most people speak a little faster when nervous, so this errs long.
WORDS_PER_MINUTE = 150
LONGEST_SECONDS = 60
SHORTEST_SECONDS = 30

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


@dataclass(frozen=True)
class IntroEstimate:
    """How long an introduction takes to say, and whether it is worth trimming."""

    words: int
    seconds: float

    @property
    def too_long(self) -> bool:
        """True past 60 seconds spoken."""
        return self.seconds > LONGEST_SECONDS

    @property
    def label(self) -> str:
        """A short line for the screen, e.g. ``"112 words · about 45 s spoken"``.

        Seconds are rounded up, so a length past 60 s never reads as "about 60 s".
        """
        noun = "word" if self.words == 1 else "words"
        return f"{self.words} {noun} · about {math.ceil(self.seconds)} s spoken"

    @property
    def advice(self) -> str:
        """What to do about the length (empty when it is fine or nothing is written yet)."""
        if self.too_long:
            return (
                f"Over {LONGEST_SECONDS} s when spoken: keep your interests, one line of "
                "experience and what you are exploring; cut the rest."
            )
        if 0 < self.seconds < SHORTEST_SECONDS:
            return "Under 30 s: say what you are exploring and why you chose them."
        return ""


def count_words(text: str) -> int:
    """Words as a listener hears them ("don't" and "e-mail" are one word each)."""
    return len(_WORD.findall(text))


def estimate(text: str) -> IntroEstimate:
    """Word count and spoken length of ``text`` at :data:`WORDS_PER_MINUTE`."""
    words = count_words(text)
    return IntroEstimate(words=words, seconds=words * 60 / WORDS_PER_MINUTE)
