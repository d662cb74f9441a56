"""The contacts screen: add, edit, find, log, merge and import — checked on the store."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static

from coach.core.clock import FakeClock
from coach.core.contact import Contact
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp
from coach.tui.screens.contact_form import ContactFormScreen
from coach.tui.screens.contacts import ContactsScreen, ImportSummaryScreen, MergePreviewScreen

FIXTURES = Path(__file__).parent.parent / "fixtures" / "network"


def seed(store: Store, *people: Contact) -> None:
    store.save_all("contact", [p.to_dict() for p in people])


def names_in_table(screen: ContactsScreen) -> list[str]:
    table = screen.query_one("#contacts-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def open_contacts(app: CoachApp, pilot: object) -> ContactsScreen:
    screen = ContactsScreen()
    await app.push_screen(screen)
    await pilot.pause()  # type: ignore[attr-defined]
    return screen


async def test_a_contact_added_in_the_form_is_saved_to_the_store(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        form.query_one("#contact-name", Input).value = "Grace Hopper"
        form.query_one("#contact-organisation", Input).value = "Navy Labs"
        form.query_one("#contact-tags", Input).value = "compilers, navy, compilers"
        form.query_one("#contact-how-known", Select).value = "conference"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        app.store.flush()
        saved = [Contact.from_dict(d) for d in store.contacts()]
        assert [(c.name, c.organisation, c.how_known, c.tags) for c in saved] == [
            ("Grace Hopper", "Navy Labs", "conference", ["compilers", "navy"])
        ]
        assert names_in_table(screen) == ["Grace Hopper"]


async def test_esc_in_the_form_asks_before_throwing_away_what_was_typed(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.confirm import ChoiceScreen

    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_contacts(app, pilot)
        # Nothing typed: Esc just closes.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Grace Hopper")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "new contact is not saved yet" in str(app.screen.question)
        # The first answer keeps editing, with the text still there.
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#contact-name", Input).value == "Grace Hopper"
        # Save from the question saves.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        assert app.screen is screen
        app.store.flush()
        assert [d["name"] for d in store.contacts()] == ["Grace Hopper"]
        # Discard throws the changes away, on purpose.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Ada")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("right", "right", "enter")
        await pilot.pause()
        assert app.screen is screen
        app.store.flush()
        assert [d["name"] for d in store.contacts()] == ["Grace Hopper"]


async def test_the_form_refuses_a_contact_without_a_name(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("a")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert "name is needed" in str(
            app.screen.query_one("#contact-name-message", Static).render()
        )
        app.store.flush()
        assert store.contacts() == []


async def test_the_form_points_at_an_email_or_profile_that_is_not_one_and_keeps_the_text(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        form.query_one("#contact-name", Input).value = "Grace Hopper"
        form.query_one("#contact-email", Input).value = "not-an-email"
        form.query_one("#contact-profile-url", Input).value = "linkedin dot com/foo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        email_message = str(form.query_one("#contact-email-message", Static).render())
        assert "does not look like an email address" in email_message
        assert "no spaces and a dot" in str(
            form.query_one("#contact-profile-url-message", Static).render()
        )
        assert form.focused is form.query_one("#contact-email", Input)
        assert form.query_one("#contact-email", Input).value == "not-an-email"  # nothing lost
        form.query_one("#contact-email", Input).value = "grace@navy.example"
        form.query_one("#contact-profile-url", Input).value = "linkedin.com/in/grace"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        app.store.flush()
        [doc] = store.contacts()
        assert (doc["email"], doc["profile_url"]) == ("grace@navy.example", "linkedin.com/in/grace")


async def test_editing_a_contact_changes_its_stored_record_and_keeps_its_id(
    data_paths: DataPaths, store: Store
) -> None:
    ada = Contact(name="Ada Lovelace", organisation="Engines", id="c-ada")
    seed(store, ada)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        assert form.query_one("#contact-name", Input).value == "Ada Lovelace"
        form.query_one("#contact-role", Input).value = "Analyst"
        form.query_one("#contact-stage", Select).value = "scheduled"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.store.flush()
        doc = store.get_contact("c-ada")
        assert doc is not None
        assert (doc["role"], doc["stage"], doc["organisation"]) == (
            "Analyst",
            "scheduled",
            "Engines",
        )
        assert len(store.contacts()) == 1


async def test_setting_the_stage_to_asked_in_the_form_starts_the_reply_reminders(
    data_paths: DataPaths, store: Store
) -> None:
    ada = Contact(name="Ada Lovelace", organisation="Engines", id="c-ada")
    seed(store, ada)
    clock = FakeClock(datetime(2025, 3, 3, 9, 0).astimezone())
    app = CoachApp(data_paths, store, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        form.query_one("#contact-stage", Select).value = "asked"
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.store.flush()
    doc = store.get_contact("c-ada")
    assert doc is not None
    assert doc["stage"] == "asked"
    assert doc["asked_at"] is not None and doc["asked_at"].startswith("2025-03-03T09:00")
    from coach.core.agenda import build_agenda

    agenda = build_agenda([Contact.from_dict(doc)], [], clock.now() + timedelta(days=6))
    assert agenda.for_contact("c-ada")


async def test_the_form_refuses_a_referrer_who_came_through_this_person(
    data_paths: DataPaths, store: Store
) -> None:
    ana = Contact(name="Ana Silva", id="c-ana")
    bo = Contact(name="Bo Chen", id="c-bo", referred_by="c-ana")
    seed(store, ana, bo)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        assert names_in_table(screen)[0] == "Ana Silva"
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        form.query_one("#contact-referred-by", Select).value = "c-bo"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        message = str(form.query_one("#contact-referred-by-message", Static).render())
        assert message.startswith("Bo Chen came to you through Ana Silva")
        form.query_one("#contact-referred-by", Select).value = Select.NULL
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        app.store.flush()
    doc = store.get_contact("c-ana")
    assert doc is not None and doc["referred_by"] is None


async def test_deleting_a_contact_asks_first_and_keeps_their_interviews_and_referrals(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.core.interview import Interview
    from coach.tui.screens.confirm import ChoiceScreen

    ana = Contact(name="Ana Silva", id="c-ana")
    bo = Contact(name="Bo Chen", id="c-bo", referred_by="c-ana")
    seed(store, ana, bo)
    store.save(
        "interview", Interview(id="iv-ana", contact_name="Ana Silva", contact_id="c-ana").to_dict()
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        question = str(dialog.query_one(".confirm-question", Static).render())
        assert question.startswith("Delete Ana Silva from your contacts?")
        assert "The interview with them is kept, under the name written on it." in question
        assert "Bo Chen will have no referrer." in question
        await pilot.press("enter")  # "Keep" comes first
        await pilot.pause()
        assert app.screen is screen and names_in_table(screen) == ["Ana Silva", "Bo Chen"]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert names_in_table(screen) == ["Bo Chen"]
    assert store.get_contact("c-ana") is None
    bo_doc = store.get_contact("c-bo")
    assert bo_doc is not None and bo_doc["referred_by"] is None
    interview = store.get_interview("iv-ana")
    assert interview is not None
    assert interview["contact_id"] is None and interview["contact_name"] == "Ana Silva"
    # Remembered, so that importing a file with her in it does not quietly bring her back.
    from coach.store.db import deleted_keys

    assert set(deleted_keys(store)) == set(ana.match_keys())


async def test_typing_in_search_narrows_the_list_as_you_type(
    data_paths: DataPaths, store: Store
) -> None:
    seed(
        store,
        Contact(name="Ada Lovelace", organisation="Engines"),
        Contact(name="Grace Hopper", organisation="Navy"),
        Contact(name="Alan Turing", organisation="Bletchley", stage="asked"),
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        assert names_in_table(screen) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
        await pilot.press("slash", "l")
        await pilot.pause()
        assert names_in_table(screen) == ["Ada Lovelace", "Alan Turing"]
        await pilot.press("o")
        await pilot.pause()
        assert names_in_table(screen) == ["Ada Lovelace"]
        screen.query_one("#contacts-search", Input).value = ""
        screen.query_one("#contacts-stage", Select).value = "asked"
        await pilot.pause()
        assert names_in_table(screen) == ["Alan Turing"]


async def test_esc_in_search_clears_the_words_then_the_box_and_only_then_leaves(
    data_paths: DataPaths, store: Store
) -> None:
    seed(store, Contact(name="Ada Lovelace"), Contact(name="Grace Hopper"))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("slash", *"grace")
        await pilot.pause()
        assert names_in_table(screen) == ["Grace Hopper"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert names_in_table(screen) == ["Ada Lovelace", "Grace Hopper"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#contacts-table", DataTable).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_sort_cycles_to_organisation_order(data_paths: DataPaths, store: Store) -> None:
    seed(
        store,
        Contact(name="Ada", organisation="Zeta"),
        Contact(name="Bob", organisation="Alpha"),
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        assert names_in_table(screen) == ["Ada", "Bob"]
        await pilot.press("s")
        await pilot.pause()
        assert screen.sort_key == "how_known"
        assert "sorted by how you know them" in str(screen.query_one("#contacts-status").render())
        await pilot.press("s")
        await pilot.pause()
        assert screen.sort_key == "organisation"
        assert names_in_table(screen) == ["Bob", "Ada"]


async def test_logging_an_interaction_records_it_and_resets_keep_in_touch(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    seed(
        store,
        Contact(
            name="Ada",
            id="c-ada",
            stage="keeping-in-touch",
            last_interaction="2020-01-01T10:00:00+00:00",
        ),
    )
    app = CoachApp(data_paths, store, clock=fake_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.click("#answer-0")  # Call
        await pilot.pause()
        app.screen.query_one("#log-note", Input).value = "talked about maps"
        await pilot.press("enter")
        await pilot.pause()
        app.store.flush()
        contact = Contact.from_dict(store.get_contact("c-ada") or {})
        assert [(i.kind, i.note) for i in contact.interactions] == [("call", "talked about maps")]
        # Dated by the app's clock, so "now" is the test's.
        assert contact.last_interaction is not None
        assert datetime.fromisoformat(contact.last_interaction) == fake_clock.now()
        assert datetime.fromisoformat(contact.interactions[0].at) == fake_clock.now()


async def test_an_interaction_can_be_logged_for_an_earlier_day_and_is_shown_under_the_list(
    data_paths: DataPaths, store: Store, fake_clock: FakeClock
) -> None:
    seed(store, Contact(name="Ada", id="c-ada"))
    app = CoachApp(data_paths, store, clock=fake_clock)
    today = fake_clock.now().astimezone().date()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        history = screen.query_one("#contacts-history", Static)
        assert str(history.render()).startswith("Nothing logged with them yet")
        # Esc in the dialog logs nothing.
        await pilot.press("l")
        await pilot.pause()
        await pilot.click("#answer-1")  # Message
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        # A day still to come is refused and the dialog stays; an earlier day is taken.
        await pilot.press("l")
        await pilot.pause()
        await pilot.click("#answer-1")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#log-note", Input).placeholder == "what you wrote (optional)"
        dialog.query_one("#log-note", Input).value = "sent [bold]the[/] article"
        dialog.query_one("#log-day", Input).value = (today + timedelta(days=1)).isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert str(dialog.query_one("#log-message", Static).render()) == (
            "That day has not come yet."
        )
        # A date typed into Note (where the cursor starts) is pointed to the When field.
        note = dialog.query_one("#log-note", Input)
        day = dialog.query_one("#log-day", Input)
        note.focus()
        await pilot.pause()
        # The field with the cursor is tinted: a compact field has no border to show it.
        assert note.styles.background != day.styles.background
        note.value = "2025-11-02"
        day.value = today.isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and app.focused is day
        assert "goes in When" in str(dialog.query_one("#log-message", Static).render())
        note.value = "sent [bold]the[/] article"
        dialog.query_one("#log-day", Input).value = "2025-13-01"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert str(dialog.query_one("#log-message", Static).render()) == (
            "There is no day 2025-13-01 on the calendar."
        )
        earlier = today - timedelta(days=3)
        dialog.query_one("#log-day", Input).value = earlier.isoformat()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        app.store.flush()
        [logged] = Contact.from_dict(store.get_contact("c-ada") or {}).interactions
        assert (logged.kind, logged.note) == ("message", "sent [bold]the[/] article")
        assert logged.at.startswith(f"{earlier.isoformat()}T12:00:00")
        assert str(history.render()) == (
            f"Latest: {earlier.isoformat()} message sent [bold]the[/] article"
        )


async def test_a_day_typed_as_the_note_is_questioned_once_and_kept_on_a_second_enter(
    data_paths: DataPaths, store: Store
) -> None:
    seed(store, Contact(name="Ada Lovelace", id="c-ada"))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.click("#answer-2")  # Reply
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#log-note", Input).placeholder == "what they said (optional)"
        question = str(dialog.query_one(".confirm-question", Static).render())
        assert question == "Reply from Ada Lovelace"
        await pilot.press(*"2026-01-15", "enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "Enter again keeps it" in str(dialog.query_one("#log-message", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        history = str(screen.query_one("#contacts-history", Static).render())
        assert history.endswith("replied 2026-01-15")
        app.store.flush()
    [logged] = Contact.from_dict(store.get_contact("c-ada") or {}).interactions
    assert (logged.kind, logged.note) == ("reply", "2026-01-15")


async def test_importing_a_linkedin_file_shows_the_summary_and_twice_adds_no_duplicates(
    data_paths: DataPaths, store: Store, tmp_path: Path
) -> None:
    source = tmp_path / "My Files" / "Connections.csv"
    source.parent.mkdir()
    shutil.copy(FIXTURES / "connections_notes_crlf.csv", source)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("i")
        # As a file manager pastes it: quoted, with a space after.
        app.screen.query_one(Input).value = f"'{source}' "
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary_screen = app.screen
        assert isinstance(summary_screen, ImportSummaryScreen)
        summary = str(summary_screen.query_one("#import-summary", Static).render())
        assert summary.startswith("6 imported, 0 updated")
        assert summary.endswith("1 skipped")
        rows = summary_screen.query("#import-skipped Static")
        skipped = [str(s.render()) for s in rows if s.id is None]
        assert skipped == ["line 10: no name and no profile URL"]
        first_count = len(store.contacts())
        assert first_count == 6
        assert len(names_in_table(screen)) == 6
        await pilot.press("escape")

        await pilot.press("i")
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        again = str(app.screen.query_one("#import-summary", Static).render())
        assert again.startswith("0 imported, 0 updated, 6 already up to date")
        assert len(store.contacts()) == first_count


async def test_a_malformed_import_names_its_line_and_writes_nothing(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        screen.import_file(FIXTURES / "broken_open_quote.csv")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportSummaryScreen)
        message = str(app.screen.query_one("#import-summary", Static).render())
        assert message.startswith("Nothing imported:")
        # The file is named above; the message says which line and why.
        assert message == "Nothing imported: line 5: unexpected end of data"
        assert store.contacts() == []


async def test_imported_names_with_markup_and_escapes_show_literally(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    # Wide enough that the organisation column holds the whole markup tag.
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        screen.import_file(FIXTURES / "connections_notes_crlf.csv")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        screen.query_one("#contacts-search", Input).value = "mallory"
        await pilot.pause()
        table = screen.query_one("#contacts-table", DataTable)
        name, organisation = (str(cell) for cell in table.get_row_at(0)[:2])
        assert name.startswith("[bold]Mallory[/]")
        assert "\x1b" not in name
        assert organisation.startswith("[@click=app.quit]")
        # Clicking the cell must not run the embedded action.
        await pilot.click("#contacts-table", offset=(30, 1))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None


async def test_merge_shows_a_preview_and_then_keeps_one_record(
    data_paths: DataPaths, store: Store
) -> None:
    old = Contact(
        name="Ana Silva",
        id="c-old",
        email="ana@example.com",
        created_at="2024-01-01T09:00:00+00:00",
        tags=["data"],
    )
    new = Contact(
        name="Ana Silva",
        id="c-new",
        email="ANA@example.com",
        phone="+44 1",
        created_at="2024-02-01T09:00:00+00:00",
        tags=["meetup"],
    )
    referred = Contact(name="Bo", id="c-bo", referred_by="c-new")
    seed(store, old, new, referred)
    store.save("interview", {"id": "iv-ana", "contact_id": "c-new", "status": "debriefed"})
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, MergePreviewScreen)
        shown = str(preview.query_one("#merge-preview", Static).render())
        assert "+44 1" in shown and "data, meetup" in shown
        assert store.get_contact("c-new") is not None  # nothing written yet
        await pilot.click("#merge-confirm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.store.flush()
        ids = sorted(d["id"] for d in store.contacts())
        assert ids == ["c-bo", "c-old"]
        merged = Contact.from_dict(store.get_contact("c-old") or {})
        assert (merged.phone, merged.tags) == ("+44 1", ["data", "meetup"])
        assert (store.get_contact("c-bo") or {})["referred_by"] == "c-old"
        assert (store.get_interview("iv-ana") or {})["contact_id"] == "c-old"
        assert names_in_table(screen) == ["Ana Silva", "Bo"]


async def test_cancelling_the_merge_preview_changes_nothing(
    data_paths: DataPaths, store: Store
) -> None:
    seed(store, Contact(name="A", email="a@x.org"), Contact(name="A2", email="a@x.org"))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        app.store.flush()
        assert len(store.contacts()) == 2


async def test_the_request_screen_gets_the_contact_as_edited_not_as_last_written(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.request import RequestScreen

    seed(store, Contact(name="Kim Park", id="c-kim", organisation="Old Org"))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        # An edit the saver has not written yet: the list holds it, the store does not.
        screen.people = [Contact(name="Kim Park", id="c-kim", organisation="New Org")]
        screen.refresh_table(keep="c-kim")
        screen.action_request()
        await pilot.pause()
        request = app.screen
        assert isinstance(request, RequestScreen)
        assert request.contact is not None and request.contact.organisation == "New Org"


def test_columns_fit_the_width_and_never_go_below_their_least() -> None:
    from coach.tui.widgets.people_table import table_layout

    for total in (78, 98, 118, 400):
        layout = table_layout(total, longest_name=30)
        assert sum(width for _, width in layout) + 2 * len(layout) + 2 <= total
        assert all(width >= column.least for column, width in layout)
        assert all(width <= column.most for column, width in layout)


def test_narrow_tables_keep_name_organisation_and_stage_and_wider_ones_add_the_rest() -> None:
    from coach.tui.widgets.people_table import table_layout

    def headers(total: int) -> list[str]:
        return [column.header for column, _ in table_layout(total, longest_name=22)]

    assert headers(78) == ["Name", "Organisation", "Stage"]
    assert headers(98) == ["Name", "Organisation", "Stage", "How known"]
    assert headers(118) == ["Name", "Organisation", "Role", "Stage", "How known"]
    assert headers(138) == ["Name", "Organisation", "Role", "Stage", "How known", "Last touch"]


def test_room_to_spare_goes_to_the_name_until_the_longest_name_fits() -> None:
    from coach.tui.widgets.people_table import table_layout

    (name, name_width), (org, org_width), _ = table_layout(78, longest_name=26)
    assert (name.header, name_width) >= ("Name", 26)
    assert org.header == "Organisation" and org_width > org.least


async def test_at_80_by_24_three_columns_show_whole_and_the_main_keys_too(
    data_paths: DataPaths, store: Store
) -> None:
    seed(
        store,
        Contact(
            name="Dana Whitfield-Moreno",
            organisation="Riverside Health Partners",
            role="Principal Solutions Architect",
            how_known="classmate-alumni",
            stage="keeping-in-touch",
            last_interaction="2025-02-20T10:00:00+00:00",
        ),
    )
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(app, pilot)
        rows = [strip.text for strip in app.screen._compositor.render_strips()]
        header = rows[2]
        for title in ("Name", "Organisation", "Stage"):
            assert title in header
        for title in ("Role", "How known", "Last touch"):
            assert title not in header
        # Each value whole, not cut with an ellipsis.
        for value in ("Dana Whitfield-Moreno", "Riverside Health Partners", "keeping-in-touch"):
            assert value in rows[3], value
        assert "…" not in rows[3]
        # How they know them, left out of the table, is said under it.
        assert "Classmate or alumni" in " ".join(rows[-5:-2])
        footer = rows[-1]
        for key in ("esc Back", "a Add", "e Edit", "l Log", "w Request", "n Interview"):
            assert key in footer
        assert "m Merge" in footer and "i Import" in footer and "f1 Help" in footer
        assert "s to change" in rows[-2]
        await pilot.resize_terminal(140, 30)
        await pilot.pause()
        rows = [strip.text for strip in app.screen._compositor.render_strips()]
        for title in ("Name", "Organisation", "Role", "Stage", "How known", "Last touch"):
            assert title in rows[2]
        assert "2025-02-20" in rows[3]


async def test_on_a_short_terminal_the_form_scrolls_and_save_stays_in_view(
    data_paths: DataPaths, store: Store
) -> None:
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 16)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        screen_area = form.region
        save = form.query_one("#contact-save")
        assert save.region.height == 1 and screen_area.contains_region(save.region)
        notes = form.query_one("#contact-notes")
        notes.focus()
        await pilot.pause()
        scroll = form.query_one(".contact-form-scroll")
        assert scroll.max_scroll_y > 0
        # The focused notes are scrolled into view, and the buttons are still there.
        assert scroll.region.contains_point(notes.region.offset)
        assert screen_area.contains_region(save.region)


async def test_n_prepares_an_interview_filed_under_the_selected_contact(
    data_paths: DataPaths, store: Store
) -> None:
    from coach.tui.screens.prepare import PrepareScreen

    zoe = Contact(name="Zoë O'Neil", organisation="Acme", role="Engineer", stage="asked")
    seed(store, zoe)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        prepare = app.screen
        assert isinstance(prepare, PrepareScreen)
        assert prepare.contact is not None and prepare.contact.id == zoe.id
        assert prepare.query_one("#prepare-name", Input).value == "Zoë O'Neil"
        assert prepare.query_one("#prepare-org", Input).value == "Acme"
        await pilot.press("f2")
        prepare.query_one("#prepare-when", Input).value = "2026-12-01 14:30"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Back on the list, she has moved along the pipeline; nobody was added.
        table = screen.query_one("#contacts-table", DataTable)
        assert table.row_count == 1
        assert "scheduled" in [str(cell) for cell in table.get_row_at(0)]
    [doc] = store.contacts()
    assert doc["stage"] == "scheduled"
    [interview] = store.interviews()
    assert interview["contact_id"] == zoe.id


async def test_at_80_by_24_the_merge_preview_shows_its_buttons_and_scrolls_the_record(
    data_paths: DataPaths, store: Store
) -> None:
    org = "The International Consortium of Very Long Organisation Names"
    people = [
        Contact(name="Zoë O'Neil", organisation=org, email="z@example.com", notes="met " * 40),
        Contact(name="Zoë O'Neil", organisation=org, role="Engineer", stage="asked"),
    ]
    seed(store, *people)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        preview = app.screen
        assert isinstance(preview, MergePreviewScreen)
        for button in ("#merge-confirm", "#merge-cancel"):
            region = preview.query_one(button).region
            assert region and region.bottom <= 23, button  # above the footer row
        # The record itself scrolls in what room is left.
        scroll = preview.query_one("#merge-scroll")
        assert scroll.region.height >= 3
        # The same size twice (terminals send that) keeps the fit; a shorter one shrinks it.
        for rows in (18, 18):
            await pilot.resize_terminal(80, rows)
            await pilot.pause()
            await pilot.pause()
            merge = preview.query_one("#merge-confirm").region
            assert merge and merge.bottom <= rows - 1, rows
        # A taller screen gives the record its rows back.
        await pilot.resize_terminal(80, 40)
        await pilot.pause()
        await pilot.pause()
        assert scroll.region.height > 8
        await pilot.press("enter")  # Merge has the focus
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.store.flush()
        assert len(store.contacts()) == 1


def test_the_history_line_says_an_ask_once() -> None:
    from coach.core.outreach import mark_asked
    from coach.tui.screens.contacts import history_line

    asked = mark_asked(Contact(name="Ana"), at="2026-11-29T10:00:00+00:00")
    assert str(history_line(asked)) == "Latest: 2026-11-29 asked for a conversation"


async def test_a_person_deleted_on_a_screen_above_is_gone_below_and_never_saved_back(
    data_paths: DataPaths, store: Store
) -> None:
    ana = Contact(name="Ana Silva", id="c-ana")
    seed(store, ana, Contact(name="Bo Chen", id="c-bo"))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(100, 30)) as pilot:
        below = await open_contacts(app, pilot)
        above = await open_contacts(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert names_in_table(above) == ["Bo Chen"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is below
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert names_in_table(below) == ["Bo Chen"]
        # A stale copy handed back (say from a dialog opened earlier) is not written.
        below.remember(ana.with_interaction("call", "old dialog"))
        app.store.flush()
    assert store.get_contact("c-ana") is None


async def test_at_80_by_24_every_picker_in_the_form_opens_inside_the_dialog(
    data_paths: DataPaths, store: Store
) -> None:
    people = [Contact(name=f"Person {n:02d}", organisation="Acme") for n in range(20)]
    seed(store, *people)
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        box = form.query_one(".contact-form-box").region
        for picker in ("#contact-how-known", "#contact-referred-by", "#contact-stage"):
            form.query_one(picker).focus()
            await pilot.press("enter")
            await pilot.pause()
            overlay = form.query_one(f"{picker} SelectOverlay").region
            assert box.contains_region(overlay), picker
            await pilot.press("escape")
            await pilot.pause()


def test_placeholders_in_the_form_cannot_be_read_as_values() -> None:
    from coach.tui.screens.contact_form import TEXT_FIELDS

    for _, _, placeholder in TEXT_FIELDS:
        assert placeholder.startswith("(") and placeholder.endswith(")"), placeholder
    examples = [p for name, _, p in TEXT_FIELDS if name in ("email", "profile_url")]
    assert all(p.startswith("(e.g. ") for p in examples)


async def test_after_an_import_people_are_marked_a_group_at_a_time_and_known_come_first(
    data_paths: DataPaths, store: Store, tmp_path: Path
) -> None:
    from coach.tui.screens.mark_groups import MarkGroupsScreen

    source = tmp_path / "Connections.csv"
    source.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ana,Silva,,Acme Analytics,Analyst,05 Oct 2019\n"
        "Zoe,Brown,,Acme Analytics,Engineer,12 Nov 2019\n"
        "Bea,Cole,,Fabrikam,Nurse,09 Apr 2021\n",
        encoding="utf-8",
    )
    seed(store, Contact(name="Aaron Able", organisation="Elsewhere"))
    app = CoachApp(data_paths, store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_contacts(app, pilot)
        await pilot.press("i")
        app.screen.query_one(Input).value = str(source)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")  # the import summary
        await pilot.pause()
        offers = [n.message for n in app._notifications]
        assert any(m.startswith("4 people with no 'how known' yet: press k") for m in offers)

        await pilot.press("k")
        await pilot.pause()
        marking = app.screen
        assert isinstance(marking, MarkGroupsScreen)
        labels = [g.label for g in marking.groups]
        assert labels[0] == "Acme Analytics"
        marking.query_one("#groups-how-known", Select).value = "former-colleague"
        await pilot.press("tab", "space")  # to the groups; tick Acme Analytics
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        app.store.flush(5)
        known = {doc["name"]: doc["how_known"] for doc in store.contacts()}
        assert known == {
            "Ana Silva": "former-colleague",
            "Zoe Brown": "former-colleague",
            "Bea Cole": "",
            "Aaron Able": "",
        }
        # The list now puts the people known first.
        assert screen.sort_key == "how_known"
        assert names_in_table(screen) == ["Ana Silva", "Zoe Brown", "Aaron Able", "Bea Cole"]


async def test_an_empty_contacts_screen_says_how_to_add_or_import_people(data_paths) -> None:
    from coach.store.db import Store
    from coach.tui.app import CoachApp

    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            await pilot.pause()
            status = str(app.screen.query_one("#contacts-status").render())
            assert status.startswith("No contacts yet: a adds one; i imports")
