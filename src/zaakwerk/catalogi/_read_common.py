"""The read path shared by every catalogue resource: Core queries rendered straight to dicts.

Related URL lists are loaded per page in a fixed number of batched queries (never per row).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Date, Select, and_, any_, bindparam, false, func, or_, select, true
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request

from zaakwerk.catalogi._context import PREFIX
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.query import get_choice, get_date

STATUS_CHOICES = ("alles", "concept", "definitief")


@dataclass
class ReadCtx:
    """Where URLs point and for which date the version-independent references are resolved."""

    base: str  # base URL + component prefix
    date: dt.date = field(default_factory=clock.today)

    @classmethod
    def for_base_url(cls, base_url: str, date: dt.date | None = None) -> ReadCtx:
        return cls(base_url.rstrip("/") + PREFIX, date or clock.today())

    def url(self, collection: str, id_: uuid.UUID | None) -> str | None:
        return None if id_ is None else f"{self.base}/{collection}/{id_}"

    def urls(self, collection: str, ids: Iterable[uuid.UUID]) -> list[str]:
        return [f"{self.base}/{collection}/{i}" for i in ids]


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


def date_param() -> BindParameter[Any]:
    return bindparam("d", type_=Date)


def valid_on(begin: Any, einde: Any, date: dt.date | BindParameter[Any]) -> ColumnElement[bool]:
    """Valid from beginGeldigheid up to and including eindeGeldigheid (empty: no end)."""
    return and_(begin <= date, or_(einde.is_(None), einde >= date))


def published_match(target: Any, catalogus_id: Any, name_column: Any, name: Any) -> ColumnElement[bool]:
    """Join condition for a version-independent reference: the published version of ``target`` in this catalogus
    whose ``name_column`` equals ``name``, valid on the date bound as ``d``."""
    return and_(
        target.catalogus_id == catalogus_id,
        name_column == name,
        target.concept.is_(False),
        valid_on(target.begin_geldigheid, target.einde_geldigheid, date_param()),
    )


def status_filter(concept: Any, status: str | None) -> ColumnElement[bool]:
    """``status``: alles, concept, or definitief (the default)."""
    if status == "alles":
        return true()
    condition: ColumnElement[bool] = concept.is_(status == "concept")
    return condition


def parse_status(request: Request, inv: Invalid) -> str:
    return get_choice(request, "status", STATUS_CHOICES, inv) or "definitief"


def parse_date(request: Request, inv: Invalid, *names: str) -> dt.date | None:
    for name in names:
        value = get_date(request, name, inv)
        if value is not None:
            return value
    return None


def nothing() -> ColumnElement[bool]:
    return false()


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


def unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(v for v in values if v is not None))
