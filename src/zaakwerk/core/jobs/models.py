"""The job table, which is also the transactional outbox.

A row is added in the caller's transaction, so a job exists exactly when the change that caused it was
committed. Workers (in-process or ``zaakwerk worker`` processes anywhere) coordinate through this table alone.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zaakwerk.core import clock
from zaakwerk.core.db import Base

# SQLite only auto-increments an ``INTEGER PRIMARY KEY``; PostgreSQL gets a 64-bit identity.
_ID = BigInteger().with_variant(Integer(), "sqlite")


class JobStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    dead = "dead"


class Job(Base):
    __tablename__ = "job"
    __table_args__ = (
        # The claim query: due jobs of a status, oldest first.
        Index("ix_job_status_run_after", "status", "run_after"),
        # The ordering check: is an earlier job with the same key still open?
        Index("ix_job_key_id", "key", "id"),
    )

    # A growing integer gives FIFO order, which ``key`` ordering relies on.
    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.queued.value)
    # Claims so far (a claim whose worker died counts too, so a job that crashes its worker ends up dead).
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    run_after: Mapped[dt.datetime] = mapped_column(default=clock.now)
    # Jobs with the same key run one at a time, in the order they were enqueued.
    key: Mapped[str | None] = mapped_column(String(1000), default=None)
    locked_by: Mapped[str | None] = mapped_column(String(200), default=None)
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created: Mapped[dt.datetime] = mapped_column(default=clock.now)
    finished: Mapped[dt.datetime | None] = mapped_column(default=None)

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.kind} {self.status} attempts={self.attempts}>"
