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


def test_a_call_opens_with_its_purpose_and_keeps_the_words_it_showed():
    from datetime import UTC, datetime

    from coach.core.clock import FakeClock
    from coach.core.interview import Interview, PlannedQuestion, QuestionPlan
    from coach.core.live import LiveCall

    interview = Interview(plan=QuestionPlan([], [PlannedQuestion("q1", "How did you start?")]))
    call = LiveCall(interview, FakeClock(datetime(2026, 3, 20, 15, tzinfo=UTC)), "Learn pay.")
    [start] = call.start()
    assert start.text.endswith("Purpose: Learn pay.")
    # The cue is kept as shown: a call resumed without the purpose still says it.
    again = LiveCall(Interview.from_dict(interview.to_dict()), call.clock)
    assert again.last_cue is not None and again.last_cue.text == start.text
