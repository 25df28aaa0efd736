"""Bulk writers for seeded rows: PostgreSQL COPY through asyncpg (binary, one transaction per chunk), SQLite
``executemany`` through SQLAlchemy Core. Columns a chunk does not carry get the model's default, computed once per
table, so a seeded row equals what the ORM would have written.
"""

from __future__ import annotations

import contextlib
from typing import Any, Protocol

import asyncpg
import orjson
from sqlalchemy import JSON, Column, Table
from sqlalchemy.engine import make_url

from zaakwerk.bench._zaken import COLUMNS, TABLES, Chunk
from zaakwerk.core.db import Base, Database
from zaakwerk.zaken import models as _zaken_models  # noqa: F401  (registers the tables in Base.metadata)


class Writer(Protocol):
    async def write(self, chunk: Chunk) -> None: ...

    async def execute(self, sql: str) -> None: ...

    async def close(self) -> None: ...


def _default(column: Column[Any]) -> Any:
    default = column.default
    if default is None:
        if not column.nullable:
            raise RuntimeError(f"{column.table.name}.{column.name} has no default: the seed must fill it")
        return None
    if default.is_scalar:
        return default.arg  # type: ignore[attr-defined]
    if default.is_callable:
        return default.arg(None)  # type: ignore[attr-defined]
    raise RuntimeError(f"{column.table.name}.{column.name}: unsupported default {default!r}")


def _json_text(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value).decode()


class _TableSpec:
    """The full column list of one table: the chunk's columns, then the rest with their defaults."""

    def __init__(self, table: Table, columns: tuple[str, ...]) -> None:
        self.table = table
        rest = [c for c in table.columns if c.name not in columns]
        self.names = (*columns, *(c.name for c in rest))
        self.rest = tuple(_default(c) for c in rest)
        # JSON positions in the chunk's rows; the defaults of the rest pre-encoded for COPY.
        self.json = tuple(i for i, name in enumerate(columns) if isinstance(table.c[name].type, JSON))
        self.rest_text = tuple(
            _json_text(v) if isinstance(c.type, JSON) else v for c, v in zip(rest, self.rest, strict=True)
        )


def _specs() -> dict[str, _TableSpec]:
    return {name: _TableSpec(Base.metadata.tables[name], COLUMNS[name]) for name in TABLES}


class PostgresWriter:
    """COPY FROM STDIN (binary) per table, all tables of a chunk in one transaction."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.specs = _specs()

    @classmethod
    async def connect(cls, url: str) -> PostgresWriter:
        dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        conn = await asyncpg.connect(dsn)
        # A seed is repeatable: losing its last chunks in a crash costs less than waiting for every WAL flush.
        await conn.execute("SET synchronous_commit = off")
        # Rows are consistent by construction (and tested so): skipping the per-row foreign-key triggers saves
        # about 40% of PostgreSQL's work. Only a superuser may; others seed with the checks on.
        with contextlib.suppress(asyncpg.InsufficientPrivilegeError):
            await conn.execute("SET session_replication_role = replica")
        return cls(conn)

    async def write(self, chunk: Chunk) -> None:
        async with self.conn.transaction():
            for name in TABLES:
                rows = chunk.get(name)
                if rows:
                    await self.conn.copy_records_to_table(
                        name, records=self._records(name, rows), columns=self.specs[name].names
                    )

    def _records(self, name: str, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        spec = self.specs[name]
        rest = spec.rest_text
        if not spec.json:
            return [row + rest for row in rows]
        out = []
        for row in rows:
            values = list(row)
            for i in spec.json:
                values[i] = _json_text(values[i])
            out.append((*values, *rest))
        return out

    async def execute(self, sql: str) -> None:
        await self.conn.execute(sql)

    async def close(self) -> None:
        await self.conn.close()


class SqliteWriter:
    """One write transaction per chunk; SQLAlchemy Core encodes uuids, dates and JSON as the models do."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.specs = _specs()

    async def write(self, chunk: Chunk) -> None:
        async with self.db.writer.begin() as conn:
            for name in TABLES:
                rows = chunk.get(name)
                if not rows:
                    continue
                spec = self.specs[name]
                await conn.execute(
                    spec.table.insert(), [dict(zip(spec.names, row + spec.rest, strict=True)) for row in rows]
                )

    async def execute(self, sql: str) -> None:
        from sqlalchemy import text

        async with self.db.writer.begin() as conn:
            await conn.execute(text(sql))

    async def close(self) -> None:
        return None
