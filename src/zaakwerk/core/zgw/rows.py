"""The read path shared by every API: Core queries rendered straight to dicts, one page and its exact count.

Related rows are loaded per page in a fixed number of batched queries (never per row); statements are built once
and bound with the page's ids at execution.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, any_, bindparam, func, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection


def in_ids(column: Any, native: bool) -> ColumnElement[bool]:
    """``column`` is one of the uuids bound as ``ids`` at execution (statements are built once and reused).

    PostgreSQL gets one array parameter (``= ANY(:ids)``); an expanding IN re-renders the SQL with a parameter per
    uuid on every execution, which cost more CPU than the query itself on a 100-row page.
    """
    condition: ColumnElement[bool]
    if native:
        condition = column == any_(bindparam("ids", type_=postgresql.ARRAY(column.type)))
    else:
        condition = column.in_(bindparam("ids", expanding=True))
    return condition


def native_ids(conn: AsyncConnection) -> bool:
    return conn.dialect.name == "postgresql"


async def page_rows(
    conn: AsyncConnection, query: Select[Any], order: Sequence[Any], page: int, page_size: int
) -> tuple[list[Any], int]:
    """One page of rows and the total count (two statements)."""
    count = (await conn.execute(select(func.count()).select_from(query.order_by(None).subquery()))).scalar_one()
    if count == 0 or (page - 1) * page_size >= count:
        return [], int(count)
    rows = (await conn.execute(query.order_by(*order).offset((page - 1) * page_size).limit(page_size))).all()
    return list(rows), int(count)


def group(rows: Iterable[Any], key: int = 0) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_datetime(value: dt.datetime | None) -> str | None:
    """A timestamp as the ZGW APIs show it: ISO 8601 in UTC with a ``Z``."""
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite returns naive datetimes; they were stored as UTC
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None))
