"""/zaken: list and detail (GET/HEAD) of zaken."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import access_columns, detail, list_response, start_query
from zaakwerk.zaken._read_zaken import Z, render_zaken, zaak_query

router = APIRouter()

LIST_PARAMS = frozenset({"page", "expand"})
EXPAND = frozenset(
    {
        "zaaktype",
        "hoofdzaak",
        "deelzaken",
        "relevanteAndereZaken",
        "eigenschappen",
        "rollen",
        "status",
        "zaakinformatieobjecten",
        "zaakobjecten",
        "resultaat",
    }
)


@router.get("/zaken", name="zaak_list")
async def zaak_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=zaak_query(),
        where=[],
        order=[Z.startdatum.desc(), Z.id],
        render=render_zaken,
        expandable=EXPAND,
    )


@router.api_route("/zaken/{uuid}", methods=["GET", "HEAD"], name="zaak_read")
async def zaak_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    return await detail(
        request, principal, zaak_query().add_columns(*access_columns()), Z.id, uuid, render_zaken, EXPAND
    )
