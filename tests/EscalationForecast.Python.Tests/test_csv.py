"""CSV (Accept: text/csv, or format=csv): a header row, RFC 4180 quoting, the same rows and paging as the JSON."""
import csv
import io
import os
import urllib.request

import pandas as pd
import pytest

from conftest import MILITIA
from escalation_forecast import ProblemError


def rows(text):
    assert "\r\n" in text, "RFC 4180 records end in CRLF"
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_theaters_as_csv_are_the_json_list_with_quoted_descriptions(client):
    table = {r["id"]: r for r in rows(client.csv("/api/v1/theaters"))}
    for theater in client.theaters():
        row = table[theater.id]
        assert row["name"] == (theater.name or "") and row["description"] == (theater.description or "")
        assert int(row["incidentCount"]) == theater.incident_count and row["channels"].split(";") == theater.channels
    assert any("," in r["description"] for r in table.values()), "a description with a comma, quoted"


def test_series_as_csv_reads_into_pandas_with_the_json_numbers(client):
    df = pd.read_csv(io.StringIO(client.csv(f"/api/v1/theaters/{MILITIA}/series", from_="2020-11-01", to="2020-12-31", as_of="2021-01-01")),
                     parse_dates=["date"])
    points = client.series(MILITIA, from_="2020-11-01", to="2020-12-31", as_of="2021-01-01")
    assert list(df.columns) == ["theaterId", "channel", "date", "count", "severity", "intensity"]
    assert list(df["count"]) == [p.count for p in points]
    assert list(df["intensity"]) == [p.intensity for p in points]


def test_events_as_csv_page_as_the_json_does(client):
    text, following = client.csv_page("/api/v1/events", theater_id=MILITIA, limit=10)
    first = rows(text)
    page = client.events_page(theater_id=MILITIA, limit=10)
    assert [int(r["sequence"]) for r in first] == [e.sequence for e in page.items] and following == page.next
    everything, after = [], None
    while True:
        text, after = client.csv_page("/api/v1/events", theater_id=MILITIA, limit=10, after_sequence=after)
        everything += rows(text)
        if after is None:
            break
    assert [r["id"] for r in everything] == [e.id for e in client.events(theater_id=MILITIA)]
    strike = next(r for r in everything if r["actor"] == "United States" and r["date"] == "" and r["occurredAt"] == "2020-01-03")
    assert strike["channel"] == "us" and float(strike["lat"]) == 33.26


def test_format_csv_in_the_query_and_a_backtest_as_rows(client):
    with urllib.request.urlopen(urllib.request.Request(
            client.url + f"/api/v1/theaters/{MILITIA}/backtest?from=2021-01-01&to=2021-01-31&format=csv",
            headers={"X-Api-Key": os.environ.get("ESCALATION_FORECAST_API_KEY", "")})) as answer:
        assert answer.headers["Content-Type"].startswith("text/csv")
        table = rows(answer.read().decode("utf-8"))
    result = client.backtest(MILITIA, from_="2021-01-01", to="2021-01-31")
    assert [r["date"] for r in table] == [d.date.isoformat() for d in result.items]
    assert [float(r["probability"]) for r in table] == [d.probability for d in result.items]
    assert {r["escalation"] for r in table} <= {"true", "false"}


def test_another_format_is_a_400_naming_the_choices(client):
    with pytest.raises(ProblemError) as raised:
        client.csv(f"/api/v1/theaters/{MILITIA}/series", format="xlsx")
    assert raised.value.status == 400 and "'csv' or 'json'" in raised.value.detail
