"""/statussen: list, detail (GET/HEAD) and create."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement, or_
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.query import get_bool
from zaakwerk.core.zgw.responses import detail_response
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import detail, list_response, register, start_query, url_uuid, zaken_url_uuid
from zaakwerk.zaken._context import CATALOGI_PREFIX, PREFIX, STATUSSEN, ZAKEN
from zaakwerk.zaken._read_statussen import S, render_statussen, status_query
from zaakwerk.zaken._schemas_status import StatusIn
from zaakwerk.zaken._service_statussen import create_status_rendered
from zaakwerk.zaken._typen import typen
from zaakwerk.zaken.models import Zaak

router = APIRouter()

LIST_PARAMS = frozenset({"zaak", "statustype", "indicatieLaatstGezetteStatus", "page", "expand"})
EXPAND = frozenset({"zaak", "statustype", "gezetdoor", "zaakinformatieobjecten"})

# The spec's scopes for POST; which one a given status needs on its zaak is the service's rule (zrc-007/008).
toevoegen = access.scope(
    access.STATUSSEN_TOEVOEGEN,
    access.BIJWERKEN,
    access.GEFORCEERD_BIJWERKEN,
    access.AANMAKEN,
    access.HEROPENEN,
)


def audit_toelichting(request: Request) -> str:
    return request.headers.get("X-Audit-Toelichting", "")


@router.get("/statussen", name="status_list")
async def status_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    q = request.query_params
    where: list[ColumnElement[bool]] = []
    if value := q.get("zaak"):
        where.append(S.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    if value := q.get("statustype"):
        where.append(S.statustype_id == url_uuid(request, value, f"{CATALOGI_PREFIX}/statustypen", "statustype", inv))
    laatste = get_bool(request, "indicatieLaatstGezetteStatus", inv)
    if laatste is True:
        where.append(S.id == Zaak.status_id)
    elif laatste is False:
        where.append(or_(Zaak.status_id.is_(None), S.id != Zaak.status_id))
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=status_query(),
        where=where,
        order=[S.datum_status_gezet.desc(), S.aangemaakt.desc(), S.id],
        render=render_statussen,
        expandable=EXPAND,
    )


@router.post("/statussen", name="status_create")
async def status_create(request: Request, principal: Principal = Depends(toevoegen)) -> Response:
    data = await parse_body(request, StatusIn)
    async with unit_of_work(request) as uow:
        _, body = await create_status_rendered(
            uow.session, access.write_ctx(request, principal), data, audit_toelichting(request), typen(request)
        )
    # Rendered from what was written, in the transaction: no read after the commit.
    return detail_response(request, body, status=201, headers={"Location": body["url"]})


@router.api_route("/statussen/{uuid}", methods=["GET", "HEAD"], name="status_read")
async def status_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    return await detail(request, principal, status_query(), S.id, uuid, render_statussen, EXPAND)


register(f"{PREFIX}/{STATUSSEN}", status_query, S.id, render_statussen)
