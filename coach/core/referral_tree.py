"""Who led to whom: a forest built from each contact's ``referred_by`` link.

The network grows as a tree when every referral becomes a contact linked to the person who
suggested them. Links come from user data, so they may point at a removed contact or form a
loop; neither may hang or crash the view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from coach.core.contact import Contact


@dataclass
class ReferralNode:
    """One person in the tree, with the people they referred the user to."""

    contact_id: str
    name: str
    stage: str
    organisation: str = ""
    children: list[ReferralNode] = field(default_factory=list)

    def walk(self, depth: int = 0) -> Iterator[tuple[int, ReferralNode]]:
        """Every node below and including this one, depth first, with its depth."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)

    def size(self) -> int:
        """How many people this branch holds, this one included."""
        return sum(1 for _ in self.walk())


def _sort_key(node: ReferralNode) -> tuple[str, str]:
    return (node.name.casefold(), node.contact_id)


def referral_forest(contacts: Iterable[Contact], include_alone: bool = False) -> list[ReferralNode]:
    """The referral trees, roots sorted by name, children too.

    A contact whose referrer is unknown (or removed) is a root. In a loop of links (A referred
    by B, B by A) the link from the loop's oldest member is ignored, so that member becomes
    the root. People with no referral link either way are left out unless ``include_alone``.
    """
    people = {c.id: c for c in contacts}
    parent: dict[str, str | None] = {
        c.id: (c.referred_by if c.referred_by in people and c.referred_by != c.id else None)
        for c in people.values()
    }
    # Break loops: walk up from each person; meeting the walk itself again means a loop.
    settled: set[str] = set()
    for start in people:
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start
        while current is not None and current not in settled:
            if current in on_path:
                loop = path[path.index(current) :]
                oldest = min(loop, key=lambda i: (people[i].created_at, i))
                parent[oldest] = None
                break
            path.append(current)
            on_path.add(current)
            current = parent[current]
        settled.update(path)

    nodes = {c.id: ReferralNode(c.id, c.name, c.stage, c.organisation) for c in people.values()}
    roots: list[ReferralNode] = []
    for contact_id, node in nodes.items():
        up = parent[contact_id]
        if up is None:
            roots.append(node)
        else:
            nodes[up].children.append(node)
    for node in nodes.values():
        node.children.sort(key=_sort_key)
    if not include_alone:
        roots = [r for r in roots if r.children]
    return sorted(roots, key=_sort_key)


def referral_chain(contacts: Iterable[Contact], contact_id: str) -> list[Contact]:
    """The line of referrers from ``contact_id`` up to the first person (that contact first)."""
    people = {c.id: c for c in contacts}
    chain: list[Contact] = []
    seen: set[str] = set()
    current = people.get(contact_id)
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        current = people.get(current.referred_by) if current.referred_by else None
    return chain


def loop_through(contacts: Iterable[Contact], contact_id: str, referrer_id: str) -> list[Contact]:
    """The people a loop would run through if ``referrer_id`` referred ``contact_id``.

    Empty when there is no loop. Otherwise the line from the referrer up to ``contact_id``
    (referrer first): ``contact_id`` already sits above the referrer, so the link would make
    each of them the other's referrer and drop both from the referral tree.
    """
    if referrer_id == contact_id:
        return []
    chain = referral_chain(contacts, referrer_id)
    ids = [c.id for c in chain]
    return chain[: ids.index(contact_id)] if contact_id in ids else []
