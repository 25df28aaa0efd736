"""Rules every Zaken write shares: finding the zaak a write is about, who may change it, closed zaken, URL refs.

Writes on a closed zaak (one with an einddatum: zrc-007) need ``zaken.geforceerd-bijwerken``, whatever resource
below the zaak they touch (zrc-007/zrc-008 text: "gegevens van de zaak" includes its statussen, rollen, ...).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import Executable, Insert, Table, Update, bindparam, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core.errors import Invalid, not_found, permission_denied
from zaakwerk.zaken import access
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken.models import Zaak

M = TypeVar("M", bound=BaseModel)

DOES_NOT_EXIST = "does_not_exist"
BAD_URL = "bad-url"


Then = tuple[Table, dict[str, Any], dict[str, Any]]


async def insert_rows(
    session: AsyncSession, rows: Sequence[tuple[Table, dict[str, Any]]], *, then: Then | None = None
) -> None:
    """Insert new rows of several tables in this order, then (``then`` = table, where-equal values, new values) run
    an UPDATE that may refer to them.

    On PostgreSQL this is one statement (the inserts as data-modifying CTEs; foreign keys between the rows are
    checked at the end of the statement): a write pays for every round trip. Elsewhere one statement each
    (SQLite has no round trips to save). Statements are built once per shape and bound with the values at
    execution: building ``insert().values({...})`` per request cost more CPU than the database did."""
    shape = tuple((table, tuple(values)) for table, values in rows)
    then_shape = (then[0], tuple(then[1]), tuple(then[2])) if then is not None else None
    params: dict[str, Any] = {}
    for i, (_table, values) in enumerate(rows):
        params.update({f"r{i}_{key}": value for key, value in values.items()})
    if then is not None:
        params.update({f"w_{key}": value for key, value in then[1].items()})
        params.update({f"s_{key}": value for key, value in then[2].items()})
    if session.get_bind().dialect.name != "postgresql":
        for i, (table, keys) in enumerate(shape):
            await session.execute(_insert(table, keys, f"r{i}_"), params)
        if then_shape is not None:
            await session.execute(_update(*then_shape), params)
        return
    await session.execute(_combined(shape, then_shape), params)


@cache
def _insert(table: Table, keys: tuple[str, ...], prefix: str) -> Insert:
    return insert(table).values({key: bindparam(f"{prefix}{key}", type_=table.c[key].type) for key in keys})


@cache
def _update(table: Table, where: tuple[str, ...], values: tuple[str, ...]) -> Update:
    return (
        update(table)
        .where(*(table.c[key] == bindparam(f"w_{key}", type_=table.c[key].type) for key in where))
        .values({key: bindparam(f"s_{key}", type_=table.c[key].type) for key in values})
    )


@cache
def _combined(
    shape: tuple[tuple[Table, tuple[str, ...]], ...], then: tuple[Table, tuple[str, ...], tuple[str, ...]] | None
) -> Executable:
    ctes = [_insert(table, keys, f"r{i}_").cte(f"r{i}") for i, (table, keys) in enumerate(shape)]
    if then is not None:
        return _update(*then).add_cte(*ctes)
    *first, (table, keys) = shape
    return _insert(table, keys, f"r{len(first)}_").add_cte(*ctes[: len(first)])


async def get_or_404(session: AsyncSession, model: type[Any], id_: uuid.UUID) -> Any:
    obj = await session.get(model, id_)
    if obj is None:
        raise not_found()
    return obj


def is_closed(zaak: Zaak) -> bool:
    return zaak.einddatum is not None


def check_zaak_write(ctx: Ctx, zaak: Zaak, scope: str = access.BIJWERKEN) -> None:
    """403 unless the principal may use ``scope`` on this zaak, and (when it is closed) force the change."""
    principal = ctx.principal
    if is_closed(zaak):
        access.check(principal, access.GEFORCEERD_BIJWERKEN, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding)
        return
    if not (
        access.may(principal, scope, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding)
        or access.may(principal, access.GEFORCEERD_BIJWERKEN, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding)
    ):
        raise permission_denied(f"De scope '{scope}' ontbreekt voor deze zaak (zaaktype of vertrouwelijkheid).")


async def zaak_from_url(
    session: AsyncSession, ctx: Ctx, url: str, inv: Invalid, name: str = "zaak", *, lock: bool = False
) -> Zaak | None:
    """The zaak ``url`` names on this installation, or ``None`` with a 400 on ``name`` collected in ``inv``.

    ``lock``: take the zaak row for update (PostgreSQL), so concurrent writes on one zaak (two statussen at once)
    are serialised and judged one after the other."""
    id_ = ctx.uuid_of(url, ZAKEN)
    if id_ is None:
        inv.add(name, BAD_URL, "De URL verwijst niet naar een zaak van deze Zaken API.")
        return None
    zaak: Zaak | None = await session.get(Zaak, id_, with_for_update=lock or None)
    if zaak is None:
        inv.add(name, DOES_NOT_EXIST, "De zaak bestaat niet.")
    return zaak


async def zaak_for_child_write(
    session: AsyncSession, ctx: Ctx, url: str, *, scope: str = access.BIJWERKEN, name: str = "zaak"
) -> Zaak:
    """The zaak a new statussen/rollen/... row belongs to, after every check a write under a zaak needs
    (400 on ``name`` when it does not exist, 403 without the right or when closed and not forced)."""
    inv = Invalid()
    zaak = await zaak_from_url(session, ctx, url, inv, name, lock=True)
    inv.raise_if_any()
    assert zaak is not None
    check_zaak_write(ctx, zaak, scope)
    return zaak
