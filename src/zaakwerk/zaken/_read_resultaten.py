"""The read path of resultaten: Core rows rendered straight to the spec's ``Resultaat`` (one statement a page)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.zaken._api_common import access_columns
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken.models import Resultaat, Zaak

R = Resultaat


def resultaat_query() -> Select[Any]:
    return (
        select(R.id, R.zaak_id, R.resultaattype_id, R.toelichting, *access_columns())
        .select_from(R)
        .join(Zaak, Zaak.id == R.zaak_id)
    )


async def render_resultaten(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    zaken = ctx.zaken
    return [
        {
            "url": f"{zaken}/resultaten/{r.id}",
            "uuid": str(r.id),
            "zaak": f"{zaken}/zaken/{r.zaak_id}",
            "resultaattype": f"{ctx.catalogi}/resultaattypen/{r.resultaattype_id}",
            "toelichting": r.toelichting,
        }
        for r in rows
    ]
