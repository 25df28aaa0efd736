"""The one client layer for every outgoing HTTP call (basisregistraties, webhooks, external ZGW APIs, ...).

Every call passes the same gates, in this order, before a byte goes out:

1. the **allow-list**: only hosts in ``ZAAKWERK_ALLOWED_HOSTS`` (loopback only in demo mode), so a URL supplied
   by a client can never make us reach into the internal network; redirects are not followed for the same
   reason;
2. the **circuit breaker** of the endpoint: after ``circuit_failures`` failed attempts in a row the endpoint is
   given ``circuit_reset_seconds`` of rest and calls fail at once, instead of every request waiting for a
   timeout; then one trial call decides whether it is back.

Each attempt has a timeout; idempotent calls are retried with backoff on connection errors, 5xx and 429
(non-idempotent ones only when the request provably never left). Every attempt is logged (method, host, path,
status, duration; never headers, query strings or bodies, which carry tokens and personal data) and counted in
per-endpoint statistics for the dashboard.

One :class:`Koppelingen` (one ``httpx.AsyncClient`` and its connection pool) is shared per process:
:func:`koppelingen` returns it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import httpx
import structlog

from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core._koppelingen_basis import (
    IDEMPOTENT,
    MAX_RETRY_AFTER,
    RETRY_STATUSES,
    CircuitOpen,
    CircuitState,
    HostNotAllowed,
    KoppelingError,
    KoppelingUnavailable,
    _Endpoint,
    _origin,
    host_allowed,
    is_loopback,
)
from zaakwerk.core.jobs.backoff import backoff_delay

log = structlog.get_logger("zaakwerk.koppelingen")

__all__ = [
    "CircuitOpen",
    "CircuitState",
    "HostNotAllowed",
    "KoppelingError",
    "KoppelingUnavailable",
    "Koppelingen",
    "check_reachable",
    "close",
    "host_allowed",
    "is_loopback",
    "koppelingen",
    "statistics",
]


class Koppelingen:
    """Outgoing HTTP with allow-list, timeouts, retries, circuit breakers, logging and statistics."""

    def __init__(
        self,
        settings: Settings,
        *,
        backoff_base: float = 0.25,
        backoff_max: float = 5.0,
    ) -> None:
        self.settings = settings
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._endpoints: dict[str, _Endpoint] = {}
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def _http(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        # A pooled connection belongs to the loop that opened it; a CLI command that runs a new loop needs
        # a new pool.
        if self._client is None or self._loop is not loop:
            self._client = httpx.AsyncClient(
                follow_redirects=False,
                timeout=self.settings.outgoing_timeout,
                headers={"User-Agent": "Zaakwerk"},
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            )
            self._loop = loop
        return self._client

    async def aclose(self) -> None:
        if self._client is not None and self._loop is asyncio.get_running_loop():
            await self._client.aclose()
        self._client = None
        self._loop = None

    def _endpoint(self, name: str) -> _Endpoint:
        state = self._endpoints.get(name)
        if state is None:
            state = self._endpoints[name] = _Endpoint(name)
        return state

    # --- calls ---------------------------------------------------------------------------------------------

    async def request(
        self,
        method: str,
        url: str,
        *,
        endpoint: str | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        content: bytes | str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - per attempt, as httpx names it
        retries: int | None = None,
        idempotent: bool | None = None,
    ) -> httpx.Response:
        """One logical call; returns the last response (any status) or raises a :class:`KoppelingError`.

        ``endpoint`` groups calls for the circuit breaker and the statistics (e.g. ``"BRP"``); by default the
        URL's origin. ``idempotent`` overrides the method's nature, e.g. for a POST that is a pure query.
        """
        method = method.upper()
        parts = urlsplit(url)
        host = parts.hostname or ""
        name = endpoint or _origin(parts)
        if parts.scheme not in ("http", "https") or not host:
            raise HostNotAllowed(name, f"Uitgaande verbinding geweigerd: '{url}' is geen http(s)-URL.")
        if not host_allowed(self.settings, host):
            why = (
                "loopback is alleen toegestaan in demomodus"
                if is_loopback(host)
                else "de host staat niet in ZAAKWERK_ALLOWED_HOSTS"
            )
            log.warning("uitgaand verzoek geweigerd", method=method, host=host, path=parts.path, reden=why)
            raise HostNotAllowed(name, f"Uitgaande verbinding naar '{host}' geweigerd: {why}.")

        state = self._endpoint(name)
        max_retries = self.settings.outgoing_retries if retries is None else retries
        safe = method in IDEMPOTENT if idempotent is None else idempotent
        seconds = self.settings.outgoing_timeout if timeout is None else timeout
        request = self._http().build_request(
            method,
            url,
            params=params,
            headers=headers,
            json=json,
            content=content,
            timeout=httpx.Timeout(seconds),
        )
        attempt = 0
        while True:
            attempt += 1
            self._enter_circuit(state)
            response, error = await self._attempt(state, request, host, parts.path, attempt, seconds)
            if attempt > max_retries or not self._should_retry(response, error, safe):
                break
            delay = backoff_delay(attempt, base=self.backoff_base, cap=self.backoff_max)
            if response is not None:
                retry_after = _retry_after(response)
                if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                    break
                delay = max(delay, retry_after or 0.0)
            if self._circuit_state(state) is not CircuitState.closed:
                break  # the endpoint is resting: the caller hears it now rather than after the retries
            state.retries += 1
            await asyncio.sleep(delay)
        if response is not None:
            return response
        assert error is not None
        raise error

    async def _attempt(
        self, state: _Endpoint, request: httpx.Request, host: str, path: str, attempt: int, seconds: float
    ) -> tuple[httpx.Response | None, KoppelingError | None]:
        started = time.perf_counter()
        response: httpx.Response | None = None
        error: KoppelingError | None = None
        try:
            response = await self._http().send(request)
        except httpx.TimeoutException as exc:
            error = KoppelingUnavailable(state.name, f"Time-out na {seconds:g} s bij {state.name}.")
            error.__cause__ = exc
        except httpx.TransportError as exc:
            error = KoppelingUnavailable(
                state.name, f"{state.name} is niet bereikbaar: {type(exc).__name__} {exc}".rstrip()
            )
            error.__cause__ = exc
        except BaseException:
            # Cancelled (or a programming error): no verdict on the endpoint, so a trial slot must not stay taken.
            state.trial_running = False
            raise
        duration = time.perf_counter() - started
        failed = error is not None or (response is not None and response.status_code >= 500)
        self._record(state, response, error, duration, failed)
        log.info(
            "uitgaand verzoek",
            endpoint=state.name,
            method=request.method,
            host=host,
            path=path,
            status=response.status_code if response is not None else None,
            duration_ms=round(duration * 1000, 1),
            attempt=attempt,
            error=str(error) if error is not None else None,
        )
        return response, error

    @staticmethod
    def _should_retry(response: httpx.Response | None, error: KoppelingError | None, safe: bool) -> bool:
        if error is not None:
            cause = error.__cause__
            # Nothing reached the server when connecting failed, so even a POST may go again.
            return safe or isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
        assert response is not None
        if response.status_code == 429:
            return True  # refused before processing, by definition
        return safe and response.status_code in RETRY_STATUSES

    # --- the circuit breaker ---------------------------------------------------------------------------------

    def _circuit_state(self, state: _Endpoint) -> CircuitState:
        return state.state(time.monotonic(), self.settings.circuit_reset_seconds)

    def _enter_circuit(self, state: _Endpoint) -> None:
        current = self._circuit_state(state)
        if current is CircuitState.closed:
            return
        if current is CircuitState.half_open and not state.trial_running:
            state.trial_running = True  # this call is the trial; the others keep failing fast until it is back
            return
        state.refused += 1
        assert state.opened_at is not None
        wait = max(0.0, self.settings.circuit_reset_seconds - (time.monotonic() - state.opened_at))
        raise CircuitOpen(
            state.name,
            f"{state.name} is tijdelijk afgesloten na {state.failures_in_row} mislukte pogingen op rij; "
            f"nieuwe poging over {wait:.0f} s. Laatste fout: {state.last_error or 'onbekend'}",
        )

    def _record(
        self,
        state: _Endpoint,
        response: httpx.Response | None,
        error: KoppelingError | None,
        duration: float,
        failed: bool,
    ) -> None:
        state.calls += 1
        state.latency_sum += duration
        state.latency_max = max(state.latency_max, duration)
        state.last_call_at = clock.now()
        state.last_status = response.status_code if response is not None else None
        was_trial = state.trial_running
        state.trial_running = False
        if not failed:
            state.failures_in_row = 0
            state.opened_at = None
            return
        state.errors += 1
        state.failures_in_row += 1
        state.last_error = str(error) if error is not None else f"HTTP {state.last_status}"
        state.last_error_at = state.last_call_at
        if was_trial or state.failures_in_row >= self.settings.circuit_failures:
            if state.opened_at is None or was_trial:
                log.warning("circuit geopend", endpoint=state.name, failures=state.failures_in_row)
            state.opened_at = time.monotonic()

    # --- statistics ----------------------------------------------------------------------------------------

    def statistics(self) -> list[dict[str, Any]]:
        """Figures per endpoint since this process started (the dashboard shows them)."""
        rows: list[dict[str, Any]] = []
        for state in sorted(self._endpoints.values(), key=lambda s: s.name):
            rows.append(
                {
                    "endpoint": state.name,
                    "calls": state.calls,
                    "errors": state.errors,
                    "retries": state.retries,
                    "refused": state.refused,
                    "latency_avg_ms": round(state.latency_sum / state.calls * 1000, 1) if state.calls else None,
                    "latency_max_ms": round(state.latency_max * 1000, 1),
                    "latency_sum_ms": round(state.latency_sum * 1000, 1),
                    "last_status": state.last_status,
                    "last_call_at": state.last_call_at,
                    "last_error": state.last_error,
                    "last_error_at": state.last_error_at,
                    "failures_in_row": state.failures_in_row,
                    "circuit": self._circuit_state(state).value,
                }
            )
        return rows

    def reset_statistics(self) -> None:
        self._endpoints.clear()

    # --- shorthands ----------------------------------------------------------------------------------------

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("POST", url, **kwargs)

    async def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("PUT", url, **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("PATCH", url, **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("DELETE", url, **kwargs)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # the HTTP-date form is rare for APIs; the normal backoff applies then


# --- the process-wide instance -------------------------------------------------------------------------------

_shared: Koppelingen | None = None


def koppelingen(settings: Settings | None = None) -> Koppelingen:
    """The process's client layer; the first call (normally at startup) must pass the settings.

    A later call with other settings applies them (allow-list, timeouts, circuit figures) and keeps the
    connection pool and the statistics.
    """
    global _shared
    if _shared is None:
        if settings is None:
            raise RuntimeError("koppelingen() is nog niet geconfigureerd: geef de settings mee.")
        _shared = Koppelingen(settings)
    elif settings is not None:
        _shared.settings = settings
    return _shared


def statistics() -> list[dict[str, Any]]:
    """Per-endpoint figures of this process's outgoing calls (empty before the first call)."""
    return _shared.statistics() if _shared is not None else []


async def close() -> None:
    """Close the shared connection pool (at shutdown)."""
    if _shared is not None:
        await _shared.aclose()


async def check_reachable(settings: Settings, url: str) -> tuple[bool, str]:
    """For ``zaakwerk check``: whether ``url`` answers at all (any status below 500), with a short reason."""
    try:
        response = await koppelingen(settings).get(url, retries=0)
    except KoppelingError as exc:
        return False, str(exc)
    if response.status_code >= 500:
        return False, f"HTTP {response.status_code}"
    return True, f"bereikbaar (HTTP {response.status_code})"
