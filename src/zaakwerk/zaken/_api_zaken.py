"""/zaken: list with every filter of the spec, detail (GET/HEAD) and ``POST /zaken/_zoek``; ``expand`` on all.

Every list applies the client's zaak predicate in SQL, so ``count`` and ``results`` only hold readable zaken; every
expanded object passes the same rule in its loader. A page costs a fixed number of statements: the rows carrying
the exact count, one UNION of the URL lists (``_zoek`` with a geometry: candidates, rows, URL lists). A detail on
PostgreSQL is one statement (the URL lists aggregated into the zaak row).

The hot paths are measured (``benchmarks/``, ``docs/zaken/lezen-snel.md``): statements are built once (per filter
combination for lists, see ``_filters_zaken``) so SQLAlchemy's compiled cache does the rest.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid, not_found, permission_denied
from zaakwerk.core.zgw.body import parse_patch
from zaakwerk.core.zgw.crs import check_accept_crs, check_content_crs
from zaakwerk.core.zgw.expand import expand, parse_expand
from zaakwerk.core.zgw.http import page_size, reader
from zaakwerk.core.zgw.pagination import paginated
from zaakwerk.core.zgw.query import check_query, get_page
from zaakwerk.core.zgw.responses import detail_response, json_response
from zaakwerk.core.zgw.rows import in_ids, native_ids
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import access_columns, read_ctx
from zaakwerk.zaken._filters_zaken import FILTERS, Values, ordering, zaak_filters
from zaakwerk.zaken._read_zaken import (
    ZAAK_FIELDS,
    Z,
    render_zaken,
    render_zaken_embedded,
    zaak_query,
    zaak_query_embedded,
)
from zaakwerk.zaken._telling import count_subquery, telling_subquery
from zaakwerk.zaken._zoek import Polygon, bbox_condition, expand_paths, parse_fields, parse_zoek, project, within

router = APIRouter()

LIST_PARAMS = FILTERS | {"ordering", "expand", "page"}
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
# Group elements of a zaak whose sub-fields ``fields`` may select (zrc-029).
GROUPS = frozenset({"processobject", "verlenging", "opschorting"})
# Zaken carry a geometry: responses name its CRS (WGS84, the only one served).
CRS = {"Content-Crs": "EPSG:4326"}


async def expand_zaken(request: Request, objects: list[dict[str, Any]], raw: str | None) -> None:
    """``expand`` (zrc-026: any depth); an absent single object is ``{}`` (the spec's ``EmptyObject``)."""
    if not raw or not objects:
        return
    await expand(request, objects, raw)
    for obj in objects:
        _empty_objects(obj)


def _empty_objects(obj: dict[str, Any]) -> None:
    embedded = obj.get("_expand")
    if not isinstance(embedded, dict):
        return
    for key, value in embedded.items():
        if value is None:
            embedded[key] = {}
        elif isinstance(value, dict):
            _empty_objects(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _empty_objects(item)


# --- list -----------------------------------------------------------------------------------------------------


@router.get("/zaken", name="zaak_list")
async def zaak_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, LIST_PARAMS)
    check_accept_crs(request, geometry=False)
    inv = Invalid()
    values = Values(request.query_params, inv)
    where = zaak_filters(request, values)
    order = ordering(values)
    inv.raise_if_any()
    raw_expand = request.query_params.get("expand")
    parse_expand(raw_expand, EXPAND)
    page = get_page(request)
    # The conditions are shared per filter (see zaak_filters), so with the ordering they name the statement.
    shape = (*map(id, where), request.query_params.get("ordering"))
    # A rol filter (the zaken of one person or organisation) finds a few zaken: their URL lists come with them.
    few = any(name.startswith("rol__") for name in request.query_params)
    results, count = await _page(request, principal, where, values.params, order, page, shape=shape, few=few)
    await expand_zaken(request, results, raw_expand)
    return json_response(paginated(request, results, count, page, page_size(request)), headers=CRS)


async def _page(
    request: Request,
    principal: Principal,
    where: Sequence[ColumnElement[bool]],
    params: dict[str, Any],
    order: Sequence[Any],
    page: int,
    area: list[Polygon] | None = None,
    shape: tuple[Any, ...] | None = None,
    few: bool = False,
) -> tuple[list[dict[str, Any]], int]:
    """One rendered page of the readable zaken matching ``where`` (bound with ``params``; lying ``within``
    ``area``), and the count. ``shape`` names the statement when ``where`` holds only shared conditions."""
    size = page_size(request)
    conditions = [access.zaak_predicate(principal), *where]
    async with reader(request).connect() as conn:
        if area is None:
            embedded = few and native_ids(conn)
            key = (*shape, "embedded") if shape is not None and embedded else shape
            statement, counted = _page_statement(key, conditions, order, embedded)
            bound = {**params, "_offset": (page - 1) * size, "_limit": size}
            rows, count = await _plain_page(conn, statement, counted, conditions, bound, page, size)
            if embedded:
                return render_zaken_embedded(rows, read_ctx(request)), count
        else:
            rows, count = await _geo_page(conn, conditions, params, order, area, page, size)
        return await render_zaken(conn, rows, read_ctx(request)), count


# Page statements by shape, each with the conditions it was built from: it is used only for the very
# same objects (an id is unique only while its object lives; a predicate rebuilt for other rights is another
# object, and the statement is rebuilt too).
_STATEMENTS: dict[tuple[Any, ...], tuple[list[ColumnElement[bool]], Select[Any], bool]] = {}
_STATEMENTS_MAX = 512


def _page_statement(
    key: tuple[Any, ...] | None, conditions: list[ColumnElement[bool]], order: Sequence[Any], embedded: bool = False
) -> tuple[Select[Any], bool]:
    """The page's rows (offset and limit bound at execution) and whether each carries the exact count as its last
    column. Built once per ``key`` (SQLAlchemy then also keeps its compiled form: no statement building nor cache
    key per request).

    The count rides along (an uncorrelated scalar subquery, evaluated once) only when the count table gives it:
    a sum of a few rows. Any other count is a ``count(*)`` over the zaken, repeating the page's own search; it is
    run on its own and only when the page is full (a BSN query finds a few zaken: their number is the count)."""
    if key is not None:
        cached = _STATEMENTS.get(key)
        if cached is not None and _same(cached[0], conditions):
            return cached[1], cached[2]
    telling = telling_subquery(conditions)
    # zaak_query_embedded (PostgreSQL: each zaak's URL lists as arrays, no second statement) only for a page of a
    # few zaken: for a page of 100 the per-row subqueries cost the database more than the one batched UNION of
    # render_zaken (measured before the covering indexes: list 3.9 → 3.4 ms PostgreSQL CPU with the UNION).
    statement = zaak_query_embedded() if embedded else zaak_query()
    if telling is not None:
        statement = statement.add_columns(telling.label("_count"))
    statement = statement.where(*conditions).order_by(*order).offset(bindparam("_offset")).limit(bindparam("_limit"))
    if key is not None:
        if len(_STATEMENTS) >= _STATEMENTS_MAX:
            _STATEMENTS.clear()
        _STATEMENTS[key] = (conditions, statement, telling is not None)
    return statement, telling is not None


def _same(built: list[ColumnElement[bool]], conditions: list[ColumnElement[bool]]) -> bool:
    return len(built) == len(conditions) and all(a is b for a, b in zip(built, conditions, strict=True))


async def _plain_page(
    conn: AsyncConnection,
    statement: Select[Any],
    counted: bool,
    conditions: list[ColumnElement[bool]],
    params: dict[str, Any],
    page: int,
    size: int,
) -> tuple[list[Any], int]:
    rows = (await conn.execute(statement, params)).all()
    if rows and counted:
        return list(rows), int(rows[0][-1])
    if 0 < len(rows) < size or (not rows and page == 1):
        # The last page: everything before it was full.
        return list(rows), (page - 1) * size + len(rows)
    return list(rows), int((await conn.execute(select(count_subquery(conditions)), params)).scalar_one())


@cache
def _rows_by_id(native: bool) -> Select[Any]:
    return zaak_query().where(in_ids(Z.id, native))


async def _geo_page(
    conn: AsyncConnection,
    conditions: list[ColumnElement[bool]],
    params: dict[str, Any],
    order: Sequence[Any],
    area: list[Polygon],
    page: int,
    size: int,
) -> tuple[list[Any], int]:
    """The bounding-box candidates in order, tested exactly, THEN paged: count and pages are exact."""
    candidates = await conn.execute(
        select(Z.id, Z.zaakgeometrie).where(*conditions, bbox_condition(area)).order_by(*order), params
    )
    ids = [c.id for c in candidates if c.zaakgeometrie is not None and within(c.zaakgeometrie, area)]
    wanted = ids[(page - 1) * size : page * size]
    if not wanted:
        return [], len(ids)
    rows = {r.id: r for r in await conn.execute(_rows_by_id(native_ids(conn)), {"ids": wanted})}
    return [rows[i] for i in wanted if i in rows], len(ids)


# --- _zoek ----------------------------------------------------------------------------------------------------


@router.post("/zaken/_zoek", name="zaak_zoek")
async def zaak_zoek(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    """``ZaakZoek``: the list filters in a body, plus ``uuid__in``, ``zaaktype__in``, ``zaakgeometrie`` and
    ``fields`` (zrc-029)."""
    check_query(request, frozenset({"page", "expand"}))
    body = await parse_patch(request)
    inv = Invalid()
    zoek = parse_zoek(request, body, inv)
    order = ordering(Values(body, inv))
    raw_expand = request.query_params.get("expand") or zoek.expand
    spec = None
    if zoek.fields is not None:
        if request.query_params.get("expand"):
            inv.add("fields", "mutually-exclusive", "Gebruik fields óf expand, niet allebei.")
        spec = parse_fields(zoek.fields, ZAAK_FIELDS, EXPAND, GROUPS, inv)
    inv.raise_if_any()
    if zoek.area is not None:
        check_content_crs(request, geometry=True)
    check_accept_crs(request, geometry=zoek.area is not None)
    if spec is not None:
        raw_expand = ",".join(expand_paths(spec, GROUPS)) or None
    parse_expand(raw_expand, EXPAND)
    page = get_page(request)
    results, count = await _page(request, principal, zoek.where, zoek.params, order, page, zoek.area)
    await expand_zaken(request, results, raw_expand)
    if spec is not None:
        results = [project(r, spec, GROUPS) for r in results]
    return json_response(paginated(request, results, count, page, page_size(request)), headers=CRS)


# --- detail ---------------------------------------------------------------------------------------------------


@cache
def _detail_statement(native: bool) -> Select[Any]:
    query = zaak_query_embedded() if native else zaak_query()
    return query.add_columns(*access_columns()).where(Z.id == bindparam("id"))


@router.api_route("/zaken/{uuid}", methods=["GET", "HEAD"], name="zaak_read")
async def zaak_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, frozenset({"expand"}))
    check_accept_crs(request, geometry=False)
    raw_expand = request.query_params.get("expand")
    parse_expand(raw_expand, EXPAND)
    async with reader(request).connect() as conn:
        native = native_ids(conn)
        row = (await conn.execute(_detail_statement(native), {"id": uuid})).first()
        if row is None:
            raise not_found()
        if not access.may(principal, access.LEZEN, row._zaaktype_id, row._vertrouwelijkheid):
            raise permission_denied("U heeft geen leesrechten op deze zaak (zaaktype of vertrouwelijkheid).")
        if native:
            data = render_zaken_embedded([row], read_ctx(request))[0]
        else:
            data = (await render_zaken(conn, [row], read_ctx(request)))[0]
    await expand_zaken(request, [data], raw_expand)
    return detail_response(request, data, headers=CRS)
