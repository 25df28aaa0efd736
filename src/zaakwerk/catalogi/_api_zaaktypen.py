"""/zaaktypen: list, detail (GET/HEAD), create, update, partial update, delete and publish."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import exists, select
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal, require
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi import service
from zaakwerk.catalogi._api_common import (
    detail,
    list_response,
    start_query,
    url_uuid,
    written,
)
from zaakwerk.catalogi._cache import CachedRoute
from zaakwerk.catalogi._read_common import parse_date, parse_status, status_filter, valid_on
from zaakwerk.catalogi._read_zaaktypen import render_zaaktypen, zaaktype_order, zaaktype_query
from zaakwerk.catalogi.access import lezen, verwijderen, wijzigen, write_ctx
from zaakwerk.catalogi.schemas import ZaakTypeIn
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.query import get_list
from zaakwerk.core.zgw.responses import no_content

router = APIRouter(route_class=CachedRoute)
ZT = m.ZaakType

LIST_PARAMS = frozenset({"catalogus", "identificatie", "trefwoorden", "status", "datumGeldigheid", "page", "expand"})
EXPAND = frozenset(
    {
        "zaakobjecttypen",
        "catalogus",
        "statustypen",
        "resultaattypen",
        "eigenschappen",
        "informatieobjecttypen",
        "roltypen",
        "besluittypen",
        "deelzaaktypen",
        "gerelateerdeZaaktypen",
    }
)


@router.get("/zaaktypen")
async def zaaktype_list(request: Request, principal: Principal = Depends(lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = []
    if value := request.query_params.get("catalogus"):
        where.append(ZT.catalogus_id == url_uuid(request, value, "catalogussen", "catalogus", inv))
    if value := request.query_params.get("identificatie"):
        where.append(ZT.identificatie == value)
    for trefwoord in get_list(request, "trefwoorden") or ():
        where.append(
            exists(
                select(m.ZaakTypeTrefwoord.zaaktype_id).where(
                    m.ZaakTypeTrefwoord.zaaktype_id == ZT.id, m.ZaakTypeTrefwoord.trefwoord == trefwoord
                )
            )
        )
    status = parse_status(request, inv)
    date = parse_date(request, inv, "datumGeldigheid")
    inv.raise_if_any()
    where.append(status_filter(ZT.concept, status))
    if date is not None:
        where.append(valid_on(ZT.begin_geldigheid, ZT.einde_geldigheid, date))
    return await list_response(
        request,
        principal,
        query=zaaktype_query(),
        where=where,
        order=zaaktype_order(),
        render=render_zaaktypen,
        date=date,
        expandable=EXPAND,
    )


@router.api_route("/zaaktypen/{uuid}", methods=["GET", "HEAD"])
async def zaaktype_retrieve(request: Request, uuid: uuid.UUID, principal: Principal = Depends(lezen)) -> Response:
    inv = start_query(request, frozenset({"expand", "datumGeldigheid"}))
    date = parse_date(request, inv, "datumGeldigheid")
    inv.raise_if_any()
    query = zaaktype_query()
    if date is not None:
        # "voor het zelf en alle onderliggende objecten": a version not valid on that date is not found.
        query = query.where(valid_on(ZT.begin_geldigheid, ZT.einde_geldigheid, date))
    return await detail(
        request, query, ZT, uuid, render_zaaktypen, EXPAND, date=date, params=frozenset({"datumGeldigheid"})
    )


@router.post("/zaaktypen")
async def zaaktype_create(
    request: Request, principal: Principal = Depends(require("ztc", "catalogi.schrijven"))
) -> Response:
    data = await parse_body(request, ZaakTypeIn)
    async with unit_of_work(request) as uow:
        obj = await service.create_zaaktype(uow, write_ctx(request, principal), data)
    return await written(request, zaaktype_query(), ZT, obj.id, render_zaaktypen, 201)


@router.put("/zaaktypen/{uuid}")
async def zaaktype_update(request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)) -> Response:
    data = await parse_body(request, ZaakTypeIn)
    async with unit_of_work(request) as uow:
        await service.update_zaaktype(uow, write_ctx(request, principal), uuid, data)
    return await written(request, zaaktype_query(), ZT, uuid, render_zaaktypen)


@router.patch("/zaaktypen/{uuid}")
async def zaaktype_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)
) -> Response:
    patch = await parse_patch(request)
    async with unit_of_work(request) as uow:
        await service.patch_zaaktype(uow, write_ctx(request, principal), uuid, patch)
    return await written(request, zaaktype_query(), ZT, uuid, render_zaaktypen)


@router.delete("/zaaktypen/{uuid}")
async def zaaktype_destroy(request: Request, uuid: uuid.UUID, principal: Principal = Depends(verwijderen)) -> Response:
    async with unit_of_work(request) as uow:
        await service.delete_zaaktype(uow, write_ctx(request, principal), uuid)
    return no_content()


@router.post("/zaaktypen/{uuid}/publish")
async def zaaktype_publish(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(require("ztc", "catalogi.schrijven"))
) -> Response:
    async with unit_of_work(request) as uow:
        await service.publish_zaaktype(uow, write_ctx(request, principal), uuid)
    return await written(request, zaaktype_query(), ZT, uuid, render_zaaktypen)
