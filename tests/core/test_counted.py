from coach.core.text import counted


def test_a_count_of_one_takes_the_singular_and_others_the_plural():
    assert counted(1, "follow-up") == "1 follow-up"
    assert counted(0, "follow-up") == "0 follow-ups"
    assert counted(2, "contact") == "2 contacts"
    assert counted(3, "person", "people") == "3 people"
