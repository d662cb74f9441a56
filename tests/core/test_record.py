from __future__ import annotations

import json
from collections.abc import Callable
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from coach.core import debrief, thank_you
from coach.core.clock import FakeClock
from coach.core.interview import Interview, Note, counted
from coach.core.live import LiveCall
from coach.core.record import md, to_json, to_markdown


def run_call(build: Callable[..., Interview], clock: FakeClock) -> Interview:
    interview = build(minutes=20, musts=2, shoulds=2)
    interview.goals = "# Learn how\nthey hire"
    call = LiveCall(interview, clock)
    call.start()
    clock.advance(75)
    call.set_draft("Started in support.\nMoved to data after two years.")
    call.next()
    clock.advance(30)
    call.flag("referral", "Talk to Priya Nair on the platform team")
    call.flag("advice", "Build one small pipeline end to end and write it up")
    call.flag("quote", "The job is mostly asking good questions")
    call.set_draft("- not a list\n# not a heading")
    call.skip()
    call.add_unplanned("What changed after the merger?")
    clock.advance(900)
    call.tick()
    call.end()
    return interview


def test_document_round_trips_through_json(
    build: Callable[..., Interview], clock: FakeClock
) -> None:
    interview = run_call(build, clock)
    doc = json.loads(to_json(interview))
    assert doc.pop("transcript") is None  # the export adds it beside the document
    assert Interview.from_dict(doc).to_dict() == interview.to_dict()


def test_older_documents_with_missing_keys_still_load() -> None:
    interview = Interview.from_dict(
        {"id": "abc", "contact_name": "Sam\x1b[2J Lee", "status": "odd"}
    )
    assert interview.contact_name == "Sam Lee"
    assert interview.status == "planned"
    assert interview.minutes_asked == 20
    assert set(interview.to_dict()["stages"]) == {"prepare", "live", "debrief"}


def test_practice_interviews_are_kept_out_of_counts() -> None:
    docs = [Interview(practice=True), Interview(), Interview(practice=True).to_dict()]
    assert len(counted(docs)) == 1


def test_debrief_lists_referrals_and_turns_advice_into_actions_due_in_ten_days(
    build: Callable[..., Interview], clock: FakeClock
) -> None:
    interview = run_call(build, clock)
    debrief.begin(interview, clock)
    assert [(r.name, r.confirmed) for r in interview.referrals] == [("Priya Nair", False)]
    debrief.confirm_referral(interview, 0)
    assert debrief.confirmed_referrals(interview)[0].name == "Priya Nair"
    actions = debrief.actions_from_advice(interview, clock)
    assert [a.due for a in actions] == ["2025-03-13"]
    assert debrief.actions_from_advice(interview, clock) == []


def test_thank_you_names_them_one_specific_thing_and_one_action_due_next_day(
    build: Callable[..., Interview], clock: FakeClock
) -> None:
    interview = run_call(build, clock)
    debrief.actions_from_advice(interview, clock)
    text = thank_you.draft_thank_you(interview)
    assert text.startswith("Dear Dana,")
    assert "mostly asking good questions" in text
    assert "I will build one small pipeline end to end and write it up." in text
    assert "apply" not in text  # no opening was mentioned
    assert interview.thank_you.due_at == "2025-03-04T14:16:45+00:00"
    debrief.mark_sent(interview, clock)
    assert interview.thank_you.sent_at is not None


def test_markdown_export_reads_as_a_record_of_the_conversation(
    build: Callable[..., Interview], clock: FakeClock
) -> None:
    interview = run_call(build, clock)
    debrief.begin(interview, clock)
    interview.debrief.learned = "Hiring looks at [portfolios](http://x) first"
    debrief.set_interest(interview, 4)
    debrief.finish(interview, clock)
    text = to_markdown(interview)
    assert text.startswith("# Conversation with Dana Reyes\n")
    assert "- **Time asked:** 20 min" in text
    assert "\\# Learn how  \nthey hire" in text
    assert (
        "1. Must question 0? *(must-ask)*\n"
        "   - `01:15` Started in support.  \n     Moved to data after two years.\n"
    ) in text
    assert (
        "## Skipped\n\n- Must question 1? *(must-ask)*\n"
        "  - `01:45` \\- not a list  \n    \\# not a heading\n"
    ) in text
    assert "## Unplanned questions\n\n1. What changed after the merger?" in text
    assert "### Referrals\n\n- `01:45` Talk to Priya Nair" in text
    assert "## Cues shown" in text and "`16:45` Five minutes left" in text
    assert "**Interest now:** 4/5" in text
    assert "Hiring looks at \\[portfolios\\](http://x) first" in text
    assert "## Thank-you note" in text
    assert not any(line.startswith("# ") for line in text.splitlines()[1:])


def test_the_record_says_how_you_know_them_when_told_and_nothing_otherwise(
    build: Callable[..., Interview],
) -> None:
    interview = build()
    assert "How you know them" not in to_markdown(interview)
    text = to_markdown(interview, "former colleague")
    assert "- **How you know them:** former colleague\n" in text


def test_practice_marker_is_in_the_markdown_header(build: Callable[..., Interview]) -> None:
    interview = build()
    interview.practice = True
    assert to_markdown(interview).splitlines()[0].endswith("(practice)")


