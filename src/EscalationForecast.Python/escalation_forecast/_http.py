"""The transport: standard-library HTTP, the API key, query values as the service reads them, problems as exceptions."""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, datetime, timezone
from typing import Any, Mapping, Optional

from .errors import ProblemError, ProtocolError

DEFAULT_URL = "http://127.0.0.1:5080"


def query_value(value: Any) -> Optional[str]:
    """A date as `2020-12-20`, a datetime as UTC ISO 8601 with `Z` (a naive one is taken as UTC), a list as a comma list."""
    if value is None:
        return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return aware.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ").replace(".000000Z", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)):
        return ",".join(query_value(v) or "" for v in value)
    return str(value)


class Transport:
    def __init__(self, url: Optional[str], api_key: Optional[str], timeout: float):
        self.url = (url or os.environ.get("ESCALATION_FORECAST_URL") or DEFAULT_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get("ESCALATION_FORECAST_API_KEY") or None
        self.timeout = timeout

    def address(self, path: str, params: Optional[Mapping[str, Any]] = None) -> str:
        pairs = [(k, query_value(v)) for k, v in (params or {}).items()]
        query = urllib.parse.urlencode([(k, v) for k, v in pairs if v is not None])
        return self.url + path + ("?" + query if query else "")

    def request(self, method: str, path: str, params: Optional[Mapping[str, Any]] = None, body: Any = None,
                accept: str = "application/json") -> tuple[int, dict[str, str], bytes]:
        url = self.address(path, params)
        headers = {"Accept": accept, "User-Agent": "escalation-forecast-python"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["X-Api-Key"] = self.api_key
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as answer:
                return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
        except urllib.error.HTTPError as error:
            raise self._problem(method, url, error) from None

    def json(self, method: str, path: str, params: Optional[Mapping[str, Any]] = None, body: Any = None) -> Any:
        _, headers, content = self.request(method, path, params, body)
        if not headers.get("content-type", "").startswith("application/json"):
            raise ProtocolError(f"{method} {path}: expected JSON, got {headers.get('content-type')!r}")
        return json.loads(content)

    @staticmethod
    def _problem(method: str, url: str, error: urllib.error.HTTPError) -> ProblemError:
        content = error.read()
        kind = error.headers.get("Content-Type", "")
        problem: dict[str, Any]
        try:
            problem = json.loads(content) if "json" in kind else {"detail": content.decode("utf-8", "replace")[:500]}
        except ValueError:
            problem = {"detail": content.decode("utf-8", "replace")[:500]}
        retry = error.headers.get("Retry-After")
        return ProblemError(error.code, problem if isinstance(problem, dict) else {"detail": str(problem)},
                            float(retry) if retry and retry.replace(".", "", 1).isdigit() else None, method, url)
