"""/resultaten: list, detail (GET/HEAD), create, update, partial update and delete."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import no_content
from zaakwerk.zaken import _service_resultaten as service
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import detail, list_response, register, start_query, url_uuid, written, zaken_url_uuid
from zaakwerk.zaken._api_statussen import audit_toelichting
from zaakwerk.zaken._context import CATALOGI_PREFIX, PREFIX, RESULTATEN, ZAKEN
from zaakwerk.zaken._read_resultaten import R, render_resultaten, resultaat_query
from zaakwerk.zaken._schemas_status import ResultaatIn

router = APIRouter()

LIST_PARAMS = frozenset({"zaak", "resultaattype", "page", "expand"})
EXPAND = frozenset({"zaak", "resultaattype"})


@router.get("/resultaten", name="resultaat_list")
async def resultaat_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    q = request.query_params
    where: list[ColumnElement[bool]] = []
    if value := q.get("zaak"):
        where.append(R.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    if value := q.get("resultaattype"):
        path = f"{CATALOGI_PREFIX}/resultaattypen"
        where.append(R.resultaattype_id == url_uuid(request, value, path, "resultaattype", inv))
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=resultaat_query(),
        where=where,
        order=[R.id],
        render=render_resultaten,
        expandable=EXPAND,
    )


@router.post("/resultaten", name="resultaat_create")
async def resultaat_create(request: Request, principal: Principal = Depends(access.bijwerken)) -> Response:
    data = await parse_body(request, ResultaatIn)
    async with unit_of_work(request) as uow:
        ctx = access.write_ctx(request, principal)
        resultaat = await service.create_resultaat(uow.session, ctx, data, audit_toelichting(request))
        id_ = resultaat.id
    return await written(request, resultaat_query(), R.id, id_, render_resultaten, 201)


@router.api_route("/resultaten/{uuid}", methods=["GET", "HEAD"], name="resultaat_read")
async def resultaat_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    return await detail(request, principal, resultaat_query(), R.id, uuid, render_resultaten, EXPAND)


@router.put("/resultaten/{uuid}", name="resultaat_update")
async def resultaat_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, ResultaatIn)
    async with unit_of_work(request) as uow:
        ctx = access.write_ctx(request, principal)
        await service.update_resultaat(uow.session, ctx, uuid, data, audit_toelichting(request))
    return await written(request, resultaat_query(), R.id, uuid, render_resultaten)


@router.patch("/resultaten/{uuid}", name="resultaat_partial_update")
async def resultaat_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    patch = await parse_patch(request)
    async with unit_of_work(request) as uow:
        ctx = access.write_ctx(request, principal)
        await service.patch_resultaat(uow.session, ctx, uuid, patch, audit_toelichting(request))
    return await written(request, resultaat_query(), R.id, uuid, render_resultaten)


@router.delete("/resultaten/{uuid}", name="resultaat_destroy")
async def resultaat_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    async with unit_of_work(request) as uow:
        await service.delete_resultaat(
            uow.session, access.write_ctx(request, principal), uuid, audit_toelichting(request)
        )
    return no_content()


register(f"{PREFIX}/{RESULTATEN}", resultaat_query, R.id, render_resultaten)
