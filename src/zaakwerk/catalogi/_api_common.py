"""HTTP plumbing shared by the Catalogi endpoints: list/detail rendering, expand, write responses."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.catalogi._context import PREFIX
from zaakwerk.catalogi._read_common import ReadCtx, page_rows
from zaakwerk.catalogi.access import can_read, read_predicate, request_principal
from zaakwerk.core.errors import Invalid, not_found
from zaakwerk.core.zgw.expand import expand, parse_expand, register_loader
from zaakwerk.core.zgw.http import page_size, reader
from zaakwerk.core.zgw.pagination import paginated
from zaakwerk.core.zgw.query import check_query, get_page
from zaakwerk.core.zgw.responses import detail_response, json_response
from zaakwerk.core.zgw.urls import base_url, local_uuid

M = TypeVar("M", bound=BaseModel)
Render = Callable[[AsyncConnection, Sequence[Any], ReadCtx], Awaitable[list[dict[str, Any]]]]

# Single-valued expand fields: a missing target is rendered as {} (the spec's EmptyObject), never null.
_SINGLE = frozenset({"catalogus", "zaaktype", "statustype", "informatieobjecttype"})


def read_ctx(request: Request, date: dt.date | None = None) -> ReadCtx:
    return ReadCtx.for_base_url(base_url(request), date)


def url_uuid(request: Request, value: str, collection: str, name: str, inv: Invalid) -> uuid.UUID | None:
    """A filter value that must be a URL of one of our ``collection`` resources (400 on ``name`` if not)."""
    id_ = local_uuid(request, value, f"{PREFIX}/{collection}")
    if id_ is None:
        inv.add(name, "invalid", f"'{value}' is geen geldige URL voor dit filter.")
    return id_


async def list_response(
    request: Request,
    principal: Principal,
    *,
    query: Select[Any],
    where: Sequence[ColumnElement[bool]],
    order: Sequence[Any],
    render: Render,
    date: dt.date | None,
    expandable: frozenset[str],
) -> Response:
    page = get_page(request)
    raw_expand = request.query_params.get("expand")
    parse_expand(raw_expand, expandable)
    query = query.where(read_predicate(principal), *where)
    size = page_size(request)
    async with reader(request).connect() as conn:
        rows, count = await page_rows(conn, query, order, page, size)
        results = await render(conn, rows, read_ctx(request, date))
    await expand_objects(request, results, raw_expand)
    return json_response(paginated(request, results, count, page, size))


async def detail_row(
    request: Request, query: Select[Any], model: Any, id_: uuid.UUID, render: Render, date: dt.date | None = None
) -> dict[str, Any]:
    async with reader(request).connect() as conn:
        row = (await conn.execute(query.where(model.id == id_))).first()
        if row is None:
            raise not_found()
        return (await render(conn, [row], read_ctx(request, date)))[0]


async def detail(
    request: Request,
    query: Select[Any],
    model: Any,
    id_: uuid.UUID,
    render: Render,
    expandable: frozenset[str],
    *,
    date: dt.date | None = None,
    params: frozenset[str] = frozenset(),
) -> Response:
    check_query(request, params | {"expand"})
    raw_expand = request.query_params.get("expand")
    parse_expand(raw_expand, expandable)
    data = await detail_row(request, query, model, id_, render, date)
    await expand_objects(request, [data], raw_expand)
    return detail_response(request, data)


async def written(
    request: Request, query: Select[Any], model: Any, id_: uuid.UUID, render: Render, status: int = 200
) -> Response:
    """The response to a write: the resource as a GET would show it (read after the commit)."""
    data = await detail_row(request, query, model, id_, render)
    headers = {"Location": data["url"]} if status == 201 else None
    return detail_response(request, data, status=status, headers=headers)


async def expand_objects(request: Request, objects: list[dict[str, Any]], raw: str | None) -> None:
    if not raw or not objects:
        return
    paths = [p.strip() for p in raw.split(",") if p.strip()]
    # gerelateerdeZaaktypen holds objects ({zaaktype, aardRelatie, ...}); the shared expand follows plain URLs,
    # so that field is expanded through stand-ins holding just the URLs.
    related = [p for p in paths if p.split(".")[0] == "gerelateerdeZaaktypen"]
    rest = [p for p in paths if p not in related]
    if rest:
        await expand(request, objects, ",".join(rest))
    if related:
        stand_ins: list[dict[str, Any]] = [
            {"gerelateerdeZaaktypen": [r["zaaktype"] for r in o.get("gerelateerdeZaaktypen", [])]} for o in objects
        ]
        await expand(request, stand_ins, ",".join(related))
        for obj, stand_in in zip(objects, stand_ins, strict=True):
            embedded: dict[str, Any] = stand_in["_expand"]
            obj.setdefault("_expand", {})["gerelateerdeZaaktypen"] = embedded["gerelateerdeZaaktypen"]
    for obj in objects:
        _empty_objects(obj)


def _empty_objects(obj: dict[str, Any]) -> None:
    embedded = obj.get("_expand")
    if not isinstance(embedded, dict):
        return
    for key, value in embedded.items():
        if value is None and key in _SINGLE:
            embedded[key] = {}
        elif isinstance(value, dict):
            _empty_objects(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _empty_objects(item)


def register(collection: str, query: Callable[[], Select[Any]], model: Any, render: Render) -> None:
    """The expand loader of one collection; it applies the same read check as the endpoints."""

    async def loader(request: Request, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        principal = request_principal(request)
        if principal is None or not can_read(principal):
            return {}
        async with reader(request).connect() as conn:
            rows = (await conn.execute(query().where(model.id.in_(ids), read_predicate(principal)))).all()
            rendered = await render(conn, rows, read_ctx(request))
        return {row.id: data for row, data in zip(rows, rendered, strict=True)}

    register_loader(f"{PREFIX}/{collection}", loader)


def start_query(request: Request, params: frozenset[str]) -> Invalid:
    """Refuse unknown parameters first; the returned collector gathers the invalid filter values."""
    check_query(request, params)
    return Invalid()
