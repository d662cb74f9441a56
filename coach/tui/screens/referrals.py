"""Referrals: who led to whom, as a tree, with the stage each person has reached."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode

from coach.core.contact import Contact
from coach.core.referral_tree import ReferralNode, referral_forest
from coach.core.text import clean_line
from coach.tui.screens import SCREEN_RULES

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

# Cells each level of the tree indents by (Textual's default guide depth), the "▼ " before a
# branch, and what the vertical scrollbar and the margins take.
GUIDE_DEPTH = 4
BRANCH_ICON = 2
_EDGES = 4
# An organisation cut shorter than this says nothing; it is left out instead.
_LEAST_ORGANISATION = 6


def node_label(node: ReferralNode, width: int | None = None) -> Text:
    """A person's name and organisation as written, then their stage.

    With ``width``, the label fits in that many cells: the organisation is shortened first
    (or dropped), then the name, so the stage at the end always shows. The Tree widget takes
    Rich Text; a Text built from a plain string never reads markup.
    """
    name = Text(clean_line(node.name or "(no name)"))
    organisation = Text(clean_line(node.organisation))
    stage = Text(f"  [{node.stage}]", style="dim italic")
    if width is not None:
        room = max(1, width - stage.cell_len)
        separator = 3 if organisation else 0
        if name.cell_len + separator + organisation.cell_len > room:
            left_for_organisation = room - name.cell_len - separator
            if left_for_organisation >= _LEAST_ORGANISATION:
                organisation.truncate(left_for_organisation, overflow="ellipsis")
            else:
                organisation = Text("")
                name.truncate(room, overflow="ellipsis")
    label = name
    if organisation:
        label.append(" · ", style="dim")
        label.append_text(organisation)
    label.append_text(stage)
    return label


class ReferralsScreen(Screen[str | None]):
    """A tree built from each contact's "referred by" link; dismisses with the id of a person
    to show in the contacts list, or None."""

    CSS_PATH = SCREEN_RULES

    HELP = (
        "Each branch shows the people someone put you in touch with, and the stage each of "
        "them has reached. People with no referral link either way are left out. Set "
        "'referred by' on a contact (e on the contacts list) to grow the tree. Enter folds "
        "or opens a branch, and on a person without a branch shows them in Contacts; o shows "
        "anyone there."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="referrals.back"),
        Binding("x", "expand_all", "Expand all", id="referrals.expand"),
        Binding("o", "open", "Show in contacts", id="referrals.open"),
    ]

    app: CoachApp

    def __init__(self) -> None:
        super().__init__()
        # Each shown node with the person it stands for and its depth, to fit labels on resize.
        self.placed: list[tuple[TreeNode[str], ReferralNode, int]] = []
        self.label_width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content.styled(
                "Who put you in touch with whom · each person's stage in brackets", "dim"
            ),
            id="referrals-intro",
        )
        yield Static("", id="referrals-empty")
        yield Tree("Referrals", id="referrals-tree")
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()

    def on_resize(self) -> None:
        if self.size.width != self.label_width:
            self.fit_labels(self.size.width)

    def rebuild(self) -> None:
        """Read the contacts and draw the forest again."""
        people = [Contact.from_dict(doc) for doc in self.app.store.contacts()]
        forest = referral_forest(people)
        tree: Tree[str] = self.query_one("#referrals-tree", Tree)
        tree.clear()
        tree.show_root = False
        self.placed = []
        for root in forest:
            self._add(tree.root, root, 0)
        self.fit_labels(self.size.width or self.app.size.width)
        tree.root.expand_all()
        # The cursor starts on the first person, so Enter and o work without a key first.
        tree.cursor_line = 0
        empty = self.query_one("#referrals-empty", Static)
        empty.display = not forest
        empty.update(
            "No referrals yet. When someone suggests a person to talk to, add that person "
            "and set 'referred by'."
        )
        tree.display = bool(forest)
        self.query_one("#referrals-intro", Static).display = bool(forest)
        tree.focus()

    def _add(self, parent: TreeNode[str], node: ReferralNode, depth: int) -> None:
        if node.children:
            branch = parent.add(node_label(node), data=node.contact_id, expand=True)
            self.placed.append((branch, node, depth))
            for child in node.children:
                self._add(branch, child, depth + 1)
        else:
            leaf = parent.add_leaf(node_label(node), data=node.contact_id)
            self.placed.append((leaf, node, depth))

    def fit_labels(self, screen_width: int) -> None:
        """Cut each label to the room its depth leaves, so no stage runs off the screen."""
        self.label_width = screen_width
        for tree_node, node, depth in self.placed:
            room = screen_width - _EDGES - GUIDE_DEPTH * depth
            if node.children:
                room -= BRANCH_ICON
            tree_node.set_label(node_label(node, room))

    def action_expand_all(self) -> None:
        self.query_one("#referrals-tree", Tree).root.expand_all()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        node = self.query_one("#referrals-tree", Tree).cursor_node
        if node is not None and node.data:
            self.dismiss(node.data)

    @on(Tree.NodeSelected, "#referrals-tree")
    def _selected(self, event: Tree.NodeSelected[str]) -> None:
        # A branch's Enter folds it (the tree's own behaviour); a leaf has nothing to fold.
        if not event.node.allow_expand and event.node.data:
            self.dismiss(event.node.data)
