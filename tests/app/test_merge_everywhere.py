from coach.core.contact import Contact
from coach.core.merge import plan_merge, repoint_interviews
from coach.store.db import Store


def _contact(cid, name, created, **kw):
    return Contact.from_dict({"id": cid, "name": name, "created_at": created, **kw})


def test_merging_contacts_repoints_their_interviews_and_referrals_in_one_write(data_paths):
    old = _contact("c1", "Ana Silva", "2026-01-01T00:00:00+00:00", email="ana@example.org")
    dup = _contact("c2", "Ana Silva", "2026-02-01T00:00:00+00:00", email="ana@example.org")
    referred = _contact("c3", "Ben Ode", "2026-03-01T00:00:00+00:00", referred_by="c2")
    with Store.open(data_paths) as store:
        store.put_contacts([c.to_dict() for c in (old, dup, referred)])
        store.put_interview({"id": "iv1", "contact_id": "c2", "status": "planned"})
        store.put_interview({"id": "iv2", "contact_id": "c3", "status": "planned"})
        everyone = [Contact.from_dict(d) for d in store.contacts()]
        plan = plan_merge([old, dup], everyone, at="2026-11-22T10:00:00+00:00")
        store.save_together(
            contacts=[plan.merged.to_dict(), *(c.to_dict() for c in plan.repointed)],
            interviews=repoint_interviews(plan, store.interviews()),
            remove_contacts=plan.removed_ids,
        )
    with Store.open(data_paths, read_only=True) as store:
        assert sorted(c["id"] for c in store.contacts()) == ["c1", "c3"]
        assert store.get_interview("iv1")["contact_id"] == "c1"
        assert store.get_interview("iv2")["contact_id"] == "c3"
        assert store.get_contact("c3")["referred_by"] == "c1"


def test_a_failed_write_of_a_merge_changes_nothing(data_paths, monkeypatch):
    import pytest

    import coach.store.db as db

    with Store.open(data_paths) as store:
        store.put_contacts([{"id": "c1", "name": "A"}, {"id": "c2", "name": "A"}])
        store.put_interview({"id": "iv1", "contact_id": "c2"})
        before = data_paths.db.read_bytes()

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(db, "write_atomically", full_disk)
        with pytest.raises(db.StoreWriteError):
            store.save_together(
                contacts=[{"id": "c1", "name": "A merged"}],
                interviews=[{"id": "iv1", "contact_id": "c1"}],
                remove_contacts=["c2"],
            )
        assert data_paths.db.read_bytes() == before
        assert store.get_contact("c2") is not None
        assert store.get_interview("iv1")["contact_id"] == "c2"