def test_markup_looking_text_survives_as_literal_markdown_text() -> None:
    assert md("[@click=app.quit]x[/]") == "\\[@click=app.quit\\]x\\[/\\]"
    assert md("1. first\n> quoted\n<b>") == "1\\. first\n\\> quoted\n\\<b\\>"
    assert md("\x1b[31mred\x07") == "red"  # the whole escape sequence goes, not just ESC


def test_the_markdown_record_keeps_the_research_and_introduction_prepared(
    build: Callable[..., Interview],
) -> None:
    interview = build()
    interview.goals = "How people move from support into QA"
    interview.research = "Runs the test lab; spoke at the - regional meetup"
    interview.intro = "I build test rigs and I am curious about > hardware QA."
    text = to_markdown(interview)
    goals, research, intro = (
        text.index(f"## {h}\n") for h in ("Goals", "Research", "My introduction")
    )
    assert goals < research < intro < text.index("## Questions asked")
    assert "## Research\n\nRuns the test lab; spoke at the - regional meetup\n" in text
    assert (
        "## My introduction\n\nI build test rigs and I am curious about \\> hardware QA.\n" in text
    )


def test_a_call_held_at_another_time_than_planned_keeps_both_in_the_record(
    build: Callable[..., Interview],
) -> None:
    interview = build()
    interview.scheduled_at = "2027-03-01T10:00:00+00:00"
    interview.stage("live").started = "2026-11-28T09:00:00+00:00"
    text = to_markdown(interview)
    assert "- **When:** 2026-11-28 09:00 +0000\n- **Planned for:** 2027-03-01 10:00 +0000" in text
    interview.scheduled_at = "2026-11-28T09:00:00+00:00"
    assert "Planned for" not in to_markdown(interview)


class _Lines(HTMLParser):
    """The text of rendered HTML as a reader sees it: a new line at each break and block."""

    BREAKS = frozenset({"br", "p", "li", "h1", "h2", "h3", "blockquote", "ul", "ol", "pre"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.BREAKS:
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.text.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def rendered(markdown: str) -> tuple[str, list[str]]:
    """The record as a Markdown viewer shows it (CommonMark, raw HTML allowed, as most do):
    the HTML, and its lines of text."""
    html = MarkdownIt("commonmark").render(markdown)
    reader = _Lines()
    reader.feed(html)
    lines = [" ".join(line.split()) for line in "".join(reader.text).splitlines()]
    return html, [line for line in lines if line]


def test_every_line_of_goals_research_notes_and_debrief_stays_its_own_line_when_rendered(
    build: Callable[..., Interview], clock: FakeClock
) -> None:
    interview = run_call(build, clock)
    interview.goals = "How people move from support into QA\nWhat a week looks like\n\nWho hires"
    interview.research = "Runs the test lab\nSpoke at the regional meetup in May"
    interview.intro = "I build test rigs.\nI am curious about hardware QA."
    interview.debrief.learned = "Most people start in support\nThe night shift is the way in"
    debrief.finish(interview, clock, "Sam Rivera")
    html, lines = rendered(to_markdown(interview))
    for typed in (
        "How people move from support into QA",
        "What a week looks like",
        "Who hires",
        "Runs the test lab",
        "Spoke at the regional meetup in May",
        "I build test rigs.",
        "I am curious about hardware QA.",
        "01:15 Started in support.",  # a note of two lines, under its question
        "Moved to data after two years.",
        "01:45 - not a list",  # the second note: a line that looks like a list item…
        "# not a heading",  # …and one that looks like a heading, both kept as typed
        "The night shift is the way in",
        "Warm regards,",
        "Sam Rivera",
    ):
        assert typed in lines, typed
    assert "What I learned: Most people start in support" in lines
    assert "<br />" in html and "<pre>" not in html


def test_outside_text_that_looks_like_markdown_or_html_stays_literal_text_when_rendered(
    build: Callable[..., Interview],
) -> None:
    interview = build()
    interview.contact_name = "Dana <b>Reyes</b> *Jr*"
    tricky = (
        "**not bold** and _not emphasis_ and `not code`",
        "[not a link](http://example.org) and ![not an image](x.png) and <http://example.org>",
        "<script>alert(1)</script> and &amp; and &#60;b&#62; and R&D",
        "# not a heading",
        "- not a list",
        "1. not a list",
        "> not a quote",
        "| not | a table |",
        "---",
        "",
        "    not code, though indented",
    )
    interview.goals = "\n".join(tricky)
    interview.notes = [Note(None, 5.0, "+ not a list\n===\n~~not struck~~")]
    html, lines = rendered(to_markdown(interview))
    assert lines[0] == "Conversation with Dana <b>Reyes</b> *Jr*"
    # Each typed line is a line of text of its own, exactly as typed.
    for typed in (*tricky[:9], "not code, though indented", "00:05 + not a list", "==="):
        assert typed in lines, typed
    assert "~~not struck~~" in lines
    for made in ("<script", "<b>", "<a ", "<img", "<strong>not", "<em>not", "<pre>", "<hr", "<ol"):
        assert made not in html, made
    assert html.count("<h1>") == 1 and "<h2>Goals</h2>" in html
