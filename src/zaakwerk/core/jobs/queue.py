"""Adding jobs in the caller's transaction, waking this process's workers after commit, and the overview the
CLI and dashboard show."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable
from typing import Any, TypedDict

from sqlalchemy import delete, event, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from zaakwerk.core import clock
from zaakwerk.core.jobs.models import Job, JobStatus

_PENDING_WAKE = "zaakwerk.jobs.wake"
_LISTENING = "zaakwerk.jobs.listening"


def enqueue(
    session: AsyncSession,
    kind: str,
    payload: dict[str, Any],
    *,
    run_after: dt.datetime | None = None,
    key: str | None = None,
) -> Job:
    """Add a job to the caller's transaction: it exists only if that transaction commits.

    ``key`` serialises jobs: a job does not start while an earlier job with the same key is queued or running
    (dead jobs no longer hold the line). Handlers run at least once, so they must be idempotent.
    """
    job = Job(**job_values(kind, payload, run_after=run_after, key=key))
    session.add(job)
    _wake_after_commit(session.sync_session)
    return job


def job_values(
    kind: str, payload: dict[str, Any], *, run_after: dt.datetime | None = None, key: str | None = None
) -> dict[str, Any]:
    """The column values of a new job (:func:`enqueue` adds it as an object; a write that inserts its rows in one
    statement uses them as they are and calls :func:`wake_after_commit`)."""
    now = clock.now()
    return {
        "kind": kind,
        "payload": payload,
        "status": JobStatus.queued.value,
        "attempts": 0,
        "run_after": run_after or now,
        "key": key,
        "created": now,
    }


def wake_after_commit(session: AsyncSession) -> None:
    """Wake this process's workers once the caller's transaction commits (jobs inserted without :func:`enqueue`)."""
    _wake_after_commit(session.sync_session)


# --- waking workers in this process -------------------------------------------------------------------------

_waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()


def subscribe(event: asyncio.Event) -> None:
    """Have ``event`` set whenever this process commits new jobs (the worker then polls at once)."""
    _waiters.add((asyncio.get_running_loop(), event))


def unsubscribe(event: asyncio.Event) -> None:
    for entry in [w for w in _waiters if w[1] is event]:
        _waiters.discard(entry)


def wake_workers() -> None:
    for loop, waiter in list(_waiters):
        if loop.is_closed():
            _waiters.discard((loop, waiter))
            continue
        # Commits may happen on another loop or thread (a CLI command, a test server).
        loop.call_soon_threadsafe(waiter.set)


def _wake_after_commit(session: Session) -> None:
    session.info[_PENDING_WAKE] = True
    if session.info.get(_LISTENING):
        return
    session.info[_LISTENING] = True

    @event.listens_for(session, "after_commit")
    def _committed(sess: Session) -> None:
        if sess.info.pop(_PENDING_WAKE, False):
            wake_workers()

    @event.listens_for(session, "after_rollback")
    def _rolled_back(sess: Session) -> None:
        sess.info.pop(_PENDING_WAKE, None)


# --- overview and maintenance -------------------------------------------------------------------------------


class DeadJob(TypedDict):
    id: int
    kind: str
    attempts: int
    key: str | None
    last_error: str | None
    created: dt.datetime
    finished: dt.datetime | None


class JobsOverview(TypedDict):
    counts: dict[str, int]
    per_kind: dict[str, dict[str, int]]
    oldest_queued: dt.datetime | None
    dead: list[DeadJob]


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


async def jobs_overview(session: AsyncSession, *, dead_limit: int = 50) -> JobsOverview:
    """Counts per status (and per kind) and the most recent dead jobs with their last error."""
    rows = (await session.execute(select(Job.kind, Job.status, func.count()).group_by(Job.kind, Job.status))).all()
    counts = {status.value: 0 for status in JobStatus}
    per_kind: dict[str, dict[str, int]] = {}
    for kind, status, n in rows:
        counts[status] = counts.get(status, 0) + n
        per_kind.setdefault(kind, {})[status] = n
    oldest = await session.scalar(select(func.min(Job.created)).where(Job.status == JobStatus.queued.value))
    dead_rows = (
        await session.execute(
            select(Job.id, Job.kind, Job.attempts, Job.key, Job.last_error, Job.created, Job.finished)
            .where(Job.status == JobStatus.dead.value)
            .order_by(Job.id.desc())
            .limit(dead_limit)
        )
    ).all()
    dead: list[DeadJob] = [
        {
            "id": r.id,
            "kind": r.kind,
            "attempts": r.attempts,
            "key": r.key,
            "last_error": r.last_error,
            "created": as_utc(r.created),
            "finished": as_utc(r.finished) if r.finished is not None else None,
        }
        for r in dead_rows
    ]
    return {
        "counts": counts,
        "per_kind": per_kind,
        "oldest_queued": as_utc(oldest) if oldest is not None else None,
        "dead": dead,
    }


async def retry_dead(session: AsyncSession, ids: Iterable[int]) -> int:
    """Queue dead jobs again with a fresh attempt budget; returns how many were revived.

    The last error stays visible until the next attempt replaces or clears it.
    """
    wanted = list(ids)
    if not wanted:
        return 0
    result = await session.execute(
        update(Job)
        .where(Job.id.in_(wanted), Job.status == JobStatus.dead.value)
        .values(
            status=JobStatus.queued.value,
            attempts=0,
            run_after=clock.now(),
            locked_by=None,
            locked_until=None,
            finished=None,
        )
        .execution_options(synchronize_session=False)
    )
    revived: int = getattr(result, "rowcount", 0) or 0
    if revived:
        _wake_after_commit(session.sync_session)
    return revived


async def purge_done(session: AsyncSession, *, older_than: dt.timedelta) -> int:
    """Delete finished jobs older than ``older_than`` (the table is a queue, not an archive)."""
    cutoff = clock.now() - older_than
    result = await session.execute(
        delete(Job)
        .where(Job.status == JobStatus.done.value, Job.finished < cutoff)
        .execution_options(synchronize_session=False)
    )
    purged: int = getattr(result, "rowcount", 0) or 0
    return purged
