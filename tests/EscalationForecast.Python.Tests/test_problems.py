"""Errors come back as ProblemError carrying the problem document's fields; the API key is sent and required."""
import pytest

from conftest import MILITIA
from escalation_forecast import Client, ProblemError


def test_a_parameter_out_of_range_is_a_400_naming_it(client):
    with pytest.raises(ProblemError) as raised:
        client.risk(MILITIA, horizon_days=0)
    problem = raised.value
    assert problem.status == 400 and "horizonDays" in problem.detail and problem.title


def test_an_unknown_theater_is_a_404(client):
    with pytest.raises(ProblemError) as raised:
        client.model("no-such-theater")
    assert raised.value.status == 404 and "no-such-theater" in raised.value.detail


def test_nothing_known_yet_is_a_422_before_the_samples_were_recorded(client):
    recorded = min(e.recorded_at for e in client.events(theater_id=MILITIA))
    with pytest.raises(ProblemError) as raised:
        client.risk(MILITIA, as_of="2021-01-01", known_at=recorded.replace(year=recorded.year - 1))
    assert raised.value.status == 422 and "at least" in raised.value.detail


def test_without_a_key_or_with_a_wrong_one_reads_are_refused(client):
    for key in ("", "not-a-key"):  # "" sends no key at all, whatever the environment says
        with pytest.raises(ProblemError) as raised:
            Client(url=client.url, api_key=key).theaters()
        assert raised.value.status == 401 and raised.value.title


def test_a_read_key_may_not_write(client):
    with pytest.raises(ProblemError) as raised:
        client.post_events({"id": "py-read-key", "type": "incident", "theaterId": "py-client", "occurredAt": "2020-01-01"})
    assert raised.value.status == 403
