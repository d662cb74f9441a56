"""Outside text on the network screens is shown as written: markup stays plain, escapes go.

Each test reads what the screen really drew, then checks that the app survived: a name such
as "[@click=app.quit]q[/]" read as markup would become a link that quits the app.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Select, TextArea

from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.contact_form import ContactFormScreen
from coach.tui.screens.contacts import ContactsScreen, ImportSummaryScreen, MergePreviewScreen
from coach.tui.screens.referrals import ReferralsScreen
from coach.tui.screens.request import RequestScreen

BOLD = "[bold]Mallory[/]"
CLICK = "[@click=app.quit]q[/]"
RED = "\x1b[31mRed"


def screen_text(app: App[object]) -> str:
    """Every character now on the terminal, row by row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_shown_literally(app: App[object], *pieces: str) -> None:
    shown = screen_text(app)
    for piece in pieces:
        assert piece in shown, f"{piece!r} not on screen:\n{shown}"
    assert "\x1b" not in shown
    assert app.is_running
    assert app.return_code is None


def outsiders() -> list[Contact]:
    return [
        Contact(name=BOLD, id="c-bold", organisation=CLICK, notes=f"{RED} [i]note[/i]"),
        Contact(name=f"Eve {RED}", id="c-red", organisation="[link=https://x.test]Acme[/link]"),
        Contact(name="Sam", id="c-sam", referred_by="c-bold"),
        Contact(name="Tess", id="c-tess", referred_by="c-red"),
    ]


async def test_the_referred_by_picker_lists_names_as_written(
    data_paths: DataPaths, store: Store
) -> None:
    store.save_all("contact", [c.to_dict() for c in outsiders()])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ContactsScreen())
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        picker = form.query_one("#contact-referred-by", Select)
        picker.focus()
        await pilot.press("enter")  # opens the list of people
        await pilot.pause()
        assert picker.expanded
        assert_shown_literally(app, f"{BOLD} · {CLICK}", "Eve Red · [link=https://x.test]")
        # Choosing one shows it literally in the closed picker too, and clicking it is harmless.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert picker.value == "c-bold"
        await pilot.click(picker)
        await pilot.pause()
        assert_shown_literally(app, BOLD)


async def test_the_merge_preview_shows_names_organisations_and_notes_as_written(
    data_paths: DataPaths, store: Store
) -> None:
    twin = Contact(name=BOLD, id="c-twin", organisation=CLICK, email="m@example.org")
    store.save_all("contact", [c.to_dict() for c in [*outsiders(), twin]])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ContactsScreen())
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MergePreviewScreen)
        assert_shown_literally(app, f"• {BOLD} · {CLICK}", "Red [i]note[/i]")
        await pilot.click("#merge-preview", offset=(16, 1))  # on the organisation
        await pilot.pause()
        assert_shown_literally(app, f"Name          {BOLD}")


async def test_skipped_import_rows_name_their_person_as_written(
    data_paths: DataPaths, store: Store, tmp_path: Path
) -> None:
    # The second row is the same person as the first (same profile URL), so it is skipped
    # with a reason that names them.
    source = tmp_path / "Connections.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"[bold]Mallory[/],{RED},https://example.org/in/mallory,,{CLICK},Tester,05 Oct 2020\n"
        f"[bold]Mallory[/],{RED},https://example.org/in/mallory,,{CLICK},Tester,05 Oct 2020\n",
        encoding="utf-8",
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = ContactsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        screen.import_file(source)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportSummaryScreen)
        assert_shown_literally(app, "line 3 ([bold]Mallory[/] Red): same person as line 2")
        await pilot.click("#import-skipped", offset=(12, 0))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_referral_tree_labels_show_names_as_written(
    data_paths: DataPaths, store: Store
) -> None:
    store.save_all("contact", [c.to_dict() for c in outsiders()])
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ReferralsScreen())
        await pilot.pause()
        assert_shown_literally(
            app,
            f"{BOLD} · {CLICK}  [identified]",
            "Eve Red · [link=https://x.test]Acme[/link]  [identified]",
        )
        await pilot.click("#referrals-tree", offset=(14, 0))  # on the organisation
        await pilot.pause()
        assert_shown_literally(app, BOLD)


async def test_the_request_header_and_checks_show_outside_text_as_written(
    data_paths: DataPaths, store: Store
) -> None:
    kim = Contact(name=BOLD, id="c-kim", organisation=f"{CLICK}{RED}", how_known="friend")
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = RequestScreen(kim)
        await app.push_screen(screen)
        await pilot.pause()
        screen.query_one("#request-draft", TextArea).load_text(
            "Hi,\n\nAs a friend: [b]could[/b] we have a call"
        )
        await pilot.pause()
        assert_shown_literally(
            app,
            f"To {BOLD} at {CLICK}Red",
            f"{CLICK}Red?",  # the subject, filled in from the template
            # The failed ask check quotes the draft, markup and all.
            '"As a friend: [b]could[/b]',
        )
        await pilot.click("#request-to", offset=(12, 0))
        await pilot.pause()
        assert_shown_literally(app, BOLD)
