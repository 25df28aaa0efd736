"""/besluiten/{besluit_uuid}/audittrail: the history of a besluit and its besluitinformatieobjecten (a plain
array, oldest first). Scope ``audittrails.lezen`` on ``brc`` for the besluit's besluittype (403 otherwise, 404 for
an unknown besluit)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.besluiten import access
from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.errors import not_found, permission_denied
from zaakwerk.core.zgw.audittrail import get_trail_entry, list_trail
from zaakwerk.core.zgw.http import reader
from zaakwerk.core.zgw.query import check_query
from zaakwerk.core.zgw.responses import detail_response, json_response

router = APIRouter()


async def _check_besluit(conn: AsyncConnection, principal: Principal, besluit_uuid: uuid.UUID) -> None:
    besluittype_id = (
        await conn.execute(select(Besluit.besluittype_id).where(Besluit.id == besluit_uuid))
    ).scalar_one_or_none()
    if besluittype_id is None:
        raise not_found()
    if not access.may(principal, access.AUDITTRAILS_LEZEN, besluittype_id):
        raise permission_denied("U heeft geen rechten op de audittrail van dit besluit (besluittype).")


@router.get("/besluiten/{besluit_uuid}/audittrail", name="audittrail_list")
async def audittrail_list(
    request: Request, besluit_uuid: uuid.UUID, principal: Principal = Depends(access.audittrails_lezen)
) -> Response:
    check_query(request, frozenset())
    async with reader(request).connect() as conn:
        await _check_besluit(conn, principal, besluit_uuid)
        return json_response(await list_trail(conn, besluit_uuid))


@router.get("/besluiten/{besluit_uuid}/audittrail/{uuid}", name="audittrail_read")
async def audittrail_read(
    request: Request, besluit_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(access.audittrails_lezen)
) -> Response:
    check_query(request, frozenset())
    async with reader(request).connect() as conn:
        await _check_besluit(conn, principal, besluit_uuid)
        entry = await get_trail_entry(conn, besluit_uuid, uuid)
    if entry is None:
        raise not_found()
    return detail_response(request, entry)
