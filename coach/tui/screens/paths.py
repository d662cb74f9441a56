"""Paths: the ideas being tested, and where each stands after the conversations so far."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.core.path_summary import PathSummary
from coach.core.paths import PathProblem, checked_title
from coach.services import paths as service
from coach.tui.literal import literal
from coach.tui.screens import SCREEN_RULES
from coach.tui.screens.line_question import LineQuestionScreen
from coach.tui.widgets.charts import interest_spark

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

# Narrower than this, the list sits above the details instead of beside them.
SIDE_BY_SIDE_FROM = 100


def title_problem(text: str) -> str | None:
    """Why ``text`` cannot be a path's name, or None."""
    try:
        checked_title(text)
    except PathProblem as problem:
        return str(problem)
    return None


def path_prompt(summary: PathSummary) -> Content:
    """A path in the list: its title, then its verdict and conversations, dimmed."""
    second = [summary.conversations()]
    if summary.verdict:
        second.insert(0, summary.verdict)
    return Content.assemble(
        literal(summary.path.shown_title, style="bold"),
        "\n",
        literal(" · ".join(second), style="dim"),
    )


def details(summary: PathSummary) -> Content:
    """Everything about one path, section by section, outside text shown as written."""
    path = summary.path
    lines: list[Content] = [literal(path.shown_title, style="bold")]
    if path.question:
        lines.append(literal(path.question, style="italic"))
    lines.append(
        Content.assemble(
            Content.styled("Verdict: ", "bold"),
            literal(path.verdict) if path.verdict else Content.styled("none yet (v)", "dim"),
        )
    )
    lines.append(
        Content.assemble(Content.styled("Conversations: ", "bold"), summary.conversations())
    )
    lines.append(
        Content.assemble(
            Content.styled("Interest: ", "bold"),
            interest_spark([p.interest for p in summary.interest]),
        )
    )
    if summary.interest:
        dates = "; ".join(f"{p.date or 'undated'}: {p.interest}" for p in summary.interest)
        lines.append(Content.styled(f"  after each debrief — {dates}", "dim"))
    lines += _listed("Open questions", [literal(q) for q in summary.open_questions])
    lines += _listed(
        "Suggested, not asked yet",
        [
            Content.assemble(
                literal(s.name),
                Content.styled(" — suggested by ", "dim"),
                literal(s.suggested_by or "?"),
            )
            for s in summary.suggested
        ],
    )
    lines += _listed(
        "Open advice and actions",
        [
            Content.assemble(
                literal(a.text),
                Content.styled(
                    f"  ({a.person}, by {a.due})" if a.due else f"  ({a.person})", "dim"
                ),
            )
            for a in summary.actions
        ],
    )
    return Content("\n").join(lines)


def _listed(title: str, items: list[Content]) -> list[Content]:
    heading = Content.assemble(
        "\n", Content.styled(title, "bold"), Content.styled(f" ({len(items)})", "dim")
    )
    if not items:
        return [heading, Content.styled("  none", "dim")]
    return [heading, *(Content.assemble("  • ", item) for item in items)]


