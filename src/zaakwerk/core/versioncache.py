"""A version counter shared by all processes, for caches of rarely changing data (rights, catalogue types).

Writers increment one row (``id`` 1, column ``versie``) in the transaction of the change and on PostgreSQL queue a
NOTIFY that the database delivers only at commit. Readers keep a :class:`VersionWatcher` that calls back whenever
the version moves:

* PostgreSQL: ``LISTEN`` on a dedicated asyncpg connection, reconnected with backoff when it drops; while it is
  down the version row is read on every request instead;
* SQLite: the version row is read on every request through a plain ``sqlite3`` connection (a primary-key read
  in WAL mode takes microseconds, where a pooled async round trip costs hundreds).

A domain module declares one :class:`VersionChannel` per cache (its table, NOTIFY channel and listener name);
core knows no domain table.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
import structlog
from sqlalchemy import Table, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url

from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork

log = structlog.get_logger(__name__)

LISTENER_PING_SECONDS = 5.0
LISTENER_MAX_BACKOFF = 10.0


class VersionChannel:
    """One shared version: the table holding it, the NOTIFY channel announcing it, and in-process callbacks."""

    def __init__(self, table: Table, name: str, listener_name: str) -> None:
        self.table = table
        self.name = name
        # Shown in pg_stat_activity, so operators (and tests) can find the listener connections.
        self.listener_name = listener_name
        self.version_sql = f"SELECT versie FROM {table.name} WHERE id = 1"
        self._pg_bump = (
            f"WITH v AS (INSERT INTO {table.name} (id, versie) VALUES (1, 1) "
            f"ON CONFLICT (id) DO UPDATE SET versie = {table.name}.versie + 1 RETURNING versie) "
            "SELECT versie, pg_notify(:kanaal, versie::text) FROM v"
        )
        self._context_key = f"versie:{name}"
        # Callbacks run after a committed change in this process, with the new version (caches drop at once
        # instead of waiting for their own NOTIFY or version check).
        self.listeners: list[Callable[[int], Awaitable[None]]] = []

    def on_change(self, callback: Callable[[int], Awaitable[None]]) -> Callable[[], None]:
        """Register ``callback`` for committed changes in this process; returns the function that removes it."""
        self.listeners.append(callback)

        def remove() -> None:
            if callback in self.listeners:
                self.listeners.remove(callback)

        return remove

    async def bump(self, uow: UnitOfWork) -> int:
        """Increment the version in this transaction and announce it (PostgreSQL: NOTIFY, sent at commit).

        Every call increments, even twice in one unit of work: an earlier increment may have been inside a
        savepoint that was rolled back.
        """
        session = uow.session
        if session.get_bind().dialect.name == "postgresql":
            # Increment and NOTIFY in one round trip (writes pay for every statement).
            versie = int((await session.execute(text(self._pg_bump), {"kanaal": self.name})).scalar_one())
        else:
            table = self.table
            stmt = (
                sqlite_insert(table)
                .values(id=1, versie=1)
                .on_conflict_do_update(index_elements=[table.c.id], set_={"versie": table.c.versie + 1})
                .returning(table.c.versie)
            )
            versie = int((await session.execute(stmt)).scalar_one())
        first = self._context_key not in uow.context
        uow.context[self._context_key] = versie
        if first:

            async def announce() -> None:
                for callback in list(self.listeners):
                    try:
                        await callback(int(uow.context[self._context_key]))
                    except Exception:
                        # The change is committed; a failing cache callback must not turn it into an error.
                        log.exception("versie: afhandeling van wijziging mislukt", kanaal=self.name)

            uow.after_commit(announce)
        return versie


class VersionWatcher:
    """Calls ``on_invalidate`` whenever the channel's version may have moved past what this process has cached."""

    def __init__(self, channel: VersionChannel, db: Database, on_invalidate: Callable[[], None]) -> None:
        self.channel = channel
        self.db = db
        self._on_invalidate = on_invalidate
        self.version: int | None = None
        self.listening = False
        self._listener: asyncio.Task[None] | None = None
        self._first_attempt = asyncio.Event()
        self._sqlite: sqlite3.Connection | None = None
        self._sqlite_path = sqlite_file(db.url) if db.is_sqlite else None

    async def start(self) -> None:
        if not self.db.is_sqlite:
            self._listener = asyncio.create_task(self._listen_forever(), name=self.channel.listener_name)
            # Give the listener its first try so a normal start serves requests without version checks.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._first_attempt.wait(), timeout=5)

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None
        self.listening = False
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None

    def changed(self, versie: int) -> None:
        """Version ``versie`` was committed (announced in this process, or by NOTIFY).

        A version at or below the one already acted on needs nothing: that invalidation happened after this
        version's commit, so whatever was loaded since includes it. This keeps our own change (seen first by the
        after-commit hook, then again by NOTIFY) from emptying the caches twice.
        """
        if self.version is not None and versie <= self.version:
            return
        self._on_invalidate()
        self.version = versie

    async def check(self) -> None:
        """Read the version row (when not listening); the caller does this before trusting its caches."""
        versie = self._read_sqlite() if self._sqlite_path else None
        if versie is None:
            async with self.db.reader.connect() as conn:
                table = self.channel.table
                versie = int(await conn.scalar(select(table.c.versie).where(table.c.id == 1)) or 0)
        self._see(versie)

    def _see(self, versie: int) -> None:
        # Any difference counts (not only higher): a restored database may count from lower again.
        if versie != self.version:
            self._on_invalidate()
            self.version = versie

    def _read_sqlite(self) -> int | None:
        try:
            if self._sqlite is None:
                assert self._sqlite_path is not None
                # Autocommit mode: every SELECT sees the latest commit (no snapshot is held between requests).
                self._sqlite = sqlite3.connect(
                    self._sqlite_path, timeout=1, isolation_level=None, check_same_thread=False
                )
            row = self._sqlite.execute(self.channel.version_sql).fetchone()
        except sqlite3.Error:
            # Fall back to the engine, which reports a real problem properly.
            if self._sqlite is not None:
                self._sqlite.close()
                self._sqlite = None
            return None
        return int(row[0]) if row else 0

    def _on_notify(self, _conn: Any, _pid: int, _channel: str, payload: str) -> None:
        try:
            versie = int(payload)
        except ValueError:
            self._on_invalidate()
            return
        self.changed(versie)

    async def _listen_forever(self) -> None:
        dsn = make_url(self.db.url).set(drivername="postgresql").render_as_string(hide_password=False)
        backoff = 0.5
        while True:
            conn: Any = None
            try:
                conn = await asyncpg.connect(
                    dsn, timeout=10, server_settings={"application_name": self.channel.listener_name}
                )
                lost = asyncio.Event()
                conn.add_termination_listener(_setter(lost))
                await conn.add_listener(self.channel.name, self._on_notify)
                # Listening from here on; whatever changed while we were not is caught by reading the version now
                # (and dropped regardless: the version may have been read by a check that raced the outage).
                versie = await conn.fetchval(self.channel.version_sql)
                self._see(int(versie or 0))
                self._on_invalidate()
                self.listening = True
                self._first_attempt.set()
                backoff = 0.5
                log.info("versie-listener verbonden", kanaal=self.channel.name)
                while True:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(lost.wait(), timeout=LISTENER_PING_SECONDS)
                    if lost.is_set():
                        break
                    # A silently dropped network connection only shows when we use it.
                    await conn.fetchval("SELECT 1", timeout=LISTENER_PING_SECONDS)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("versie-listener onderbroken", kanaal=self.channel.name, error=str(exc))
            finally:
                self.listening = False
                self._first_attempt.set()
                if conn is not None:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(conn.close(), timeout=2)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, LISTENER_MAX_BACKOFF)


def _setter(event: asyncio.Event) -> Callable[[Any], None]:
    return lambda _conn: event.set()


def sqlite_file(url: str) -> str | None:
    """The file behind a SQLite URL; None for in-memory or URI-style databases (those use the engine)."""
    parsed = make_url(url)
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:") or parsed.query:
        return None
    return database
