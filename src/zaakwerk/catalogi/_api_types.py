"""/statustypen, /roltypen, /eigenschappen, /resultaattypen, /zaakobjecttypen, /zaaktype-informatieobjecttypen:
list, detail (GET/HEAD), create, update, partial update and delete of the types under a zaaktype."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement, and_, select
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
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
from zaakwerk.catalogi._context import looks_like_url
from zaakwerk.catalogi._read_common import parse_date, parse_status, status_filter, valid_on
from zaakwerk.catalogi._read_types import CHILD_READS, ChildRead
from zaakwerk.catalogi._service_children import ChildKind
from zaakwerk.catalogi.access import lezen, verwijderen, wijzigen, write_ctx
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.query import get_bool, get_choice
from zaakwerk.core.zgw.responses import no_content

router = APIRouter(route_class=CachedRoute)
ZT = m.ZaakType

_BASE = frozenset({"page", "expand"})
PARAMS: dict[str, frozenset[str]] = {
    "statustypen": _BASE | {"zaaktype", "zaaktypeIdentificatie", "status", "datumGeldigheid"},
    "roltypen": _BASE | {"zaaktype", "zaaktypeIdentificatie", "omschrijvingGeneriek", "status", "datumGeldigheid"},
    "eigenschappen": _BASE | {"zaaktype", "zaaktypeIdentificatie", "status", "datumGeldigheid"},
    "resultaattypen": _BASE
    | {"zaaktype", "zaaktype_identificatie", "zaaktypeIdentificatie", "status", "datum_geldigheid", "datumGeldigheid"},
    "zaakobjecttypen": _BASE
    | {
        "anderObjecttype",
        "catalogus",
        "datumBeginGeldigheid",
        "datumEindeGeldigheid",
        "datumGeldigheid",
        "objecttype",
        "relatieOmschrijving",
        "zaaktype",
        "zaaktypeIdentificatie",
    },
    "zaaktype-informatieobjecttypen": _BASE | {"zaaktype", "informatieobjecttype", "richting", "status"},
}
EXPAND: dict[str, frozenset[str]] = {
    "statustypen": frozenset({"catalogus", "zaaktype", "eigenschappen"}),
    "roltypen": frozenset({"catalogus", "zaaktype"}),
    "eigenschappen": frozenset({"catalogus", "zaaktype", "statustype"}),
    "resultaattypen": frozenset({"catalogus", "zaaktype", "besluittypen", "informatieobjecttypen"}),
    "zaakobjecttypen": frozenset({"zaaktype", "resultaattypen", "statustypen", "catalogus"}),
    "zaaktype-informatieobjecttypen": frozenset({"zaaktype", "catalogus", "informatieobjecttype", "statustype"}),
}
ROL_GENERIEK = (
    "adviseur",
    "behandelaar",
    "belanghebbende",
    "beslisser",
    "initiator",
    "klantcontacter",
    "zaakcoordinator",
    "mede_initiator",
)


def _filters(request: Request, read: ChildRead, inv: Invalid) -> tuple[list[ColumnElement[bool]], Any]:
    model, q = read.model, request.query_params
    params = PARAMS[read.collection]
    where: list[ColumnElement[bool]] = []
    if value := q.get("zaaktype"):
        where.append(model.zaaktype_id == url_uuid(request, value, "zaaktypen", "zaaktype", inv))
    if value := q.get("zaaktypeIdentificatie") or q.get("zaaktype_identificatie"):
        where.append(ZT.identificatie == value)
    if value := q.get("catalogus"):
        where.append(ZT.catalogus_id == url_uuid(request, value, "catalogussen", "catalogus", inv))
    if value := get_choice(request, "omschrijvingGeneriek", ROL_GENERIEK, inv):
        where.append(model.omschrijving_generiek == value)
    if value := get_choice(request, "richting", ("inkomend", "intern", "uitgaand"), inv):
        where.append(model.richting == value)
    if value := q.get("informatieobjecttype"):
        if looks_like_url(value):
            iot = url_uuid(request, value, "informatieobjecttypen", "informatieobjecttype", inv)
            found = (
                select(m.InformatieObjectType.omschrijving, m.InformatieObjectType.catalogus_id)
                .where(m.InformatieObjectType.id == iot)
                .subquery()
            )
            where.append(
                select(found.c.omschrijving)
                .where(
                    and_(found.c.omschrijving == model.informatieobjecttype, found.c.catalogus_id == ZT.catalogus_id)
                )
                .exists()
            )
        else:
            where.append(model.informatieobjecttype == value)
    if (value := q.get("objecttype")) is not None and value:
        where.append(model.objecttype == value)
    if value := q.get("relatieOmschrijving"):
        where.append(model.relatie_omschrijving == value)
    if (flag := get_bool(request, "anderObjecttype", inv)) is not None:
        where.append(model.ander_objecttype.is_(flag))
    if (begin := parse_date(request, inv, "datumBeginGeldigheid")) is not None:
        where.append(ZT.begin_geldigheid == begin)
    if (einde := parse_date(request, inv, "datumEindeGeldigheid")) is not None:
        where.append(ZT.einde_geldigheid == einde)
    date = parse_date(request, inv, "datumGeldigheid", "datum_geldigheid")
    if "status" in params:
        where.append(status_filter(ZT.concept, parse_status(request, inv)))
    if date is not None:
        where.append(valid_on(ZT.begin_geldigheid, ZT.einde_geldigheid, date))
    return where, date


def _routes(read: ChildRead, kind: ChildKind[Any]) -> None:
    collection, model = read.collection, read.model
    path, item = f"/{collection}", f"/{collection}/{{uuid}}"
    expandable = EXPAND[collection]

    async def list_(request: Request, principal: Principal = Depends(lezen)) -> Response:
        inv = start_query(request, PARAMS[collection])
        where, date = _filters(request, read, inv)
        inv.raise_if_any()
        return await list_response(
            request,
            principal,
            query=read.query(),
            where=where,
            order=(*read.order, model.id),
            render=read.render_rows,
            date=date,
            expandable=expandable,
        )

    async def retrieve(request: Request, uuid: uuid.UUID, principal: Principal = Depends(lezen)) -> Response:
        return await detail(request, read.query(), model, uuid, read.render_rows, expandable)

    async def create_(request: Request, principal: Principal = Depends(wijzigen)) -> Response:
        data = await parse_body(request, kind.schema)
        async with unit_of_work(request) as uow:
            obj = await service.create_child(uow, write_ctx(request, principal), kind, data)
        return await written(request, read.query(), model, obj.id, read.render_rows, 201)

    async def update_(request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)) -> Response:
        data = await parse_body(request, kind.schema)
        async with unit_of_work(request) as uow:
            await service.update_child(uow, write_ctx(request, principal), kind, uuid, data)
        return await written(request, read.query(), model, uuid, read.render_rows)

    async def patch_(request: Request, uuid: uuid.UUID, principal: Principal = Depends(wijzigen)) -> Response:
        body = await parse_patch(request)
        async with unit_of_work(request) as uow:
            await service.patch_child(uow, write_ctx(request, principal), kind, uuid, body)
        return await written(request, read.query(), model, uuid, read.render_rows)

    async def delete_(request: Request, uuid: uuid.UUID, principal: Principal = Depends(verwijderen)) -> Response:
        async with unit_of_work(request) as uow:
            await service.delete_child(uow, write_ctx(request, principal), kind, uuid)
        return no_content()

    name = collection.replace("-", "_")
    router.add_api_route(path, list_, methods=["GET"], name=f"{name}_list")
    router.add_api_route(path, create_, methods=["POST"], name=f"{name}_create")
    router.add_api_route(item, retrieve, methods=["GET", "HEAD"], name=f"{name}_retrieve")
    router.add_api_route(item, update_, methods=["PUT"], name=f"{name}_update")
    router.add_api_route(item, patch_, methods=["PATCH"], name=f"{name}_partial_update")
    router.add_api_route(item, delete_, methods=["DELETE"], name=f"{name}_destroy")


for _collection, _kind in service.KINDS.items():
    _routes(CHILD_READS[_collection], _kind)
