"""The thank-you draft reads as a short note a careful person would send, whatever the notes hold.

It must name the person, one specific thing from the call in the user's whole words (never cut
short), one action the user will take, mention an opening only when the user says so, end with
a sign-off and be due 24 hours after the call; the agenda uses the same due time.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core import debrief, thank_you
from coach.core.agenda import build_agenda
from coach.core.clock import FakeClock
from coach.core.interview import Flag, Interview, Note

ENDED = "2025-03-03T14:20:00+00:00"


def interview(
    notes: tuple[str, ...] = (),
    flags: tuple[tuple[str, str], ...] = (),
    name: str = "Ada Lovelace",
    org: str = "Engines Ltd",
) -> Interview:
    made = Interview(id="iv-thanks", contact_name=name, contact_org=org, status="ended")
    made.stage("live").ended = ENDED
    made.notes = [Note(None, 10.0 * i, text) for i, text in enumerate(notes)]
    made.flags = [Flag(kind, None, 20.0, text) for kind, text in flags]
    debrief.actions_from_advice(made, FakeClock(datetime(2025, 3, 3, 14, 25, tzinfo=UTC)))
    return made


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@pytest.mark.parametrize(
    ("note", "sentence"),
    [
        ("Most people move in from support roles", "support roles."),
        ("Most people move in from support roles.", "support roles."),
        ("Is the night shift the best way in?", "the best way in?"),
        ("They hire juniors every spring!", "every spring!"),
        ("Mentors matter more than titles,", "than titles."),
        ("Start in support (a year or two)", "(a year or two)."),
    ],
)
def test_the_point_from_the_notes_ends_as_one_sentence(note: str, sentence: str) -> None:
    text = thank_you.draft_thank_you(interview(notes=(note,)))
    point = paragraphs(text)[1]
    assert point.endswith(sentence)
    assert ".." not in text and "?." not in text and "!." not in text and ",." not in text


def test_a_quote_is_quoted_once_with_its_own_end_inside_the_marks() -> None:
    for typed in (
        "The job is mostly asking good questions",
        '"The job is mostly asking good questions."',
    ):
        text = thank_you.draft_thank_you(interview(flags=(("quote", typed),)))
        assert "something you said: “The job is mostly asking good questions.”" in text
        assert '"' not in text


def test_the_draft_names_them_one_thing_one_action_and_signs_off() -> None:
    text = thank_you.draft_thank_you(
        interview(
            notes=("Most people move in from support roles", "Talk to Grace Hopper"),
            flags=(
                ("referral", "Talk to Grace Hopper"),
                ("advice", "Take the evening course on data pipelines"),
            ),
        )
    )
    assert text == (
        "Dear Ada,\n\n"
        "Thank you for making the time to talk with me about your work at Engines Ltd. "
        "One thing you told me has stayed with me: most people move in from support roles.\n\n"
        "Following your advice, I will take the evening course on data pipelines. "
        "I'll write again to tell you how it goes.\n\n"
        "Warm regards,\n"
        f"{thank_you.SIGNATURE}"
    )


def test_the_point_is_never_the_action_already_promised() -> None:
    text = thank_you.draft_thank_you(
        interview(flags=(("advice", "Read the team blog"), ("advice", "Build a small pipeline")))
    )
    assert text.count("team blog") == 1 and text.count("small pipeline") == 1
    assert "I will read the team blog." in text
    assert "Your tip to build a small pipeline was especially useful." in text


def test_without_actions_the_note_still_promises_to_use_what_was_learned() -> None:
    text = thank_you.draft_thank_you(interview(notes=("They hire juniors",)))
    assert "I will put what I learned to use and let you know where it leads." in text
    assert "advice" not in text


def test_advice_that_is_not_an_instruction_is_kept_as_typed_after_a_colon() -> None:
    text = thank_you.draft_thank_you(interview(flags=(("advice", "Portfolio over degree"),)))
    assert "Your advice gave me a clear next step: Portfolio over degree." in text


def test_without_an_organisation_or_a_name_the_note_still_reads_well() -> None:
    text = thank_you.draft_thank_you(interview(notes=("They hire juniors",), name="", org=""))
    assert text.startswith(
        "Hello,\n\nThank you for making the time to talk with me about your work."
    )
    assert "Dear" not in text and "there" not in text


def test_a_title_is_greeted_with_the_surname() -> None:
    text = thank_you.draft_thank_you(interview(notes=("x",), name="Dr. Grace Hopper"))
    assert text.startswith("Dear Dr. Hopper,")


def test_the_sign_off_has_a_line_under_it() -> None:
    lines = thank_you.draft_thank_you(interview()).splitlines()
    assert lines[-2:] == ["Warm regards,", thank_you.SIGNATURE]


def test_bullets_and_lines_that_were_flagged_are_not_the_point() -> None:
    text = thank_you.draft_thank_you(
        interview(
            notes=("- Talk to Sam Lee\n- Budgets are set in January\n- Call me",),
            flags=(("referral", "Talk to Sam Lee"),),
        )
    )
    assert "stayed with me: budgets are set in January." in text
    assert "Sam Lee" not in text and "- " not in text


def test_the_thank_you_is_due_24_hours_after_the_call_in_the_debrief_and_the_agenda() -> None:
    made = interview(notes=("x",))
    thank_you.draft_thank_you(made)
    assert made.thank_you.due_at == "2025-03-04T14:20:00+00:00"
    doc = made.to_dict()
    [item] = build_agenda([], [doc], datetime(2025, 3, 3, 15, 0, tzinfo=UTC)).items
    assert item.kind == "thank-you"
    assert item.due.isoformat() == made.thank_you.due_at
    # A document saved before the due time was stored: the agenda falls back to the same rule.
    del doc["thank_you"]
    [item] = build_agenda([], [doc], datetime(2025, 3, 3, 15, 0, tzinfo=UTC)).items
    assert item.due.isoformat() == made.thank_you.due_at


def test_what_was_learned_comes_before_the_notes_and_after_a_flagged_quote() -> None:
    made = interview(notes=("bad week = pager twice at night",))
    made.debrief.learned = "\n- Most people enter through apprenticeships\nand more"
    assert thank_you.specific_point(made) == "Most people enter through apprenticeships"
    text = thank_you.thank_you_draft(made)
    assert "could not have read anywhere: most people enter through apprenticeships." in text
    assert "pager" not in text
    assert made.thank_you.text == ""  # drafting to look is not writing
    quoted = interview(flags=(("quote", "Curiosity beats credentials"),))
    quoted.debrief.learned = "Most people enter through apprenticeships"
    assert thank_you.specific_point(quoted) == "Curiosity beats credentials"


def test_a_saved_name_signs_the_note_instead_of_the_gap() -> None:
    lines = thank_you.draft_thank_you(interview(), "  Sam Rivera ").splitlines()
    assert lines[-2:] == ["Warm regards,", "Sam Rivera"]
    # A name is one line of plain text, whatever was pasted.
    lines = thank_you.thank_you_draft(interview(), "Sam\nRivera\x1b[31m").splitlines()
    assert lines[-1] == "Sam Rivera"
    assert thank_you.thank_you_draft(interview(), "   ").splitlines()[-1] == thank_you.SIGNATURE


def learned(text: str, **made: object) -> Interview:
    """An interview whose debrief says ``text`` under "what did I learn"."""
    result = interview(**made)  # type: ignore[arg-type]
    result.debrief.learned = text
    return result


def point_of(text: str) -> str:
    """The sentence of the note that carries the specific point."""
    return paragraphs(text)[1].split(". ", 1)[1]


# What a newcomer typed after a long call: one long sentence, a list in brackets and two clauses.
LONG_LEARNED = (
    "My teaching experience (explaining hard ideas to beginners, planning a whole term of "
    "lessons, reading a room that has lost the thread) counts for far more in instructional "
    "design than I had assumed, and most teams would rather teach a teacher the tools than "
    "teach a tools person to teach."
)


def test_a_long_learned_text_is_never_cut_and_a_whole_clause_of_it_is_the_point() -> None:
    text = thank_you.thank_you_draft(learned(LONG_LEARNED))
    assert "…" not in text and "(explaining" not in text
    assert point_of(text) == (
        "I came away knowing something I could not have read anywhere: most teams would rather "
        "teach a teacher the tools than teach a tools person to teach."
    )


def test_of_several_sentences_learned_the_first_that_says_something_is_the_point() -> None:
    made = learned(
        "Great call. Most budgets are set in January, so spring is when teams add people. "
        "I should write again in March."
    )
    assert thank_you.specific_point(made) == (
        "Most budgets are set in January, so spring is when teams add people."
    )
    assert point_of(thank_you.thank_you_draft(made)).endswith(
        "anywhere: most budgets are set in January, so spring is when teams add people."
    )


def test_a_sentence_too_long_to_split_is_kept_whole_rather_than_cut() -> None:
    run_on = (
        "Every analyst on the team started in customer support where they learned the product "
        "inside out before anyone let them near the reporting work that the rest of the "
        "company depends on every single morning"
    )
    text = thank_you.thank_you_draft(learned(run_on))
    assert f"anywhere: {thank_you.after_colon(run_on)}." in text
    assert "…" not in text


@pytest.mark.parametrize(
    ("typed", "after_colon"),
    [
        ("Most people enter through apprenticeships.", "most people enter through"),
        ("The night shift is the usual way in.", "the night shift is"),
        ("Priya's team hires from customer support.", "Priya's team hires"),
        ("Python is enough for the first year.", "Python is enough"),
        ("I had no idea budgets are set in January.", "I had no idea"),
        ("I'm more interested than before.", "I'm more interested"),
        ("Budgets are set in January.", "budgets are set"),
        ("SQL matters more than any course.", "SQL matters more"),
        ("McKinsey alumni run half the teams.", "McKinsey alumni"),
    ],
)
def test_the_users_words_after_a_colon_lose_a_capital_only_where_no_name_can_be_meant(
    typed: str, after_colon: str
) -> None:
    text = thank_you.thank_you_draft(learned(typed))
    assert f"could not have read anywhere: {after_colon}" in text


def test_a_long_quote_is_quoted_by_a_whole_sentence_of_theirs() -> None:
    said = (
        "Curiosity beats credentials. Nobody on my team cared where I studied once they saw how "
        "I took a problem apart, asked the dull questions and wrote down what I found out."
    )
    text = thank_you.thank_you_draft(interview(flags=(("quote", said),)))
    assert "something you said: “Curiosity beats credentials.”" in text
    assert "…" not in text


def test_a_long_note_gives_a_whole_sentence_that_fits_else_its_main_clause() -> None:
    long = (
        "Hiring managers care far more about one finished project than a list of courses, and "
        "they look at how you explain the trade-offs you made along the way, which most people "
        "leave out."
    )
    text = thank_you.thank_you_draft(interview(notes=(long,)))
    assert point_of(text) == (
        "One thing you told me has stayed with me: hiring managers care far more about one "
        "finished project than a list of courses."
    )
    # A whole sentence that fits, even a short one, is fuller than part of a longer one.
    text = thank_you.thank_you_draft(interview(notes=(long, "Budgets are set in January.")))
    assert point_of(text) == "One thing you told me has stayed with me: budgets are set in January."


def test_a_long_action_is_promised_by_its_first_whole_sentence() -> None:
    advice = (
        "Take the evening course on data pipelines. It runs on Tuesdays from September and most "
        "employers cover the fees if you ask early enough in the year."
    )
    text = thank_you.thank_you_draft(interview(flags=(("advice", advice),)))
    assert "Following your advice, I will take the evening course on data pipelines. I'll " in (
        text
    )
    assert "…" not in text and "Tuesdays" not in text


def test_sentences_end_at_their_marks_but_not_after_an_abbreviation_or_an_initial() -> None:
    assert thank_you.sentences("Dr. Hopper said e.g. Python is enough. J. Smith agreed! Ok?") == [
        "Dr. Hopper said e.g. Python is enough.",
        "J. Smith agreed!",
        "Ok?",
    ]
    assert thank_you.sentences("“It depends.” Then she laughed.") == [
        "“It depends.”",
        "Then she laughed.",
    ]


def test_clauses_split_at_their_punctuation_but_never_inside_brackets() -> None:
    assert thank_you.clauses(
        "Teams (data, platform; ops) hire late; budgets come first, but spring is busy"
    ) == ["Teams (data, platform; ops) hire late", "budgets come first", "spring is busy"]


OPENING = (("opening", "they are hiring juniors in spring"),)


def test_an_opening_is_mentioned_only_when_the_user_says_yes() -> None:
    quiet = thank_you.draft_thank_you(interview(flags=OPENING))
    assert "apply" not in quiet and "opening" not in quiet
    # Nor is the flagged line the point: mentioning the opening at all is the user's choice.
    assert "hiring" not in quiet

    said = thank_you.draft_thank_you(interview(flags=OPENING), mention_opening=True)
    assert paragraphs(said)[2] == (
        "I will put what I learned to use and let you know where it leads. "
        "Our conversation confirmed my interest in joining Engines Ltd, and I would like to "
        "apply for the opening you mentioned."
    )
    assert said.count("apply") == 1 and "hiring" not in said

    nowhere = thank_you.thank_you_draft(interview(flags=OPENING, org=""), mention_opening=True)
    assert "confirmed my interest in this work, and I would like to apply" in nowhere
    assert " at ." not in nowhere and "joining" not in nowhere


def test_without_an_opening_flagged_a_yes_adds_nothing() -> None:
    made = interview(notes=("Most people move in from support roles",))
    assert not thank_you.has_opening(made)
    assert thank_you.thank_you_draft(made, mention_opening=True) == thank_you.thank_you_draft(made)
    assert thank_you.has_opening(interview(flags=OPENING))


# Words and the marks between them, as a hurried person types: any mix must give a whole point.
TYPED_WORD = st.sampled_from(
    ["Most", "people", "the", "Priya", "I", "team", "hires", "(from", "support)", "in", "May"]
).flatmap(lambda word: st.sampled_from(["", ",", ".", ";", "!", " -", ":"]).map(word.__add__))


@given(st.lists(TYPED_WORD, min_size=1, max_size=80))
def test_whatever_is_typed_the_point_is_whole_words_of_it_never_cut(words: list[str]) -> None:
    typed = " ".join(words)
    made = learned(typed)
    point = thank_you.specific_point(made)
    # Whole words: the point starts and ends where the typed words do.
    whole = re.escape(point.strip(" .,;:!?-"))
    assert point and re.search(rf"(^|\s){whole}($|[\s.,;:!?-])", " ".join(typed.split()))
    text = thank_you.thank_you_draft(made)
    assert "…" not in text
    assert point_of(text)[-1] in ".!?"
