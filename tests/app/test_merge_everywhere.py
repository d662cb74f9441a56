"""Merging contacts through the service: one change across contacts and interviews."""

from __future__ import annotations

import os

import orjson
import pytest

from coach.core.contact import Contact
from coach.core.merge import plan_merge
from coach.services.contacts import merge_contacts, on_file
from coach.store.db import Store
from coach.store.errors import StoreWriteError


def _contact(cid, name, created, **kw):
    return Contact.from_dict({"id": cid, "name": name, "created_at": created, **kw})


def test_merging_contacts_repoints_their_interviews_and_referrals_in_one_write(
    data_paths, monkeypatch
):
    old = _contact("c1", "Ana Silva", "2026-01-01T00:00:00+00:00", email="ana@example.org")
    dup = _contact("c2", "Ana Silva", "2026-02-01T00:00:00+00:00", email="ana@example.org")
    referred = _contact("c3", "Ben Ode", "2026-03-01T00:00:00+00:00", referred_by="c2")
    with Store.open(data_paths) as store:
        store.save_all("contact", [c.to_dict() for c in (old, dup, referred)])
        store.save("interview", {"id": "iv1", "contact_id": "c2", "status": "planned"})
        store.save("interview", {"id": "iv2", "contact_id": "c3", "status": "planned"})
        store.sync()
        plan = plan_merge([old, dup], on_file(store), at="2026-11-22T10:00:00+00:00")
        replaced = []
        real_replace = os.replace
        monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append(b), real_replace(a, b)))
        merge_contacts(store, plan)
        # Seen at once by every reader, before the disk has it.
        assert sorted(c["id"] for c in store.contacts()) == ["c1", "c3"]
        assert store.get_interview("iv1")["contact_id"] == "c1"
        store.sync()
        assert len(replaced) == 1
    with Store.open(data_paths, read_only=True) as store:
        assert sorted(c["id"] for c in store.contacts()) == ["c1", "c3"]
        assert store.get_interview("iv1")["contact_id"] == "c1"
        assert store.get_interview("iv2")["contact_id"] == "c3"
        assert store.get_contact("c3")["referred_by"] == "c1"


def test_a_merge_the_disk_refuses_stays_in_the_store_and_reaches_the_file_whole_later(
    data_paths, monkeypatch
):
    with Store.open(data_paths) as store:
        store.save_all("contact", [{"id": "c1", "name": "A"}, {"id": "c2", "name": "A"}])
        store.save("interview", {"id": "iv1", "contact_id": "c2"})
        store.sync()
        before = data_paths.db.read_bytes()

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "writev", full_disk)
        people = on_file(store)
        plan = plan_merge(people, people, at="2026-11-22T10:00:00+00:00")
        merge_contacts(store, plan)
        with pytest.raises(StoreWriteError):
            store.sync()
        assert data_paths.db.read_bytes() == before
        assert store.get_contact("c2") is None
        assert {kind for kind, _, _ in store.unsaved()} == {"contact", "interview"}
        monkeypatch.undo()
        store.sync()
    data = orjson.loads(data_paths.db.read_bytes())
    assert [c["id"] for c in data["contacts"].values()] == ["c1"]
    assert [i["contact_id"] for i in data["interviews"].values()] == ["c1"]
