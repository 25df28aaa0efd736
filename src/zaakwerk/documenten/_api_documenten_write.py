"""/enkelvoudiginformatieobjecten writes: create (base64 ``inhoud``), update (PUT/PATCH, each a new version, with
the lock id), delete, lock and unlock. The rules are in ``_service_documenten``."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import detail_response, json_response, no_content
from zaakwerk.core.zgw.urls import base_url
from zaakwerk.documenten import access
from zaakwerk.documenten._api_common import write_ctx
from zaakwerk.documenten._read import document_dict
from zaakwerk.documenten._service_documenten import (
    create_document,
    delete_document,
    lock_document,
    unlock_document,
    update_document,
)
from zaakwerk.documenten.schemas import EnkelvoudigInformatieObjectIn, EnkelvoudigInformatieObjectUpdate, UnlockIn

router = APIRouter()


@router.post("/enkelvoudiginformatieobjecten", name="enkelvoudiginformatieobject_create")
async def document_create(request: Request, principal: Principal = Depends(access.aanmaken)) -> Response:
    data = await parse_body(request, EnkelvoudigInformatieObjectIn)
    async with unit_of_work(request) as uow:
        _document, versie = await create_document(uow.session, write_ctx(request, principal), data)
    # ``EnkelvoudigInformatieObjectCreateLock``: a document created with its content is not locked.
    body = {**document_dict(base_url(request), versie, locked=False), "lock": ""}
    return detail_response(request, body, status=201, headers={"Location": body["url"]})


async def _update(request: Request, principal: Principal, id_: uuid.UUID, patch: bool) -> Response:
    data = await parse_patch(request) if patch else await parse_body(request, EnkelvoudigInformatieObjectUpdate)
    async with unit_of_work(request) as uow:
        versie = await update_document(uow.session, write_ctx(request, principal), id_, data)
    return detail_response(request, document_dict(base_url(request), versie, locked=True))


@router.put("/enkelvoudiginformatieobjecten/{uuid}", name="enkelvoudiginformatieobject_update")
async def document_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    return await _update(request, principal, uuid, patch=False)


@router.patch("/enkelvoudiginformatieobjecten/{uuid}", name="enkelvoudiginformatieobject_partial_update")
async def document_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    return await _update(request, principal, uuid, patch=True)


@router.delete("/enkelvoudiginformatieobjecten/{uuid}", name="enkelvoudiginformatieobject_destroy")
async def document_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.verwijderen)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_document(uow.session, write_ctx(request, principal), uuid)
    return no_content()


@router.post("/enkelvoudiginformatieobjecten/{uuid}/lock", name="enkelvoudiginformatieobject_lock")
async def document_lock(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lock)) -> Response:
    async with unit_of_work(request) as uow:
        lock = await lock_document(uow.session, write_ctx(request, principal), uuid)
    return json_response({"lock": lock})


@router.post("/enkelvoudiginformatieobjecten/{uuid}/unlock", name="enkelvoudiginformatieobject_unlock")
async def document_unlock(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.unlock)) -> Response:
    body = await request.body()
    data = await parse_body(request, UnlockIn) if body.strip() else UnlockIn()
    async with unit_of_work(request) as uow:
        await unlock_document(uow.session, write_ctx(request, principal), uuid, data.lock)
    return no_content()
