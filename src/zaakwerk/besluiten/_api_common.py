"""HTTP plumbing shared by the Besluiten endpoints: list/detail rendering under the besluit access rule, expand.

Every query of this API selects from (or joins) :class:`Besluit` and labels its besluittype ``_besluittype_id``:
lists add :func:`access.besluit_predicate`, details refuse (403) what that predicate would not list, and expand
loaders apply the same predicate, so an expanded object never shows what a direct GET would refuse.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select
from sqlalchemy.ext.asyncio import AsyncConnection
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.besluiten import access
from zaakwerk.besluiten._read import ReadCtx
from zaakwerk.core.errors import Invalid, not_found, permission_denied
from zaakwerk.core.zgw.expand import expand, parse_expand, register_loader
from zaakwerk.core.zgw.http import page_size, reader
from zaakwerk.core.zgw.pagination import paginated
from zaakwerk.core.zgw.query import check_query, get_page
from zaakwerk.core.zgw.responses import detail_response, json_response
from zaakwerk.core.zgw.rows import page_rows
from zaakwerk.core.zgw.urls import base_url, local_uuid

Render = Callable[[AsyncConnection, Sequence[Any], ReadCtx], Awaitable[list[dict[str, Any]]]]

AUDIT_TOELICHTING = "X-Audit-Toelichting"


def read_ctx(request: Request) -> ReadCtx:
    return ReadCtx(base_url(request))


def url_uuid(request: Request, value: str, path: str, name: str, inv: Invalid) -> uuid.UUID | None:
    """A filter value that must be a URL of one of our resources under ``path``. A URL elsewhere matches
    nothing here, but a value that is no URL at all is a 400 naming the filter."""
    id_ = local_uuid(request, value, path)
    if id_ is None and not value.startswith(("http://", "https://")):
        inv.add(name, "invalid", f"'{value}' is geen geldige URL voor dit filter.")
    return id_


def start_query(request: Request, params: frozenset[str]) -> Invalid:
    """Refuse unknown parameters first; the returned collector gathers the invalid filter values."""
    check_query(request, params)
    return Invalid()


async def list_response(
    request: Request,
    principal: Principal,
    *,
    query: Select[Any],
    where: Sequence[ColumnElement[bool]],
    order: Sequence[Any],
    render: Render,
    expandable: frozenset[str] = frozenset(),
    paginate: bool = True,
) -> Response:
    raw_expand = request.query_params.get("expand")
    parse_expand(raw_expand, expandable)
    query = query.where(access.besluit_predicate(principal), *where)
    async with reader(request).connect() as conn:
        if paginate:
            page, size = get_page(request), page_size(request)
            rows, count = await page_rows(conn, query, order, page, size)
        else:
            rows = list((await conn.execute(query.order_by(*order))).all())
        results = await render(conn, rows, read_ctx(request))
    await expand(request, results, raw_expand)
    if not paginate:
        return json_response(results)
    return json_response(paginated(request, results, count, page, size))


async def detail_row(
    request: Request, principal: Principal | None, query: Select[Any], id_column: Any, id_: uuid.UUID, render: Render
) -> dict[str, Any]:
    """One resource rendered; ``principal`` ``None``: no check (a write's response, already checked)."""
    async with reader(request).connect() as conn:
        row = (await conn.execute(query.where(id_column == id_))).first()
        if row is None:
            raise not_found()
        if principal is not None and not access.may(principal, access.LEZEN, row._besluittype_id):
            raise permission_denied("U heeft geen leesrechten op het besluittype van dit besluit.")
        return (await render(conn, [row], read_ctx(request)))[0]


async def detail(
    request: Request,
    principal: Principal,
    query: Select[Any],
    id_column: Any,
    id_: uuid.UUID,
    render: Render,
    expandable: frozenset[str] = frozenset(),
) -> Response:
    check_query(request, frozenset({"expand"}) if expandable else frozenset())
    raw_expand = request.query_params.get("expand")
    parse_expand(raw_expand, expandable)
    data = await detail_row(request, principal, query, id_column, id_, render)
    await expand(request, [data], raw_expand)
    return detail_response(request, data)


async def written(
    request: Request, query: Select[Any], id_column: Any, id_: uuid.UUID, render: Render, status: int = 200
) -> Response:
    """The response to a write: the resource as a GET would show it (read after the commit)."""
    data = await detail_row(request, None, query, id_column, id_, render)
    headers = {"Location": data["url"]} if status == 201 else None
    return detail_response(request, data, status=status, headers=headers)


def register(path: str, query: Callable[[], Select[Any]], id_column: Any, render: Render) -> None:
    """The expand loader of the collection at ``path`` (e.g. ``/besluiten/api/v1/besluiten``), under the same
    predicate as the list."""

    async def loader(request: Request, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
        principal = access.request_principal(request)
        if principal is None:
            return {}
        async with reader(request).connect() as conn:
            rows = (await conn.execute(query().where(id_column.in_(ids), access.besluit_predicate(principal)))).all()
            rendered = await render(conn, rows, read_ctx(request))
        return {row.id: data for row, data in zip(rows, rendered, strict=True)}

    register_loader(path, loader)
