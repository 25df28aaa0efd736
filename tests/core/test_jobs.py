"""The job worker against a real database: handlers run, failures retry with backoff and end dead, a dead
worker's job is taken over, keyed jobs keep their order, and several workers never run one job twice."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import datetime as dt
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import select, update

from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.backoff import backoff_delay
from zaakwerk.core.jobs.models import Job, JobStatus
from zaakwerk.core.jobs.queue import enqueue, jobs_overview, purge_done, retry_dead
from zaakwerk.core.jobs.registry import JobContext, PermanentError, Registry
from zaakwerk.core.jobs.worker import LEASE_EXPIRED, Worker, run_worker
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker


def uow(db: Database) -> UnitOfWork:
    return UnitOfWork(make_sessionmaker(db.writer))


async def add_jobs(db: Database, kind: str, payloads: list[dict[str, Any]], key: str | None = None) -> None:
    async with uow(db) as u:
        for payload in payloads:
            enqueue(u.session, kind, payload, key=key)


async def all_jobs(db: Database) -> list[Job]:
    async with UnitOfWork(make_sessionmaker(db.reader)) as u:
        return list((await u.session.scalars(select(Job).order_by(Job.id))).all())


async def wait_for(db: Database, done: Callable[[list[Job]], bool], seconds: float = 10.0) -> list[Job]:
    deadline = time.monotonic() + seconds
    while True:
        jobs = await all_jobs(db)
        if done(jobs):
            return jobs
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out; jobs: {jobs}")
        await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def running(*workers: Awaitable[None]) -> AsyncIterator[list[asyncio.Task[None]]]:
    tasks = [asyncio.create_task(w) for w in workers]  # type: ignore[arg-type]
    try:
        yield tasks
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task


def fast(settings: Settings, db: Database, reg: Registry, **kw: Any) -> Awaitable[None]:
    kw.setdefault("poll_seconds", 0.05)
    return run_worker(settings, db, registry=reg, **kw)


def status(jobs: list[Job]) -> list[str]:
    return [j.status for j in jobs]


async def test_worker_runs_handlers_and_stops_when_idle(settings: Settings, db: Database) -> None:
    seen: list[tuple[int, dict[str, Any], int]] = []

    async def handler(job: JobContext) -> None:
        seen.append((job.id, job.payload, job.attempt))

    reg = Registry()
    reg.register("proef.tel", handler)
    await add_jobs(db, "proef.tel", [{"n": i} for i in range(5)])

    await run_worker(settings, db, registry=reg, stop_when_idle=True)

    assert sorted(p["n"] for _, p, _ in seen) == [0, 1, 2, 3, 4]
    assert {a for _, _, a in seen} == {1}
    jobs = await all_jobs(db)
    assert status(jobs) == [JobStatus.done] * 5
    assert all(j.finished is not None and j.locked_by is None for j in jobs)


async def test_handler_writes_in_its_own_unit_of_work(settings: Settings, db: Database) -> None:
    async def handler(job: JobContext) -> None:
        async with job.unit_of_work() as u:
            enqueue(u.session, "proef.vervolg", {"van": job.id})

    reg = Registry()
    reg.register("proef.start", handler)
    await add_jobs(db, "proef.start", [{}])
    await run_worker(settings, db, registry=reg, stop_when_idle=True)
    first, follow_up = await all_jobs(db)
    assert follow_up.kind == "proef.vervolg" and follow_up.payload == {"van": first.id}
    # Nobody handles the follow-up kind: it waits, unclaimed and unharmed.
    assert follow_up.status == JobStatus.queued and follow_up.attempts == 0


async def test_unhandled_kinds_stay_queued(settings: Settings, db: Database) -> None:
    await add_jobs(db, "notificatie", [{"kanaal": "zaken"}])
    await run_worker(settings, db, registry=Registry(), stop_when_idle=True)
    reg = Registry()
    reg.register("proef.iets-anders", _noop)
    await run_worker(settings, db, registry=reg, stop_when_idle=True)
    [job] = await all_jobs(db)
    assert (job.status, job.attempts, job.last_error) == (JobStatus.queued, 0, None)


async def _noop(_job: JobContext) -> None:
    return None


async def test_failures_retry_with_backoff_then_succeed(settings: Settings, db: Database) -> None:
    calls: list[float] = []

    async def flaky(job: JobContext) -> None:
        calls.append(time.monotonic())
        if len(calls) < 3:
            raise ConnectionError(f"poging {job.attempt} mislukt")

    reg = Registry()
    reg.register("proef.wankel", flaky, backoff_base=0.1, backoff_max=1.0)
    await add_jobs(db, "proef.wankel", [{}])
    async with running(fast(settings, db, reg, poll_seconds=5.0)):
        [job] = await wait_for(db, lambda js: js[0].status == JobStatus.done)
    assert job.attempts == 3
    assert job.last_error is not None and "ConnectionError: poging 2 mislukt" in job.last_error
    # Retry n waits between half and all of base·2^(n-1); the worker sleeps until then, not a full poll.
    assert 0.05 <= calls[1] - calls[0] < 1.0
    assert 0.1 <= calls[2] - calls[1] < 1.5


async def test_dead_after_max_attempts_then_retry_dead(settings: Settings, db: Database) -> None:
    attempts: list[int] = []
    healthy = False

    async def failing(job: JobContext) -> None:
        attempts.append(job.attempt)
        if not healthy:
            raise RuntimeError("ontvanger weigert")

    reg = Registry()
    reg.register("proef.faalt", failing, max_attempts=3, backoff_base=0.01, backoff_max=0.02)
    await add_jobs(db, "proef.faalt", [{"x": 1}])
    async with running(fast(settings, db, reg)):
        [job] = await wait_for(db, lambda js: js[0].status == JobStatus.dead)
    assert attempts == [1, 2, 3]
    assert job.attempts == 3 and job.finished is not None
    assert job.last_error is not None and job.last_error.startswith("RuntimeError: ontvanger weigert")

    async with uow(db) as u:
        overview = await jobs_overview(u.session)
    assert overview["counts"]["dead"] == 1 and overview["counts"]["queued"] == 0
    assert overview["per_kind"] == {"proef.faalt": {"dead": 1}}
    [dead] = overview["dead"]
    assert dead["id"] == job.id and dead["kind"] == "proef.faalt" and "ontvanger weigert" in str(dead["last_error"])

    healthy = True
    async with uow(db) as u:
        assert await retry_dead(u.session, [job.id, 999_999]) == 1
    await run_worker(settings, db, registry=reg, stop_when_idle=True)
    [job] = await all_jobs(db)
    assert job.status == JobStatus.done and job.attempts == 1
    assert attempts == [1, 2, 3, 1]


async def test_permanent_error_stops_retrying(settings: Settings, db: Database) -> None:
    async def refuse(_job: JobContext) -> None:
        raise PermanentError("abonnement bestaat niet meer")

    reg = Registry()
    reg.register("proef.weiger", refuse, max_attempts=5, backoff_base=0.01)
    await add_jobs(db, "proef.weiger", [{}])
    await run_worker(settings, db, registry=reg, stop_when_idle=True)
    [job] = await all_jobs(db)
    assert (job.status, job.attempts) == (JobStatus.dead, 1)
    assert job.last_error == "PermanentError: abonnement bestaat niet meer"


async def test_timeout_per_kind_counts_as_failure(settings: Settings, db: Database) -> None:
    async def slow(_job: JobContext) -> None:
        await asyncio.sleep(5)

    reg = Registry()
    reg.register("proef.traag", slow, max_attempts=1, timeout=0.05)
    await add_jobs(db, "proef.traag", [{}])
    await run_worker(settings, db, registry=reg, stop_when_idle=True)
    [job] = await all_jobs(db)
    assert job.status == JobStatus.dead and job.last_error is not None and "TimeoutError" in job.last_error


async def test_expired_lease_is_claimed_again(settings: Settings, db: Database) -> None:
    runs: list[str] = []

    async def handler(job: JobContext) -> None:
        runs.append(str(job.attempt))

    reg = Registry()
    reg.register("proef.wees", handler, max_attempts=3)
    await add_jobs(db, "proef.wees", [{}])

    # A worker claims the job and dies before running it: only its lease is left behind.
    crashed = Worker(settings, db, registry=reg, worker_id="gestorven", lease_seconds=0.3)
    [claim] = await crashed.claim(10)
    assert claim.attempts == 1

    # While the lease holds, nobody else takes it.
    other = Worker(settings, db, registry=reg, worker_id="ander", lease_seconds=30)
    assert await other.claim(10) == []

    await asyncio.sleep(0.35)
    await other.run(stop_when_idle=True)
    [job] = await all_jobs(db)
    assert runs == ["2"]
    assert job.status == JobStatus.done and job.attempts == 2
    assert job.last_error == LEASE_EXPIRED


async def test_job_that_keeps_killing_its_worker_ends_dead(settings: Settings, db: Database) -> None:
    reg = Registry()
    reg.register("proef.crash", _noop, max_attempts=2)
    await add_jobs(db, "proef.crash", [{}])
    for n in range(2):
        assert [c.attempts for c in await Worker(settings, db, registry=reg, lease_seconds=0.05).claim(1)] == [n + 1]
        await asyncio.sleep(0.06)
    await run_worker(settings, db, registry=reg, stop_when_idle=True)
    [job] = await all_jobs(db)
    assert (job.status, job.attempts, job.last_error) == (JobStatus.dead, 3, LEASE_EXPIRED)


async def test_lease_is_renewed_while_a_long_job_runs(settings: Settings, db: Database) -> None:
    runs = collections.Counter[int]()

    async def long(job: JobContext) -> None:
        runs[job.id] += 1
        await asyncio.sleep(0.5)

    reg = Registry()
    reg.register("proef.lang", long)
    await add_jobs(db, "proef.lang", [{}])
    async with running(
        fast(settings, db, reg, worker_id="a", lease_seconds=0.15),
        fast(settings, db, reg, worker_id="b", lease_seconds=0.15),
    ):
        await wait_for(db, lambda js: js[0].status == JobStatus.done)
    assert list(runs.values()) == [1]


async def test_cancelled_worker_hands_back_its_jobs(settings: Settings, db: Database) -> None:
    started = asyncio.Event()

    async def hangs(_job: JobContext) -> None:
        started.set()
        await asyncio.sleep(60)

    reg = Registry()
    reg.register("proef.hangt", hangs)
    await add_jobs(db, "proef.hangt", [{}])
    async with running(fast(settings, db, reg)):
        await asyncio.wait_for(started.wait(), 5)
    [job] = await all_jobs(db)
    assert (job.status, job.attempts, job.locked_by) == (JobStatus.queued, 0, None)


async def test_concurrency_limit(settings: Settings, db: Database) -> None:
    active = 0
    peak = 0

    async def busy(_job: JobContext) -> None:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.05)
        active -= 1

    reg = Registry()
    reg.register("proef.druk", busy)
    await add_jobs(db, "proef.druk", [{"n": i} for i in range(10)])
    await run_worker(settings, db, registry=reg, stop_when_idle=True, concurrency=3)
    assert peak == 3
    assert status(await all_jobs(db)) == [JobStatus.done] * 10


async def test_jobs_with_one_key_keep_their_order(settings: Settings, db: Database) -> None:
    order: list[tuple[str, int]] = []
    failed_once: set[int] = set()

    async def deliver(job: JobContext) -> None:
        n = job.payload["n"]
        if n == 0 and n not in failed_once:
            failed_once.add(n)
            raise ConnectionError("abonnee even weg")
        order.append((job.key or "", n))
        await asyncio.sleep(0.01)

    reg = Registry()
    reg.register("proef.volgorde", deliver, backoff_base=0.05, backoff_max=0.05)
    await add_jobs(db, "proef.volgorde", [{"n": i} for i in range(4)], key="zaak-1")
    await add_jobs(db, "proef.volgorde", [{"n": i} for i in range(4)], key="zaak-2")
    async with running(fast(settings, db, reg, concurrency=4)):
        await wait_for(db, lambda js: all(j.status == JobStatus.done for j in js))
    assert [n for k, n in order if k == "zaak-1"] == [0, 1, 2, 3]
    assert [n for k, n in order if k == "zaak-2"] == [0, 1, 2, 3]


async def test_a_blocked_job_does_not_make_the_worker_spin(settings: Settings, db: Database) -> None:
    """While the first job of a key runs, the next one is due but held: the worker polls, it does not spin."""
    claims = 0

    class CountingWorker(Worker):
        async def claim(self, limit: int) -> list[Any]:
            nonlocal claims
            claims += 1
            return await super().claim(limit)

    async def slow(_job: JobContext) -> None:
        await asyncio.sleep(0.5)

    reg = Registry()
    reg.register("proef.rij", slow)
    worker = CountingWorker(settings, db, registry=reg, poll_seconds=0.1)
    async with running(worker.run()):
        await asyncio.sleep(0.05)
        await add_jobs(db, "proef.rij", [{}, {}], key="zaak-1")
        await wait_for(db, lambda js: js[0].status == JobStatus.done)
    assert claims < 15


async def test_enqueue_wakes_an_idle_worker_at_once(settings: Settings, db: Database) -> None:
    reg = Registry()
    reg.register("proef.wakker", _noop)
    async with running(run_worker(settings, db, registry=reg, poll_seconds=30)):
        await asyncio.sleep(0.1)  # the worker found nothing and now sleeps for up to 30 s
        started = time.monotonic()
        await add_jobs(db, "proef.wakker", [{}])
        await wait_for(db, lambda js: js[0].status == JobStatus.done, seconds=5)
    assert time.monotonic() - started < 2


async def test_two_workers_never_run_one_job_twice(settings: Settings, db: Database) -> None:
    """Two worker loops (each with its own engines, as separate processes would have) on one database."""
    runs = collections.Counter[int]()
    by_worker = collections.Counter[str]()

    async def count(job: JobContext) -> None:
        runs[job.id] += 1
        by_worker[job.worker_id] += 1
        await asyncio.sleep(random.random() * 0.005)

    reg = Registry()
    reg.register("proef.eenmaal", count)
    await add_jobs(db, "proef.eenmaal", [{"n": i} for i in range(150)])
    second = Database(settings.database_url)
    try:
        async with running(
            fast(settings, db, reg, worker_id="proces-1", concurrency=4, poll_seconds=0.01),
            fast(settings, second, reg, worker_id="proces-2", concurrency=4, poll_seconds=0.01),
        ):
            jobs = await wait_for(db, lambda js: all(j.status == JobStatus.done for j in js), seconds=30)
    finally:
        await second.dispose()
    assert len(runs) == 150 and set(runs.values()) == {1}
    assert all(j.attempts == 1 for j in jobs)
    assert set(by_worker) == {"proces-1", "proces-2"}


async def test_concurrent_claims_are_disjoint(settings: Settings, db: Database) -> None:
    reg = Registry()
    reg.register("proef.claim", _noop)
    await add_jobs(db, "proef.claim", [{"n": i} for i in range(120)])
    second = Database(settings.database_url)
    try:
        workers = [
            Worker(settings, database, registry=reg, worker_id=f"w{i}")
            for i, database in enumerate([db, second, db, second])
        ]
        claimed: list[int] = []
        while True:
            batches = await asyncio.gather(*(w.claim(7) for w in workers))
            ids = [job.id for batch in batches for job in batch]
            if not ids:
                break
            claimed.extend(ids)
    finally:
        await second.dispose()
    assert len(claimed) == 120 and len(set(claimed)) == 120


async def test_purge_done(db: Database) -> None:
    async with uow(db) as u:
        enqueue(u.session, "proef.oud", {})
        enqueue(u.session, "proef.oud", {})
    async with uow(db) as u:
        first = (await u.session.scalars(select(Job.id).order_by(Job.id))).first()
        await u.session.execute(
            update(Job).where(Job.id == first).values(status="done", finished=clock.now() - dt.timedelta(days=40))
        )
    async with uow(db) as u:
        assert await purge_done(u.session, older_than=dt.timedelta(days=30)) == 1
    assert len(await all_jobs(db)) == 1


@pytest.mark.parametrize("attempt", [1, 2, 5, 30])
def test_backoff_is_exponential_with_jitter(attempt: int) -> None:
    nominal = min(60.0, 2.0 * 2 ** (attempt - 1))
    draws = [backoff_delay(attempt, base=2.0, cap=60.0, rng=random.Random(i)) for i in range(50)]
    assert all(nominal / 2 <= d <= nominal for d in draws)
    assert len(set(draws)) > 1
