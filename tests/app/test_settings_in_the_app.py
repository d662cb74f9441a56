"""The settings file as the app uses it: the theme is kept across runs, and a key map names a
misspelt binding id with the id meant, whatever screen declares it."""

from __future__ import annotations

from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.tui.app import CoachApp


async def test_the_theme_chosen_is_kept_for_the_next_run_with_the_rest_of_the_file(
    data_paths: DataPaths,
) -> None:
    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.config.write_text("keymap:\n  app.help: f1\ntheme: textual-light\n", "utf-8")
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == "textual-light"
            app.theme = "nord"
            await pilot.pause()
            app._keep_theme()  # what the timer does once the picker settles
            await app.workers.wait_for_complete()
        assert data_paths.config.read_text("utf-8") == "keymap:\n  app.help: f1\ntheme: nord\n"

        again = CoachApp(data_paths, store)
        async with again.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert again.theme == "nord"


async def test_an_unknown_theme_in_the_file_is_named_and_the_default_kept(
    data_paths: DataPaths,
) -> None:
    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.config.write_text("theme: textual-lite\n", "utf-8")
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            assert app.theme == "textual-dark"
            said = [n.message for n in app._notifications]
            assert any(
                "unknown theme 'textual-lite' (did you mean 'textual-light'?)" in m for m in said
            )


async def test_a_misspelt_key_id_of_any_screen_is_named_and_the_right_ones_apply(
    data_paths: DataPaths,
) -> None:
    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.config.write_text(
        "keymap:\n  live.nxt: ctrl+n\n  contacts.add: plus\n  prepare.plan.own: w\n", "utf-8"
    )
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            said = [n.message for n in app._notifications if n.title == "Key map"]
            assert said == [
                f"{data_paths.config}:2: unknown key id 'live.nxt' (did you mean 'live.next'?)"
            ]
            # A screen's binding, remapped: Contacts adds a person on +.
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("plus")
            await pilot.pause()
            assert type(app.screen).__name__ == "ContactFormScreen"


def test_every_binding_in_the_app_has_an_id_the_key_map_knows() -> None:
    from coach.tui.binding_ids import all_binding_ids

    ids = all_binding_ids()
    for expected in ("app.help", "home.new", "live.next", "contacts.add", "prepare.plan.own"):
        assert expected in ids
    assert "debrief.copy" in ids and "request.copy_subject" in ids
    # Keys of widgets in a package of their own (the Debrief's tabs) and those of the series.
    for expected in (
        "debrief.referral.confirm",
        "debrief.colleague",
        "debrief.answered",
        "prepare.reuse",
        "prepare.plan.open_questions",
        "live.goals",
        "home.search",
        "home.side_by_side",
    ):
        assert expected in ids, expected


async def test_a_theme_chosen_just_before_quitting_is_kept(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        app = CoachApp(data_paths, store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.theme = "textual-light"
            await pilot.pause()
            await pilot.press("ctrl+q")  # before the theme's timer fires
        assert data_paths.config.read_text("utf-8") == "theme: textual-light\n"
