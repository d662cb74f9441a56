"""The one-line purpose the opening cue can carry."""

from __future__ import annotations

from coach.core.purpose import PURPOSE_CHARS, opening_cue, purpose_line


def test_the_purpose_is_the_first_sentence_of_the_goals():
    goals = "- Learn how analysts get into healthcare. Ask about pay.\n- Find a mentor"
    assert purpose_line(goals) == "Learn how analysts get into healthcare."


def test_without_goals_the_paths_question_or_title_says_it():
    assert purpose_line("", "Would I enjoy it more than teaching?") == (
        "Would I enjoy it more than teaching?"
    )
    assert purpose_line("  ", "", "UX research") == "To learn about UX research"
    assert purpose_line("") == ""


def test_a_long_purpose_is_cut_at_a_word_and_control_codes_are_gone():
    line = purpose_line("word \x1b[31m" * 40)
    assert len(line) <= PURPOSE_CHARS and line.endswith("word…")
    assert "\x1b" not in line


def test_the_opening_cue_carries_the_purpose_when_there_is_one():
    assert opening_cue(20, "Learn the entry routes.").endswith("Purpose: Learn the entry routes.")
    assert "Purpose" not in opening_cue(20, "")
