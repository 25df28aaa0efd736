"""/gebruiksrechten: list (a plain array, filtered on informatieobject and the period), detail (GET/HEAD), create,
update, delete; judged by their document. The rules (drc-006) are in ``_service_gebruiksrechten``."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid, not_found
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.expand import expand
from zaakwerk.core.zgw.http import reader, unit_of_work
from zaakwerk.core.zgw.query import check_query, get_datetime
from zaakwerk.core.zgw.responses import detail_response, json_response, no_content
from zaakwerk.core.zgw.urls import base_url
from zaakwerk.documenten import access
from zaakwerk.documenten._api_common import check_read, document_uuid, expand_arg, write_ctx
from zaakwerk.documenten._read import GR, access_columns, gebruiksrechten_dict, gebruiksrechten_query
from zaakwerk.documenten._service_gebruiksrechten import (
    create_gebruiksrechten,
    delete_gebruiksrechten,
    update_gebruiksrechten,
)
from zaakwerk.documenten.schemas import GebruiksrechtenIn

router = APIRouter()

EXPAND = frozenset({"informatieobject"})
_PERIOD = {"lt": "__lt__", "lte": "__le__", "gt": "__gt__", "gte": "__ge__"}
LIST_PARAMS = frozenset(
    {"informatieobject", "expand"} | {f"{field}__{op}" for field in ("startdatum", "einddatum") for op in _PERIOD}
)


@router.get("/gebruiksrechten", name="gebruiksrechten_list")
async def gebruiksrechten_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, LIST_PARAMS)
    inv = Invalid()
    query = gebruiksrechten_query().where(access.document_predicate(principal))
    if value := request.query_params.get("informatieobject"):
        query = query.where(GR.informatieobject_id == document_uuid(request, value, "informatieobject", inv))
    for field in ("startdatum", "einddatum"):
        for op, method in _PERIOD.items():
            moment = get_datetime(request, f"{field}__{op}", inv)
            if moment is not None:
                query = query.where(getattr(getattr(GR, field), method)(moment))
    inv.raise_if_any()
    raw_expand = expand_arg(request.query_params.get("expand"), EXPAND)
    async with reader(request).connect() as conn:
        rows = (await conn.execute(query.order_by(GR.informatieobject_id, GR.startdatum, GR.id))).all()
    base = base_url(request)
    results = [gebruiksrechten_dict(base, r) for r in rows]
    await expand(request, results, raw_expand)
    return json_response(results)


@router.api_route("/gebruiksrechten/{uuid}", methods=["GET", "HEAD"], name="gebruiksrechten_read")
async def gebruiksrechten_read(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    check_query(request, frozenset({"expand"}))
    raw_expand = expand_arg(request.query_params.get("expand"), EXPAND)
    async with reader(request).connect() as conn:
        row = (await conn.execute(gebruiksrechten_query().add_columns(*access_columns()).where(GR.id == uuid))).first()
    if row is None:
        raise not_found()
    check_read(principal, access.LEZEN, row)
    data = gebruiksrechten_dict(base_url(request), row)
    await expand(request, [data], raw_expand)
    return detail_response(request, data)


@router.post("/gebruiksrechten", name="gebruiksrechten_create")
async def gebruiksrechten_create(request: Request, principal: Principal = Depends(access.aanmaken)) -> Response:
    data = await parse_body(request, GebruiksrechtenIn)
    async with unit_of_work(request) as uow:
        obj = await create_gebruiksrechten(uow.session, write_ctx(request, principal), data)
    body = gebruiksrechten_dict(base_url(request), obj)
    return detail_response(request, body, status=201, headers={"Location": body["url"]})


async def _update(request: Request, principal: Principal, id_: uuid.UUID, patch: bool) -> Response:
    data = await parse_patch(request) if patch else await parse_body(request, GebruiksrechtenIn)
    async with unit_of_work(request) as uow:
        obj = await update_gebruiksrechten(uow.session, write_ctx(request, principal), id_, data)
    return detail_response(request, gebruiksrechten_dict(base_url(request), obj))


@router.put("/gebruiksrechten/{uuid}", name="gebruiksrechten_update")
async def gebruiksrechten_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.scope(access.BIJWERKEN))
) -> Response:
    return await _update(request, principal, uuid, patch=False)


@router.patch("/gebruiksrechten/{uuid}", name="gebruiksrechten_partial_update")
async def gebruiksrechten_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.scope(access.BIJWERKEN))
) -> Response:
    return await _update(request, principal, uuid, patch=True)


@router.delete("/gebruiksrechten/{uuid}", name="gebruiksrechten_destroy")
async def gebruiksrechten_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.verwijderen)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_gebruiksrechten(uow.session, write_ctx(request, principal), uuid)
    return no_content()
