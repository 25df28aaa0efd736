"""The routes of /zaakcontactmomenten and /zaakverzoeken: list (not paginated), create, detail and delete of a URL
stored on a zaak (zrc-024/zrc-025, see ``_service_koppelingen``). Both resources have the same shape, so one
factory builds their routers."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.zgw.body import parse_body
from zaakwerk.core.zgw.http import unit_of_work
from zaakwerk.core.zgw.responses import no_content
from zaakwerk.zaken import access
from zaakwerk.zaken._api_common import access_columns, detail, list_response, start_query, written, zaken_url_uuid
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken._read_overig import Render
from zaakwerk.zaken.models import ZaakContactMoment, ZaakVerzoek

AUDIT_TOELICHTING = "X-Audit-Toelichting"


def link_router(
    *,
    collection: str,
    name: str,
    field: str,
    model: type[ZaakContactMoment] | type[ZaakVerzoek],
    schema: type[BaseModel],
    query: Callable[[], Select[Any]],
    render: Render,
    create: Callable[[AsyncSession, Ctx, Any, str], Awaitable[ZaakContactMoment | ZaakVerzoek]],
    delete: Callable[[AsyncSession, Ctx, uuid.UUID, str], Awaitable[None]],
) -> APIRouter:
    """``collection`` is the path segment, ``name`` the route-name prefix, ``field`` the stored URL's attribute
    (also its query parameter)."""
    router = APIRouter()
    params = frozenset({"zaak", field})
    url_column = getattr(model, field)

    @router.get(f"/{collection}", name=f"{name}_list")
    async def link_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
        inv = start_query(request, params)
        where: list[ColumnElement[bool]] = []
        if value := request.query_params.get("zaak"):
            where.append(model.zaak_id == zaken_url_uuid(request, value, ZAKEN, "zaak", inv))
        if value := request.query_params.get(field):
            where.append(url_column == value)
        inv.raise_if_any()
        return await list_response(
            request,
            principal,
            query=query(),
            where=where,
            order=[model.zaak_id, url_column, model.id],
            render=render,
            paginate=False,
        )

    @router.post(f"/{collection}", name=f"{name}_create")
    async def link_create(request: Request, principal: Principal = Depends(access.bijwerken)) -> Response:
        data = await parse_body(request, schema)
        async with unit_of_work(request) as uow:
            obj = await create(
                uow.session, access.write_ctx(request, principal), data, request.headers.get(AUDIT_TOELICHTING, "")
            )
        return await written(request, query(), model.id, obj.id, render, 201)

    @router.get(f"/{collection}/{{uuid}}", name=f"{name}_retrieve")
    async def link_retrieve(
        request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
    ) -> Response:
        return await detail(request, principal, query().add_columns(*access_columns()), model.id, uuid, render)

    @router.delete(f"/{collection}/{{uuid}}", name=f"{name}_destroy")
    async def link_destroy(
        request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.bijwerken)
    ) -> Response:
        async with unit_of_work(request) as uow:
            await delete(
                uow.session, access.write_ctx(request, principal), uuid, request.headers.get(AUDIT_TOELICHTING, "")
            )
        return no_content()

    return router
