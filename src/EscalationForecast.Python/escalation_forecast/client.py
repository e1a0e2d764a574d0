"""`Client`: every read of the HTTP API as typed results, the writes analysts need, CSV for other tools."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable, Iterator, Optional, Union

from ._decode import from_json
from ._http import Transport
from .models import (AppendResult, Backtest, Event, Model, Page, Risk, SeriesPoint, Theater)

When = Union[str, date, datetime, None]


class Client:
    """The service at `url` (default `$ESCALATION_FORECAST_URL`, else http://127.0.0.1:5080), with `api_key`
    (default `$ESCALATION_FORECAST_API_KEY`) sent as `X-Api-Key`. Every read takes `as_of` (only what occurred by
    then) and, where the service keeps history, `known_at` (only what was recorded by then)."""

    def __init__(self, url: Optional[str] = None, api_key: Optional[str] = None, timeout: float = 300):
        self._http = Transport(url, api_key, timeout)

    @property
    def url(self) -> str:
        return self._http.url

    def theaters(self) -> list[Theater]:
        """Every theater with its counts and current 7-day risk (None until it has a model)."""
        return [from_json(Theater, t) for t in self._http.json("GET", "/api/v1/theaters")["items"]]

    def risk(self, theater_id: str, as_of: When = None, known_at: When = None, horizon_days: Optional[int] = None,
             at_least: Optional[Iterable[int]] = None) -> Risk:
        params = {"asOf": as_of, "knownAt": known_at, "horizonDays": horizon_days,
                  "atLeast": list(at_least) if at_least is not None else None}
        return from_json(Risk, self._http.json("GET", f"/api/v1/theaters/{theater_id}/risk", params))

    def series(self, theater_id: str, from_: When = None, to: When = None, channel: Optional[str] = None,
               as_of: When = None, known_at: When = None) -> list[SeriesPoint]:
        """One point per day, zeros included, with the model's expected count (`intensity`) beside the count."""
        params = {"from": from_, "to": to, "channel": channel, "asOf": as_of, "knownAt": known_at}
        page = self._http.json("GET", f"/api/v1/theaters/{theater_id}/series", params)
        return [from_json(SeriesPoint, p) for p in page["items"]]

    def model(self, theater_id: str, as_of: When = None, known_at: When = None) -> Model:
        params = {"asOf": as_of, "knownAt": known_at}
        return from_json(Model, self._http.json("GET", f"/api/v1/theaters/{theater_id}/model", params))

    def backtest(self, theater_id: str, from_: When = None, to: When = None, horizon_days: Optional[int] = None,
                 at_least: Optional[int] = None, without: Optional[Iterable[str]] = None) -> Backtest:
        """Rolling-origin forecasts with their outcomes and scores; `without` leaves effects out (`ceasefire`, `anniversary`)."""
        params = {"from": from_, "to": to, "horizonDays": horizon_days, "atLeast": at_least,
                  "without": list(without) if without else None}
        return from_json(Backtest, self._http.json("GET", f"/api/v1/theaters/{theater_id}/backtest", params))

    def events_page(self, theater_id: Optional[str] = None, types: Optional[Iterable[str]] = None,
                    from_: When = None, to: When = None, known_at: When = None,
                    after_sequence: Optional[int] = None, limit: Optional[int] = None) -> Page[Event]:
        params = {"theaterId": theater_id, "type": list(types) if types else None, "from": from_, "to": to,
                  "knownAt": known_at, "afterSequence": after_sequence, "limit": limit}
        page = self._http.json("GET", "/api/v1/events", params)
        return Page([from_json(Event, e) for e in page["items"]], page["next"])

    def events(self, theater_id: Optional[str] = None, types: Optional[Iterable[str]] = None,
               from_: When = None, to: When = None, known_at: When = None,
               after_sequence: Optional[int] = None, page_size: int = 1000) -> Iterator[Event]:
        """The stored history in recorded order, every page, fetched as the iteration reaches it."""
        after = after_sequence
        while True:
            page = self.events_page(theater_id, types, from_, to, known_at, after, page_size)
            yield from page.items
            if page.next is None:
                return
            after = page.next

    def post_events(self, items: Union[dict[str, Any], list[dict[str, Any]]]) -> AppendResult:
        """Stores one event or a batch of up to 10,000, all or nothing (a `ProblemError` names each invalid item)."""
        return from_json(AppendResult, self._http.json("POST", "/api/v1/events", body=items))

    def put_theater(self, theater_id: str, name: Optional[str] = None, description: Optional[str] = None,
                    channels: Optional[list[str]] = None) -> dict[str, Any]:
        body = {"name": name, "description": description, "channels": channels}
        return self._http.json("PUT", f"/api/v1/theaters/{theater_id}", body={k: v for k, v in body.items() if v is not None})

    def csv(self, path: str, **params: Any) -> str:
        """A list as CSV (`Accept: text/csv`): `/api/v1/theaters`, `/api/v1/events`, a theater's `/series` or `/backtest`.
        Parameters are named as in the other methods (`theater_id`, `from_`, `as_of`)."""
        return self.csv_page(path, **params)[0]

    def csv_page(self, path: str, **params: Any) -> tuple[str, Optional[int]]:
        """CSV and the `afterSequence` of the next page (the `X-Next-After-Sequence` header), None on the last."""
        _, headers, content = self._http.request("GET", path, {_param(k): v for k, v in params.items()}, accept="text/csv")
        following = headers.get("x-next-after-sequence")
        return content.decode("utf-8"), int(following) if following else None


def _param(name: str) -> str:
    from ._decode import camel
    return camel(name)
