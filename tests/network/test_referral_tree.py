from network_samples import iso

from coach.core.contact import Contact
from coach.core.referral_tree import referral_chain, referral_forest


def test_referrals_grow_a_tree_with_each_persons_stage():
    rita = Contact("Rita", stage="thanked")
    ana = Contact("Ana", referred_by=rita.id, stage="asked")
    bo = Contact("Bo", referred_by=rita.id)
    cy = Contact("Cy", referred_by=ana.id, stage="scheduled")
    loner = Contact("Loner")
    [root] = referral_forest([cy, bo, ana, rita, loner])
    assert [(depth, n.name, n.stage) for depth, n in root.walk()] == [
        (0, "Rita", "thanked"),
        (1, "Ana", "asked"),
        (2, "Cy", "scheduled"),
        (1, "Bo", "identified"),
    ]
    assert len(referral_forest([rita, loner], include_alone=True)) == 2


def test_a_loop_of_referrals_is_broken_at_its_oldest_member():
    a = Contact("A", created_at=iso("2024-01-01 09:00"))
    b = Contact("B", created_at=iso("2024-02-01 09:00"))
    c = Contact("C", created_at=iso("2024-03-01 09:00"))
    a.referred_by, b.referred_by, c.referred_by = c.id, a.id, b.id
    [root] = referral_forest([a, b, c])
    assert root.name == "A"
    assert root.size() == 3
    assert [x.name for x in referral_chain([a, b, c], c.id)] == ["C", "B", "A"]


def test_a_referrer_that_no_longer_exists_leaves_a_root():
    orphan = Contact("Orphan", referred_by="gone")
    child = Contact("Child", referred_by=orphan.id)
    [root] = referral_forest([orphan, child])
    assert root.name == "Orphan"


def test_a_contact_referred_by_itself_is_a_root():
    me = Contact("Me")
    me.referred_by = me.id
    assert referral_forest([me], include_alone=True)[0].children == []


def test_a_referrer_who_came_through_the_person_would_make_a_loop():
    from coach.core.referral_tree import loop_through

    ana = Contact("Ana", id="a")
    bo = Contact("Bo", id="b", referred_by="a")
    cy = Contact("Cy", id="c", referred_by="b")
    dee = Contact("Dee", id="d")
    people = [ana, bo, cy, dee]
    assert [c.name for c in loop_through(people, "a", "c")] == ["Cy", "Bo"]
    assert [c.name for c in loop_through(people, "a", "b")] == ["Bo"]
    assert loop_through(people, "a", "d") == []
    assert loop_through(people, "c", "a") == []  # the way it already runs: no loop
