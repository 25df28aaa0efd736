"""/zaken: create, update, partial update, delete; /zaaknummer_reserveren.

Geometry: a body with ``zaakgeometrie`` needs ``Content-Crs: EPSG:4326`` (412 without, 415 for another CRS); an
``Accept-Crs`` other than EPSG:4326 is refused (406). Zaak responses always say ``Content-Crs: EPSG:4326``.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.crs import SUPPORTED_CRS, check_accept_crs, check_content_crs
from zaakwerk.core.zgw.http import one_statement_unit_of_work, unit_of_work
from zaakwerk.core.zgw.responses import detail_response, json_response, no_content
from zaakwerk.zaken import access, service
from zaakwerk.zaken._api_common import written
from zaakwerk.zaken._identificatie_voorraad import IdentificatieBezet, Voorraad
from zaakwerk.zaken._read_zaken import Z, render_zaken, zaak_query
from zaakwerk.zaken._typen import typen
from zaakwerk.zaken.schemas import ReserveZaakIdentificatieIn, ZaakIn

router = APIRouter()


def _crs(request: Request, geometry: bool) -> None:
    check_content_crs(request, geometry=geometry)
    check_accept_crs(request, geometry=False)


def _toelichting(request: Request) -> str:
    """X-Audit-Toelichting: why the client made this change, kept in the audit trail."""
    return request.headers.get("x-audit-toelichting", "")[:1000]


async def _zaak_response(request: Request, id_: uuid.UUID, status: int = 200) -> Response:
    response = await written(request, zaak_query(), Z.id, id_, render_zaken, status)
    response.headers["Content-Crs"] = SUPPORTED_CRS
    return response


@router.post("/zaken", name="zaak_create")
async def zaak_create(request: Request, principal: Principal = Depends(access.aanmaken)) -> Response:
    data = await parse_body(request, ZaakIn)
    _crs(request, data.zaakgeometrie is not None)
    ctx, supply = access.write_ctx(request, principal), voorraad(request)
    # A zaak with a generated identificatie and no opschorting or verlenging is written in one statement (zaak,
    # identificatie record, audit trail, outbox); the others claim a reserved number or run the deadline service.
    one = not data.identificatie and data.opschorting is None and data.verlenging is None and supply is not None
    for poging in range(_POGINGEN):
        try:
            async with one_statement_unit_of_work(request) if one else unit_of_work(request) as uow:
                _, body = await service.create_zaak_rendered(
                    uow.session, ctx, data, toelichting=_toelichting(request), typen=typen(request), voorraad=supply
                )
            break
        except IdentificatieBezet:
            # A client took this generated number by hand a moment ago; the next number is free (rolled back).
            if poging == _POGINGEN - 1:
                raise
    # The body was rendered from what was written, in the transaction: no read after the commit.
    response = detail_response(request, body, status=201, headers={"Location": body["url"]})
    response.headers["Content-Crs"] = SUPPORTED_CRS
    return response


_POGINGEN = 3


def voorraad(request: Request) -> Voorraad | None:
    """The app's supply of zaak volgnummers (PostgreSQL; on SQLite the create takes its number itself)."""
    found: Voorraad | None = getattr(request.app.state, "zaken_voorraad", None)
    db = request.app.state.db
    if found is None and not db.is_sqlite:
        found = Voorraad(db.writer, request.app.state.settings.zaak_identificatie_voorraad)
        request.app.state.zaken_voorraad = found
    return found


@router.put("/zaken/{uuid}", name="zaak_update")
async def zaak_update(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)) -> Response:
    data = await parse_body(request, ZaakIn)
    _crs(request, data.zaakgeometrie is not None)
    async with unit_of_work(request) as uow:
        await service.update_zaak(
            uow.session, access.write_ctx(request, principal), uuid, data, toelichting=_toelichting(request)
        )
    return await _zaak_response(request, uuid)


@router.patch("/zaken/{uuid}", name="zaak_partial_update")
async def zaak_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    patch = await parse_patch(request)
    _crs(request, patch.get("zaakgeometrie") is not None)
    async with unit_of_work(request) as uow:
        await service.patch_zaak(
            uow.session, access.write_ctx(request, principal), uuid, patch, toelichting=_toelichting(request)
        )
    return await _zaak_response(request, uuid)


@router.delete("/zaken/{uuid}", name="zaak_destroy")
async def zaak_destroy(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.verwijderen)
) -> Response:
    async with unit_of_work(request) as uow:
        await service.delete_zaak(
            uow.session, access.write_ctx(request, principal), uuid, toelichting=_toelichting(request)
        )
    return no_content()


@router.post("/zaaknummer_reserveren", name="zaaknummer_reserveren")
async def zaaknummer_reserveren(request: Request, principal: Principal = Depends(access.aanmaken)) -> Response:
    """One object for ``aantal`` 1 (or absent), a list otherwise, as the operation's description says (the spec's
    response schema shows only the list)."""
    data = await parse_body(request, ReserveZaakIdentificatieIn)
    async with unit_of_work(request) as uow:
        nummers = await service.reserveer_identificaties(
            uow.session, access.write_ctx(request, principal).settings, data.bronorganisatie, data.aantal
        )
    body = [{"zaaknummer": n} for n in nummers]
    return json_response(body[0] if data.aantal == 1 else body, status=201)
