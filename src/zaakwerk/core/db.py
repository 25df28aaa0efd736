"""Engines and the declarative base shared by every domain module.

Column types are portable (``Uuid``, ``JSON``, ``String``, ``DateTime(timezone=True)``) so one code path serves
SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

import orjson
from sqlalchemy import JSON, DateTime, MetaData, String, Uuid, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        uuid.UUID: Uuid(),
        dt.datetime: DateTime(timezone=True),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
        list[str]: JSON(),
        str: String(),
    }


def is_sqlite_url(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets readers run beside the single writer; busy_timeout waits for the writer instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_engine(url: str, *, pool_size: int = 10, echo: bool = False, writer: bool = False) -> AsyncEngine:
    """An async engine; on SQLite a ``writer`` engine takes the write lock at BEGIN (BEGIN IMMEDIATE).

    SQLite fails a deferred transaction that upgrades from read to write while another writer is active
    (no busy wait), so writes get their own engine that queues on the lock instead.
    """
    json = {"json_serializer": _json_dumps, "json_deserializer": orjson.loads}
    if is_sqlite_url(url):
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 10}, **json)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        if writer:
            _begin_immediate(engine.sync_engine)
        return engine
    return create_async_engine(url, echo=echo, pool_size=pool_size, max_overflow=pool_size, **json)


def _json_dumps(value: Any) -> str:
    # JSON columns (audit trail bodies, geometry, polymorphic identificaties) are written on every write; the
    # standard library encoder cost more than the statement that stores them.
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _begin_immediate(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _no_autobegin(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engines of one process: ``reader`` for queries, ``writer`` for units of work (one pool on PostgreSQL)."""

    def __init__(self, url: str, *, pool_size: int = 10, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = is_sqlite_url(url)
        if self.is_sqlite:
            self.reader = create_engine(url, pool_size=pool_size, echo=echo)
            self.writer = create_engine(url, pool_size=pool_size, echo=echo, writer=True)
        else:
            self.writer = create_engine(url, pool_size=pool_size, echo=echo)
            # Reads run without BEGIN/ROLLBACK: under READ COMMITTED every statement takes its own snapshot anyway,
            # so a read transaction adds two round trips and no consistency. It shares the writer's pool.
            self.reader = self.writer.execution_options(isolation_level="AUTOCOMMIT")

    async def refresh_statistics(self) -> None:
        """SQLite: fresh planner statistics. Without them SQLite guesses, and a rol filter (the BSN query) read
        every zaak the client may see instead of the few of that person (173 ms instead of 2 ms at 100,000
        zaken). ``analysis_limit`` samples each index, so this takes milliseconds also on a large file.
        PostgreSQL's autovacuum keeps its own statistics."""
        if not self.is_sqlite:
            return
        async with self.writer.begin() as conn:
            await conn.exec_driver_sql("PRAGMA analysis_limit=1000")
            await conn.exec_driver_sql("ANALYZE")

    async def dispose(self) -> None:
        await self.writer.dispose()
        if self.is_sqlite:
            await self.reader.dispose()


def sync_url(url: str) -> str:
    """The synchronous driver URL for the same database (Alembic runs migrations with it)."""
    return url.replace("+aiosqlite", "").replace("+asyncpg", "+psycopg")
