"""/objectinformatieobjecten: list (a plain array), detail (GET/HEAD), create and delete; the rules are in
``_service_objecten``. Each is judged by its document: the list joins the document's latest version and applies
the client's document predicate."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid, not_found
from zaakwerk.core.zgw.body import parse_body
from zaakwerk.core.zgw.expand import expand
from zaakwerk.core.zgw.http import reader, unit_of_work
from zaakwerk.core.zgw.query import check_query
from zaakwerk.core.zgw.responses import detail_response, json_response, no_content
from zaakwerk.core.zgw.urls import base_url
from zaakwerk.documenten import access
from zaakwerk.documenten._api_common import check_read, document_uuid, expand_arg, write_ctx
from zaakwerk.documenten._read import OIO, access_columns, oio_dict, oio_query
from zaakwerk.documenten._service_objecten import create_objectinformatieobject, delete_objectinformatieobject
from zaakwerk.documenten.schemas import ObjectInformatieObjectIn

router = APIRouter()

EXPAND = frozenset({"informatieobject"})


@router.get("/objectinformatieobjecten", name="objectinformatieobject_list")
async def oio_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, frozenset({"object", "informatieobject", "expand"}))
    inv = Invalid()
    query = oio_query().where(access.document_predicate(principal))
    if value := request.query_params.get("object"):
        query = query.where(OIO.object == value)
    if value := request.query_params.get("informatieobject"):
        query = query.where(OIO.informatieobject_id == document_uuid(request, value, "informatieobject", inv))
    inv.raise_if_any()
    raw_expand = expand_arg(request.query_params.get("expand"), EXPAND)
    async with reader(request).connect() as conn:
        rows = (await conn.execute(query.order_by(OIO.informatieobject_id, OIO.object, OIO.id))).all()
    base = base_url(request)
    results = [oio_dict(base, r) for r in rows]
    await expand(request, results, raw_expand)
    return json_response(results)


@router.api_route("/objectinformatieobjecten/{uuid}", methods=["GET", "HEAD"], name="objectinformatieobject_read")
async def oio_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, frozenset({"expand"}))
    raw_expand = expand_arg(request.query_params.get("expand"), EXPAND)
    async with reader(request).connect() as conn:
        row = (await conn.execute(oio_query().add_columns(*access_columns()).where(OIO.id == uuid))).first()
    if row is None:
        raise not_found()
    check_read(principal, access.LEZEN, row)
    data = oio_dict(base_url(request), row)
    await expand(request, [data], raw_expand)
    return detail_response(request, data)


@router.post("/objectinformatieobjecten", name="objectinformatieobject_create")
async def oio_create(request: Request, principal: Principal = Depends(access.aanmaken)) -> Response:
    data = await parse_body(request, ObjectInformatieObjectIn)
    async with unit_of_work(request) as uow:
        obj = await create_objectinformatieobject(uow.session, write_ctx(request, principal), data)
    body = oio_dict(base_url(request), obj)
    return detail_response(request, body, status=201, headers={"Location": body["url"]})


@router.delete("/objectinformatieobjecten/{uuid}", name="objectinformatieobject_destroy")
async def oio_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.verwijderen)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_objectinformatieobject(uow.session, write_ctx(request, principal), uuid)
    return no_content()
