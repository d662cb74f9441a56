from coach.store.db import Store


def test_summaries_carry_the_thank_you_dates_home_needs_but_no_notes(data_paths):
    with Store.open(data_paths) as store:
        store.save(
            "interview",
            {
                "id": "iv1",
                "status": "debriefed",
                "notes": [{"text": "long"}],
                "thank_you": {
                    "text": "Thanks",
                    "due_at": "2026-11-23T10:00:00+00:00",
                    "sent_at": None,
                },
            },
        )
        (summary,) = store.interview_summaries()
        assert "notes" not in summary
        assert summary["thank_you"]["sent_at"] is None
        summary["thank_you"]["sent_at"] = "mutated"
        assert store.interview_summaries()[0]["thank_you"]["sent_at"] is None
