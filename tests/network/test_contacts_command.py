import json

from click.testing import CliRunner
from network_samples import FIXTURES

from coach.cli import cli
from coach.store.db import Store


def run(data_paths, *args):
    result = CliRunner().invoke(cli, ["--data-dir", str(data_paths.root), *args])
    return result


def stored(data_paths):
    with Store.open(data_paths, read_only=True) as store:
        return store.contacts()


def test_importing_a_linkedin_export_reports_imported_and_skipped_rows(data_paths):
    result = run(data_paths, "contacts", "import", str(FIXTURES / "connections_notes_crlf.csv"))
    assert result.exit_code == 0, result.output
    assert "6 imported, 0 updated, 0 already up to date, 1 skipped" in result.output
    assert "connections_notes_crlf.csv:10: no name and no profile URL" in result.output
    assert len(stored(data_paths)) == 6


def test_importing_the_same_file_twice_creates_no_duplicates(data_paths):
    path = str(FIXTURES / "connections_notes_crlf.csv")
    run(data_paths, "contacts", "import", path)
    first = {c["id"]: c for c in stored(data_paths)}
    again = run(data_paths, "contacts", "import", path)
    assert "0 imported, 0 updated, 6 already up to date" in again.output
    assert {c["id"]: c for c in stored(data_paths)} == first


def test_a_vcard_of_the_same_people_fills_gaps_instead_of_adding_them(data_paths):
    run(data_paths, "contacts", "import", str(FIXTURES / "connections_notes_crlf.csv"))
    result = run(data_paths, "contacts", "import", str(FIXTURES / "card40.vcf"))
    # Zoë matches by profile URL and gains an email; Mallory has a new email and no URL.
    assert "1 imported, 1 updated" in result.output
    zoe = next(c for c in stored(data_paths) if c["name"] == "Zoë O'Brien")
    assert zoe["email"] == "zoe@northwind.example"
    assert zoe["source"] == "linkedin"


def test_a_malformed_file_is_rejected_with_its_line_and_nothing_is_written(data_paths):
    run(data_paths, "contacts", "import", str(FIXTURES / "connections_no_preamble_old.csv"))
    before = stored(data_paths)
    result = run(data_paths, "contacts", "import", str(FIXTURES / "broken_extra_fields.csv"))
    assert result.exit_code != 0
    assert "nothing imported" in result.output
    assert "broken_extra_fields.csv:6:" in result.output
    assert "Traceback" not in result.output
    assert stored(data_paths) == before


def test_list_json_prints_every_contact_in_the_shared_shape(data_paths):
    run(data_paths, "contacts", "import", str(FIXTURES / "card30.vcf"))
    result = run(data_paths, "contacts", "list", "--json")
    people = json.loads(result.output)
    assert [p["name"] for p in people] == [
        "Ana Silva",
        "Dr. Chidi Okafor",
        "Fabrikam Ltd",
        "lonely@example.com",
    ]
    assert set(people[0]) >= {"id", "how_known", "referred_by", "stage", "interactions"}


def test_list_shows_a_hint_when_there_are_no_contacts(data_paths):
    result = run(data_paths, "contacts", "list")
    assert result.exit_code == 0
    assert "no contacts yet" in result.output


def test_a_filter_that_matches_nobody_says_so_and_a_misspelt_stage_is_refused(data_paths):
    run(data_paths, "contacts", "import", str(FIXTURES / "card30.vcf"))
    result = run(data_paths, "contacts", "list", "--search", "zzzz-nobody")
    assert result.exit_code == 0
    assert "no contact matches (4 in all)" in result.output
    assert "no contacts yet" not in result.output
    wrong = run(data_paths, "contacts", "list", "--stage", "askd")
    assert wrong.exit_code == 2
    assert "'askd' is not one of" in wrong.output and "'asked'" in wrong.output


