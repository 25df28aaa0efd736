"""/rollen: list (every filter of the spec), create, detail (GET/HEAD) and delete; the spec has no update."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.body import parse_body
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.query import get_choice
from zaakwerk.core.zgw.responses import no_content
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import (
    detail,
    list_response,
    register,
    start_query,
    url_uuid,
    written,
    zaken_url_uuid,
)
from zaakwerk.zaken._context import CATALOGI_PREFIX, PREFIX, ROLLEN, ZAKEN
from zaakwerk.zaken._read_rollen import render_rollen, rol_query
from zaakwerk.zaken._schemas_rollen import BetrokkeneType, RolIn
from zaakwerk.zaken._service_rollen import create_rol, delete_rol
from zaakwerk.zaken.models import Rol

router = APIRouter()

OMSCHRIJVING_GENERIEK = (
    "adviseur",
    "behandelaar",
    "belanghebbende",
    "beslisser",
    "initiator",
    "klantcontacter",
    "zaakcoordinator",
    "mede_initiator",
)
# Query parameter → search column (copied from betrokkeneIdentificatie by the service).
IDENTIFICATIE_FILTERS = {
    "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": Rol.inp_bsn,
    "betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie": Rol.anp_identificatie,
    "betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer": Rol.inp_a_nummer,
    "betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId": Rol.inn_nnp_id,
    "betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie": Rol.ann_identificatie,
    "betrokkeneIdentificatie__vestiging__vestigingsNummer": Rol.vestigings_nummer,
    "betrokkeneIdentificatie__organisatorischeEenheid__identificatie": Rol.organisatorische_eenheid_identificatie,
    "betrokkeneIdentificatie__medewerker__identificatie": Rol.medewerker_identificatie,
}
LIST_PARAMS = frozenset(
    {"zaak", "betrokkene", "betrokkeneType", "roltype", "omschrijving", "omschrijvingGeneriek", "page", "expand"}
    | IDENTIFICATIE_FILTERS.keys()
)
EXPAND = frozenset({"zaak", "betrokkene", "roltype", "statussen"})


def _filters(request: Request, inv: Invalid) -> list[ColumnElement[bool]]:
    q = request.query_params
    where: list[ColumnElement[bool]] = []
    if value := q.get("zaak"):
        where.append(Rol.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
    if value := q.get("betrokkene"):
        where.append(Rol.betrokkene == value)
    if value := get_choice(request, "betrokkeneType", [t.value for t in BetrokkeneType], inv):
        where.append(Rol.betrokkene_type == value)
    for name, column in IDENTIFICATIE_FILTERS.items():
        if value := q.get(name):
            where.append(column == value)
    if value := q.get("roltype"):
        where.append(Rol.roltype_id == url_uuid(request, value, f"{CATALOGI_PREFIX}/roltypen", "roltype", inv))
    if value := q.get("omschrijving"):
        where.append(Rol.omschrijving == value)
    if value := get_choice(request, "omschrijvingGeneriek", OMSCHRIJVING_GENERIEK, inv):
        where.append(Rol.omschrijving_generiek == value)
    return where


@router.get("/rollen", name="rol_list")
async def rol_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = _filters(request, inv)
    inv.raise_if_any()
    return await list_response(
        request,
        principal,
        query=rol_query(),
        where=where,
        order=[Rol.registratiedatum, Rol.id],
        render=render_rollen,
        expandable=EXPAND,
    )


@router.post("/rollen", name="rol_create")
async def rol_create(request: Request, principal: Principal = Depends(access.bijwerken)) -> Response:
    data = await parse_body(request, RolIn)
    async with unit_of_work(request) as uow:
        rol = await create_rol(uow.session, access.write_ctx(request, principal), data)
    return await written(request, rol_query(), Rol.id, rol.id, render_rollen, 201)


@router.api_route("/rollen/{uuid}", methods=["GET", "HEAD"], name="rol_read")
async def rol_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    return await detail(request, principal, rol_query(), Rol.id, uuid, render_rollen, EXPAND)


@router.delete("/rollen/{uuid}", name="rol_destroy")
async def rol_destroy(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)) -> Response:
    async with unit_of_work(request) as uow:
        await delete_rol(uow.session, access.write_ctx(request, principal), uuid)
    return no_content()


register(f"{PREFIX}/{ROLLEN}", rol_query, Rol.id, render_rollen)
