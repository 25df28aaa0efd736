"""/besluiten: list (every filter of the spec, paginated, exact count), detail (GET/HEAD), create, update, partial
update and delete."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement, false
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.besluiten import access, service
from zaakwerk.besluiten._api_common import detail, list_response, register, start_query, url_uuid, written
from zaakwerk.besluiten._context import BESLUITEN, CATALOGI_PREFIX, PREFIX, ZAKEN_PREFIX
from zaakwerk.besluiten._read import B, besluit_query, render_besluiten
from zaakwerk.besluiten.schemas import BesluitIn
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import no_content

router = APIRouter()

LIST_PARAMS = frozenset({"identificatie", "verantwoordelijkeOrganisatie", "besluittype", "zaak", "page", "expand"})
EXPAND = frozenset({"besluittype", "zaak"})
# Creation order: stable across pages, and new besluiten land on the last page.
ORDER = (B.aangemaakt, B.id)


@router.get("/besluiten", name="besluit_list")
async def besluit_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    q = request.query_params
    where: list[ColumnElement[bool]] = []
    if value := q.get("identificatie"):
        where.append(B.identificatie == value)
    if value := q.get("verantwoordelijkeOrganisatie"):
        where.append(B.verantwoordelijke_organisatie == value)
    for name, column, path in (
        ("besluittype", B.besluittype_id, f"{CATALOGI_PREFIX}/besluittypen"),
        ("zaak", B.zaak_id, f"{ZAKEN_PREFIX}/zaken"),
    ):
        if value := q.get(name):
            id_ = url_uuid(request, value, path, name, inv)
            # A URL of another installation names nothing stored here.
            where.append(column == id_ if id_ is not None else false())
    inv.raise_if_any()
    return await list_response(
        request, principal, query=besluit_query(), where=where, order=ORDER, render=render_besluiten, expandable=EXPAND
    )


@router.post("/besluiten", name="besluit_create")
async def besluit_create(request: Request, principal: Principal = Depends(access.aanmaken)) -> Response:
    data = await parse_body(request, BesluitIn)
    async with unit_of_work(request) as uow:
        besluit = await service.create_besluit(uow.session, access.write_ctx(request, principal), data)
        id_ = besluit.id
    return await written(request, besluit_query(), B.id, id_, render_besluiten, 201)


@router.api_route("/besluiten/{uuid}", methods=["GET", "HEAD"], name="besluit_read")
async def besluit_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    return await detail(request, principal, besluit_query(), B.id, uuid, render_besluiten, EXPAND)


@router.put("/besluiten/{uuid}", name="besluit_update")
async def besluit_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, BesluitIn)
    async with unit_of_work(request) as uow:
        await service.update_besluit(uow.session, access.write_ctx(request, principal), uuid, data)
    return await written(request, besluit_query(), B.id, uuid, render_besluiten)


@router.patch("/besluiten/{uuid}", name="besluit_partial_update")
async def besluit_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    patch = await parse_patch(request)
    async with unit_of_work(request) as uow:
        await service.patch_besluit(uow.session, access.write_ctx(request, principal), uuid, patch)
    return await written(request, besluit_query(), B.id, uuid, render_besluiten)


@router.delete("/besluiten/{uuid}", name="besluit_delete")
async def besluit_delete(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.verwijderen)
) -> Response:
    async with unit_of_work(request) as uow:
        await service.delete_besluit(uow.session, access.write_ctx(request, principal), uuid)
    return no_content()


register(f"{PREFIX}/{BESLUITEN}", besluit_query, B.id, render_besluiten)