def test_a_second_import_with_a_new_email_keeps_yours_and_says_so(data_paths, tmp_path):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    first = tmp_path / "first.csv"
    first.write_text(
        header + "Ana,Silva,https://www.linkedin.com/in/ana,ana@old.example,Acme,Analyst,\r\n"
    )
    later = tmp_path / "later.csv"
    later.write_text(
        header + "Ana,Silva,https://www.linkedin.com/in/ana,ana@new.example,Acme,Lead,\r\n"
    )
    run(data_paths, "contacts", "import", str(first))
    result = run(data_paths, "contacts", "import", str(later))
    assert "1 row with notes below" in result.output
    assert "note later.csv:2: kept your role (Analyst); the file's (Lead) is in the notes" in (
        result.output
    )
    assert "kept your email (ana@old.example); the file's (ana@new.example) is in the notes" in (
        result.output
    )
    [ana] = stored(data_paths)
    assert ana["email"] == "ana@old.example"
    assert "Other email: ana@new.example" in ana["notes"]
    # The same file again: the difference is on file already, so nothing more is said or added.
    again = run(data_paths, "contacts", "import", str(later))
    assert "0 imported, 0 updated, 1 already up to date, 0 skipped\n" in again.output
    assert stored(data_paths)[0]["notes"] == ana["notes"]


def test_export_writes_a_vcard_file_that_imports_back_without_duplicates(data_paths, tmp_path):
    run(data_paths, "contacts", "import", str(FIXTURES / "card30.vcf"))
    out = tmp_path / "out.vcf"
    result = run(data_paths, "contacts", "export", "--format", "vcf", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().count(b"BEGIN:VCARD\r\n") == 4
    again = run(data_paths, "contacts", "import", str(out))
    assert "0 imported" in again.output
    assert len(stored(data_paths)) == 4


def test_agenda_json_is_json_and_says_on_stderr_what_it_left_for_later(data_paths):
    from coach.core.contact import Contact
    from coach.core.outreach import mark_asked

    with Store.open(data_paths) as store:
        asked = mark_asked(
            Contact("Ana Silva", organisation="Acme"), at="2024-05-06T10:00:00+00:00"
        )
        store.save_all("contact", [asked.to_dict()])
    now = ["--now", "2024-05-06T11:00:00+00:00"]
    result = run(data_paths, "agenda", "--json", *now)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert result.stderr == "2 more later; add --all to include them\n"
    everything = run(data_paths, "agenda", "--json", "--all", *now)
    assert [i["kind"] for i in json.loads(everything.stdout)] == ["second-person", "nudge"]
    assert everything.stderr == ""
    # As text, kinds read as on screen ("ask another"), not as the JSON's stable ids.
    text = run(data_paths, "agenda", "--all", *now).stdout
    assert "ask another" in text and "second-person" not in text


def test_in_a_terminal_the_list_narrows_its_widest_columns_to_fit_the_width():
    from coach.commands.contacts import fit_widths

    assert fit_widths([32, 32, 20, 10, 15], 80) == [15, 16, 16, 10, 15]
    assert sum(fit_widths([32, 32, 20, 10, 15], 80)) + 2 * 4 == 80
    assert fit_widths([10, 8], 80) == [10, 8]  # already fits: unchanged
    assert fit_widths([32, 32], 5) == [6, 6]  # never below the least width


def test_two_connections_with_one_name_and_company_but_two_profiles_import_as_two(
    data_paths, tmp_path
):
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Sam,Lee,https://www.linkedin.com/in/sam-lee-1,,Acme,Engineer,05 Oct 2020\r\n"
        "Sam,Lee,https://www.linkedin.com/in/sam-lee-2,,Acme,Designer,06 Oct 2020\r\n",
        encoding="utf-8",
    )
    result = run(data_paths, "contacts", "import", str(export))
    assert result.exit_code == 0, result.output
    assert "2 imported, 0 updated, 0 already up to date, 0 skipped" in result.output
    assert "same person" not in result.output
    assert sorted(c["role"] for c in stored(data_paths)) == ["Designer", "Engineer"]
    again = run(data_paths, "contacts", "import", str(export))
    assert "0 imported, 0 updated, 2 already up to date, 0 skipped" in again.output
