"""Reads of the sample data: typed results that agree with the files the service loaded, time travel, paging, frames."""
from datetime import date, timedelta

import pytest

from conftest import MILITIA
from escalation_forecast import ProblemError, frame


def test_theaters_lists_the_samples_with_their_counts_and_risk(client, militia_rows):
    theaters = {t.id: t for t in client.theaters()}
    militia = theaters[MILITIA]
    assert militia.incident_count == sum(r["kind"] == "incident" for r in militia_rows)
    assert militia.name == "Militias vs US forces in Iraq"
    assert sorted(militia.channels) == ["militia", "unknown", "us"]  # "unknown": one possible author of the embassy attack
    assert militia.risk_level in ("low", "elevated", "high", "severe")
    assert 0 < militia.probability_at_least_one < 1


def test_risk_as_of_the_truce_shows_the_ceasefire_and_its_collapse_raises_it(client):
    truce = client.risk(MILITIA, as_of="2020-11-15")
    broken = client.risk(MILITIA, as_of=date(2020, 11, 18), at_least=[1, 3])
    ceasefire = [d for d in truce.drivers if d.kind == "ceasefire"]
    assert ceasefire and ceasefire[0].multiplier < 1
    assert not [d for d in broken.drivers if d.kind == "ceasefire"], "the truce ended on 2020-11-17"
    assert broken.probability_at_least_one > 2 * truce.probability_at_least_one
    top = max((d for d in broken.drivers if d.kind == "incident"), key=lambda d: d.contribution_per_day)
    assert top.occurred_at == "2020-11-17"
    assert broken.probability_at_least[3] <= broken.probability_at_least[1] == broken.probability_at_least_one
    assert broken.model.data_through <= broken.as_of and broken.horizon_days == 7


def test_the_approaching_anniversary_is_a_driver_before_it_comes(client):
    risk = client.risk(MILITIA, as_of="2020-12-30", horizon_days=7)
    anniversary = [d for d in risk.drivers if d.kind == "anniversary"]
    assert anniversary and "Soleimani" in anniversary[0].name


def test_the_withdrawal_deadline_ramps_into_the_drivers_and_the_denied_attack_is_attributed(client):
    risk = client.risk(MILITIA, as_of="2021-01-06")
    deadline = [d for d in risk.drivers if d.kind == "scheduled-event"]
    assert deadline and deadline[0].family == "deadline" and deadline[0].days_until == 9
    assert deadline[0].date == date(2021, 1, 15) and deadline[0].peak_multiplier is not None
    before = client.risk(MILITIA, as_of="2020-11-16", horizon_days=60)
    assert not [d for d in before.drivers if d.kind == "scheduled-event"], "announced on 2020-11-17"
    embassy = next(d for d in risk.drivers if d.kind == "incident" and d.occurred_at == "2020-12-20")
    assert [(a.channel, a.probability) for a in embassy.attribution] == [("militia", 0.7), ("unknown", 0.3)]
    revised = [e for e in client.events(theater_id=MILITIA, types=["incident-revised"]) if e.extra.get("attribution")]
    assert revised and "Kata'ib Hezbollah" in revised[0].extra["deniedBy"]
    assert "deadline" in client.model(MILITIA, as_of="2021-01-20").effects


def test_series_has_a_point_per_day_whose_counts_match_the_file(client, militia_rows):
    points = client.series(MILITIA, from_="2020-01-01", to="2020-03-31")
    assert [p.date for p in points] == [date(2020, 1, 1) + timedelta(days=i) for i in range(91)]
    in_range = [r for r in militia_rows if r["kind"] == "incident" and "2020-01-01" <= r["date"] <= "2020-03-31"]
    assert sum(p.count for p in points) == len(in_range)
    assert all(p.intensity is not None and p.intensity >= 0 for p in points)


def test_model_has_effects_and_every_parameter_with_its_standard_error(client):
    model = client.model(MILITIA, as_of="2021-01-01")
    assert 0 < model.branching_ratio < 1
    assert {"ceasefire", "anniversary"} <= set(model.effects)
    assert all(p.standard_error is not None and p.standard_error >= 0 for p in model.parameters)
    assert model.data_through.date() <= date(2021, 1, 1)
    assert {c.channel for c in model.channels} == {"militia", "unknown", "us"}  # the embassy attack's possible authors


def test_events_page_by_page_are_the_whole_history_once_in_order(client, militia_rows):
    first = client.events_page(theater_id=MILITIA, limit=7)
    assert len(first.items) == 7 and first.next == first.items[-1].sequence
    paged = list(client.events(theater_id=MILITIA, page_size=7))
    whole = list(client.events(theater_id=MILITIA))
    assert [e.sequence for e in paged] == [e.sequence for e in whole]
    # and the theater's description, and the analyst's additions (two deadlines, an attribution)
    assert len({e.id for e in paged}) == len(paged) == len(militia_rows) + 1 + 3
    assert all(a.sequence < b.sequence for a, b in zip(paged, paged[1:]))
    incident = next(e for e in paged if e.type == "incident")
    assert incident.theater_id == MILITIA and incident.recorded_at.tzinfo is not None and "actor" in incident.extra


def test_frames_have_a_column_per_field(client):
    df = frame(client.series(MILITIA, from_="2020-12-15", to="2020-12-25"), index="date")
    assert list(df.columns) == ["count", "severity", "intensity"]
    assert str(df.index.dtype).startswith("datetime64") and len(df) == 11 and df["count"].sum() == 1
    theaters = frame(client.theaters())
    assert MILITIA in set(theaters["id"])


def test_backtest_rows_and_scores_against_the_baselines(client):
    result = client.backtest(MILITIA, from_="2021-01-01", to="2021-03-31", horizon_days=7, at_least=1)
    assert result.from_ == date(2021, 1, 1) and result.to == date(2021, 3, 31)
    assert len(result.items) == 90 and result.refits >= 1
    assert all(0 <= d.probability <= 1 for d in result.items)
    assert any(d.escalation for d in result.items)
    assert result.summary.model.brier >= 0 and result.summary.climatology.brier >= 0


def test_a_backtest_without_an_effect_forecasts_otherwise_and_an_unknown_effect_is_refused(client):
    window = {"from_": "2020-10-01", "to": "2020-12-31", "horizon_days": 7, "at_least": 1}
    full = client.backtest(MILITIA, **window)
    without = client.backtest(MILITIA, without=["ceasefire"], **window)
    assert [d.date for d in full.items] == [d.date for d in without.items]
    assert [d.probability for d in full.items] != [d.probability for d in without.items]
    with pytest.raises(ProblemError) as raised:
        client.backtest(MILITIA, without=["weather"], **window)
    assert raised.value.status == 400 and "without" in raised.value.detail
