"""The read path of statussen: Core rows rendered straight to the spec's ``Status``.

``indicatieLaatstGezetteStatus`` is read from ``Zaak.status_id`` (kept at the latest status by the service), so the
flag and its filter cost no subquery. A page costs two statements: the rows and the zaakinformatieobjecten that
were registered at those statussen.
"""

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
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken.models import Status, Zaak, ZaakInformatieObject

S = Status


def status_query() -> Select[Any]:
    """Status columns joined with their zaak (for the access predicate and the latest-status flag)."""
    return (
        select(
            S.id,
            S.zaak_id,
            S.statustype_id,
            S.datum_status_gezet,
            S.statustoelichting,
            S.gezetdoor_id,
            Zaak.status_id.label("_laatste"),
            *access_columns(),
        )
        .select_from(S)
        .join(Zaak, Zaak.id == S.zaak_id)
    )


_ZIO_COLUMNS: tuple[Any, ...] = (ZaakInformatieObject.status_id, ZaakInformatieObject.id)


@cache
def _zio_query(native: bool) -> Select[Any]:
    zio = ZaakInformatieObject
    query: Select[Any] = select(*_ZIO_COLUMNS)
    return query.where(in_ids(zio.status_id, native)).order_by(zio.registratiedatum, zio.id)


async def render_statussen(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    if not rows:
        return []
    zios: dict[uuid.UUID, list[str]] = defaultdict(list)
    zaken = ctx.zaken
    result = await conn.execute(_zio_query(native_ids(conn)), {"ids": [r.id for r in rows]})
    for zio in result:
        zios[zio.status_id].append(f"{zaken}/zaakinformatieobjecten/{zio.id}")
    return [
        {
            "url": f"{zaken}/statussen/{r.id}",
            "uuid": str(r.id),
            "zaak": f"{zaken}/zaken/{r.zaak_id}",
            "statustype": f"{ctx.catalogi}/statustypen/{r.statustype_id}",
            "datumStatusGezet": iso_datetime(r.datum_status_gezet),
            "statustoelichting": r.statustoelichting,
            "indicatieLaatstGezetteStatus": r.id == r._laatste,
            # The spec has gezetdoor not nullable: empty when no rol was named.
            "gezetdoor": f"{zaken}/rollen/{r.gezetdoor_id}" if r.gezetdoor_id else "",
            "zaakinformatieobjecten": zios.get(r.id, []),
        }
        for r in rows
    ]
