"""/zaken/{zaak_uuid}/besluiten: the zaak side of its besluiten (list, create, detail, delete).

The standard meant these for the Besluiten API to keep the relation in sync; here the Besluiten component will
call the service in-process, the endpoints stay for clients of the standard. Rules in ``_service_documenten``.
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
from zaakwerk.zaken._api_common import access_columns, detail, list_response, start_query, written
from zaakwerk.zaken._read_overig import ZB, render_zaakbesluiten, zaakbesluit_query
from zaakwerk.zaken._schemas_overig import ZaakBesluitIn
from zaakwerk.zaken._service_documenten import create_zaakbesluit, delete_zaakbesluit

router = APIRouter()

AUDIT_TOELICHTING = "X-Audit-Toelichting"


@router.get("/zaken/{zaak_uuid}/besluiten", name="zaakbesluit_list")
async def zaakbesluit_list(
    request: Request, zaak_uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    start_query(request, frozenset()).raise_if_any()
    return await list_response(
        request,
        principal,
        query=zaakbesluit_query(),
        where=[ZB.zaak_id == zaak_uuid],
        order=[ZB.besluit, ZB.id],
        render=render_zaakbesluiten,
        paginate=False,
    )


@router.post("/zaken/{zaak_uuid}/besluiten", name="zaakbesluit_create")
async def zaakbesluit_create(
    request: Request, zaak_uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, ZaakBesluitIn)
    async with unit_of_work(request) as uow:
        obj = await create_zaakbesluit(
            uow.session,
            access.write_ctx(request, principal),
            zaak_uuid,
            data,
            request.headers.get(AUDIT_TOELICHTING, ""),
        )
    return await written(request, zaakbesluit_query(), ZB.id, obj.id, render_zaakbesluiten, 201)


@router.get("/zaken/{zaak_uuid}/besluiten/{uuid}", name="zaakbesluit_retrieve")
async def zaakbesluit_retrieve(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    # The zaak in the path must be the besluit's: a mismatch is 404, not some other zaak's link.
    query = zaakbesluit_query().add_columns(*access_columns()).where(ZB.zaak_id == zaak_uuid)
    return await detail(request, principal, query, ZB.id, uuid, render_zaakbesluiten)


@router.delete("/zaken/{zaak_uuid}/besluiten/{uuid}", name="zaakbesluit_destroy")
async def zaakbesluit_destroy(
    request: Request, zaak_uuid: uuid.UUID, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_zaakbesluit(
            uow.session,
            access.write_ctx(request, principal),
            zaak_uuid,
            uuid,
            request.headers.get(AUDIT_TOELICHTING, ""),
        )
    return no_content()
