from coach.store.config import read_keymap


def test_no_config_file_means_the_default_keys(data_paths):
    assert read_keymap(data_paths) == ({}, None)


def test_a_keymap_in_config_yaml_remaps_bindings_by_id(data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.config.write_text("keymap:\n  live.next: ctrl+n\n  app.help: f1,f2\n")
    assert read_keymap(data_paths) == ({"live.next": "ctrl+n", "app.help": "f1,f2"}, None)


def test_a_broken_config_file_is_reported_with_its_line_and_ignored(data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.config.write_text("keymap:\n  live.next: [ctrl+n\n")
    keymap, problem = read_keymap(data_paths)
    assert keymap == {}
    assert problem is not None and str(data_paths.config) in problem and ":3:" in problem


def test_bad_entries_are_named_and_good_ones_still_apply(data_paths):
    data_paths.root.mkdir(parents=True)
    data_paths.config.write_text("keymap:\n  live.next: ctrl+n\n  live.prev: 3\n")
    keymap, problem = read_keymap(data_paths)
    assert keymap == {"live.next": "ctrl+n"}
    assert problem is not None and "live.prev" in problem
