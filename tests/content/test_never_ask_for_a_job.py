"""Never ask for a job: no built-in question, probe or request template asks for one.

An informational interview is for learning; asking about openings, hiring, referrals for a job
or the person's own salary turns it into a job hunt and spends the trust it was given. The scan
is deliberately wide, so a future edit that slips one in fails here; the few sentences that use
such a word and are fine are listed below, each with the reason.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.core.question_set import QuestionSet
from coach.store.paths import DataPaths
from coach.store.question_sets import builtin_folder, load_catalogue
from coach.store.templates import load_templates

# The words of a job ask, in any of their forms.
JOB_ASK = re.compile(
    r"\b(?:hir(?:e|es|ed|ing)|recruit\w*|openings?|positions?|vacanc(?:y|ies)|"
    r"appl(?:y|ying|ied|ication|ications)|jobs?|salar(?:y|ies)|wages?|earn(?:s|ed|ing|ings)?|"
    r"internships?|employment|offers?|résumés?|resumes?|cv|refer(?:ral)? me|put in a word)\b",
    re.IGNORECASE,
)

ALLOWED: dict[str, str] = {
    # Asks which routes into the field work now, internships among them, as a fact about the
    # field; it asks for no internship.
    "Which routes in are working best at the moment: internships, graduate programmes, smaller "
    "employers, or something else?": "internships",
    # Asks how to judge an offer someone might get one day in the field, not for one.
    "How would you judge whether an offer in this field was fair?": "offer",
}


def builtin_sets() -> dict[str, QuestionSet]:
    with tempfile.TemporaryDirectory() as empty:
        catalogue = load_catalogue(DataPaths(Path(empty)), builtin_folder())
    assert catalogue.problems == []
    return {key: found for key, found in catalogue.sets.items() if found.builtin}


def builtin_sentences() -> Iterator[tuple[str, str]]:
    """Every built-in question, probe and template line, with where it comes from."""
    for question_set in builtin_sets().values():
        for question in question_set.questions:
            where = f"{question_set.id}/{question.id}"
            yield where, question.text
            for probe in question.probes:
                yield f"{where} (probe)", probe
    with tempfile.TemporaryDirectory() as empty:
        templates, problems = load_templates(DataPaths(Path(empty)))
    assert problems == []
    for template in templates:
        assert template.builtin
        yield f"template {template.id} (subject)", template.subject
        for line in template.body.splitlines():
            if line.strip():
                yield f"template {template.id}", line.strip()


def job_asks() -> list[tuple[str, str, list[str]]]:
    found = []
    for where, text in builtin_sentences():
        words = [m.group() for m in JOB_ASK.finditer(text)]
        if words and text not in ALLOWED:
            found.append((where, text, words))
    return found


def test_no_built_in_question_probe_or_template_asks_for_a_job() -> None:
    assert job_asks() == []


def test_every_sentence_allowed_is_still_there_and_still_uses_the_word_it_is_allowed_for() -> None:
    # An entry left behind after its sentence changed would quietly allow the next edit.
    texts = {text for _, text in builtin_sentences()}
    for sentence, word in ALLOWED.items():
        assert sentence in texts, sentence
        assert word in [m.group().lower() for m in JOB_ASK.finditer(sentence)], sentence


@pytest.mark.parametrize(
    "slipped",
    [
        "Is there anyone who hires people in this field?",
        "Are there any openings on your team right now?",
        "Would you pass my CV to the hiring manager?",
        "How much do you earn, if you don't mind me asking?",
        "What is your salary?",
        "Should I apply for the analyst position?",
        "Do you know of any vacancies?",
        "Could you refer me to the recruiter?",
    ],
)
def test_the_scan_catches_a_job_ask_slipped_into_a_question(slipped: str) -> None:
    assert JOB_ASK.search(slipped), slipped


def test_the_same_school_template_holds_for_anyone_from_that_school() -> None:
    with tempfile.TemporaryDirectory() as empty:
        templates, _ = load_templates(DataPaths(Path(empty)))
    [school] = [t for t in templates if t.id == "classmate-alumni"]
    said = f"{school.subject}\n{school.body}".casefold()
    # A graduate of another year, or someone who taught there, shares neither a course nor a
    # graduation with the writer, and may never have met them.
    for assumption in ("our course", "same course", "fellow graduate", "we studied", "we met"):
        assert assumption not in said, assumption
    assert "school" in said
