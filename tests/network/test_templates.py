from coach.core.contact import Contact
from coach.core.outreach import check_request, fill_for, pick_template
from coach.store.templates import load_templates


def test_shipped_templates_cover_classmates_referrals_and_cold_contacts(data_paths):
    templates, problems = load_templates(data_paths)
    assert problems == []
    ids = {t.id for t in templates}
    assert {"classmate-alumni", "referral", "cold-online"} <= ids
    assert all(t.builtin for t in templates)


def test_each_shipped_template_filled_in_passes_the_request_checker(data_paths):
    import re

    templates, _ = load_templates(data_paths)
    rita = Contact("Rita Gomez")
    for template in templates:
        how = template.suits[0]
        contact = Contact(
            "Ana Silva", organisation="Acme", role="analyst", how_known=how, referred_by=rita.id
        )
        text = fill_for(template, contact, rita if how == "referral" else None, "Sam Rivera")
        assert text.rstrip().endswith("Sam Rivera"), template.id
        # A template's own "[prompt]" asks for what only the user knows; once it is answered,
        # nothing else may fail.
        text = re.sub(r"\[[^\]]+\]", "talk at the spring meetup", text)
        failed = [
            r.message
            for r in check_request(text, contact, rita, my_name="Sam Rivera")
            if not r.passed
        ]
        assert failed == [], (template.id, failed)


def test_a_user_template_replaces_the_shipped_one_with_the_same_id(data_paths):
    data_paths.templates.mkdir(parents=True)
    (data_paths.templates / "mine.yaml").write_text(
        "id: referral\ntitle: My referral note\nsuits: [referral]\nbody: |\n"
        "  Hello {first_name}, {referrer} sent me. Could we talk?\n",
        encoding="utf-8",
    )
    templates, problems = load_templates(data_paths)
    assert problems == []
    mine = [t for t in templates if t.id == "referral"]
    assert len(mine) == 1 and mine[0].title == "My referral note" and not mine[0].builtin
    assert pick_template(templates, Contact("X", how_known="referral")) == mine[0]


def test_a_broken_user_template_is_reported_and_the_others_still_load(data_paths):
    data_paths.templates.mkdir(parents=True)
    (data_paths.templates / "bad.yaml").write_text(
        "id: bad\ntitle: Bad\nsuits: [pen-pal]\nbody: Hi {nickname}\ncolour: red\n",
        encoding="utf-8",
    )
    templates, problems = load_templates(data_paths)
    assert "bad" not in {t.id for t in templates}
    assert len(templates) >= 3
    messages = [str(p) for p in problems]
    assert any("suits[0]" in m for m in messages)
    assert any("{nickname}" in m for m in messages)
    assert any("colour: unknown key" in m for m in messages)
    assert all(m.startswith(str(data_paths.templates / "bad.yaml") + ":") for m in messages)


def test_what_a_contact_does_not_say_is_left_as_a_gap_to_fill_in_never_a_hole(data_paths):
    from coach.core.outreach import fill_template, template_values

    templates, _ = load_templates(data_paths)
    bare = Contact("Ana Silva")
    for template in templates:
        text = fill_for(template, bare)
        subject = fill_template(template.subject, template_values(bare))
        for filled in (text, subject):
            assert " ," not in filled and " ?" not in filled and "  " not in filled.strip()
        [check] = [r for r in check_request(text, bare) if r.id == "filled-in"]
        assert not check.passed and "Fill in [" in check.message, template.id
    colleague = fill_for(next(t for t in templates if t.id == "colleague-friend"), bare)
    assert "Your move to [their organisation] has" in colleague
    [check] = [r for r in check_request(colleague, bare) if r.id == "filled-in"]
    # Without a saved name of their own, the sign-off is a gap too.
    assert check.message == "Fill in [their organisation], [your name]"
    colleague = fill_for(
        next(t for t in templates if t.id == "colleague-friend"), bare, None, "Sam"
    )
    [check] = [r for r in check_request(colleague, bare) if r.id == "filled-in"]
    assert check.message == "Fill in [their organisation]"
    done = colleague.replace("[their organisation]", "Acme")
    [check] = [r for r in check_request(done, bare) if r.id == "filled-in"]
    assert check.passed and check.message == "Nothing left to fill in"


def test_someone_referred_with_nothing_else_said_gets_the_referral_template(data_paths):
    templates, _ = load_templates(data_paths)
    rita = Contact("Rita Gomez")
    picked = pick_template(templates, Contact("Ana Silva", referred_by=rita.id))
    assert picked is not None and picked.id == "referral"
    # What the user said about how they know them still comes first.
    met = pick_template(
        templates, Contact("Ana", how_known="classmate-alumni", referred_by=rita.id)
    )
    assert met is not None and met.id == "classmate-alumni"


