"""/informatieobjecttypen and /besluittypen: list, detail (GET/HEAD), create, update, delete and publish."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement, Select, and_, exists, select
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal, require
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi import service
from zaakwerk.catalogi._api_common import (
    Render,
    detail,
    list_response,
    start_query,
    url_uuid,
    written,
)
from zaakwerk.catalogi._cache import CachedRoute
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogi._read_common import parse_date, parse_status, status_filter, valid_on
from zaakwerk.catalogi._read_top import (
    besluittype_query,
    informatieobjecttype_query,
    render_besluittypen,
    render_informatieobjecttypen,
)
from zaakwerk.catalogi.access import lezen, verwijderen, wijzigen, write_ctx
from zaakwerk.catalogi.schemas import BesluitTypeIn, InformatieObjectTypeIn
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import no_content

router = APIRouter(route_class=CachedRoute)
IOT, BT, ZT = m.InformatieObjectType, m.BesluitType, m.ZaakType

IOT_PARAMS = frozenset({"catalogus", "status", "datumGeldigheid", "omschrijving", "page", "expand"})
IOT_EXPAND = frozenset({"catalogus", "zaaktypen", "besluittypen"})
BT_PARAMS = frozenset(
    {"catalogus", "zaaktypen", "informatieobjecttypen", "status", "omschrijving", "datumGeldigheid", "page", "expand"}
)
BT_EXPAND = frozenset({"catalogus", "zaaktypen", "informatieobjecttypen", "resultaattypen"})


def _versioned_filters(
    request: Request, model: Any, params: frozenset[str]
) -> tuple[list[ColumnElement[bool]], dt.date | None]:
    inv = start_query(request, params)
    where: list[ColumnElement[bool]] = []
    if value := request.query_params.get("catalogus"):
        where.append(model.catalogus_id == url_uuid(request, value, "catalogussen", "catalogus", inv))
    if value := request.query_params.get("omschrijving"):
        where.append(model.omschrijving == value)
    if value := request.query_params.get("zaaktypen"):
        # Besluittypen that this zaaktype relates to (by omschrijving, in its catalogus).
        zaaktype = url_uuid(request, value, "zaaktypen", "zaaktypen", inv)
        link = m.ZaakTypeBesluitType
        where.append(
            exists(
                select(link.zaaktype_id)
                .join(ZT, ZT.id == link.zaaktype_id)
                .where(
                    link.zaaktype_id == zaaktype,
                    link.omschrijving == model.omschrijving,
                    ZT.catalogus_id == model.catalogus_id,
                )
            )
        )
    if value := request.query_params.get("informatieobjecttypen"):
        # Besluittypen whose besluiten are recorded in documents of this informatieobjecttype.
        iot = url_uuid(request, value, "informatieobjecttypen", "informatieobjecttypen", inv)
        link2 = m.BesluitTypeInformatieObjectType
        where.append(
            exists(
                select(link2.besluittype_id)
                .join(IOT, and_(IOT.omschrijving == link2.omschrijving, IOT.catalogus_id == model.catalogus_id))
                .where(link2.besluittype_id == model.id, IOT.id == iot)
            )
        )
    status = parse_status(request, inv)
    date = parse_date(request, inv, "datumGeldigheid")
    inv.raise_if_any()
    where.append(status_filter(model.concept, status))
    if date is not None:
        where.append(valid_on(model.begin_geldigheid, model.einde_geldigheid, date))
    return where, date


def _routes(
    collection: str,
    model: Any,
    query: Callable[[], Select[Any]],
    render: Render,
    schema: Any,
    params: frozenset[str],
    expandable: frozenset[str],
    order: tuple[Any, ...],
    create: Callable[[UnitOfWork, Ctx, Any], Awaitable[Any]],
    update: Callable[..., Awaitable[Any]],
    patch: Callable[[UnitOfWork, Ctx, uuid.UUID, dict[str, Any]], Awaitable[Any]],
    delete: Callable[[UnitOfWork, Ctx, uuid.UUID], Awaitable[None]],
    publish: Callable[[UnitOfWork, Ctx, uuid.UUID], Awaitable[Any]],
) -> None:
    path, item = f"/{collection}", f"/{collection}/{{uuid}}"
    name = collection[:-2] if collection.endswith("en") else collection

    async def list_(request: Request, principal: Principal = Depends(lezen)) -> Response:
        where, date = _versioned_filters(request, model, params)
        return await list_response(
            request, principal, query=query(), where=where, order=order, render=render, date=date, expandable=expandable
        )

    async def retrieve(request: Request, uuid: uuid.UUID, principal: Principal = Depends(lezen)) -> Response:
        return await detail(request, query(), model, uuid, render, expandable)

    async def create_(
        request: Request, principal: Principal = Depends(require("ztc", "catalogi.schrijven"))
    ) -> Response:
        data = await parse_body(request, schema)
        async with unit_of_work(request) as uow:
            obj = await create(uow, write_ctx(request, principal), data)
        return await written(request, query(), model, obj.id, render, 201)

    async def update_(request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)) -> Response:
        data = await parse_body(request, schema)
        async with unit_of_work(request) as uow:
            await update(uow, write_ctx(request, principal), uuid, data)
        return await written(request, query(), model, uuid, render)

    async def patch_(request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)) -> Response:
        body = await parse_patch(request)
        async with unit_of_work(request) as uow:
            await patch(uow, write_ctx(request, principal), uuid, body)
        return await written(request, query(), model, uuid, render)

    async def delete_(request: Request, uuid: uuid.UUID, principal: Principal = Depends(verwijderen)) -> Response:
        async with unit_of_work(request) as uow:
            await delete(uow, write_ctx(request, principal), uuid)
        return no_content()

    async def publish_(
        request: Request, uuid: uuid.UUID, principal: Principal = Depends(require("ztc", "catalogi.schrijven"))
    ) -> Response:
        async with unit_of_work(request) as uow:
            await publish(uow, write_ctx(request, principal), uuid)
        return await written(request, query(), model, uuid, render)

    router.add_api_route(path, list_, methods=["GET"], name=f"{name}_list")
    router.add_api_route(path, create_, methods=["POST"], name=f"{name}_create")
    router.add_api_route(item, retrieve, methods=["GET", "HEAD"], name=f"{name}_retrieve")
    router.add_api_route(item, update_, methods=["PUT"], name=f"{name}_update")
    router.add_api_route(item, patch_, methods=["PATCH"], name=f"{name}_partial_update")
    router.add_api_route(item, delete_, methods=["DELETE"], name=f"{name}_destroy")
    router.add_api_route(f"{item}/publish", publish_, methods=["POST"], name=f"{name}_publish")


_routes(
    "informatieobjecttypen",
    IOT,
    informatieobjecttype_query,
    render_informatieobjecttypen,
    InformatieObjectTypeIn,
    IOT_PARAMS,
    IOT_EXPAND,
    (IOT.omschrijving, IOT.begin_geldigheid, IOT.id),
    service.create_informatieobjecttype,
    service.update_informatieobjecttype,
    service.patch_informatieobjecttype,
    service.delete_informatieobjecttype,
    service.publish_informatieobjecttype,
)
_routes(
    "besluittypen",
    BT,
    besluittype_query,
    render_besluittypen,
    BesluitTypeIn,
    BT_PARAMS,
    BT_EXPAND,
    (BT.omschrijving, BT.begin_geldigheid, BT.id),
    service.create_besluittype,
    service.update_besluittype,
    service.patch_besluittype,
    service.delete_besluittype,
    service.publish_besluittype,
)
