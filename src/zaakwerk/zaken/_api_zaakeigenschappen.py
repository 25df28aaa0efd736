"""/zaken/{zaak_uuid}/zaakeigenschappen: list (not paginated, as the spec has it), create, detail (GET/HEAD),
update, partial update and delete."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import not_found
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import reader, unit_of_work
from zaakwerk.core.zgw.responses import no_content
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import detail, list_response, register, start_query, written
from zaakwerk.zaken._context import PREFIX, ZAKEN
from zaakwerk.zaken._read_zaakeigenschappen import ZAAKEIGENSCHAPPEN, render_zaakeigenschappen, zaakeigenschap_query
from zaakwerk.zaken._schemas_zaakeigenschappen import ZaakEigenschapIn
from zaakwerk.zaken._service_zaakeigenschappen import (
    create_zaakeigenschap,
    delete_zaakeigenschap,
    patch_zaakeigenschap,
    update_zaakeigenschap,
)
from zaakwerk.zaken.models import Zaak, ZaakEigenschap

router = APIRouter()

COLLECTION = f"/{ZAKEN}/{{zaak_uuid}}/{ZAAKEIGENSCHAPPEN}"
ITEM = f"{COLLECTION}/{{uuid}}"
# The spec lists no parameters; expand is accepted as on every other resource (its items are *Expanded).
LIST_PARAMS = frozenset({"expand"})
EXPAND = frozenset({"zaak", "eigenschap"})
ZE = ZaakEigenschap


async def _check_zaak_readable(request: Request, principal: Principal, zaak_uuid: uuid.UUID) -> None:
    """404 for an unknown zaak, 403 for one the client may not read (rather than an empty list)."""
    async with reader(request).connect() as conn:
        query = select(Zaak.zaaktype_id, Zaak.vertrouwelijkheidaanduiding).where(Zaak.id == zaak_uuid)
        row = (await conn.execute(query)).first()
    if row is None:
        raise not_found()
    access.check(principal, access.LEZEN, row.zaaktype_id, row.vertrouwelijkheidaanduiding)


@router.get(COLLECTION, name="zaakeigenschap_list")
async def zaakeigenschap_list(
    request: Request, zaak_uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    start_query(request, LIST_PARAMS).raise_if_any()
    await _check_zaak_readable(request, principal, zaak_uuid)
    return await list_response(
        request,
        principal,
        query=zaakeigenschap_query(),
        where=[ZE.zaak_id == zaak_uuid],
        order=[ZE.naam, ZE.id],
        render=render_zaakeigenschappen,
        expandable=EXPAND,
        paginate=False,
    )


@router.post(COLLECTION, name="zaakeigenschap_create")
async def zaakeigenschap_create(
    request: Request, zaak_uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, ZaakEigenschapIn)
    async with unit_of_work(request) as uow:
        obj = await create_zaakeigenschap(uow.session, access.write_ctx(request, principal), zaak_uuid, data)
    return await written(request, zaakeigenschap_query(), ZE.id, obj.id, render_zaakeigenschappen, 201)


@router.api_route(ITEM, methods=["GET", "HEAD"], name="zaakeigenschap_read")
async def zaakeigenschap_read(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    query = zaakeigenschap_query().where(ZE.zaak_id == zaak_uuid)
    return await detail(request, principal, query, ZE.id, uuid, render_zaakeigenschappen, EXPAND)


@router.put(ITEM, name="zaakeigenschap_update")
async def zaakeigenschap_update(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, ZaakEigenschapIn)
    async with unit_of_work(request) as uow:
        await update_zaakeigenschap(uow.session, access.write_ctx(request, principal), zaak_uuid, uuid, data)
    return await written(request, zaakeigenschap_query(), ZE.id, uuid, render_zaakeigenschappen)


@router.patch(ITEM, name="zaakeigenschap_partial_update")
async def zaakeigenschap_partial_update(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    patch = await parse_patch(request)
    async with unit_of_work(request) as uow:
        await patch_zaakeigenschap(uow.session, access.write_ctx(request, principal), zaak_uuid, uuid, patch)
    return await written(request, zaakeigenschap_query(), ZE.id, uuid, render_zaakeigenschappen)


@router.delete(ITEM, name="zaakeigenschap_destroy")
async def zaakeigenschap_destroy(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_zaakeigenschap(uow.session, access.write_ctx(request, principal), zaak_uuid, uuid)
    return no_content()


# Nested below a zaak: the expand plumbing names the parent's uuid ``{uuid}``.
register(f"{PREFIX}/{ZAKEN}/{{uuid}}/{ZAAKEIGENSCHAPPEN}", zaakeigenschap_query, ZE.id, render_zaakeigenschappen)
