"""The read path of /rollen: Core rows rendered straight to the ``Rol`` schema; the ``statussen`` a rol set are
loaded for a whole page in one statement."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.core.zgw.rows import in_ids, iso_datetime, native_ids
from zaakwerk.zaken._api_common import access_columns
from zaakwerk.zaken._context import ROLLEN, STATUSSEN, ZAKEN
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken.models import Rol, Status, Zaak

_COLUMNS = (
    Rol.id,
    Rol.zaak_id,
    Rol.betrokkene,
    Rol.betrokkene_type,
    Rol.afwijkende_naam_betrokkene,
    Rol.roltype_id,
    Rol.omschrijving,
    Rol.omschrijving_generiek,
    Rol.roltoelichting,
    Rol.registratiedatum,
    Rol.indicatie_machtiging,
    Rol.contactpersoon_rol,
    Rol.betrokkene_identificatie,
)


def rol_query() -> Select[Any]:
    """Rollen joined with their zaak (lists add the zaak predicate), with the zaak columns the detail check uses."""
    return select(*_COLUMNS, *access_columns()).join(Zaak, Zaak.id == Rol.zaak_id)


@cache
def _statussen_query(native: bool) -> Select[Any, Any]:
    return (
        select(Status.gezetdoor_id, Status.id)
        .where(in_ids(Status.gezetdoor_id, native))
        .order_by(Status.datum_status_gezet, Status.id)
    )


def render_rol(row: Any, ctx: ReadCtx, statussen: Sequence[uuid.UUID] = ()) -> dict[str, Any]:
    """One rol from a row of :func:`rol_query` or a :class:`Rol` object (the same attribute names)."""
    return {
        "url": f"{ctx.zaken}/{ROLLEN}/{row.id}",
        "uuid": str(row.id),
        "zaak": f"{ctx.zaken}/{ZAKEN}/{row.zaak_id}",
        "betrokkene": row.betrokkene,
        "betrokkeneType": row.betrokkene_type,
        "afwijkendeNaamBetrokkene": row.afwijkende_naam_betrokkene,
        "roltype": f"{ctx.catalogi}/roltypen/{row.roltype_id}",
        "omschrijving": row.omschrijving,
        "omschrijvingGeneriek": row.omschrijving_generiek,
        "roltoelichting": row.roltoelichting,
        "registratiedatum": iso_datetime(row.registratiedatum),
        "indicatieMachtiging": row.indicatie_machtiging,
        "contactpersoonRol": row.contactpersoon_rol,
        "statussen": [f"{ctx.zaken}/{STATUSSEN}/{s}" for s in statussen],
        "betrokkeneIdentificatie": row.betrokkene_identificatie,
    }


async def render_rollen(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    if not rows:
        return []
    statussen: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    result = await conn.execute(_statussen_query(native_ids(conn)), {"ids": [r.id for r in rows]})
    for rol_id, status_id in result:
        statussen[rol_id].append(status_id)
    return [render_rol(r, ctx, statussen.get(r.id, ())) for r in rows]
