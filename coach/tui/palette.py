"""The command palette (Ctrl+P): every place to go and every action of the screen in front.

Typing a few letters finds a destination (Home, Contacts, Agenda, a new interview, a practice
run, the referral tree, any interview by the person's name) or one of the actions the screen
in front offers now: its keys, and the keys of the lists and boxes on it that have their own.
What does not apply here is not offered: a dialog offers only its own answers' keys, and a
call under way only its own keys, never a way elsewhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen

from coach.core.text import clean_line, fold

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

# Home's own keys for these are offered as destinations, by their names, from every screen.
DESTINATION_ACTIONS = frozenset(
    {
        "new_interview",
        "practice",
        "contacts",
        "agenda",
        "referrals",
        "search",
        "paths",
        "progress",
        "side_by_side",
    }
)

# What an interview waits for, by its status, in the words of Home's list.
WAITING = {
    "planned": ("upcoming", "preparation"),
    "live": ("interrupted", "interrupted call"),
    "ended": ("debrief", "waiting for your debrief"),
    "debriefed": ("done", "done"),
}


@dataclass(frozen=True)
class PaletteCommand:
    """One thing the palette offers: its name (plain text, matched as typed), a line of help,
    and what choosing it does."""

    name: str
    help: str
    run: Callable[[], Awaitable[object] | object]


def screen_title(screen: Screen[Any]) -> str:
    """The name of a screen as the palette and the help show it ("Contacts", "Live call")."""
    title = getattr(screen, "HELP_TITLE", None)
    return str(title) if title else type(screen).__name__.removesuffix("Screen")


def _runner(app: CoachApp, node: DOMNode, action: str) -> Callable[[], Awaitable[object]]:
    async def run() -> None:
        await app.run_action(action, node)

    return run


def screen_commands(app: CoachApp, screen: Screen[Any]) -> list[PaletteCommand]:
    """The actions ``screen`` offers now: its own keys, and those of its lists and boxes that
    have keys of their own (named by their ``HELP_NAME``), each once."""
    title = screen_title(screen)
    found: dict[str, PaletteCommand] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if node is app or not active.enabled or binding.system or not binding.description:
            continue
        if node is screen and binding.action in DESTINATION_ACTIONS:
            continue
        where = getattr(node, "HELP_NAME", None) or (title if node is screen else None)
        if where is None:
            continue  # a text field's own editing keys are not commands
        _add(found, app, node, binding, str(where))
    for widget, name in _widgets_with_keys(screen):
        for binding in Binding.make_bindings(getattr(type(widget), "BINDINGS", [])):
            if binding.description and _applies(widget, binding.action):
                _add(found, app, widget, binding, name)
    return list(found.values())


def _widgets_with_keys(screen: Screen[Any]) -> Iterator[tuple[DOMNode, str]]:
    """The one widget of each kind with a ``HELP_NAME`` (several of a kind are ambiguous)."""
    kinds: dict[type, list[DOMNode]] = {}
    for widget in screen.walk_children(with_self=False):
        if getattr(type(widget), "HELP_NAME", None):
            kinds.setdefault(type(widget), []).append(widget)
    for kind, widgets in kinds.items():
        if len(widgets) == 1 and widgets[0].display:
            yield widgets[0], str(kind.HELP_NAME)  # type: ignore[attr-defined]


def _applies(node: DOMNode, action: str) -> bool:
    from textual.actions import parse

    target, name, params = parse(action)
    if target:
        return True  # another node's action: that node decides when it runs
    return node.check_action(name, params) is not False


def _add(
    found: dict[str, PaletteCommand], app: CoachApp, node: DOMNode, binding: Binding, where: str
) -> None:
    what = binding.tooltip or binding.description
    name = f"{where}: {what}"
    if name not in found:
        key = app.get_key_display(binding)
        found[name] = PaletteCommand(name, f"Key: {key}", _runner(app, node, binding.action))


def destinations(app: CoachApp, screen: Screen[Any]) -> list[PaletteCommand]:
    """The places to go from ``screen``; none from a dialog or while a call is under way."""
    from coach.tui import flow
    from coach.tui.screens.agenda import AgendaScreen
    from coach.tui.screens.contacts import ContactsScreen
    from coach.tui.screens.home import HomeScreen
    from coach.tui.screens.paths import PathsScreen
    from coach.tui.screens.progress import ProgressScreen
    from coach.tui.screens.referrals import ReferralsScreen
    from coach.tui.screens.search import SearchScreen
    from coach.tui.screens.side_by_side import SideBySideScreen

    if not flow.can_leave(app, screen):
        return []
    places: list[tuple[str, str, type[Screen[Any]] | None, Callable[[], object]]] = [
        ("Home", "What is next: upcoming calls and what waits for you", HomeScreen, lambda: None),
        ("Contacts", "Everyone in your network", ContactsScreen, lambda: flow.open_contacts(app)),
        ("Agenda", "Follow-ups due and coming", AgendaScreen, lambda: flow.open_agenda(app)),
        (
            "New interview",
            "Prepare a conversation with someone",
            None,
            lambda: flow.new_interview(app, practice=False),
        ),
        (
            "Practice run",
            "A rehearsal on a hobby topic, kept out of your counts",
            None,
            lambda: flow.new_interview(app, practice=True),
        ),
        (
            "Referral tree",
            "Who introduced you to whom",
            ReferralsScreen,
            lambda: flow.open_referrals(app),
        ),
        (
            "Search conversations",
            "Notes, debriefs, goals and transcripts of every conversation",
            SearchScreen,
            lambda: app.push_screen(SearchScreen()),
        ),
        (
            "Paths",
            "The career paths you are exploring, and where each stands",
            PathsScreen,
            lambda: app.push_screen(PathsScreen()),
        ),
        (
            "Progress",
            "Outreach, conversations per week, replies and interest at a glance",
            ProgressScreen,
            lambda: app.push_screen(ProgressScreen()),
        ),
        (
            "Side by side answers",
            "Everyone's answer to one question, next to each other",
            SideBySideScreen,
            lambda: app.push_screen(SideBySideScreen()),
        ),
    ]
    return [
        PaletteCommand(name, help_text, _from_home(app, go))
        for name, help_text, kind, go in places
        if kind is None or not isinstance(screen, kind)
    ]


def interview_commands(app: CoachApp, screen: Screen[Any]) -> list[PaletteCommand]:
    """Every interview, by the name of the person it is with (outside text, cleaned)."""
    from coach.tui import flow

    if not flow.can_leave(app, screen):
        return []
    interrupted = set(app.store.journals.interrupted())
    commands = []
    for summary in app.store.interview_summaries_view():
        interview_id = str(summary.get("id", ""))
        if not interview_id:
            continue
        reason, said = _waiting(summary, interview_id in interrupted)
        who = clean_line(str(summary.get("contact_name") or "")) or "(no name yet)"
        kind = "Practice run" if summary.get("practice") is True else "Interview"
        commands.append(
            PaletteCommand(
                f"{kind}: {who}",
                said,
                _from_home(app, _opener(app, reason, interview_id)),
            )
        )
    return commands


def _opener(app: CoachApp, reason: str, interview_id: str) -> Callable[[], None]:
    from coach.tui import flow

    return lambda: flow.open_interview(app, reason, interview_id)


def _waiting(summary: Mapping[str, Any], interrupted: bool) -> tuple[str, str]:
    if interrupted:
        return WAITING["live"]
    return WAITING.get(str(summary.get("status", "")), WAITING["planned"])


def _from_home(app: CoachApp, go: Callable[[], object]) -> Callable[[], None]:
    from coach.tui import flow

    def run() -> None:
        if flow.back_to_home(app):
            go()

    return run


def literal_hit(name: str, offsets: Sequence[int], style: str = "underline") -> Content:
    """``name`` as plain text (it may hold a person's name), the letters typed underlined."""
    content = Content(name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class CoachCommands(Provider):
    """Destinations, the interviews by name, and the actions of the screen in front."""

    def _commands(self, with_interviews: bool) -> list[PaletteCommand]:
        app: CoachApp = self.app  # type: ignore[assignment]
        screen = self.screen
        commands = destinations(app, screen) + screen_commands(app, screen)
        if with_interviews:
            commands += interview_commands(app, screen)
        return commands

    async def discover(self) -> Hits:
        for command in self._commands(with_interviews=False):
            yield DiscoveryHit(Content(command.name), command.run, command.name, command.help)

    async def search(self, query: str) -> Hits:
        search = self.matcher(query).fuzzy_search
        folded_query = fold(query)
        for command in self._commands(with_interviews=True):
            score, offsets = search.match(query, command.name)
            if not score:
                # "tomas" finds "Tomás": names are typed on whatever keyboard is at hand.
                score, _ = search.match(folded_query, fold(command.name))
                offsets = ()
            if score > 0:
                display = literal_hit(command.name, offsets)
                yield Hit(score, display, command.run, command.name, command.help)
