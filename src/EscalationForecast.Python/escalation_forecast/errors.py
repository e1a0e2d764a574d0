"""Problem details (RFC 9457) answered by the service, raised as exceptions that keep every field."""
from __future__ import annotations

from typing import Any, Optional


class ProblemError(Exception):
    """An error answer from the service: its status and the problem document's fields.

    `detail` says what to fix; a batch's `errors` name each failed item (index, id, field, reason);
    `retry_after` is set (in seconds) on 429 and 503 answers; `extensions` holds any other member.
    """

    _KNOWN = ("type", "title", "status", "detail", "instance", "traceId", "errors")

    def __init__(self, status: int, problem: dict[str, Any], retry_after: Optional[float] = None,
                 method: str = "", url: str = ""):
        self.status = status
        self.type: Optional[str] = problem.get("type")
        self.title: Optional[str] = problem.get("title")
        self.detail: Optional[str] = problem.get("detail")
        self.instance: Optional[str] = problem.get("instance")
        self.trace_id: Optional[str] = problem.get("traceId")
        self.errors: list[dict[str, Any]] = list(problem.get("errors") or [])
        self.extensions: dict[str, Any] = {k: v for k, v in problem.items() if k not in self._KNOWN}
        self.retry_after = retry_after
        self.method = method
        self.url = url
        super().__init__(f"{method} {url}: {status} {self.title or ''}: {self.detail or ''}".strip())


class ProtocolError(Exception):
    """An answer that is not what the contract promises (not JSON where JSON was due, an unreadable error)."""
