"""/catalogussen: list, detail (GET/HEAD), create, update and partial update (the spec has no delete)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal, require
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi import service
from zaakwerk.catalogi._api_common import detail, list_response, start_query, written
from zaakwerk.catalogi._cache import CachedRoute
from zaakwerk.catalogi._read_top import catalogus_query, render_catalogussen
from zaakwerk.catalogi.access import lezen, wijzigen, write_ctx
from zaakwerk.catalogi.schemas import CatalogusIn
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.query import get_list

router = APIRouter(route_class=CachedRoute)
CAT = m.Catalogus

LIST_PARAMS = frozenset({"domein", "domein__in", "rsin", "rsin__in", "page", "expand"})
EXPAND = frozenset({"zaaktypen", "besluittypen", "informatieobjecttypen"})


@router.get("/catalogussen")
async def catalogus_list(request: Request, principal: Principal = Depends(lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    inv.raise_if_any()
    where = []
    if value := request.query_params.get("domein"):
        where.append(CAT.domein == value)
    if values := get_list(request, "domein__in"):
        where.append(CAT.domein.in_(values))
    if value := request.query_params.get("rsin"):
        where.append(CAT.rsin == value)
    if values := get_list(request, "rsin__in"):
        where.append(CAT.rsin.in_(values))
    return await list_response(
        request,
        principal,
        query=catalogus_query(),
        where=where,
        order=(CAT.domein, CAT.rsin, CAT.id),
        render=render_catalogussen,
        date=None,
        expandable=EXPAND,
    )


@router.api_route("/catalogussen/{uuid}", methods=["GET", "HEAD"])
async def catalogus_retrieve(request: Request, uuid: uuid.UUID, principal: Principal = Depends(lezen)) -> Response:
    return await detail(request, catalogus_query(), CAT, uuid, render_catalogussen, EXPAND)


@router.post("/catalogussen")
async def catalogus_create(
    request: Request, principal: Principal = Depends(require("ztc", "catalogi.schrijven"))
) -> Response:
    data = await parse_body(request, CatalogusIn)
    async with unit_of_work(request) as uow:
        obj = await service.create_catalogus(uow, write_ctx(request, principal), data)
    return await written(request, catalogus_query(), CAT, obj.id, render_catalogussen, 201)


@router.put("/catalogussen/{uuid}")
async def catalogus_update(request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)) -> Response:
    data = await parse_body(request, CatalogusIn)
    async with unit_of_work(request) as uow:
        await service.update_catalogus(uow, write_ctx(request, principal), uuid, data)
    return await written(request, catalogus_query(), CAT, uuid, render_catalogussen)


@router.patch("/catalogussen/{uuid}")
async def catalogus_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)
) -> Response:
    patch = await parse_patch(request)
    async with unit_of_work(request) as uow:
        await service.patch_catalogus(uow, write_ctx(request, principal), uuid, patch)
    return await written(request, catalogus_query(), CAT, uuid, render_catalogussen)
