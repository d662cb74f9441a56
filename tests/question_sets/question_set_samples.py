"""Shared by the question-set tests: a small valid set to start from, and loading text directly."""

from __future__ import annotations

from coach.core.question_sets import LoadedSet, load_set

VALID_SET = """\
id: practice
title: Practice run
minutes: 10
sections:
  - id: start
    title: Getting going
    questions:
      - id: how-started
        text: How did you first get into this hobby?
        priority: must
        minutes: 3
      - id: best-advice
        text: What do you wish someone had told you at the start?
        probes: ['Why that?', 'When did you learn it?']
        tags: [advice]
"""


def load_text(text: str, source: str = "set.yaml") -> LoadedSet:
    """Load a set from YAML text, as the loader would from a file's bytes."""
    return load_set(text.encode("utf-8"), source)


def messages(result: LoadedSet) -> list[str]:
    """Every problem as it is printed: FILE:LINE:COL: PATH: MESSAGE."""
    return [str(problem) for problem in result.problems]
