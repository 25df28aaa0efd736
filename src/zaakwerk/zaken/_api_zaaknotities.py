"""/zaaknotities (experimental in Zaken API 1.7): list with every filter of the spec, create, detail, update and
delete. The rules are in ``_service_notities``."""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.body import parse_body, parse_patch
from zaakwerk.core.zgw.http import page_size, reader, unit_of_work
from zaakwerk.core.zgw.pagination import paginated
from zaakwerk.core.zgw.query import get_choice, get_datetime, get_page
from zaakwerk.core.zgw.responses import json_response, no_content
from zaakwerk.core.zgw.rows import page_rows
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import access_columns, detail, read_ctx, start_query, written, zaken_url_uuid
from zaakwerk.zaken._context import ZAKEN
from zaakwerk.zaken._read_overig import ZN, render_zaaknotities, zaaknotitie_query
from zaakwerk.zaken._schemas_overig import NotitieStatus, NotitieType, ZaakNotitieIn
from zaakwerk.zaken._service_notities import (
    create_zaaknotitie,
    delete_zaaknotitie,
    patch_zaaknotitie,
    update_zaaknotitie,
)

router = APIRouter()

AUDIT_TOELICHTING = "X-Audit-Toelichting"
_TEXT = (("aangemaaktDoor", ZN.aangemaakt_door), ("onderwerp", ZN.onderwerp), ("tekst", ZN.tekst))
_MOMENTS = (("aanmaakdatum", ZN.aanmaakdatum), ("wijzigingsdatum", ZN.wijzigingsdatum))
_COMPARE: tuple[tuple[str, Callable[[Any, Any], Any]], ...] = (
    ("", operator.eq),
    ("__gt", operator.gt),
    ("__gte", operator.ge),
    ("__lt", operator.lt),
    ("__lte", operator.le),
)
LIST_PARAMS = frozenset(
    {"gerelateerdAan", "notitieType", "status", "page", "pageSize"}
    | {name + suffix for name, _ in _TEXT for suffix in ("", "__icontains")}
    | {name + suffix for name, _ in _MOMENTS for suffix, _ in _COMPARE}
)


def _filters(request: Request, inv: Invalid) -> list[ColumnElement[bool]]:
    params = request.query_params
    where: list[ColumnElement[bool]] = []
    for name, column in _TEXT:
        if (value := params.get(name)) is not None and value != "":
            where.append(column == value)
        if value := params.get(f"{name}__icontains"):
            where.append(column.icontains(value, autoescape=True))
    for name, moment_column in _MOMENTS:
        for suffix, compare in _COMPARE:
            moment = get_datetime(request, name + suffix, inv)
            if moment is not None:
                # SQLite keeps timestamps as UTC text without offset: compare in UTC on both engines.
                where.append(compare(moment_column, moment.astimezone(dt.UTC)))
    if value := params.get("gerelateerdAan"):
        where.append(ZN.zaak_id == zaken_url_uuid(request, value, ZAKEN, "gerelateerdAan", inv))
    if choice := get_choice(request, "notitieType", [t.value for t in NotitieType], inv):
        where.append(ZN.notitie_type == choice)
    if choice := get_choice(request, "status", [s.value for s in NotitieStatus], inv):
        where.append(ZN.status == choice)
    return where


def _page_size(request: Request, inv: Invalid) -> int:
    """``pageSize`` from 1 up to the installation's page size (larger values are capped to it)."""
    maximum = page_size(request)
    raw = request.query_params.get("pageSize")
    if raw is None or raw == "":
        return maximum
    if not raw.isdigit() or int(raw) < 1:
        inv.add("pageSize", "invalid", "Een geldig aantal per pagina is vereist (1 of hoger).")
        return maximum
    return min(int(raw), maximum)


@router.get("/zaaknotities", name="zaaknotitie_list")
async def zaaknotitie_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    inv = start_query(request, LIST_PARAMS)
    where = _filters(request, inv)
    size = _page_size(request, inv)
    inv.raise_if_any()
    page = get_page(request)
    query = zaaknotitie_query().where(access.zaak_predicate(principal), *where)
    async with reader(request).connect() as conn:
        rows, count = await page_rows(conn, query, [ZN.aanmaakdatum.desc(), ZN.id], page, size)
        results = await render_zaaknotities(conn, rows, read_ctx(request))
    return json_response(paginated(request, results, count, page, size))


@router.post("/zaaknotities", name="zaaknotitie_create")
async def zaaknotitie_create(request: Request, principal: Principal = Depends(access.bijwerken)) -> Response:
    data = await parse_body(request, ZaakNotitieIn)
    async with unit_of_work(request) as uow:
        obj = await create_zaaknotitie(
            uow.session, access.write_ctx(request, principal), data, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaaknotitie_query(), ZN.id, obj.id, render_zaaknotities, 201)


@router.get("/zaaknotities/{uuid}", name="zaaknotitie_read")
async def zaaknotitie_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    query = zaaknotitie_query().add_columns(*access_columns())
    return await detail(request, principal, query, ZN.id, uuid, render_zaaknotities)


@router.put("/zaaknotities/{uuid}", name="zaaknotitie_update")
async def zaaknotitie_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    data = await parse_body(request, ZaakNotitieIn)
    async with unit_of_work(request) as uow:
        await update_zaaknotitie(
            uow.session, access.write_ctx(request, principal), uuid, data, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaaknotitie_query(), ZN.id, uuid, render_zaaknotities)


@router.patch("/zaaknotities/{uuid}", name="zaaknotitie_partial_update")
async def zaaknotitie_partial_update(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    body = await parse_patch(request)
    async with unit_of_work(request) as uow:
        await patch_zaaknotitie(
            uow.session, access.write_ctx(request, principal), uuid, body, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return await written(request, zaaknotitie_query(), ZN.id, uuid, render_zaaknotities)


@router.delete("/zaaknotities/{uuid}", name="zaaknotitie_delete")
async def zaaknotitie_delete(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
) -> Response:
    async with unit_of_work(request) as uow:
        await delete_zaaknotitie(
            uow.session, access.write_ctx(request, principal), uuid, request.headers.get(AUDIT_TOELICHTING, "")
        )
    return no_content()
