"""Sequence numbers kept in a counter table: one row per key (e.g. organisation and year), advanced in one
statement, so concurrent writers never get the same number.

``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``: on PostgreSQL the row lock makes concurrent writers wait for
each other's commit; on SQLite the writer lock (``BEGIN IMMEDIATE``) already serialises them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession


async def neem(
    session: AsyncSession, table: Table, key: dict[str, Any], aantal: int = 1, column: str = "laatste"
) -> int:
    """Take ``aantal`` numbers from the counter row of ``key`` (its primary key values) in ``table``; returns the
    last one taken (the first row of a key starts at 1)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    counter = table.c[column]
    stmt = (
        insert(table)
        .values({**key, column: aantal})
        .on_conflict_do_update(index_elements=[table.c[k] for k in key], set_={column: counter + aantal})
        .returning(counter)
    )
    return int((await session.execute(stmt)).scalar_one())