class PathsScreen(Screen[None]):
    """Every path with its summary; create, rename, and write the verdict."""

    CSS_PATH = SCREEN_RULES

    HELP_TITLE = "Paths"
    HELP = (
        'A path is an idea your conversations test, such as "Data analysis in healthcare — '
        'would I enjoy it more than teaching?". For each: conversations held and planned, '
        "how interested you were after each debrief (1 to 5, oldest first), what you still "
        "need to find out (from the debriefs), people suggested whom you have not asked "
        "yet, advice still to act on, and your verdict. Paths are optional: interviews "
        "without one are fine."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="paths.back", tooltip="Back to where you were"),
        Binding("n", "new", "New path", id="paths.new", tooltip="Name a new path to explore"),
        Binding("r", "rename", "Rename", id="paths.rename", tooltip="Give the path a new name"),
        Binding("v", "verdict", "Verdict", id="paths.verdict", tooltip="Write your verdict line"),
        Binding(
            "e", "question", "Question", id="paths.question", tooltip="Write the question it tests"
        ),
    ]

    app: CoachApp

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[PathSummary] = []
        self._select: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="paths-empty")
        with Container(id="paths-body"):
            yield OptionList(id="paths-list")
            with VerticalScroll(id="paths-detail"):
                yield Static("", id="paths-detail-body")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_paths()

    def on_resize(self) -> None:
        self.set_class(self.size.width < SIDE_BY_SIDE_FROM, "-narrow")

    @work(thread=True, exclusive=True, group="paths")
    def refresh_paths(self) -> None:
        """Work out every path's summary off the UI thread, then show them."""
        found = service.summaries(self.app.store)
        self.app.call_from_thread(self.show_paths, found)

    def show_paths(self, summaries: list[PathSummary]) -> None:
        """Fill the list, keeping the cursor on the same path (or the one just made)."""
        listing = self.query_one("#paths-list", OptionList)
        keep = self._select or self._highlighted_id()
        self.summaries = summaries
        listing.clear_options()
        listing.add_options([Option(path_prompt(s), id=s.path.id) for s in summaries])
        empty = self.query_one("#paths-empty", Static)
        empty.display = not summaries
        empty.update(
            Content.assemble(
                "No paths yet. A path names what you are exploring — ",
                Content.styled("n", "bold"),
                " makes one. Paths are optional.",
            )
        )
        ids = [s.path.id for s in summaries]
        if summaries:
            listing.highlighted = ids.index(keep) if keep in ids else 0
            listing.focus()
        self._select = None
        self._show_detail()

    def _highlighted_id(self) -> str | None:
        listing = self.query_one("#paths-list", OptionList)
        if listing.highlighted is None or listing.highlighted >= listing.option_count:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def _current(self) -> PathSummary | None:
        chosen = self._highlighted_id()
        return next((s for s in self.summaries if s.path.id == chosen), None)

    @on(OptionList.OptionHighlighted, "#paths-list")
    def _show_detail(self) -> None:
        summary = self._current()
        body = self.query_one("#paths-detail-body", Static)
        body.update(details(summary) if summary is not None else "")
        self.query_one("#paths-detail").display = summary is not None

    def action_new(self) -> None:
        def made(title: str | None) -> None:
            if title is None:
                return
            path = service.create_path(self.app.store, title, clock=self.app.clock)
            self._select = path.id
            self.refresh_paths()

        self.app.push_screen(
            LineQuestionScreen(
                "Name the path you are exploring:",
                placeholder="e.g. Data analysis in healthcare",
                check=title_problem,
            ),
            made,
        )

    def action_rename(self) -> None:
        summary = self._current()
        if summary is None:
            return
        path_id = summary.path.id

        def renamed(title: str | None) -> None:
            if title is not None:
                self._change(
                    lambda: service.rename_path(
                        self.app.store, path_id, title, clock=self.app.clock
                    )
                )

        self.app.push_screen(
            LineQuestionScreen(
                "A new name for the path:", value=summary.path.title, check=title_problem
            ),
            renamed,
        )

    def action_verdict(self) -> None:
        summary = self._current()
        if summary is None:
            return
        path_id = summary.path.id

        def written(verdict: str | None) -> None:
            if verdict is not None:
                self._change(
                    lambda: service.write_verdict(
                        self.app.store, path_id, verdict, clock=self.app.clock
                    )
                )

        self.app.push_screen(
            LineQuestionScreen(
                "Your verdict on this path, in a few words (empty clears it):",
                value=summary.path.verdict,
                placeholder="e.g. promising · ruled out · needs one more conversation",
            ),
            written,
        )

    def action_question(self) -> None:
        summary = self._current()
        if summary is None:
            return
        path_id = summary.path.id

        def written(question: str | None) -> None:
            if question is not None:
                self._change(
                    lambda: service.write_question(
                        self.app.store, path_id, question, clock=self.app.clock
                    )
                )

        self.app.push_screen(
            LineQuestionScreen(
                "The question this path tests (empty clears it):",
                value=summary.path.question,
                placeholder="e.g. Would I enjoy it more than teaching?",
            ),
            written,
        )

    def _change(self, make: Callable[[], object]) -> None:
        try:
            make()
        except (PathProblem, service.PathGone) as problem:
            self.notify(str(problem), severity="warning", markup=False)
        self.refresh_paths()

    def action_back(self) -> None:
        self.dismiss(None)
