"""/zaakinformatieobjecten: list, create, detail (GET/HEAD), update and delete; the expand loader the zaken use.

The rules (zrc-003, zrc-004, zrc-005, zrc-017) are in ``_service_documenten``; the Documenten API is reached
through ``koppelvlak``.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import no_content
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import (
    access_columns,
    detail,
    list_response,
    register,
    start_query,
    written,
    zaken_url_uuid,
)
from zaakwerk.zaken._context import PREFIX, ZAAKINFORMATIEOBJECTEN, ZAKEN
from zaakwerk.zaken._read_overig import ZIO, render_zaakinformatieobjecten, zaakinformatieobject_query
from zaakwerk.zaken._schemas_overig import ZaakInformatieObjectIn
from zaakwerk.zaken._service_documenten import (
    create_zaakinformatieobject,
    delete_zaakinformatieobject,
    update_zaakinformatieobject,
)

router = APIRouter()

LIST_PARAMS = frozenset({"zaak", "informatieobject"})
AUDIT_TOELICHTING = "X-Audit-Toelichting"
aanmaken = access.scope(access.AANMAKEN, access.BIJWERKEN, access.GEFORCEERD_BIJWERKEN)
verwijderen = access.scope(access.BIJWERKEN, access.GEFORCEERD_BIJWERKEN, access.VERWIJDEREN)


@router.get("/zaakinformatieobjecten", name="zaakinformatieobject_list")
async def zaakinformatieobject_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = []
    if value := request.query_params.get("zaak"):
        where.append(ZIO.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    if value := request.query_params.get("informatieobject"):
        where.append(ZIO.informatieobject == value)
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=zaakinformatieobject_query(),
        where=where,
        order=[ZIO.zaak_id, ZIO.registratiedatum, ZIO.id],
        render=render_zaakinformatieobjecten,
        paginate=False,
    )


@router.post("/zaakinformatieobjecten", name="zaakinformatieobject_create")
async def zaakinformatieobject_create(request: Request, principal: Principal = Depends(aanmaken)) -> Response:
    data = await parse_body(request, ZaakInformatieObjectIn)
    async with unit_of_work(request) as uow:
        obj = await create_zaakinformatieobject(
            uow.session, access.write_ctx(request, principal), data, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaakinformatieobject_query(), ZIO.id, obj.id, render_zaakinformatieobjecten, 201)


@router.api_route("/zaakinformatieobjecten/{uuid}", methods=["GET", "HEAD"], name="zaakinformatieobject_retrieve")
async def zaakinformatieobject_retrieve(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    query = zaakinformatieobject_query().add_columns(*access_columns())
    return await detail(request, principal, query, ZIO.id, uuid, render_zaakinformatieobjecten)


@router.put("/zaakinformatieobjecten/{uuid}", name="zaakinformatieobject_update")
async def zaakinformatieobject_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, ZaakInformatieObjectIn)
    async with unit_of_work(request) as uow:
        await update_zaakinformatieobject(
            uow.session, access.write_ctx(request, principal), uuid, data, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaakinformatieobject_query(), ZIO.id, uuid, render_zaakinformatieobjecten)


@router.patch("/zaakinformatieobjecten/{uuid}", name="zaakinformatieobject_partial_update")
async def zaakinformatieobject_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    body = await parse_patch(request)
    async with unit_of_work(request) as uow:
        await update_zaakinformatieobject(
            uow.session, access.write_ctx(request, principal), uuid, body, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaakinformatieobject_query(), ZIO.id, uuid, render_zaakinformatieobjecten)


@router.delete("/zaakinformatieobjecten/{uuid}", name="zaakinformatieobject_destroy")
async def zaakinformatieobject_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(verwijderen)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_zaakinformatieobject(
            uow.session, access.write_ctx(request, principal), uuid, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return no_content()


register(f"{PREFIX}/{ZAAKINFORMATIEOBJECTEN}", zaakinformatieobject_query, ZIO.id, render_zaakinformatieobjecten)
