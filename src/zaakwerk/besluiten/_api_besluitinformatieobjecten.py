"""/besluitinformatieobjecten: list (filters besluit and informatieobject; a plain array, as the spec has it),
detail (GET/HEAD), create and delete. Each link is judged by its besluit's besluittype."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement, false
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.besluiten import _service_informatieobjecten as service
from zaakwerk.besluiten import access
from zaakwerk.besluiten._api_common import detail, list_response, register, start_query, url_uuid, written
from zaakwerk.besluiten._context import BESLUITEN, BESLUITINFORMATIEOBJECTEN, PREFIX
from zaakwerk.besluiten._read import BIO, bio_query, render_bios
from zaakwerk.besluiten.schemas import BesluitInformatieObjectIn
from zaakwerk.core.zgw.body import parse_body
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import no_content

router = APIRouter()

LIST_PARAMS = frozenset({"besluit", "informatieobject", "expand"})
EXPAND = frozenset({"besluit", "informatieobject"})


@router.get("/besluitinformatieobjecten", name="besluitinformatieobject_list")
async def bio_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    q = request.query_params
    where: list[ColumnElement[bool]] = []
    if value := q.get("besluit"):
        id_ = url_uuid(request, value, f"{PREFIX}/{BESLUITEN}", "besluit", inv)
        where.append(BIO.besluit_id == id_ if id_ is not None else false())
    if value := q.get("informatieobject"):
        where.append(BIO.informatieobject == value)
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=bio_query(),
        where=where,
        order=(BIO.aangemaakt, BIO.id),
        render=render_bios,
        expandable=EXPAND,
        paginate=False,
    )


@router.post("/besluitinformatieobjecten", name="besluitinformatieobject_create")
async def bio_create(request: Request, principal: Principal = Depends(access.aanmaken)) -> Response:
    data = await parse_body(request, BesluitInformatieObjectIn)
    async with unit_of_work(request) as uow:
        obj = await service.create_besluitinformatieobject(uow.session, access.write_ctx(request, principal), data)
        id_ = obj.id
    return await written(request, bio_query(), BIO.id, id_, render_bios, 201)


@router.api_route("/besluitinformatieobjecten/{uuid}", methods=["GET", "HEAD"], name="besluitinformatieobject_read")
async def bio_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    return await detail(request, principal, bio_query(), BIO.id, uuid, render_bios, EXPAND)


@router.delete("/besluitinformatieobjecten/{uuid}", name="besluitinformatieobject_delete")
async def bio_delete(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.verwijderen)) -> Response:
    async with unit_of_work(request) as uow:
        await service.delete_besluitinformatieobject(uow.session, access.write_ctx(request, principal), uuid)
    return no_content()


register(f"{PREFIX}/{BESLUITINFORMATIEOBJECTEN}", bio_query, BIO.id, render_bios)
