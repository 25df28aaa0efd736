"""/zaken/{uuid}/termijnen (extension, read-only): the deadlines of a zaak with their whole history.

The standard shows only the current ``opschorting`` and the total ``verlenging``; this resource shows every
suspension and extension, the remaining (working) days and a status, exactly as the deadline service
(:func:`termijnen.termijnen_van`) computes them for the portal and werkplek. Read right ``zaken.lezen`` on the
zaak, judged like the zaak detail (403 otherwise, 404 for an unknown zaak); ETag/304 like every detail.
"""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import Select, bindparam, select
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import not_found, permission_denied
from zaakwerk.core.zgw.http import reader
from zaakwerk.core.zgw.query import check_query
from zaakwerk.core.zgw.responses import detail_response
from zaakwerk.core.zgw.urls import base_url
from zaakwerk.zaken import access, termijnen
from zaakwerk.zaken._context import PREFIX, ZAKEN
from zaakwerk.zaken.models import Zaak

router = APIRouter()
PATH = "/zaken/{uuid}/termijnen"


_ACCESS_COLUMNS: tuple[Any, ...] = (Zaak.zaaktype_id, Zaak.vertrouwelijkheidaanduiding)


@cache
def _zaak_access() -> Select[Any]:
    return select(*_ACCESS_COLUMNS).where(Zaak.id == bindparam("id"))


def render(t: termijnen.Termijnen, zaak_url: str) -> dict[str, Any]:
    """The service's :class:`termijnen.Termijnen` in the API's camelCase (dates as ISO strings by orjson)."""
    return {
        "url": f"{zaak_url}/termijnen",
        "zaak": zaak_url,
        "startdatum": t.startdatum,
        "einddatumGepland": t.einddatum_gepland,
        "uiterlijkeEinddatumAfdoening": t.uiterlijke_einddatum_afdoening,
        "opgeschort": t.opgeschort,
        "opgeschortSinds": t.opgeschort_sinds,
        "opschortingen": [
            {"begin": p.begin, "einde": p.einde, "dagen": p.dagen, "reden": p.reden} for p in t.opschortingen
        ],
        "verlengingen": [{"datum": v.datum, "duur": v.duur, "reden": v.reden} for v in t.verlengingen],
        "totaleVerlenging": t.totale_verlenging,
        "opgeschorteDagen": t.opgeschorte_dagen,
        "resterendeDagen": t.resterende_dagen,
        "resterendeWerkdagen": t.resterende_werkdagen,
        "status": t.status.value,
    }


@router.api_route(PATH, methods=["GET", "HEAD"], name="zaak_termijnen")
async def zaak_termijnen(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, frozenset())
    async with reader(request).connect() as conn:
        row = (await conn.execute(_zaak_access(), {"id": uuid})).first()
        if row is None:
            raise not_found()
        if not access.may(principal, access.LEZEN, row.zaaktype_id, row.vertrouwelijkheidaanduiding):
            raise permission_denied("U heeft geen leesrechten op deze zaak (zaaktype of vertrouwelijkheid).")
        t = await termijnen.termijnen_van(conn, uuid)
    return detail_response(request, render(t, f"{base_url(request)}{PREFIX}/{ZAKEN}/{uuid}"))


# --- served OpenAPI: documented as our extension next to the VNG paths ------------------------------------------

_DATUM = {"type": "string", "format": "date"}
_DATUM_OF_NULL = {"type": "string", "format": "date", "nullable": True}
_GETAL_OF_NULL = {"type": "integer", "nullable": True}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties}


TERMIJNEN_SCHEMA = _object(
    {
        "url": {"type": "string", "format": "uri"},
        "zaak": {"type": "string", "format": "uri"},
        "startdatum": _DATUM,
        "einddatumGepland": _DATUM_OF_NULL,
        "uiterlijkeEinddatumAfdoening": _DATUM_OF_NULL,
        "opgeschort": {"type": "boolean"},
        "opgeschortSinds": _DATUM_OF_NULL,
        "opschortingen": {
            "type": "array",
            "items": _object(
                {"begin": _DATUM, "einde": _DATUM_OF_NULL, "dagen": {"type": "integer"}, "reden": {"type": "string"}}
            ),
        },
        "verlengingen": {
            "type": "array",
            "items": _object({"datum": _DATUM, "duur": {"type": "string"}, "reden": {"type": "string"}}),
        },
        "totaleVerlenging": {"type": "string", "nullable": True},
        "opgeschorteDagen": {"type": "integer"},
        "resterendeDagen": _GETAL_OF_NULL,
        "resterendeWerkdagen": _GETAL_OF_NULL,
        "status": {"type": "string", "enum": [s.value for s in termijnen.TermijnStatus]},
    }
)

_RESPONSES = {code: {"$ref": f"#/components/responses/{code}"} for code in ("401", "403", "404", "406", "500")}
_OPERATION = {
    "tags": ["zaken"],
    "summary": "De termijnen van een ZAAK met alle opschortingen en verlengingen (Zaakwerk-extensie).",
    "parameters": [
        {"in": "path", "name": "uuid", "required": True, "schema": {"type": "string", "format": "uuid"}},
        {"in": "header", "name": "If-None-Match", "schema": {"type": "string"}},
    ],
    "security": [{"JWT-Claims": [access.LEZEN]}],
    "responses": {
        "200": {
            "description": "OK",
            "headers": {"ETag": {"schema": {"type": "string"}}},
            "content": {"application/json": {"schema": TERMIJNEN_SCHEMA}},
        },
        **_RESPONSES,
    },
}
OPENAPI_PATHS: dict[str, Any] = {
    PATH: {
        "x-zaakwerk-extensie": True,
        "get": {"operationId": "zaak_termijnen", **_OPERATION},
        "head": {"operationId": "zaak_termijnen_headers", **_OPERATION},
    }
}
