"""Job handlers by kind, with the retry policy of each kind.

Domain modules register their handlers at import time; a worker claims only kinds that have a handler, so jobs
of a kind nobody handles yet stay queued instead of failing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork


class PermanentError(Exception):
    """Raised by a handler when retrying cannot help (bad payload, refused by the receiver): the job goes dead."""


@dataclass(frozen=True)
class JobContext:
    """What a handler gets: the job, and the means to open its own unit of work.

    The worker does not hold a transaction around the handler: on SQLite that would hold the write lock during
    outgoing calls. A handler opens a unit of work when it writes; it may run more than once (a worker may die
    after the work but before the job is marked done), so it must be idempotent.
    """

    id: int
    kind: str
    payload: dict[str, Any]
    attempt: int
    key: str | None
    worker_id: str
    settings: Settings
    db: Database
    sessionmaker: async_sessionmaker[AsyncSession] = field(repr=False)

    def unit_of_work(self, **context: Any) -> UnitOfWork:
        return UnitOfWork(self.sessionmaker, job_id=self.id, **context)


Handler = Callable[[JobContext], Awaitable[None]]


@dataclass(frozen=True)
class KindPolicy:
    kind: str
    handler: Handler
    max_attempts: int = 10
    backoff_base: float = 5.0
    backoff_max: float = 3600.0
    timeout: float | None = None


class Registry:
    def __init__(self) -> None:
        self._policies: dict[str, KindPolicy] = {}

    def register(
        self,
        kind: str,
        handler: Handler,
        *,
        max_attempts: int = 10,
        backoff_base: float = 5.0,
        backoff_max: float = 3600.0,
        timeout: float | None = None,
    ) -> None:
        """Handle jobs of ``kind``; after ``max_attempts`` failed attempts a job is dead.

        Retry ``n`` waits about ``backoff_base·2^(n-1)`` seconds (at most ``backoff_max``); ``timeout`` bounds one
        attempt.
        """
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        existing = self._policies.get(kind)
        if existing is not None and existing.handler is not handler:
            raise ValueError(f"Job kind {kind!r} already has a handler ({existing.handler!r}).")
        self._policies[kind] = KindPolicy(kind, handler, max_attempts, backoff_base, backoff_max, timeout)

    def unregister(self, kind: str) -> None:
        self._policies.pop(kind, None)

    def get(self, kind: str) -> KindPolicy | None:
        return self._policies.get(kind)

    def kinds(self) -> list[str]:
        return sorted(self._policies)


registry = Registry()
"""The process-wide registry the worker uses unless given another."""


def register(
    kind: str,
    handler: Handler,
    *,
    max_attempts: int = 10,
    backoff_base: float = 5.0,
    backoff_max: float = 3600.0,
    timeout: float | None = None,
) -> None:
    """Register ``handler`` for ``kind`` in the process-wide registry (see :meth:`Registry.register`)."""
    registry.register(
        kind,
        handler,
        max_attempts=max_attempts,
        backoff_base=backoff_base,
        backoff_max=backoff_max,
        timeout=timeout,
    )
