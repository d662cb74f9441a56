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
    templates, _ = load_templates(data_paths)
    rita = Contact("Rita Gomez")
    for template in templates:
        how = template.suits[0]
        contact = Contact(
            "Ana Silva", organisation="Acme", role="analyst", how_known=how, referred_by=rita.id
        )
        text = fill_for(template, contact, rita if how == "referral" else None)
        failed = [r.message for r in check_request(text, contact, rita) if not r.passed]
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
        assert not check.passed and "[their" in check.message, template.id
    colleague = fill_for(next(t for t in templates if t.id == "colleague-friend"), bare)
    assert "your move to [their organisation] has" in colleague
    [check] = [r for r in check_request(colleague, bare) if r.id == "filled-in"]
    assert check.message == "Fill in [their organisation]"
    done = colleague.replace("[their organisation]", "Acme")
    [check] = [r for r in check_request(done, bare) if r.id == "filled-in"]
    assert check.passed and check.message == "Nothing left to fill in"
