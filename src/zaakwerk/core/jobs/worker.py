"""The worker loop: claims due jobs, runs their handlers, retries with backoff, buries what keeps failing.

Any number of workers (in the web process, or ``zaakwerk worker`` processes on other machines) share one job
table. On PostgreSQL a claim locks rows with ``FOR UPDATE SKIP LOCKED`` so workers never take the same job; on
SQLite the claim runs in a write transaction (``BEGIN IMMEDIATE``) that serialises claimers. Every claim sets a
lease (``locked_until``) that the worker renews while the handler runs; a job whose lease ran out belonged to a
worker that died and is claimed again.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import os
import socket
import time
import traceback
import uuid
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from sqlalchemy import and_, case, exists, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.backoff import backoff_delay
from zaakwerk.core.jobs.models import Job, JobStatus
from zaakwerk.core.jobs.queue import as_utc, subscribe, unsubscribe
from zaakwerk.core.jobs.registry import JobContext, KindPolicy, PermanentError, Registry, registry
from zaakwerk.core.uow import make_sessionmaker

log = structlog.get_logger(__name__)

_T = TypeVar("_T")

QUEUED = JobStatus.queued.value
RUNNING = JobStatus.running.value
DONE = JobStatus.done.value
DEAD = JobStatus.dead.value

LEASE_EXPIRED = "Lease verlopen: de worker stopte tijdens deze poging."
_MAX_ERROR_LENGTH = 4000


@dataclass(frozen=True)
class ClaimedJob:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int
    key: str | None


def _due(now: dt.datetime) -> ColumnElement[bool]:
    """Claimable: queued and due, or running under a lease that ran out (its worker died)."""
    return or_(
        and_(Job.status == QUEUED, Job.run_after <= now),
        and_(Job.status == RUNNING, Job.locked_until < now),
    )


def _not_blocked() -> ColumnElement[bool]:
    """A keyed job waits while an earlier job with the same key is still open, which keeps per-key order."""
    earlier = aliased(Job)
    return or_(
        Job.key.is_(None),
        ~exists().where(earlier.key == Job.key, earlier.id < Job.id, earlier.status.in_((QUEUED, RUNNING))),
    )


class Worker:
    """One worker: a claim loop plus up to ``concurrency`` running handlers. Use :meth:`run`."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        *,
        registry: Registry = registry,
        worker_id: str | None = None,
        lease_seconds: float = 60.0,
        poll_seconds: float | None = None,
        concurrency: int | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.registry = registry
        self.id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease = dt.timedelta(seconds=lease_seconds)
        self.poll_seconds = settings.worker_poll_seconds if poll_seconds is None else poll_seconds
        self.concurrency = max(1, settings.worker_concurrency if concurrency is None else concurrency)
        self._sessionmaker: async_sessionmaker[AsyncSession] = make_sessionmaker(db.writer)
        self._reader: async_sessionmaker[AsyncSession] = make_sessionmaker(db.reader)
        self._last_claim = clock.now()
        self._running: dict[int, asyncio.Task[None]] = {}
        self._claims: dict[int, ClaimedJob] = {}
        self._wake = asyncio.Event()

    # --- the loop ---------------------------------------------------------------------------------------------

    async def run(self, *, stop_when_idle: bool = False) -> None:
        """Work until cancelled, or (``stop_when_idle``) until no job is due and none is running."""
        subscribe(self._wake)
        renewer = asyncio.create_task(self._renew_leases())
        log.info("job worker started", worker=self.id, concurrency=self.concurrency)
        try:
            while True:
                # Cleared before claiming: a commit during the claim sets it again, so no wake-up is lost.
                self._wake.clear()
                free = self.concurrency - len(self._running)
                claimed: list[ClaimedJob] = []
                if free > 0:
                    try:
                        claimed = await self._claim_to_completion(free)
                    except Exception as exc:  # the database may be briefly away; keep the worker alive
                        log.warning("job claim failed", worker=self.id, error=str(exc))
                for job in claimed:
                    self._start(job)
                if stop_when_idle and not claimed and not self._running:
                    return
                if len(claimed) >= free:
                    # Every slot is taken and more may be due: go on as soon as one frees up.
                    await self._idle(self.poll_seconds)
                    continue
                await self._idle(await self._next_wait())
        finally:
            unsubscribe(self._wake)
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
            await self._abandon_running()
            log.info("job worker stopped", worker=self.id)

    async def _claim_to_completion(self, limit: int) -> list[ClaimedJob]:
        """Claim, but never abandon a claim half-way: cancelling an aiosqlite/asyncpg call inside a transaction can
        leave its connection holding the write lock. If the worker is stopped meanwhile, the claim is finished and
        handed straight back."""
        task = asyncio.ensure_future(self.claim(limit))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await self._release(await task)
            raise

    async def _idle(self, seconds: float) -> None:
        """Wait for a wake-up (a commit in this process or a job of ours finishing), at most ``seconds``."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(seconds, 0.001)):
                await self._wake.wait()

    async def _next_wait(self) -> float:
        """Seconds until the next scheduled job (a retry) is due, at most the poll interval."""
        kinds = self.registry.kinds()
        if not kinds:
            return self.poll_seconds
        # Due jobs the last claim did not take are held by their key or by another worker: polling is the right
        # pace for those. Only jobs that were not yet due at that claim can shorten the wait.
        try:
            async with self._reader() as session:
                nxt = await session.scalar(
                    select(func.min(Job.run_after)).where(
                        Job.status == QUEUED, Job.kind.in_(kinds), Job.run_after > self._last_claim
                    )
                )
        except Exception as exc:
            log.warning("job schedule lookup failed", worker=self.id, error=str(exc))
            return self.poll_seconds
        if nxt is None:
            return self.poll_seconds
        return min(self.poll_seconds, max(0.0, (as_utc(nxt) - clock.now()).total_seconds()))

    # --- claiming ---------------------------------------------------------------------------------------------

    async def claim(self, limit: int) -> list[ClaimedJob]:
        """Claim up to ``limit`` due jobs of the kinds this worker handles, oldest first, in one transaction."""
        kinds = self.registry.kinds()
        if not kinds or limit <= 0:
            return []
        now = self._last_claim = clock.now()
        async with self._sessionmaker() as session, session.begin():
            query = select(Job.id).where(Job.kind.in_(kinds), _due(now), _not_blocked()).order_by(Job.id).limit(limit)
            if not self.db.is_sqlite:
                query = query.with_for_update(skip_locked=True, of=Job)
            ids = list((await session.scalars(query)).all())
            if not ids:
                return []
            # Guarded by the same condition, so a row that changed since the select is left alone.
            result = await session.execute(
                update(Job)
                .where(Job.id.in_(ids), _due(now))
                .values(
                    last_error=case((Job.status == RUNNING, literal(LEASE_EXPIRED)), else_=Job.last_error),
                    status=RUNNING,
                    attempts=Job.attempts + 1,
                    locked_by=self.id,
                    locked_until=now + self.lease,
                )
                .returning(Job.id, Job.kind, Job.payload, Job.attempts, Job.key)
                .execution_options(synchronize_session=False)
            )
            claimed = [ClaimedJob(r.id, r.kind, r.payload, r.attempts, r.key) for r in result.all()]
        claimed.sort(key=lambda j: j.id)
        return claimed

    # --- running ----------------------------------------------------------------------------------------------

    def _start(self, job: ClaimedJob) -> None:
        self._claims[job.id] = job
        task = asyncio.create_task(self._run_job(job), name=f"job-{job.id}-{job.kind}")
        self._running[job.id] = task
        task.add_done_callback(functools.partial(self._forget, job.id))

    def _forget(self, job_id: int, _task: asyncio.Task[None]) -> None:
        self._running.pop(job_id, None)
        self._claims.pop(job_id, None)
        # A free slot, and perhaps the next job of the same key may start now.
        self._wake.set()

    async def _run_job(self, job: ClaimedJob) -> None:
        policy = self.registry.get(job.kind)
        if policy is None:  # unregistered between claim and start: give it back untouched
            await self._release([job])
            return
        if job.attempts > policy.max_attempts:
            # Only a worker that died mid-attempt gets here: that attempt counted and was the last one.
            await self._finish(job, DEAD, error=LEASE_EXPIRED)
            log.error("job dead", job_id=job.id, kind=job.kind, attempts=job.attempts, error=LEASE_EXPIRED)
            return
        ctx = JobContext(
            id=job.id,
            kind=job.kind,
            payload=job.payload,
            attempt=job.attempts,
            key=job.key,
            worker_id=self.id,
            settings=self.settings,
            db=self.db,
            sessionmaker=self._sessionmaker,
        )
        started = time.perf_counter()
        try:
            async with asyncio.timeout(policy.timeout):
                await policy.handler(ctx)
        except PermanentError as exc:
            await self._finish(job, DEAD, error=_describe(exc))
            log.error("job dead (permanent error)", job_id=job.id, kind=job.kind, error=str(exc))
        except Exception as exc:
            await self._failed(job, policy, exc)
        else:
            await self._finish(job, DONE)
            log.debug(
                "job done",
                job_id=job.id,
                kind=job.kind,
                attempt=job.attempts,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
            )

    async def _failed(self, job: ClaimedJob, policy: KindPolicy, exc: Exception) -> None:
        error = _describe(exc, with_trace=True)
        if job.attempts >= policy.max_attempts:
            await self._finish(job, DEAD, error=error)
            log.error("job dead", job_id=job.id, kind=job.kind, attempts=job.attempts, error=str(exc))
            return
        delay = backoff_delay(job.attempts, base=policy.backoff_base, cap=policy.backoff_max)
        await self._finish(job, QUEUED, error=error, run_after=clock.now() + dt.timedelta(seconds=delay))
        log.warning(
            "job failed, will retry",
            job_id=job.id,
            kind=job.kind,
            attempt=job.attempts,
            retry_in=round(delay, 3),
            error=str(exc) or type(exc).__name__,
        )

    def _mine(self, job: ClaimedJob) -> ColumnElement[bool]:
        """Still our claim: if our lease ran out and another worker took the job over, we must not touch it."""
        return and_(Job.id == job.id, Job.status == RUNNING, Job.locked_by == self.id, Job.attempts == job.attempts)

    async def _finish(
        self, job: ClaimedJob, status: str, *, error: str | None = None, run_after: dt.datetime | None = None
    ) -> None:
        now = clock.now()
        values: dict[str, Any] = {"status": status, "locked_by": None, "locked_until": None}
        if error is not None:
            values["last_error"] = error[:_MAX_ERROR_LENGTH]
        if status in (DONE, DEAD):
            values["finished"] = now
        if run_after is not None:
            values["run_after"] = run_after
        try:
            changed = await _to_completion(self._save(job, values))
        except Exception as exc:
            # The lease will run out and another attempt follows; handlers are idempotent for this reason.
            log.error("job result not saved", job_id=job.id, status=status, error=str(exc))
            return
        if not changed:
            log.warning("job lease lost before finishing", job_id=job.id, kind=job.kind, worker=self.id)

    async def _save(self, job: ClaimedJob, values: dict[str, Any]) -> int:
        async with self._sessionmaker() as session, session.begin():
            result = await session.execute(
                update(Job).where(self._mine(job)).values(**values).execution_options(synchronize_session=False)
            )
            return int(getattr(result, "rowcount", 0))

    async def _release(self, jobs: Sequence[ClaimedJob]) -> None:
        """Hand claims back without spending an attempt (shutdown, or a kind no longer handled)."""
        if not jobs:
            return
        with contextlib.suppress(Exception):
            await _to_completion(self._give_back(jobs))

    async def _give_back(self, jobs: Sequence[ClaimedJob]) -> None:
        async with self._sessionmaker() as session, session.begin():
            for job in jobs:
                await session.execute(
                    update(Job)
                    .where(self._mine(job))
                    .values(status=QUEUED, attempts=Job.attempts - 1, locked_by=None, locked_until=None)
                    .execution_options(synchronize_session=False)
                )

    async def _abandon_running(self) -> None:
        if not self._running:
            return
        claims = list(self._claims.values())
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        # Shielded: this runs while the worker itself is being cancelled.
        await asyncio.shield(self._release(claims))

    async def _renew_leases(self) -> None:
        interval = max(self.lease.total_seconds() / 3, 0.01)
        while True:
            await asyncio.sleep(interval)
            if not self._claims:
                continue
            try:
                await _to_completion(self._renew(list(self._claims)))
            except Exception as exc:
                log.warning("job lease renewal failed", worker=self.id, error=str(exc))

    async def _renew(self, ids: list[int]) -> None:
        async with self._sessionmaker() as session, session.begin():
            await session.execute(
                update(Job)
                .where(Job.id.in_(ids), Job.status == RUNNING, Job.locked_by == self.id)
                .values(locked_until=clock.now() + self.lease)
                .execution_options(synchronize_session=False)
            )


async def _to_completion(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run a short database write to its end even when the caller is cancelled (see ``_claim_to_completion``)."""
    task = asyncio.ensure_future(coro)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await task
        raise


def _describe(exc: BaseException, *, with_trace: bool = False) -> str:
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if with_trace:
        frames = traceback.format_tb(exc.__traceback__)[-3:]
        text += "\n" + "".join(frames)
    return text


async def run_worker(
    settings: Settings,
    db: Database,
    *,
    stop_when_idle: bool = False,
    registry: Registry = registry,
    worker_id: str | None = None,
    lease_seconds: float = 60.0,
    poll_seconds: float | None = None,
    concurrency: int | None = None,
) -> None:
    """Run a job worker on ``db`` until cancelled (or, with ``stop_when_idle``, until nothing is due).

    Only kinds with a registered handler are claimed: the modules that register handlers must be imported
    before the worker starts.
    """
    worker = Worker(
        settings,
        db,
        registry=registry,
        worker_id=worker_id,
        lease_seconds=lease_seconds,
        poll_seconds=poll_seconds,
        concurrency=concurrency,
    )
    await worker.run(stop_when_idle=stop_when_idle)
