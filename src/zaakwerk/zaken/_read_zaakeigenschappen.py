"""The read path of /zaken/{zaak_uuid}/zaakeigenschappen: Core rows rendered straight to ``ZaakEigenschap``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.zaken._api_common import access_columns
from zaakwerk.zaken._context import ZAKEN
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken.models import Zaak, ZaakEigenschap

ZAAKEIGENSCHAPPEN = "zaakeigenschappen"

_COLUMNS = (
    ZaakEigenschap.id,
    ZaakEigenschap.zaak_id,
    ZaakEigenschap.eigenschap_id,
    ZaakEigenschap.naam,
    ZaakEigenschap.waarde,
)


def zaakeigenschap_query() -> Select[Any]:
    """Zaakeigenschappen joined with their zaak (lists add the zaak predicate), with the zaak columns the detail
    check uses."""
    return select(*_COLUMNS, *access_columns()).join(Zaak, Zaak.id == ZaakEigenschap.zaak_id)


def zaakeigenschap_url(ctx: ReadCtx, zaak_id: Any, id_: Any) -> str:
    return f"{ctx.zaken}/{ZAKEN}/{zaak_id}/{ZAAKEIGENSCHAPPEN}/{id_}"


def render_zaakeigenschap(row: Any, ctx: ReadCtx) -> dict[str, Any]:
    """One zaakeigenschap from a row of :func:`zaakeigenschap_query` or a :class:`ZaakEigenschap`."""
    return {
        "url": zaakeigenschap_url(ctx, row.zaak_id, row.id),
        "uuid": str(row.id),
        "zaak": f"{ctx.zaken}/{ZAKEN}/{row.zaak_id}",
        "eigenschap": f"{ctx.catalogi}/eigenschappen/{row.eigenschap_id}",
        "naam": row.naam,
        "waarde": row.waarde,
    }


async def render_zaakeigenschappen(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    return [render_zaakeigenschap(r, ctx) for r in rows]
