"""Referrals: who led to whom, as a tree, with the stage each person has reached."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree
from textual.widgets.tree import TreeNode

from coach.core.contact import Contact
from coach.core.referral_tree import ReferralNode, referral_forest
from coach.core.text import clean_line

if TYPE_CHECKING:
    from coach.tui.app import CoachApp


def node_label(node: ReferralNode) -> Text:
    """A person's name and organisation as written, then their stage.

    The Tree widget takes Rich Text; a Text built from a plain string never reads markup.
    """
    label = Text(clean_line(node.name or "(no name)"))
    if node.organisation:
        label.append(" · ", style="dim")
        label.append(clean_line(node.organisation))
    label.append(f"  [{node.stage}]", style="dim italic")
    return label


class ReferralsScreen(Screen[None]):
    """A tree built from each contact's "referred by" link."""

    HELP = (
        "Each branch shows the people someone put you in touch with, and the stage each of "
        "them has reached. People with no referral link either way are left out. Set "
        "'referred by' on a contact (e on the contacts list) to grow the tree."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="referrals.back"),
        Binding("x", "expand_all", "Expand all", id="referrals.expand"),
    ]

    app: CoachApp

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="referrals-empty")
        yield Tree("Referrals", id="referrals-tree")
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Read the contacts and draw the forest again."""
        people = [Contact.from_dict(doc) for doc in self.app.store.contacts()]
        forest = referral_forest(people)
        tree: Tree[str] = self.query_one("#referrals-tree", Tree)
        tree.clear()
        tree.show_root = False
        for root in forest:
            self._add(tree.root, root)
        tree.root.expand_all()
        empty = self.query_one("#referrals-empty", Static)
        empty.display = not forest
        empty.update(
            "No referrals yet. When someone suggests a person to talk to, add that person "
            "and set 'referred by'."
        )
        tree.display = bool(forest)
        tree.focus()

    def _add(self, parent: TreeNode[str], node: ReferralNode) -> None:
        if node.children:
            branch = parent.add(node_label(node), data=node.contact_id, expand=True)
            for child in node.children:
                self._add(branch, child)
        else:
            parent.add_leaf(node_label(node), data=node.contact_id)

    def action_expand_all(self) -> None:
        self.query_one("#referrals-tree", Tree).root.expand_all()

    def action_back(self) -> None:
        self.app.pop_screen()
