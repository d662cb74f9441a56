import os
import stat
from pathlib import Path

import pytest

from coach.store.config import read_keymap
from coach.store.paths import DataPaths

KNOWN = ["app.help", "app.quit", "live.next", "live.prev", "live.notes"]


def write_config(data_paths, text: str):
    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.config.write_text(text, encoding="utf-8")
    return str(data_paths.config)


def test_no_config_file_means_the_default_keys(data_paths):
    assert read_keymap(data_paths) == ({}, None)
    assert read_keymap(data_paths, KNOWN) == ({}, None)


def test_a_keymap_in_config_yaml_remaps_bindings_by_id(data_paths):
    write_config(data_paths, "keymap:\n  live.next: ctrl+n\n  app.help: f1,f2\n")
    assert read_keymap(data_paths) == ({"live.next": "ctrl+n", "app.help": "f1,f2"}, None)
    assert read_keymap(data_paths, KNOWN) == ({"live.next": "ctrl+n", "app.help": "f1,f2"}, None)


def test_a_broken_config_file_is_reported_with_its_line_and_ignored(data_paths):
    config = write_config(data_paths, "keymap:\n  live.next: [ctrl+n\n")
    keymap, problem = read_keymap(data_paths)
    assert keymap == {}
    assert problem is not None and problem.startswith(f"{config}:3: YAML syntax error: ")
    assert problem.endswith("in a [ ] list that starts at line 2, column 14; key map ignored")


def test_bad_entries_are_named_and_good_ones_still_apply(data_paths):
    config = write_config(data_paths, "keymap:\n  live.next: ctrl+n\n  live.prev: [ctrl+p]\n")
    assert read_keymap(data_paths) == (
        {"live.next": "ctrl+n"},
        f"{config}:3: live.prev: keys must be text such as 'ctrl+n'",
    )


def test_a_misspelt_key_id_is_named_with_its_line_and_the_id_probably_meant(data_paths):
    config = write_config(data_paths, "keymap:\n  live.nxt: ctrl+n\n  app.help: f2\n")
    assert read_keymap(data_paths, KNOWN) == (
        {"app.help": "f2"},
        f"{config}:2: unknown key id 'live.nxt' (did you mean 'live.next'?)",
    )


def test_each_unknown_key_id_gets_a_line_of_its_own(data_paths):
    config = write_config(
        data_paths, "keymap:\n  live.nxt: ctrl+n\n  zebra.stripes: z\n  App.Help: f2\n"
    )
    keymap, problem = read_keymap(data_paths, KNOWN)
    assert keymap == {}
    assert problem is not None
    assert problem.splitlines() == [
        f"{config}:2: unknown key id 'live.nxt' (did you mean 'live.next'?)",
        f"{config}:3: unknown key id 'zebra.stripes'",
        f"{config}:4: 'App.Help' is not a key id; ids look like live.next",
    ]


def test_without_the_known_ids_every_well_formed_id_is_kept(data_paths):
    write_config(data_paths, "keymap:\n  live.nxt: ctrl+n\n")
    assert read_keymap(data_paths) == ({"live.nxt": "ctrl+n"}, None)


def test_keys_are_read_as_written_so_a_digit_is_a_key(data_paths):
    write_config(data_paths, "keymap:\n  live.next: 1\n  live.prev: no\n")
    assert read_keymap(data_paths, KNOWN) == ({"live.next": "1", "live.prev": "no"}, None)


def test_a_misspelt_setting_is_named_and_the_key_map_still_applies(data_paths):
    config = write_config(data_paths, "keymapp:\n  live.next: ctrl+n\nkeymap:\n  app.help: f2\n")
    assert read_keymap(data_paths, KNOWN) == (
        {"app.help": "f2"},
        f"{config}:1: unknown setting 'keymapp' (did you mean 'keymap'?)",
    )


def test_a_key_id_given_twice_is_named_and_the_first_kept(data_paths):
    config = write_config(data_paths, "keymap:\n  live.next: ctrl+n\n  live.next: n\n")
    assert read_keymap(data_paths, KNOWN) == (
        {"live.next": "ctrl+n"},
        f"{config}:3: duplicate key 'live.next' (first given at line 2)",
    )


def test_an_escape_that_makes_a_control_character_is_refused(data_paths):
    config = write_config(data_paths, 'keymap:\n  live.next: "\\e[2J"\n  app.help: f2\n')
    assert read_keymap(data_paths, KNOWN) == (
        {"app.help": "f2"},
        f"{config}:2: control character U+001B in text",
    )


def test_a_config_that_is_a_named_pipe_is_refused_without_waiting(data_paths):
    data_paths.root.mkdir(parents=True)
    os.mkfifo(data_paths.config)
    assert read_keymap(data_paths, KNOWN) == (
        {},
        f"{data_paths.config}: a named pipe (FIFO), not a regular file; key map ignored",
    )


