"""/klantcontacten: list, create and detail (deprecated in the standard in favour of the Klantinteracties API,
still served for the clients that use it)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import access_columns, detail, list_response, start_query, written, zaken_url_uuid
from zaakwerk.zaken._context import ZAKEN
from zaakwerk.zaken._read_overig import KC, klantcontact_query, render_klantcontacten
from zaakwerk.zaken._schemas_overig import KlantContactIn
from zaakwerk.zaken._service_koppelingen import create_klantcontact

router = APIRouter()

LIST_PARAMS = frozenset({"zaak", "page"})
AUDIT_TOELICHTING = "X-Audit-Toelichting"


@router.get("/klantcontacten", name="klantcontact_list")
async def klantcontact_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = []
    if value := request.query_params.get("zaak"):
        where.append(KC.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=klantcontact_query(),
        where=where,
        order=[KC.datumtijd.desc(), KC.id],
        render=render_klantcontacten,
    )


@router.post("/klantcontacten", name="klantcontact_create")
async def klantcontact_create(request: Request, principal: Principal = Depends(access.bijwerken)) -> Response:
    data = await parse_body(request, KlantContactIn)
    async with unit_of_work(request) as uow:
        obj = await create_klantcontact(
            uow.session, access.write_ctx(request, principal), data, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, klantcontact_query(), KC.id, obj.id, render_klantcontacten, 201)


@router.get("/klantcontacten/{uuid}", name="klantcontact_retrieve")
async def klantcontact_retrieve(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    query = klantcontact_query().add_columns(*access_columns())
    return await detail(request, principal, query, KC.id, uuid, render_klantcontacten)
