"""The service's answers as dataclasses: field names are the JSON's in snake_case (`from` is `from_`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, Optional, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list; `next` is the `afterSequence` of the next page, or None on the last."""
    items: list[T]
    next: Optional[int]


@dataclass(frozen=True)
class Theater:
    id: str
    name: Optional[str]
    description: Optional[str]
    channels: list[str]
    incident_count: int
    event_count: int
    last_incident_at: Optional[datetime]
    risk_level: Optional[str]
    score: Optional[int]
    probability_at_least_one: Optional[float]
    expected_events: Optional[float]


@dataclass(frozen=True)
class Attribution:
    """One possible author of an incident and its probability."""
    channel: str
    probability: float


@dataclass(frozen=True)
class RiskDriver:
    """A recent incident (`event_id`, `contribution_per_day`; with `attribution` when its author is uncertain, the
    contribution being the expected one) or an effect in force (`name`, `multiplier`, `from_`..`until`). A dated effect
    (kind `anniversary` or `scheduled-event`) has its `family`, `date`, `days_until` it, the multiplier now on its ramp
    (`multiplier`) and on the date (`peak_multiplier`, with `standard_error`); both None while the family is not fitted."""
    kind: str
    event_id: Optional[str] = None
    occurred_at: Optional[str] = None
    contribution_per_day: Optional[float] = None
    name: Optional[str] = None
    multiplier: Optional[float] = None
    from_: Optional[datetime] = None
    until: Optional[datetime] = None
    channel: Optional[str] = None
    attribution: Optional[list[Attribution]] = None
    family: Optional[str] = None
    date: Optional[date] = None
    days_until: Optional[int] = None
    peak_multiplier: Optional[float] = None
    standard_error: Optional[float] = None


@dataclass(frozen=True)
class RiskModel:
    fitted_at: datetime
    data_through: datetime
    events_used: int
    branching_ratio: float
    kernel: str


@dataclass(frozen=True)
class Risk:
    theater_id: str
    as_of: datetime
    known_at: datetime
    horizon_days: int
    intensity_per_day: float
    baseline_per_day: float
    excitation_ratio: float
    expected_events: float
    quantiles: dict[str, int]
    probability_at_least: dict[int, float]
    probability_at_least_one: float
    score: int
    risk_level: str
    drivers: list[RiskDriver]
    model: RiskModel


@dataclass(frozen=True)
class SeriesPoint:
    date: date
    count: int
    severity: int
    intensity: Optional[float]


@dataclass(frozen=True)
class Estimate:
    """A fitted parameter or effect: its value (or multiplier) and standard error."""
    name: Optional[str] = None
    value: Optional[float] = None
    multiplier: Optional[float] = None
    standard_error: Optional[float] = None


@dataclass(frozen=True)
class ChannelModel:
    channel: str
    baseline_per_day: float
    excited_by: dict[str, float]


@dataclass(frozen=True)
class Model:
    theater_id: str
    kernel: str
    branching_ratio: float
    decay_half_life_days: float
    baseline_per_day: float
    channels: list[ChannelModel]
    effects: dict[str, Estimate]
    parameters: list[Estimate]
    log_likelihood: float
    aic: float
    poisson_aic: float
    ks_statistic: float
    ks_p_value: float
    evaluations: int
    fit_seconds: float
    converged: bool
    events_used: int
    data_through: datetime
    fitted_at: datetime
    data_key: str
    last_failure: Optional[dict[str, Any]]
    day_count_effects: Optional[dict[str, float]] = None


@dataclass(frozen=True)
class ReliabilityBin:
    from_: float
    to: float
    count: int
    mean_predicted: float
    observed_frequency: float


@dataclass(frozen=True)
class ScoreSummary:
    brier: float
    log_score: float
    crps: float
    reliability: list[ReliabilityBin]


@dataclass(frozen=True)
class BacktestScores:
    model: ScoreSummary
    climatology: ScoreSummary
    poisson7: ScoreSummary


@dataclass(frozen=True)
class BacktestDay:
    date: date
    probability: float
    expected: float
    climatology: float
    poisson7: float
    observed: int
    escalation: bool


@dataclass(frozen=True)
class Backtest:
    theater_id: str
    from_: date
    to: date
    horizon_days: int
    threshold: int
    refits: int
    seconds: float
    summary: BacktestScores
    items: list[BacktestDay]


@dataclass(frozen=True)
class Event:
    """A stored event: the fields every type has, the rest of what was posted in `extra` (camelCase keys)."""
    sequence: int
    type: str
    id: str
    theater_id: str
    recorded_at: datetime
    occurred_at: Optional[str] = None
    channel: Optional[str] = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AppendResult:
    appended: int
    duplicates: int
    last_sequence: int