def test_the_referral_request_names_the_referrer_and_the_path_and_passes_every_check(data_paths):
    templates, _ = load_templates(data_paths)
    referral = next(t for t in templates if t.id == "referral")
    dana = Contact("Dana Whitfield", organisation="Acme Health")
    luis = Contact("Luis Ortega", organisation="Acme Health", referred_by=dana.id)
    text = fill_for(referral, luis, dana, "Sam Lee", "Data analysis in healthcare")
    assert text.startswith(
        "Hi Luis,\n\nDana Whitfield suggested I write to you: Dana thought you would be"
    )
    assert "I am exploring data analysis in healthcare and" in text
    # The organisation is the referrer's guess until confirmed: the request does not lean on it.
    assert "Acme" not in text
    assert all(r.passed for r in check_request(text, luis, dana, my_name="Sam Lee")), [
        r.message for r in check_request(text, luis, dana, my_name="Sam Lee") if not r.passed
    ]
    on_no_path = fill_for(referral, luis, dana, "Sam Lee")
    assert "I am exploring this line of work and" in on_no_path


def test_a_path_title_reads_as_part_of_a_sentence():
    from coach.core.outreach import in_a_sentence

    assert in_a_sentence("Data analysis in healthcare") == "data analysis in healthcare"
    assert in_a_sentence("UX research") == "UX research"
    assert in_a_sentence("McKinsey  strategy") == "McKinsey strategy"
    assert in_a_sentence("") == ""
    # Brackets in a title are the person's own words, not gaps to fill in.
    titled = "I am exploring [bold]teaching online. Could we talk?"
    [check] = [
        r
        for r in check_request(titled, Contact("Ana"), path="[bold]Teaching online")
        if r.id == "filled-in"
    ]
    assert check.passed


def test_brackets_that_are_part_of_a_name_are_not_gaps_to_fill_in():
    ada = Contact("Ada [she/her] Byron", organisation="Engines [UK]")
    text = "Hi Ada [she/her] Byron, your work at Engines [UK] and [a gap] caught my eye."
    [check] = [r for r in check_request(text, ada) if r.id == "filled-in"]
    assert check.message == "Fill in [a gap]"
    rita = Contact("Rita [R.] Gomez")
    [check] = [
        r for r in check_request("Rita [R.] Gomez suggested you.", ada, rita) if r.id == "filled-in"
    ]
    assert check.passed


def test_a_saved_draft_is_traced_to_the_template_it_was_begun_from(data_paths):
    from coach.core.outreach import template_of

    templates, _ = load_templates(data_paths)
    ana = Contact("Ana Silva", organisation="Acme", how_known="friend")
    for template in templates:
        edited = fill_for(template, ana).replace("Ana", "Ana Maria", 1) + "\nP.S. No rush."
        assert template_of(edited, templates, ana) == template
    assert template_of("Ana, my own words. Could we talk?", templates, ana) is None


def test_the_note_for_someone_known_only_online_asks_what_you_saw_rather_than_inventing_it(
    data_paths,
):
    templates, _ = load_templates(data_paths)
    stranger = Contact("Ana Silva", organisation="Acme", role="analyst")  # how known: unsaid
    picked = pick_template(templates, stranger)
    assert picked is not None and picked.id == "cold-online"
    text = fill_for(picked, stranger, None, "Sam")
    assert "online group" not in text and "read your recent post" not in text
    [check] = [r for r in check_request(text, stranger, my_name="Sam") if r.id == "filled-in"]
    assert check.message == "Fill in [post, talk or project: say which]"


def test_odd_entries_in_the_template_folder_are_named_and_never_waited_on(data_paths):
    import os
    import threading

    folder = data_paths.templates
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    outcome = {}
    worker = threading.Thread(
        target=lambda: outcome.setdefault("loaded", load_templates(data_paths)), daemon=True
    )
    worker.start()
    worker.join(60)  # a guard against hanging on the pipe, not a measure of speed
    assert not worker.is_alive()
    templates, problems = outcome["loaded"]
    assert {"referral", "cold-online"} <= {t.id for t in templates}
    assert [str(p) for p in problems] == [
        f"{folder / 'loop.yaml'}: a symbolic link that loops back on itself",
        f"{folder / 'pipe.yaml'}: a named pipe (FIFO), not a regular file",
    ]


def test_a_control_character_written_as_an_escape_refuses_the_template(data_paths):
    data_paths.templates.mkdir(parents=True)
    mine = data_paths.templates / "mine.yaml"
    mine.write_text(
        'id: mine\ntitle: Mine\nsubject: "\\e]0;new title\\a"\nbody: Could we talk?\n',
        encoding="utf-8",
    )
    templates, problems = load_templates(data_paths)
    assert "mine" not in {t.id for t in templates}
    assert [str(p) for p in problems] == [f"{mine}:3:10: subject: control character U+001B in text"]
