"""The referral tree: who led to whom, with each person's stage, names shown as written."""

from __future__ import annotations

from textual.widgets import Static, Tree

from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.referrals import ReferralsScreen


def lines(tree: Tree[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(node: object, depth: int) -> None:
        for child in node.children:  # type: ignore[attr-defined]
            found.append((depth, str(child.label)))
            walk(child, depth + 1)

    walk(tree.root, 0)
    return found


async def test_the_tree_shows_who_led_to_whom_with_stages(
    data_paths: DataPaths, store: Store
) -> None:
    store.save_all(
        "contact",
        [
            Contact(name="Ada", id="a", stage="thanked").to_dict(),
            Contact(name="Bo", id="b", referred_by="a", stage="asked").to_dict(),
            Contact(name="Cy", id="c", referred_by="b").to_dict(),
            Contact(
                name="[bold]Dee[/]", id="d", referred_by="a", organisation="\x1b[31mRed"
            ).to_dict(),
            Contact(name="Alone", id="e").to_dict(),
        ],
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = ReferralsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        assert lines(screen.query_one(Tree)) == [
            (0, "Ada  [thanked]"),
            (1, "[bold]Dee[/] · Red  [identified]"),
            (1, "Bo  [asked]"),
            (2, "Cy  [identified]"),
        ]


async def test_with_no_referrals_the_screen_says_how_to_start(
    data_paths: DataPaths, store: Store
) -> None:
    store.save("contact", Contact(name="Alone").to_dict())
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = ReferralsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.query_one("#referrals-empty", Static).display
        assert not screen.query_one(Tree).display


async def test_at_80_columns_long_labels_are_cut_so_the_stage_still_shows(
    data_paths: DataPaths, store: Store
) -> None:
    chain = [Contact(name="Rita Gomez", id="p0", organisation="Acme", stage="thanked")]
    for depth in range(1, 8):
        chain.append(
            Contact(
                name=f"Person {depth} Featherstonehaugh-Montgomery",
                id=f"p{depth}",
                organisation="International Business Machines Corporation",
                referred_by=f"p{depth - 1}",
                stage="asked",
            )
        )
    store.save_all("contact", [c.to_dict() for c in chain])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = ReferralsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        rows = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
        drawn = [row for row in rows if "[asked]" in row or "[thanked]" in row]
        assert len(drawn) == 8
        for row in drawn:
            assert row.endswith("]") and len(row) <= 80
        # The organisation gives way before the name does.
        assert "Person 1 Featherstonehaugh-Montgomery · International" in drawn[1]
        assert "Person 7" in drawn[7] and "International" not in drawn[7]

        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        label = str(screen.query_one(Tree).root.children[0].children[0].label)
        assert label.startswith("Person 1 Featherstonehaugh-Montgomery · International Business")


async def test_enter_on_a_person_shows_them_in_contacts_and_enter_on_a_branch_folds_it(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.contacts import ContactsScreen

    store.save_all(
        "contact",
        [
            Contact(name="Ada", id="a").to_dict(),
            Contact(name="Bo", id="b", referred_by="a").to_dict(),
            Contact(name="Zed", id="z").to_dict(),
        ],
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        contacts = ContactsScreen()
        await app.push_screen(contacts)
        await pilot.pause()
        await pilot.press("end")  # the last person in the list: Zed
        await pilot.pause()
        assert contacts.table.current_id() == "z"
        await pilot.press("home")
        await pilot.pause()
        assert contacts.table.current_id() == "a"
        await pilot.press("t")
        await pilot.pause()
        tree = app.screen.query_one(Tree)
        assert tree.cursor_node is not None and tree.cursor_node.data == "a"
        await pilot.press("enter")  # Ada has a branch: Enter folds it, the screen stays
        await pilot.pause()
        assert isinstance(app.screen, ReferralsScreen)
        assert not tree.root.children[0].is_expanded
        await pilot.press("enter", "down", "enter")  # open again, then Bo, a leaf
        await pilot.pause()
        assert app.screen is contacts
        assert contacts.table.current_id() == "b"
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("o")  # o shows anyone, a branch too
        await pilot.pause()
        assert app.screen is contacts and contacts.table.current_id() == "a"
