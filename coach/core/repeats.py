"""Questions that ask the same thing: built-in repeats listed by kind, others by wording.

When two question sets are combined, a plan can ask one thing twice in different words. The
Prepare screen points such pairs out (see `repeats_in`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coach.core.interview import PlannedQuestion

# -- questions that ask the same thing ---------------------------------------------------------
#
# Two sets combined often ask one thing twice in different words: "How did you end up in this
# field?" and "How did you come to be doing the work you do now?" share no word but "how", so
# no count of shared words can find them without also pairing questions that merely share
# "work" or "field". The built-in sets are written in deliberately varied words, so their
# repeats are listed here by hand, as kinds of question, from a reading of every set (the
# practice set is left out: its questions are about a hobby, never combined with a real call).
# Questions of one's own and of the user's sets are not in this list; for them, and for any
# pair the list does not join, near-identical wording (most of the meaningful words shared)
# is the sign. A built-in question written later that asks what another set already asks
# belongs in a kind here.


@dataclass(frozen=True)
class QuestionKind:
    """One thing several built-in questions ask, in words that follow "Questions 2 and 7 ask"."""

    asks: str
    ids: frozenset[str]


def _kind(asks: str, *ids: str) -> QuestionKind:
    return QuestionKind(asks, frozenset(ids))


_FULL_SETS = (
    "career-changer",
    "company-deep-dive",
    "field-pay-and-paths",
    "first-conversation",
    "student",
    "tiara",
)

QUESTION_KINDS: tuple[QuestionKind, ...] = (
    _kind(
        "how they came to this work",
        "first-conversation/path-how-started",
        "career-changer/switch-own-path",
        "student/path-first-job",
    ),
    _kind(
        "what they would do in your place",
        "first-conversation/advice-in-my-place",
        "tiara/advice-in-my-place",
        "student/study-use-the-time",
    ),
    _kind(
        "how people get into the field",
        "first-conversation/entry-routes",
        "career-changer/entry-realistic-routes",
        "student/entry-best-routes",
    ),
    _kind(
        "what outsiders get wrong",
        "first-conversation/work-misconception",
        "career-changer/realities-day",
    ),
    _kind(
        "what a week is like",
        "first-conversation/work-typical-week",
        "company-deep-dive/work-rhythm",
    ),
    _kind(
        "who thrives and who does not",
        "first-conversation/rewards-who-thrives",
        "company-deep-dive/culture-who-thrives",
    ),
    _kind(
        "what frustrates people",
        "first-conversation/frustrations-hardest",
        "company-deep-dive/culture-frustrations",
    ),
    _kind(
        "where the field is heading",
        "first-conversation/trends-direction",
        "tiara/trends-five-years",
    ),
    _kind(
        "what a career looks like",
        "first-conversation/paths-and-ranges",
        "field-pay-and-paths/paths-typical-shape",
    ),
    _kind(
        "about pay ranges by stage",
        "first-conversation/paths-and-ranges",
        "field-pay-and-paths/pay-ranges-by-stage",
    ),
    _kind(
        "how people move up",
        "company-deep-dive/growth-taking-on-more",
        "field-pay-and-paths/prog-next-level",
    ),
    _kind(
        "where people move on to",
        "company-deep-dive/growth-where-people-go",
        "field-pay-and-paths/paths-branches",
    ),
    _kind(
        "for a project to try",
        "tiara/assignments-try",
        "career-changer/learn-trial-project",
        "student/study-side-project",
    ),
    _kind("where people meet", "tiara/resources-gatherings", "student/study-communities"),
    _kind("what makes a newcomer stand out", "tiara/advice-stand-out", "student/entry-stand-out"),
    # Every full set closes with the same three asks in its own words.
    _kind("what you should have asked", *(f"{s}/closing-missed" for s in _FULL_SETS)),
    _kind("whom else to talk to", *(f"{s}/closing-referrals" for s in _FULL_SETS)),
    _kind(
        "whether you may report back",
        "first-conversation/closing-keep-in-touch",
        *(f"{s}/closing-report-back" for s in _FULL_SETS if s != "first-conversation"),
    ),
)

# Words that carry no meaning of their own in a question, left out when comparing wording.
# fmt: off
_PLAIN_WORDS = frozenset({
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "anyone", "anything", "are",
    "as", "at", "be", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does",
    "doing", "everyone", "everything", "for", "from", "get", "got", "had", "has", "have", "how",
    "i", "if", "in", "into", "is", "it", "its", "just", "like", "make", "may", "me", "more", "most",
    "much", "my", "no", "not", "nothing", "now", "of", "on", "or", "other", "our", "out", "over",
    "own", "people", "really", "so", "some", "someone", "something", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "up", "us", "very",
    "was", "way", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your",
    # Said of nearly everything in a question about work, so they tell two apart by nothing.
    "actually", "field", "usually", "work",
})
# fmt: on
# Near-identical wording: at least this many meaningful words shared, and this share of the
# shorter question's meaningful words. Read against every pair of built-in sets: the threshold
# finds only their "what should I have asked?" repeats, never two questions that merely share
# a couple of words.
_SHARED_WORDS = 2
_SHARED_SHARE = 0.8
_WORDS = re.compile(r"[a-z]+(?:['’][a-z]+)?")


def _stem(word: str) -> str:
    # Enough to match "asks" with "asked" and "changes" with "changing"; not a real stemmer.
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def meaningful_words(text: str) -> frozenset[str]:
    """The words of a question that say what it asks, in a form that compares across wording."""
    return frozenset(
        _stem(word) for word in _WORDS.findall(text.casefold()) if word not in _PLAIN_WORDS
    )


def worded_alike(first: str, second: str) -> bool:
    """True when two questions are worded nearly alike (most of their meaningful words shared)."""
    return _alike(meaningful_words(first), meaningful_words(second))


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= _SHARED_WORDS and shared >= _SHARED_SHARE * min(len(a), len(b))


@dataclass(frozen=True)
class Repeat:
    """Questions of one plan, from different sets (or one's own), that ask much the same.

    ``numbers`` are their places in the plan, counted from 1 as the plan list shows them;
    ``asks`` says what they ask, or is empty when only their wording shows it.
    """

    numbers: tuple[int, ...]
    ids: tuple[str, ...]
    asks: str = ""

    @property
    def warning(self) -> str:
        """One line for the budget: which questions, what they ask, and what to do."""
        *rest, last = (str(n) for n in self.numbers)
        which = f"Questions {', '.join(rest)} and {last}"
        if not self.asks:
            return f"{which} ask much the same: keep one."
        both = "both" if len(self.numbers) == 2 else "all"
        return f"{which} {both} ask {self.asks}: keep one."


def repeats_in(questions: Iterable[PlannedQuestion]) -> list[Repeat]:
    """The questions that ask much the same thing as another from a different source.

    Built-in questions of one :class:`QuestionKind` form one repeat (when they come from two
    sets or more); any other two questions from different sources whose wording is nearly alike
    form one too, joined with whatever else they repeat. In the order of the plan.
    """
    listed = list(questions)
    groups: list[tuple[list[int], str]] = []
    joined: set[frozenset[int]] = set()
    for kind in QUESTION_KINDS:
        places = [i for i, q in enumerate(listed) if q.id in kind.ids]
        if len({listed[i].source for i in places}) > 1:
            groups.append((places, kind.asks))
            joined.update(frozenset((a, b)) for a in places for b in places if a < b)
    # Wording alone: the pairs the kinds did not already join, merged into groups.
    owner = list(range(len(listed)))

    def root(i: int) -> int:
        while owner[i] != i:
            i = owner[i]
        return i

    words = [meaningful_words(q.text) for q in listed]
    alike: set[int] = set()
    for a, first in enumerate(listed):
        for b in range(a + 1, len(listed)):
            if first.source == listed[b].source or frozenset((a, b)) in joined:
                continue
            if _alike(words[a], words[b]):
                owner[root(b)] = root(a)
                alike.update((a, b))
    by_root: dict[int, list[int]] = {}
    for i in sorted(alike):
        by_root.setdefault(root(i), []).append(i)
    groups.extend((places, "") for places in by_root.values())
    groups.sort(key=lambda group: group[0])
    return [
        Repeat(tuple(i + 1 for i in places), tuple(listed[i].id for i in places), asks)
        for places, asks in groups
    ]
