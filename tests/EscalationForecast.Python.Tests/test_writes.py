"""Writes with a key that may: a batch is stored once, an invalid one is refused with every item's error."""
import uuid

import pytest

from escalation_forecast import ProblemError


def test_a_batch_is_stored_once_and_read_back(writer):
    theater = f"py-client-{uuid.uuid4().hex[:12]}"
    batch = [{"id": f"{theater}-{i}", "type": "incident", "theaterId": theater, "occurredAt": f"2020-01-{i + 1:02d}",
              "channel": "north", "severity": 2} for i in range(6)]
    first = writer.post_events(batch)
    again = writer.post_events(batch)
    assert (first.appended, first.duplicates) == (6, 0) and (again.appended, again.duplicates) == (0, 6)
    writer.put_theater(theater, name="Python client test theater")
    stored = list(writer.events(theater_id=theater, types=["incident"], page_size=4))
    assert [e.id for e in stored] == [b["id"] for b in batch]
    assert stored[0].channel == "north" and stored[0].extra["severity"] == 2


def test_an_invalid_batch_names_each_item_and_stores_nothing(writer):
    theater = f"py-client-{uuid.uuid4().hex[:12]}"
    batch = [{"id": f"{theater}-ok", "type": "incident", "theaterId": theater, "occurredAt": "2020-01-01"},
             {"id": f"{theater}-bad", "type": "incident", "theaterId": theater, "occurredAt": "2020-01-02", "severity": 9}]
    with pytest.raises(ProblemError) as raised:
        writer.post_events(batch)
    problem = raised.value
    assert problem.status == 400 and problem.errors
    assert problem.errors[0]["index"] == 1 and problem.errors[0]["field"] == "severity"
    assert list(writer.events(theater_id=theater)) == []
