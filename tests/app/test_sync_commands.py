"""Moving data between machines from the command line: conflict copies and exported interviews."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from coach.core.interview import Interview
from coach.store.db import Store
from coach.store.paths import DataPaths
from coach.store.sync import CONFLICTS


def coach(data: DataPaths, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data.root), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def an_interview(updated: str = "2026-12-01T10:00:00+00:00") -> Interview:
    interview = Interview(id="iv1abc", contact_name="Dana Whitfield", goals="Learn the ropes")
    interview.updated_at = updated
    interview.debrief.learned = "Portfolios matter\nmore than degrees."
    return interview


def test_an_exported_interview_comes_back_exactly_as_it_was(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    with Store.open(data_paths) as store:
        store.save("interview", an_interview().to_dict())
    exported = tmp_path / "iv1abc.json"
    assert (
        coach(data_paths, "export", "iv1abc", "--format", "json", "-o", str(exported)).returncode
        == 0
    )
    with Store.open(data_paths) as store:
        before = store.get_interview("iv1abc")
        store.remove("interview", "iv1abc")
    result = coach(data_paths, "interviews", "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert "interview iv1abc added" in result.stdout
    with Store.open(data_paths, read_only=True) as store:
        assert store.get_interview("iv1abc") == before
    again = coach(data_paths, "interviews", "import", str(exported))
    assert "already the same here" in again.stdout


def test_an_interview_changed_on_both_machines_keeps_the_newer_and_the_other_on_the_record(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    elsewhere = an_interview("2026-12-03T12:00:00+00:00")
    elsewhere.goals = "Goals written on the laptop"
    exported = tmp_path / "from-laptop.json"
    exported.write_bytes(orjson.dumps(elsewhere.to_dict()))
    here = an_interview("2026-12-02T09:00:00+00:00")
    here.goals = "Goals written on the desktop"
    with Store.open(data_paths) as store:
        store.save("interview", here.to_dict())
    result = coach(data_paths, "interviews", "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert "differs from the one here" in result.stdout
    with Store.open(data_paths, read_only=True) as store:
        doc = store.get_interview("iv1abc")
    assert doc["goals"] == "Goals written on the laptop"
    assert doc[CONFLICTS][0]["document"]["goals"] == "Goals written on the desktop"


def test_a_file_that_is_not_an_exported_interview_is_refused_and_nothing_changes(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    with Store.open(data_paths):
        pass
    before = data_paths.db.read_bytes()
    csv = tmp_path / "Connections.csv"
    csv.write_text("First Name,Last Name\nAna,Ortiz\n")
    missing = tmp_path / "nowhere.json"
    result = coach(data_paths, "interviews", "import", str(csv), str(missing))
    assert result.returncode == 1
    assert f"{csv}:1: not JSON" in result.stderr
    assert f"{missing}: cannot be read" in result.stderr
    assert "Traceback" not in result.stderr
    stored = orjson.loads(data_paths.db.read_bytes())
    assert stored["interviews"] == orjson.loads(before)["interviews"] == {}


def test_a_sync_conflict_copy_is_listed_merged_and_set_aside(data_paths: DataPaths) -> None:
    with Store.open(data_paths) as store:
        store.save("contact", {"id": "a", "name": "Ana", "updated_at": "2026-12-01"})
    copy_data = orjson.loads(data_paths.db.read_bytes())
    copy_data["contacts"]["5"] = {"id": "z", "name": "Zoë", "updated_at": "2026-12-02"}
    copy = data_paths.root / "coach.sync-conflict-20261203-101010-ABCDEFG.json"
    copy.write_bytes(orjson.dumps(copy_data))
    listed = coach(data_paths, "sync", "list")
    assert (
        listed.returncode == 0 and "conflict copy:" in listed.stdout and copy.name in listed.stdout
    )
    merged = coach(data_paths, "sync", "merge", str(copy))
    assert merged.returncode == 0, merged.stderr
    assert "1 record(s) added" in merged.stdout
    assert not copy.exists()
    assert (data_paths.backups / "merged" / copy.name).exists()
    with Store.open(data_paths, read_only=True) as store:
        assert {c["id"] for c in store.contacts()} == {"a", "z"}
    assert "nothing to merge" in coach(data_paths, "sync").stdout


def test_an_interview_with_its_transcript_comes_back_exactly_through_export_and_import(
    data_paths: DataPaths, tmp_path: Path
) -> None:
    meet = Path(__file__).resolve().parents[1] / "fixtures" / "transcripts" / "meet.txt"
    with Store.open(data_paths) as store:
        store.save("interview", an_interview().to_dict())
    imported = coach(
        data_paths, "transcript", "import", "iv1abc", str(meet), "--me", "José M. Ortega"
    )
    assert imported.returncode == 0, imported.stderr
    with Store.open(data_paths) as store:
        before = (store.get_interview("iv1abc"), store.get("transcript", "iv1abc"))
        assert before[1] is not None and before[1]["estimated_times"] is True
    exported = tmp_path / "iv1abc.json"
    assert (
        coach(data_paths, "export", "iv1abc", "--format", "json", "-o", str(exported)).returncode
        == 0
    )
    with Store.open(data_paths) as store:
        store.change(removals=[("interview", "iv1abc"), ("transcript", "iv1abc")])
    assert coach(data_paths, "interviews", "import", str(exported)).returncode == 0
    with Store.open(data_paths, read_only=True) as store:
        assert (store.get_interview("iv1abc"), store.get("transcript", "iv1abc")) == before


def test_sync_list_names_the_records_kept_in_two_versions(data_paths: DataPaths) -> None:
    from coach.store.sync import keep_conflict

    with Store.open(data_paths) as store:
        store.save(
            "contact",
            keep_conflict(
                {"id": "c-1", "name": "Dana Whitfield", "updated_at": "2026-12-03T10:00"},
                {"id": "c-1", "name": "Dana W.", "updated_at": "2026-12-02T10:00"},
                "another device",
                "2026-12-03T10:05",
            ),
        )
        store.save("interview", {"id": "iv-9", "contact_name": "Ana", "updated_at": "2026-12-01"})
    listed = coach(data_paths, "sync", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        "kept another version: Dana Whitfield (c-1); open it in coach to choose"
    ]
