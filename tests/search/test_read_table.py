"""Reading the paths and transcripts tables from the DB file, wherever the writer put them."""

from __future__ import annotations

import json

import orjson
from search_samples import PATHS, interviews, transcripts, write_folder

from coach.store.db import SCHEMA_VERSION, Store
from coach.store.paths import DataPaths
from coach.store.tables import read_table


def titles(paths: DataPaths) -> list[str]:
    with Store.open(paths, read_only=True) as store:
        return [doc["title"] for doc in read_table(store, "paths")]


def test_a_table_kept_after_meta_comes_back_in_file_order(data_paths: DataPaths) -> None:
    write_folder(data_paths)
    assert titles(data_paths) == [p["title"] for p in PATHS]
    with Store.open(data_paths, read_only=True) as store:
        assert read_table(store, "transcripts") == transcripts()


def test_the_tables_survive_a_save_by_the_store(data_paths: DataPaths) -> None:
    write_folder(data_paths)
    with Store.open(data_paths) as store:
        store.put_interview(interviews()[0] | {"goals": "changed"})
    assert titles(data_paths) == [p["title"] for p in PATHS]


def test_a_table_written_before_meta_is_found_even_with_another_after_it(
    data_paths: DataPaths,
) -> None:
    # As the store would write them if it managed both tables itself.
    data = {
        "contacts": {},
        "interviews": {"1": interviews()[0]},
        "paths": {str(k + 1): p for k, p in enumerate(PATHS)},
        "transcripts": {"1": transcripts()[0]},
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }
    data_paths.root.mkdir(parents=True)
    data_paths.db.write_bytes(orjson.dumps(data))
    assert titles(data_paths) == [p["title"] for p in PATHS]
    with Store.open(data_paths, read_only=True) as store:
        assert read_table(store, "transcripts") == transcripts()


def test_a_hand_edited_file_is_read_whole(data_paths: DataPaths) -> None:
    data = {
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
        "paths": {"7": PATHS[0]},
        "interviews": {},
    }
    data_paths.root.mkdir(parents=True)
    data_paths.db.write_text(json.dumps(data, indent=4))
    assert titles(data_paths) == [PATHS[0]["title"]]


def test_an_absent_table_or_file_gives_no_documents(data_paths: DataPaths) -> None:
    write_folder(data_paths, with_tables=False)
    assert titles(data_paths) == []
    data_paths.db.unlink()
    assert titles(data_paths) == []
