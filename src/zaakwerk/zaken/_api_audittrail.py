"""/zaken/{zaak_uuid}/audittrail: the history of a zaak and everything below it (a plain array, oldest first).

Scope ``audittrails.lezen`` on ``zrc``, judged like every zaak read: for the zaak's zaaktype and within the
autorisatie's maximum vertrouwelijkheidaanduiding (403 otherwise, 404 for an unknown zaak).
"""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import not_found, permission_denied
from zaakwerk.core.zgw.audittrail import get_trail_entry, list_trail
from zaakwerk.core.zgw.http import reader
from zaakwerk.core.zgw.query import check_query
from zaakwerk.core.zgw.responses import detail_response, json_response
from zaakwerk.zaken import access
from zaakwerk.zaken.models import Zaak

router = APIRouter()

AUDITTRAILS_LEZEN = "audittrails.lezen"
lezen = access.scope(AUDITTRAILS_LEZEN)


_ACCESS_COLUMNS: tuple[Any, ...] = (Zaak.zaaktype_id, Zaak.vertrouwelijkheidaanduiding)


@cache
def _zaak_access() -> Select[Any]:
    return select(*_ACCESS_COLUMNS).where(Zaak.id == bindparam("id"))


async def _check_zaak(conn: AsyncConnection, principal: Principal, zaak_uuid: uuid.UUID) -> None:
    row = (await conn.execute(_zaak_access(), {"id": zaak_uuid})).first()
    if row is None:
        raise not_found()
    if not access.may(principal, AUDITTRAILS_LEZEN, row.zaaktype_id, row.vertrouwelijkheidaanduiding):
        raise permission_denied("U heeft geen rechten op de audittrail van deze zaak (zaaktype of vertrouwelijkheid).")


@router.get("/zaken/{zaak_uuid}/audittrail", name="zaak_audittrail_list")
async def audittrail_list(request: Request, zaak_uuid: uuid.UUID, principal: Principal = Depends(lezen)) -> Response:
    check_query(request, frozenset())
    async with reader(request).connect() as conn:
        await _check_zaak(conn, principal, zaak_uuid)
        return json_response(await list_trail(conn, zaak_uuid))


@router.get("/zaken/{zaak_uuid}/audittrail/{uuid}", name="zaak_audittrail_read")
async def audittrail_read(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(lezen)
) -> Response:
    check_query(request, frozenset())
    async with reader(request).connect() as conn:
        await _check_zaak(conn, principal, zaak_uuid)
        entry = await get_trail_entry(conn, zaak_uuid, uuid)
    if entry is None:
        raise not_found()
    return detail_response(request, entry)
