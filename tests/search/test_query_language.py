"""The query language on a small hand-made history, without any UI or disk."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search_samples import PATHS, contacts, interviews, transcripts

from coach.core.search import (
    MAX_QUERY_CHARS,
    Query,
    QueryProblem,
    SearchResults,
    fold,
    searchable,
)
from coach.core.search_index import SearchIndex, build_index


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    people = {c["id"]: c for c in contacts()}
    spoken = {t["interview_id"]: t for t in transcripts()}
    return build_index(
        [
            searchable(doc, contact=people.get(doc["contact_id"]), transcript=spoken.get(doc["id"]))
            for doc in interviews()
        ],
        PATHS,
    )


def found(index: SearchIndex, query: str, **options: bool) -> list[tuple[str, str]]:
    """(interview, field) of every match, in result order."""
    results = index.search(query, limit=None, **options)
    assert results.problem is None, results.problem
    assert results.total == len(results.matches)
    return [(m.interview_id[:4], m.field) for m in results.matches]


def problem(index: SearchIndex, query: str) -> str:
    results = index.search(query)
    assert results.matches == () and results.total == 0
    assert results.problem, f"{query!r} was accepted"
    return results.problem


# -- words, phrases, exclusion, prefix -------------------------------------------------------


def test_one_word_finds_every_field_it_is_in_newest_conversation_first(index: SearchIndex) -> None:
    assert found(index, "portfolio") == [
        ("dana", "notes"),
        ("dana", "flags"),
        ("dana", "transcript"),
        ("dana", "debrief"),  # "Portfolios": the last word also matches as a prefix
        ("dana", "actions"),
        ("dana", "thank_you"),
        ("ana0", "notes"),
    ]


def test_every_word_must_appear_in_the_same_field(index: SearchIndex) -> None:
    assert found(index, "portfolio degree") == [("dana", "notes")]
    # "hospitals" is in Dana's debrief, "degree" in her notes: no single field has both.
    assert found(index, "degree hospitals") == []


def test_a_phrase_needs_its_words_side_by_side_in_that_order(index: SearchIndex) -> None:
    assert found(index, '"typical week"') == [("luis", "notes"), ("dana", "notes")]
    assert found(index, '"week typical"') == []
    # As loose words "typical" and "reviews" are both in Dana's notes; as a phrase they are not.
    assert found(index, "typical reviews") == [("dana", "notes")]
    assert found(index, '"typical reviews"') == []


def test_a_phrase_does_not_run_from_one_note_into_the_next(index: SearchIndex) -> None:
    # Dana's first note ends "degree." and her second begins "A typical".
    assert found(index, '"degree a typical"') == []


def test_punctuation_between_words_does_not_break_a_phrase(index: SearchIndex) -> None:
    assert found(index, '"typical week two days"') == [("dana", "notes")]
    assert found(index, "co-op") == [("luis", "notes")]


def test_a_minus_word_leaves_out_the_fields_that_contain_it(index: SearchIndex) -> None:
    assert found(index, "typical -reviews") == [("luis", "notes")]
    # "portfolio" is not the last word here, so "Portfolios" in the debrief does not count.
    assert found(index, 'portfolio -"site" -page -degree') == [
        ("dana", "transcript"),
        ("dana", "thank_you"),
        ("ana0", "notes"),
    ]


def test_the_last_word_also_matches_the_start_of_a_longer_word(index: SearchIndex) -> None:
    assert found(index, "portf") == found(index, "portfolio")
    assert found(index, "hiring analy") == [("luis", "flags")]
    assert found(index, "hiring analyst") == [("luis", "flags")]
    # Only the last word grows: "portf" earlier in the query must be a whole word.
    assert found(index, "portf site") == []
    assert found(index, "site portf") == [("dana", "flags")]


def test_a_word_being_typed_grows_inside_a_phrase_too(index: SearchIndex) -> None:
    assert found(index, "team spo") == [("dana", "flags")]
    assert found(index, "co-o") == [("luis", "notes")]


def test_case_and_accents_never_matter(index: SearchIndex) -> None:
    assert found(index, "cafe") == [("luis", "notes")]
    assert found(index, "CAFÉ") == [("luis", "notes")]
    assert found(index, "resumes") == [("dana", "debrief")]
    assert found(index, "zoe", include_practice=True) == []  # names are not text fields
    assert found(index, "person:zoe", include_practice=True) == [("zoe0", "notes")]


def test_fold_removes_case_and_accents_but_keeps_letters_that_do_not_decompose() -> None:
    assert fold("Café Zoë Straße") == "cafe zoe strasse"
    assert fold("Ørsted") == "ørsted"


# -- filters ---------------------------------------------------------------------------------


def test_person_matches_the_start_of_any_word_of_the_name(index: SearchIndex) -> None:
    assert found(index, "person:dana portfolio")[0] == ("dana", "notes")
    assert {i for i, _ in found(index, "person:whit")} == {"dana"}
    assert {i for i, _ in found(index, 'person:"dana whit"')} == {"dana"}
    assert found(index, 'person:"dana ortega"') == []


def test_person_also_finds_the_contacts_current_name(index: SearchIndex) -> None:
    # The interview kept "Dana Whitfield"; the contact is now Dana Whitfield-Okafor.
    assert {i for i, _ in found(index, "person:okafor")} == {"dana"}


def test_org_filter_ignores_accents_and_case(index: SearchIndex) -> None:
    assert {i for i, _ in found(index, "org:cafe")} == {"dana"}
    assert {i for i, _ in found(index, 'org:"blue harb"')} == {"luis"}


def test_path_filter_finds_the_conversations_on_that_path(index: SearchIndex) -> None:
    assert found(index, "path:health portfolio") == [
        ("dana", "notes"),
        ("dana", "flags"),
        ("dana", "transcript"),
        ("dana", "debrief"),
        ("dana", "actions"),
        ("dana", "thank_you"),
        ("ana0", "notes"),
    ]
    assert {i for i, _ in found(index, "path:teaching")} == {"luis"}
    assert found(index, "path:nowhere") == []


def test_flag_filter_looks_only_in_lines_flagged_that_way(index: SearchIndex) -> None:
    assert found(index, "flag:advice portfolio") == [("dana", "flags")]
    assert found(index, "flag:quote portfolio") == []
    assert found(index, "flag:opening") == [("luis", "flags")]
    results = index.search("flag:quote")
    assert results.matches[0].snippet.text == "Data is a team sport"
    # Two kinds at once are alternatives.
    assert found(index, "flag:quote flag:referral") == [("dana", "flags"), ("dana", "flags")]


def test_since_keeps_conversations_on_or_after_that_day(index: SearchIndex) -> None:
    assert {i for i, _ in found(index, "since:2026-03-02 portfolio")} == {"dana"}
    assert {i for i, _ in found(index, "since:2026-03-03")} == {"luis", "sam0"}


def test_a_minus_before_a_filter_turns_it_round(index: SearchIndex) -> None:
    assert {i for i, _ in found(index, "portfolio -person:dana")} == {"ana0"}
    # A filter typed after it: "portfolio" is complete, so "Portfolios" does not count.
    assert found(index, "portfolio -flag:advice -person:ana") == [
        ("dana", "notes"),
        ("dana", "transcript"),
        ("dana", "actions"),
        ("dana", "thank_you"),
    ]


def test_practice_runs_are_left_out_unless_asked_for(index: SearchIndex) -> None:
    assert "zoe0" not in {i for i, _ in found(index, "portfolio")}
    assert ("zoe0", "notes") in found(index, "portfolio", include_practice=True)


def test_a_planned_conversation_is_dated_by_when_it_is_scheduled(index: SearchIndex) -> None:
    match = index.search("rhythm").matches[0]
    assert (match.interview_id, match.field, match.date) == ("sam000000005", "goals", "2026-06-01")


def test_transcripts_are_searched_and_reported_as_such(index: SearchIndex) -> None:
    match = index.search("hired").matches[0]
    assert (match.field, match.snippet.marked()) == (
        "transcript",
        "Honestly, the portfolio is what got me «hired».",
    )


# -- results ---------------------------------------------------------------------------------


def test_the_snippet_marks_every_match_in_the_line(index: SearchIndex) -> None:
    match = index.search("portfolio degree").matches[0]
    assert match.person == "Dana Whitfield" and match.date == "2026-03-02"
    assert match.snippet.text == "She said a portfolio matters more than a degree."
    assert match.snippet.marked() == "She said a «portfolio» matters more than a «degree»."
    for start, end in match.snippet.spans:
        assert fold(match.snippet.text[start:end]) in {"portfolio", "degree"}


def test_the_span_points_at_the_accented_word_as_written(index: SearchIndex) -> None:
    match = index.search("cafe").matches[0]
    ((start, end),) = match.snippet.spans
    assert match.snippet.text[start:end] == "café"


def test_a_long_text_is_cut_to_one_line_around_the_match() -> None:
    long_note = ("filler words here " * 20) + "the key insight\nwas mentoring " + "more " * 40
    index = build_index(
        [searchable({"id": "x", "notes": [{"text": long_note}], "created_at": "2026-01-01"})]
    )
    snippet = index.search("insight").matches[0].snippet
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert "\n" not in snippet.text and len(snippet.text) <= 102
    assert "«insight»" in snippet.marked()


def test_the_limit_keeps_the_first_results_and_the_total_counts_all(index: SearchIndex) -> None:
    results = index.search("portfolio", limit=2)
    assert results.total == 7
    assert [m.field for m in results.matches] == ["notes", "flags"]


def test_results_carry_the_json_shape_of_the_command(index: SearchIndex) -> None:
    shape = index.search("degree").to_dict()
    assert shape == {
        "query": "degree",
        "total": 1,
        "results": [
            {
                "interview_id": "dana00000001",
                "person": "Dana Whitfield",
                "date": "2026-03-02",
                "field": "notes",
                "snippet": "She said a portfolio matters more than a degree.",
            }
        ],
    }


def test_markup_and_escape_sequences_in_notes_come_back_as_plain_text() -> None:
    doc = {
        "id": "x",
        "contact_name": "[bold]Eve[/]",
        "notes": [{"text": "ask about [@click=app.quit]pay\x1b[31m bands\x1b[0m"}],
        "created_at": "2026-01-01T00:00:00+00:00",
    }
    match = build_index([searchable(doc)]).search("bands").matches[0]
    assert match.person == "[bold]Eve[/]"
    assert match.snippet.text == "ask about [@click=app.quit]pay bands"
    assert "\x1b" not in match.snippet.marked()


# -- what cannot be read ---------------------------------------------------------------------


def test_an_unclosed_quote_says_which_quote(index: SearchIndex) -> None:
    assert 'add " after “typical wee”' in problem(index, '"typical wee')


def test_a_lone_minus_or_colon_is_explained(index: SearchIndex) -> None:
    assert "on its own" in problem(index, "portfolio -")
    assert "on its own" in problem(index, ":")
    assert "on its own" in problem(index, "portfolio : degree")


def test_an_unknown_filter_names_the_known_ones_and_how_to_search_the_text(
    index: SearchIndex,
) -> None:
    message = problem(index, "colour:red")
    assert "colour:" in message and "person:" in message and '"colour:red"' in message
    assert "Did you mean person:?" in problem(index, "persn:dana")


def test_a_filter_needs_a_value_and_flag_and_since_need_known_ones(index: SearchIndex) -> None:
    assert "person:dana" in problem(index, "person:")
    assert "flag:advice" in problem(index, "flag:advise")
    assert "year-month-day" in problem(index, "since:yesterday")
    assert "year-month-day" in problem(index, "since:2026-02-30")
    assert "cannot take" in problem(index, "-since:2026-01-01")


def test_a_query_of_ten_thousand_characters_is_refused_with_a_reason(index: SearchIndex) -> None:
    assert f"under {MAX_QUERY_CHARS}" in problem(index, "a" * 10_000)


def test_a_blank_query_finds_nothing_and_complains_about_nothing(index: SearchIndex) -> None:
    assert index.search("   ") == SearchResults("")


def test_punctuation_alone_is_nothing_to_search_for(index: SearchIndex) -> None:
    assert "letters or digits" in problem(index, "?! &&")


def test_words_with_a_colon_that_are_not_filters_are_searched_as_text() -> None:
    doc = {"id": "x", "notes": [{"text": "call at 10:30 sharp"}], "created_at": "2026-01-01"}
    assert build_index([searchable(doc)]).search("10:30").total == 1


def test_parse_raises_a_query_problem_for_the_same_inputs() -> None:
    with pytest.raises(QueryProblem):
        Query.parse('"open')
    assert Query.parse("portfolio -degree").exclude[0].words == ("degree",)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab é:-"“ \t\\*()[]\x1b0'), max_size=40))
def test_no_typed_text_makes_search_raise(text: str) -> None:
    index = _small_index()
    results = index.search(text, include_practice=True)
    assert results.problem is None or not results.matches


_SMALL: list[SearchIndex] = []


def _small_index() -> SearchIndex:
    if not _SMALL:
        _SMALL.append(build_index([searchable(doc) for doc in interviews()], PATHS))
    return _SMALL[0]


@pytest.mark.parametrize(
    "query",
    ['"typical week"', "co-op", "co-o", '"degree a typical"', '"week is mostly"', "typical -co-op"],
)
def test_phrases_are_found_alike_slot_by_slot_and_in_one_pass_over_all_codes(
    index: SearchIndex, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coach.core.search_querying as module

    monkeypatch.setattr(module, "_SCAN_BYTES_PER_CANDIDATE", 10**12)
    slot_by_slot = index.search(query, limit=None, include_practice=True)
    monkeypatch.setattr(module, "_SCAN_BYTES_PER_CANDIDATE", 0)
    one_pass = index.search(query, limit=None, include_practice=True)
    assert one_pass == slot_by_slot
