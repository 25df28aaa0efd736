"""/zaakcontactmomenten: the zaak's contactmomenten (zrc-025): list, create, detail and delete.

The contactmoment URL is stored as given (checked for form only); see ``_service_koppelingen``.
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
from zaakwerk.zaken._read_overig import ZCM, render_zaakcontactmomenten, zaakcontactmoment_query
from zaakwerk.zaken._schemas_overig import ZaakContactMomentIn
from zaakwerk.zaken._service_koppelingen import create_zaakcontactmoment, delete_zaakcontactmoment

router = APIRouter()

LIST_PARAMS = frozenset({"zaak", "contactmoment"})
AUDIT_TOELICHTING = "X-Audit-Toelichting"


@router.get("/zaakcontactmomenten", name="zaakcontactmoment_list")
async def zaakcontactmoment_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = []
    if value := request.query_params.get("zaak"):
        where.append(ZCM.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    if value := request.query_params.get("contactmoment"):
        where.append(ZCM.contactmoment == value)
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=zaakcontactmoment_query(),
        where=where,
        order=[ZCM.zaak_id, ZCM.contactmoment, ZCM.id],
        render=render_zaakcontactmomenten,
        paginate=False,
    )


@router.post("/zaakcontactmomenten", name="zaakcontactmoment_create")
async def zaakcontactmoment_create(request: Request, principal: Principal = Depends(access.bijwerken)) -> Response:
    data = await parse_body(request, ZaakContactMomentIn)
    async with unit_of_work(request) as uow:
        obj = await create_zaakcontactmoment(
            uow.session, access.write_ctx(request, principal), data, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaakcontactmoment_query(), ZCM.id, obj.id, render_zaakcontactmomenten, 201)


@router.get("/zaakcontactmomenten/{uuid}", name="zaakcontactmoment_retrieve")
async def zaakcontactmoment_retrieve(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    query = zaakcontactmoment_query().add_columns(*access_columns())
    return await detail(request, principal, query, ZCM.id, uuid, render_zaakcontactmomenten)


@router.delete("/zaakcontactmomenten/{uuid}", name="zaakcontactmoment_destroy")
async def zaakcontactmoment_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_zaakcontactmoment(
            uow.session, access.write_ctx(request, principal), uuid, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return no_content()
