"""The thank-you draft reads as a short note a careful person would send, whatever the notes hold.

It must name the person, one specific thing from the notes, one action the user will take, end
with a sign-off and be due 24 hours after the call; the agenda uses the same due time.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

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


def test_a_long_note_is_cut_at_a_word_boundary_with_an_ellipsis() -> None:
    long = "Hiring managers " + "really value a small portfolio project " * 8
    text = thank_you.draft_thank_you(interview(notes=(long,)))
    point = paragraphs(text)[1].split("stayed with me: ", 1)[1]
    assert point.endswith("…") and not point.endswith(" …")
    kept = point.removesuffix("…")
    assert len(kept) < thank_you.POINT_LIMIT
    assert long.startswith(kept) and long[len(kept)] == " "  # cut between two words


def test_trim_words_keeps_short_text_and_cuts_long_text_between_words() -> None:
    assert thank_you.trim_words("  short   and   sweet ") == "short and sweet"
    assert thank_you.trim_words("one two three four", limit=12) == "one two…"
    assert thank_you.trim_words("one, two three", limit=8) == "one…"
    assert thank_you.trim_words("unbreakablewordhere", limit=8) == "unbreak…"


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
        "One thing you told me has stayed with me: Most people move in from support roles.\n\n"
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


def test_an_opening_confirms_the_interest_in_applying_in_the_note_only() -> None:
    flags = (("opening", "they are hiring juniors in spring"),)
    text = thank_you.draft_thank_you(interview(flags=flags))
    assert text.count("apply") == 1
    assert "confirmed my interest in joining Engines Ltd" in text
    assert "the opening you mentioned." in text
    assert "hiring juniors in spring." in text  # the only specific thing there is

    text = thank_you.draft_thank_you(interview(flags=flags, org=""))
    assert "confirmed my interest in this work, and I would like to apply" in text
    assert " at ." not in text and "joining" not in text


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
    assert "stayed with me: Budgets are set in January." in text
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
    assert "could not have read anywhere: Most people enter through apprenticeships." in text
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
