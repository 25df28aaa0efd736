"""/zaakobjecten: list, create, detail (GET/HEAD), update, partial update and delete."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.query import get_choice
from zaakwerk.core.zgw.responses import no_content
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import detail, list_response, register, start_query, written, zaken_url_uuid
from zaakwerk.zaken._context import PREFIX, ZAAKOBJECTEN, ZAKEN
from zaakwerk.zaken._identificatie_schemas import OBJECT_IDENTIFICATIE
from zaakwerk.zaken._read_zaakobjecten import render_zaakobjecten, zaakobject_query
from zaakwerk.zaken._schemas_zaakobjecten import ZaakObjectIn
from zaakwerk.zaken._service_zaakobjecten import (
    create_zaakobject,
    delete_zaakobject,
    patch_zaakobject,
    update_zaakobject,
)
from zaakwerk.zaken.models import ZaakObject

router = APIRouter()

LIST_PARAMS = frozenset({"zaak", "object", "objectType", "page", "expand"})
EXPAND = frozenset({"zaak", "object", "zaakobjecttype"})
_aanmaken = access.scope(access.AANMAKEN, access.BIJWERKEN, access.GEFORCEERD_BIJWERKEN)
_verwijderen = access.scope(access.BIJWERKEN, access.GEFORCEERD_BIJWERKEN, access.VERWIJDEREN)


def _filters(request: Request, inv: Invalid) -> list[ColumnElement[bool]]:
    q = request.query_params
    where: list[ColumnElement[bool]] = []
    if value := q.get("zaak"):
        where.append(ZaakObject.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    if value := q.get("object"):
        where.append(ZaakObject.object == value)
    if value := get_choice(request, "objectType", OBJECT_IDENTIFICATIE, inv):
        where.append(ZaakObject.object_type == value)
    return where


@router.get("/zaakobjecten", name="zaakobject_list")
async def zaakobject_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = _filters(request, inv)
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=zaakobject_query(),
        where=where,
        order=[ZaakObject.zaak_id, ZaakObject.id],
        render=render_zaakobjecten,
        expandable=EXPAND,
    )


@router.post("/zaakobjecten", name="zaakobject_create")
async def zaakobject_create(request: Request, principal: Principal = Depends(_aanmaken)) -> Response:
    data = await parse_body(request, ZaakObjectIn)
    async with unit_of_work(request) as uow:
        obj = await create_zaakobject(uow.session, access.write_ctx(request, principal), data)
    return await written(request, zaakobject_query(), ZaakObject.id, obj.id, render_zaakobjecten, 201)


@router.api_route("/zaakobjecten/{uuid}", methods=["GET", "HEAD"], name="zaakobject_read")
async def zaakobject_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    return await detail(request, principal, zaakobject_query(), ZaakObject.id, uuid, render_zaakobjecten, EXPAND)


@router.put("/zaakobjecten/{uuid}", name="zaakobject_update")
async def zaakobject_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, ZaakObjectIn)
    async with unit_of_work(request) as uow:
        await update_zaakobject(uow.session, access.write_ctx(request, principal), uuid, data)
    return await written(request, zaakobject_query(), ZaakObject.id, uuid, render_zaakobjecten)


@router.patch("/zaakobjecten/{uuid}", name="zaakobject_partial_update")
async def zaakobject_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    patch = await parse_patch(request)
    async with unit_of_work(request) as uow:
        await patch_zaakobject(uow.session, access.write_ctx(request, principal), uuid, patch)
    return await written(request, zaakobject_query(), ZaakObject.id, uuid, render_zaakobjecten)


@router.delete("/zaakobjecten/{uuid}", name="zaakobject_destroy")
async def zaakobject_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(_verwijderen)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_zaakobject(uow.session, access.write_ctx(request, principal), uuid)
    return no_content()


register(f"{PREFIX}/{ZAAKOBJECTEN}", zaakobject_query, ZaakObject.id, render_zaakobjecten)
