import threading

import pytest

from coach.store.saver import BackgroundSaver


class SlowStore:
    """Records writes; the first write blocks until released, so later edits pile up."""

    def __init__(self):
        self.writes = []
        self.release = threading.Event()
        self.fail = False

    def put_interview(self, doc):
        if not self.writes:
            self.release.wait(5)
        if self.fail:
            raise OSError(28, "No space left on device")
        self.writes.append(("interview", dict(doc)))

    def put_contact(self, doc):
        self.writes.append(("contact", dict(doc)))


def test_a_burst_of_edits_to_one_interview_is_written_once_with_the_latest_text():
    store = SlowStore()
    saver = BackgroundSaver(store)
    saver.submit("interview", {"id": "a", "text": "v0"})
    for n in range(1, 50):
        saver.submit("interview", {"id": "a", "text": f"v{n}"})
    store.release.set()
    assert saver.flush(5)
    saver.close()
    assert store.writes[-1] == ("interview", {"id": "a", "text": "v49"})
    assert len(store.writes) <= 2


def test_a_failed_write_is_reported_to_the_caller_and_the_saver_keeps_working():
    store = SlowStore()
    store.release.set()
    errors = []
    saver = BackgroundSaver(
        store, on_error=lambda kind, doc_id, error: errors.append((kind, doc_id, error))
    )
    store.fail = True
    saver.submit("interview", {"id": "a"})
    saver.flush(5)
    assert errors and errors[0][:2] == ("interview", "a")
    assert isinstance(errors[0][2], OSError)
    saver.submit("contact", {"id": "c"})
    saver.flush(5)
    saver.close()
    assert store.writes == [("contact", {"id": "c"})]


def test_closing_the_saver_writes_what_is_pending_first():
    store = SlowStore()
    store.release.set()
    saver = BackgroundSaver(store)
    saver.submit("contact", {"id": "c1"})
    saver.submit("contact", {"id": "c2"})
    assert saver.close()
    assert [doc["id"] for _, doc in store.writes] == ["c1", "c2"]
    with pytest.raises(RuntimeError):
        saver.submit("contact", {"id": "c3"})


def test_a_failed_document_is_kept_and_written_with_the_next_submission():
    store = SlowStore()
    store.release.set()
    saver = BackgroundSaver(store)
    store.fail = True
    saver.submit("interview", {"id": "a", "text": "kept"})
    assert not saver.flush(5), "flush reports that something did not reach the disk"
    assert [(kind, doc_id) for kind, doc_id, _ in saver.unsaved()] == [("interview", "a")]
    assert not saver.is_saved("interview", "a")
    store.fail = False  # room on the disk again
    saver.submit("contact", {"id": "c"})
    assert saver.flush(5)
    assert saver.unsaved() == []
    assert saver.is_saved("interview", "a")
    assert ("interview", {"id": "a", "text": "kept"}) in store.writes
    assert saver.close()


def test_close_reports_false_while_a_write_has_failed():
    store = SlowStore()
    store.release.set()
    saver = BackgroundSaver(store)
    store.fail = True
    saver.submit("interview", {"id": "a"})
    assert saver.close(5) is False


def test_a_discard_replaces_a_pending_save_and_removes_the_document_from_a_real_store(
    data_paths,
):
    from coach.store.db import Store

    with Store.open(data_paths) as store:
        store.put_contact({"id": "c-old", "name": "Zo"})
        saver = BackgroundSaver(store)
        saver.submit("contact", {"id": "c-old", "name": "Zoë"})
        saver.discard("contact", "c-old")
        saver.discard("contact", "c-never")  # removing what is not there is no error
        assert saver.flush(5)
        saver.close()
        assert store.get_contact("c-old") is None
        assert store.contacts() == []


def test_a_setting_is_written_to_the_meta_document_of_a_real_store(data_paths):
    from coach.store.db import YOUR_NAME, Store

    with Store.open(data_paths) as store:
        saver = BackgroundSaver(store)
        saver.submit("meta", {"id": YOUR_NAME, "value": "Sam Rivera"})
        assert saver.flush(5)
        saver.close()
    with Store.open(data_paths) as store:
        assert store.get_meta(YOUR_NAME) == "Sam Rivera"


def test_forgetting_a_document_drops_its_pending_and_failed_versions() -> None:
    class Flaky:
        def __init__(self) -> None:
            self.written: list[str] = []
            self.fail = True

        def put_contact(self, doc: dict) -> None:
            if self.fail:
                raise OSError(28, "No space left on device")
            self.written.append(doc["id"])

    store = Flaky()
    saver = BackgroundSaver(store)
    saver.submit("contact", {"id": "gone"})
    assert not saver.flush(5)
    saver.forget("contact", ["gone"])
    store.fail = False
    # The next save would retry every failed one; the forgotten one is not among them.
    saver.submit("contact", {"id": "kept"})
    assert saver.flush(5)
    assert store.written == ["kept"]
    saver.close()
