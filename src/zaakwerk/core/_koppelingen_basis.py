"""The building blocks of ``core/koppelingen.py``: errors, the host allow-list and per-endpoint state."""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from zaakwerk.config import Mode, Settings

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
# A longer Retry-After than this is not waited for inside a call: the caller gets the 429/503 response.
MAX_RETRY_AFTER = 30.0


class KoppelingError(Exception):
    """An outgoing call that could not be made or completed; ``endpoint`` names the other side."""

    def __init__(self, endpoint: str, message: str) -> None:
        super().__init__(message)
        self.endpoint = endpoint


class HostNotAllowed(KoppelingError):
    """The URL's host is not on the allow-list; nothing was sent."""


class CircuitOpen(KoppelingError):
    """The endpoint failed repeatedly and is resting; nothing was sent."""


class KoppelingUnavailable(KoppelingError):
    """The endpoint could not be reached or did not answer in time (after any retries)."""


class CircuitState(StrEnum):
    closed = "closed"
    open = "open"
    half_open = "half-open"


# --- the allow-list ----------------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_allowed(settings: Settings, host: str) -> bool:
    """Whether outgoing calls may reach ``host``. Entries are host names or ``*.domain`` for its subdomains.

    Loopback is allowed in demo mode (the test registries run in-process) and refused in production even when
    listed: a loopback service is this machine's internals, which no configured URL should point into.
    """
    host = host.strip("[]").rstrip(".").lower()
    if not host:
        return False
    if is_loopback(host):
        return settings.mode is Mode.demo
    for entry in settings.allowed_hosts:
        allowed = entry.strip().strip("[]").rstrip(".").lower()
        if allowed.startswith("*."):
            if host.endswith(allowed[1:]) and host != allowed[2:]:
                return True
        elif host == allowed:
            return True
    return False


# --- per-endpoint state --------------------------------------------------------------------------------------


@dataclass
class _Endpoint:
    name: str
    calls: int = 0
    errors: int = 0
    retries: int = 0
    refused: int = 0
    latency_sum: float = 0.0
    latency_max: float = 0.0
    last_status: int | None = None
    last_call_at: dt.datetime | None = None
    last_error: str | None = None
    last_error_at: dt.datetime | None = None
    failures_in_row: int = 0
    opened_at: float | None = None
    trial_running: bool = False

    def state(self, now: float, reset_seconds: float) -> CircuitState:
        if self.opened_at is None:
            return CircuitState.closed
        if now - self.opened_at >= reset_seconds:
            return CircuitState.half_open
        return CircuitState.open


def _origin(parts: Any) -> str:
    port = f":{parts.port}" if parts.port else ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}{port}"