# -- the theme, remembered across runs ---------------------------------------------------------


def test_the_theme_line_is_added_to_a_file_the_person_wrote_and_every_other_byte_kept(
    data_paths: DataPaths,
) -> None:
    from coach.store.config import read_theme, write_theme

    data_paths.root.mkdir(parents=True, exist_ok=True)
    written = "# my settings\nkeymap:\n  live.next: ctrl+n   # faster\n"
    data_paths.config.write_text(written, encoding="utf-8")
    os.chmod(data_paths.config, 0o640)
    write_theme(data_paths, "textual-light")
    assert data_paths.config.read_text(encoding="utf-8") == written + "theme: textual-light\n"
    assert read_theme(data_paths) == "textual-light"
    assert read_keymap(data_paths) == ({"live.next": "ctrl+n"}, None)
    assert stat.S_IMODE(data_paths.config.stat().st_mode) == 0o640


def test_a_theme_line_already_there_is_replaced_in_place_with_its_comment(
    data_paths: DataPaths,
) -> None:
    from coach.store.config import read_theme, write_theme

    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.config.write_bytes(b"theme: nord  # evenings\r\nkeymap:\r\n  app.help: f1\r\n")
    write_theme(data_paths, "textual-dark")
    assert data_paths.config.read_bytes() == (
        b"theme: textual-dark  # evenings\r\nkeymap:\r\n  app.help: f1\r\n"
    )
    assert read_theme(data_paths) == "textual-dark"


def test_without_a_settings_file_the_theme_makes_one_private_to_the_person(
    data_paths: DataPaths,
) -> None:
    from coach.store.config import read_theme, write_theme

    assert read_theme(data_paths) is None
    write_theme(data_paths, "gruvbox")
    assert data_paths.config.read_text(encoding="utf-8") == "theme: gruvbox\n"
    assert stat.S_IMODE(data_paths.config.stat().st_mode) == 0o600
    with pytest.raises(ValueError):
        write_theme(data_paths, "a: b\nkeymap: {}")


def test_a_settings_file_that_is_a_link_is_written_through(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    from coach.store.config import write_theme

    real = tmp_path / "dotfiles" / "coach.yaml"
    real.parent.mkdir()
    real.write_text("keymap:\n", encoding="utf-8")
    data_paths.root.mkdir(parents=True, exist_ok=True)
    data_paths.config.symlink_to(real)
    write_theme(data_paths, "nord")
    assert data_paths.config.is_symlink()
    assert real.read_text(encoding="utf-8") == "keymap:\ntheme: nord\n"


def test_a_key_no_terminal_sends_is_named_with_its_line_and_left_out(data_paths):
    from coach.tui.binding_ids import is_key

    config = write_config(
        data_paths, "keymap:\n  live.next: ctrl+j\n  live.skip: ctrl+banana\n  app.help: F2\n"
    )
    keymap, problem = read_keymap(data_paths, [*KNOWN, "live.skip"], is_key=is_key)
    assert keymap == {"live.next": "ctrl+j"}
    assert problem is not None
    first, second = problem.splitlines()
    assert first.startswith(f"{config}:3: live.skip: 'ctrl+banana' is not a key coach knows")
    assert second.startswith(f"{config}:4: app.help: 'F2' is not a key")
    assert "in lower case" in second


def test_every_key_coach_binds_is_one_the_key_test_accepts():
    from textual.binding import Binding

    from coach.tui.binding_ids import _holders, is_key

    keys = [
        binding.key
        for holder in _holders()  # the app, and every screen and widget class in coach.tui
        for binding in Binding.make_bindings(vars(holder).get("BINDINGS", []))
    ]
    assert len(keys) > 50
    assert [key for key in keys if not is_key(key)] == []
    for name in ("ctrl+j", "alt+down", "f6", "?", "question_mark", "T", "shift+tab"):
        assert is_key(name), name
    for name in ("ctrl+banana", "banana", "ctrl+", "ctrl+ctrl+a", "F6", "ctrl+T", "hyper+"):
        assert not is_key(name), name


def test_a_key_given_to_one_command_while_another_keeps_it_is_named():
    from coach.tui.binding_ids import keys_taken

    assert keys_taken({"live.next": "ctrl+t"}) == [
        "live.next: ctrl+t is already the key for Pause (live.pause); Pause keeps only its "
        "other keys, if any"
    ]
    # Moving Pause away first frees the key; a key nobody on that screen has is free too.
    assert keys_taken({"live.next": "ctrl+t", "live.pause": "f6"}) == []
    assert keys_taken({"live.next": "ctrl+j"}) == []
    # The app's own keys hold on every screen.
    assert any("(app.help)" in line for line in keys_taken({"live.next": "f1"}))
