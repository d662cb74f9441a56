from pathlib import Path

import pytest

from coach.io.pasted import pasted_path


@pytest.mark.parametrize(
    "typed",
    [
        "/home/ana/My Files/Connections.csv",
        "  /home/ana/My Files/Connections.csv \n",
        "'/home/ana/My Files/Connections.csv'",
        '"/home/ana/My Files/Connections.csv" ',
        "/home/ana/My\\ Files/Connections.csv",
        "file:///home/ana/My%20Files/Connections.csv",
    ],
)
def test_a_path_pasted_from_a_file_manager_or_shell_names_the_same_file(typed):
    assert pasted_path(typed) == Path("/home/ana/My Files/Connections.csv")


def test_a_home_folder_path_is_expanded_and_an_empty_answer_is_no_path(monkeypatch):
    monkeypatch.setenv("HOME", "/home/ana")
    assert pasted_path("~/Downloads/c.vcf") == Path("/home/ana/Downloads/c.vcf")
    assert pasted_path("  ") is None
    assert pasted_path("''") is None


def test_a_quote_inside_a_single_quoted_path_and_another_machines_file_url():
    assert pasted_path("'/home/ana/Ana'\\''s cards.vcf'") == Path("/home/ana/Ana's cards.vcf")
    remote = pasted_path("file://server/share/c.csv")
    assert remote == Path("file://server/share/c.csv")  # not /share/c.csv on this machine
