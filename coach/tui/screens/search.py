"""Search: every conversation's notes, debriefs, goals and more, results as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.core.search import Match, SearchResults, Snippet
from coach.services.search import LiveIndex, live_index
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

#: How each field is named on screen.
FIELD_LABELS = {
    "notes": "notes",
    "debrief": "debrief",
    "flags": "flagged line",
    "goals": "goals",
    "research": "research",
    "intro": "introduction",
    "thank_you": "thank-you",
    "actions": "actions",
    "transcript": "transcript",
}
# Enough to fill a tall terminal (two lines each); the total says how many more there are.
# Each shown result costs its snippet and its rows, so more would slow every keystroke.
SHOWN = 20
HINT = (
    "Type to search notes, debriefs, flagged lines, goals, research, introductions, "
    "thank-yous, actions and transcripts. Quotes find a phrase, -word leaves one out; "
    "person: org: path: flag: since:YYYY-MM-DD narrow it."
)


def result_prompt(match: Match, width: int) -> Content:
    """Two lines: the date, person and field, then the snippet with its matches marked."""
    head = Content.assemble(
        Content.styled(match.date or "----------", "dim"),
        "  ",
        literal(match.person or "(no name)", style="bold"),
        "  ",
        Content.styled(FIELD_LABELS.get(match.field, match.field), "italic dim"),
    )
    return Content("\n").join([head.truncate(width, ellipsis=True), marked(match.snippet)])


def marked(snippet: Snippet) -> Content:
    """The snippet as written, its matches highlighted."""
    content = literal(snippet.text)
    if len(content.plain) != len(snippet.text):
        return content  # cleaning moved the text; show it unmarked rather than mismarked
    for start, end in snippet.spans:
        content = content.stylize("reverse bold", start, end)
    return content


class SearchScreen(Screen[None]):
    """A query box over every conversation; Enter opens a result read-only, at the match."""

    CSS_PATH = SCREEN_RULES

    HELP_TITLE = "Search"
    HELP = (
        "Results follow your typing, newest conversation first, each with the field it was "
        "found in and the line around the match. All the words must appear in one field; "
        '"two words" finds them in that order; -word leaves out fields that have it; '
        "person:NAME, org:NAME, path:NAME, flag:advice (or referral, opening, quote) and "
        "since:2026-01-31 narrow the search. Case and accents do not matter. Enter opens the "
        "highlighted result; Down or Tab moves into the results, / comes back to the query. "
        "Practice runs "
        "are left out unless Ctrl+T takes them in."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="search.back", tooltip="Back to where you were"),
        Binding(
            "ctrl+t",
            "toggle_practice",
            "Practice runs",
            id="search.practice",
            tooltip="Take practice runs in, or leave them out",
        ),
        Binding("slash", "focus_query", "Query", id="search.query", show=False),
        Binding("down", "to_results", "Results", id="search.results", show=False),
    ]

    app: CoachApp

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.include_practice = False
        self.results: SearchResults | None = None
        #: How many times results were drawn (the benchmark watches it).
        self.drawn = 0
        self._live: LiveIndex | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            self.initial,
            placeholder='Search, e.g. portfolio  "typical week"  person:dana',
            id="search-query",
        )
        yield Static("", id="search-status")
        yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self._live = live_index(self.app.store)
        self.query_one("#search-query", Input).focus()
        if self._live.ready:
            self.run_search()
            if self._live.stale():
                self._load_index()
        else:
            self._say(
                Content.styled(
                    "Building the search index… results appear when it is ready.", "italic"
                )
            )
            self._load_index()

    @work(thread=True, exclusive=True, group="search-index")
    def _load_index(self) -> None:
        live = self._live
        if live is None:
            return
        try:
            if live.ready:
                live.load()  # stale: a fresh base
            else:
                live.warm()  # Home may be loading it already: waited for, not done twice
        except Exception as error:  # a worker's failure must reach the screen, not a log
            self.app.call_from_thread(self._failed, f"{type(error).__name__}: {error}")
            return
        self.app.call_from_thread(self.run_search)

    def _failed(self, why: str) -> None:
        self._say(literal(f"The search index could not be built: {why}", style="bold"))

    @on(Input.Changed, "#search-query")
    def _typed(self) -> None:
        self.run_search()

    @on(Input.Submitted, "#search-query")
    def _submitted(self) -> None:
        # Enter in the box opens the highlighted result (the first, until Down moves): a
        # second key to reach the list would race a fast typist's Enter.
        listing = self.query_one("#search-results", OptionList)
        if listing.highlighted is not None and listing.option_count:
            self._open(listing.highlighted)

    def run_search(self) -> None:
        """Search for what is in the box now and show the results."""
        text = self.query_one("#search-query", Input).value
        index = self._live.current() if self._live is not None else None
        if index is None:
            return  # still building: the worker searches once it is ready
        if not text.strip():
            self.results = None
            self._show([])
            self._say(Content.styled(HINT, "dim"))
            return
        width = max(20, (self.size.width or self.app.size.width) - 6)
        # What fits in the list (two lines a result): more would cost snippets and rows on
        # every keystroke that nobody sees without scrolling.
        rows = self.query_one("#search-results", OptionList).size.height
        limit = min(SHOWN, max(8, rows // 2 + 1)) if rows else SHOWN
        results = index.search(
            text, limit=limit, include_practice=self.include_practice, snippet_width=width
        )
        self.results = results
        self._show(
            [Option(result_prompt(m, width), id=str(n)) for n, m in enumerate(results.matches)]
        )
        self._say(self._status(results))

    def _status(self, results: SearchResults) -> Content:
        if results.problem:
            return literal(results.problem, style="bold")
        practice = " (practice runs included)" if self.include_practice else ""
        if not results.total:
            return Content.assemble(literal(f"No results for {results.query}"), practice + ".")
        noun = "result" if results.total == 1 else "results"
        shown = (
            f" — the first {len(results.matches)} shown; more words narrow it"
            if len(results.matches) < results.total
            else ""
        )
        return Content(f"{results.total:,} {noun}, newest first{practice}{shown}. Enter opens one.")

    def _show(self, options: list[Option]) -> None:
        listing = self.query_one("#search-results", OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = 0
        self.drawn += 1

    def _say(self, content: Content) -> None:
        self.query_one("#search-status", Static).update(content)

    @on(OptionList.OptionSelected, "#search-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self._open(int(event.option_id))

    def _open(self, number: int) -> None:
        if self.results is None or not 0 <= number < len(self.results.matches):
            return
        from coach.tui.screens.interview_record import InterviewRecordScreen

        match = self.results.matches[number]
        self.app.push_screen(
            InterviewRecordScreen(
                match.interview_id, section=match.section, query=self.results.query
            )
        )

    def action_to_results(self) -> None:
        listing = self.query_one("#search-results", OptionList)
        if listing.option_count:
            listing.focus()

    def action_focus_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    def action_toggle_practice(self) -> None:
        self.include_practice = not self.include_practice
        self.notify(
            "Practice runs included." if self.include_practice else "Practice runs left out.",
            timeout=2,
        )
        self.run_search()

    def action_back(self) -> None:
        self.dismiss(None)
