"""Rules every Zaken write shares: finding the zaak a write is about, who may change it, closed zaken, URL refs.

Writes on a closed zaak (one with an einddatum: zrc-007) need ``zaken.geforceerd-bijwerken``, whatever resource
below the zaak they touch (zrc-007/zrc-008 text: "gegevens van de zaak" includes its statussen, rollen, ...).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import Table, Update, insert
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core.errors import Invalid, not_found, permission_denied, validation_errors
from zaakwerk.core.zgw.problem import pydantic_invalid_params
from zaakwerk.zaken import access
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken.models import Zaak

M = TypeVar("M", bound=BaseModel)

DOES_NOT_EXIST = "does_not_exist"
BAD_URL = "bad-url"


async def insert_rows(
    session: AsyncSession, rows: Sequence[tuple[Table, dict[str, Any]]], *, then: Update | None = None
) -> None:
    """Insert new rows of several tables in this order, then run ``then`` (an UPDATE that may refer to them).

    On PostgreSQL this is one statement (the inserts as data-modifying CTEs; foreign keys between the rows are
    checked at the end of the statement): a write pays for every round trip. Elsewhere one statement each
    (SQLite has no round trips to save)."""
    if session.get_bind().dialect.name != "postgresql":
        for table, values in rows:
            await session.execute(insert(table).values(values))
        if then is not None:
            await session.execute(then)
        return
    ctes = [insert(table).values(values).cte(f"r{i}") for i, (table, values) in enumerate(rows)]
    if then is not None:
        await session.execute(then.add_cte(*ctes))
        return
    *first, (table, values) = rows
    await session.execute(insert(table).values(values).add_cte(*ctes[: len(first)]))


async def get_or_404(session: AsyncSession, model: type[Any], id_: uuid.UUID) -> Any:
    obj = await session.get(model, id_)
    if obj is None:
        raise not_found()
    return obj


def merge_patch(model: type[M], current: dict[str, Any], patch: dict[str, Any]) -> M:
    """PATCH as a full update: the current input shape with the given fields laid over it, validated whole."""
    try:
        return model.model_validate({**current, **patch})
    except ValidationError as exc:
        raise validation_errors(pydantic_invalid_params(list(exc.errors()))) from None


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
