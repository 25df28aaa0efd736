"""/zaakverzoeken: the zaak's verzoeken (zrc-024): list, create, detail and delete.

The verzoek URL is stored as given (checked for form only); see ``_service_koppelingen``.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import no_content
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import access_columns, detail, list_response, start_query, written, zaken_url_uuid
from zaakwerk.zaken._context import ZAKEN
from zaakwerk.zaken._read_overig import ZV, render_zaakverzoeken, zaakverzoek_query
from zaakwerk.zaken._schemas_overig import ZaakVerzoekIn
from zaakwerk.zaken._service_koppelingen import create_zaakverzoek, delete_zaakverzoek

router = APIRouter()

LIST_PARAMS = frozenset({"zaak", "verzoek"})
AUDIT_TOELICHTING = "X-Audit-Toelichting"


@router.get("/zaakverzoeken", name="zaakverzoek_list")
async def zaakverzoek_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = []
    if value := request.query_params.get("zaak"):
        where.append(ZV.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    if value := request.query_params.get("verzoek"):
        where.append(ZV.verzoek == value)
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=zaakverzoek_query(),
        where=where,
        order=[ZV.zaak_id, ZV.verzoek, ZV.id],
        render=render_zaakverzoeken,
        paginate=False,
    )


@router.post("/zaakverzoeken", name="zaakverzoek_create")
async def zaakverzoek_create(request: Request, principal: Principal = Depends(access.bijwerken)) -> Response:
    data = await parse_body(request, ZaakVerzoekIn)
    async with unit_of_work(request) as uow:
        obj = await create_zaakverzoek(
            uow.session, access.write_ctx(request, principal), data, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaakverzoek_query(), ZV.id, obj.id, render_zaakverzoeken, 201)


@router.get("/zaakverzoeken/{uuid}", name="zaakverzoek_retrieve")
async def zaakverzoek_retrieve(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    query = zaakverzoek_query().add_columns(*access_columns())
    return await detail(request, principal, query, ZV.id, uuid, render_zaakverzoeken)


@router.delete("/zaakverzoeken/{uuid}", name="zaakverzoek_destroy")
async def zaakverzoek_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_zaakverzoek(
            uow.session, access.write_ctx(request, principal), uuid, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return no_content()
