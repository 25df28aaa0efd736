"""Autorisaties API 1.1.0 at /autorisaties/api/v1.

Handlers parse and render only: rules live in ``service``, reads in ``_queries``. Authentication runs before the
body is read, so a client without a valid token learns nothing about what a valid body looks like.

``GET /applicaties/consumer`` answers with one applicatie object, as the reference implementation and Open Zaak do
and as every client in the ecosystem reads it; the 1.1.0 spec file declares an array there (a known spec error,
open-zaak/open-zaak#1719).
"""

from __future__ import annotations

import uuid
from typing import TypeVar

import orjson
from fastapi import Depends
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.autorisaties import _queries as queries
from zaakwerk.autorisaties import service
from zaakwerk.autorisaties.auth import require, start_authenticator, stop_authenticator
from zaakwerk.autorisaties.schemas import ApplicatieIn, ApplicatiePatch, null_fields
from zaakwerk.core.errors import Invalid, ZGWError, not_found, validation_error
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.component import Component
from zaakwerk.core.zgw.http import page_size, reader, unit_of_work
from zaakwerk.core.zgw.pagination import page_bounds, paginated
from zaakwerk.core.zgw.query import check_query, get_list, get_page
from zaakwerk.core.zgw.responses import detail_response, json_response, no_content
from zaakwerk.core.zgw.urls import base_url

component = Component("autorisaties", "/autorisaties/api/v1", "1.1.0", "autorisaties-api-1.1.0.yaml")
component.on_startup.append(start_authenticator)
component.on_shutdown.append(stop_authenticator)

SCOPE_LEZEN = "autorisaties.lezen"
SCOPE_BIJWERKEN = "autorisaties.bijwerken"
LEZEN = [Depends(require("ac", SCOPE_LEZEN))]
BIJWERKEN = [Depends(require("ac", SCOPE_BIJWERKEN))]

M = TypeVar("M", bound=BaseModel)

router = component.router


@router.get("/applicaties", dependencies=LEZEN)
async def applicatie_list(request: Request) -> Response:
    check_query(request, {"clientIds", "page"})
    page = get_page(request)
    client_ids = get_list(request, "clientIds")
    offset, limit = page_bounds(page, page_size(request))
    async with reader(request).connect() as conn:
        count, results = await queries.list_page(
            conn, base_url(request), client_ids=client_ids, offset=offset, limit=limit
        )
    return json_response(paginated(request, results, count, page, limit))


@router.post("/applicaties", dependencies=BIJWERKEN)
async def applicatie_create(request: Request) -> Response:
    body = await _parse(request, ApplicatieIn)
    async with _uow(request) as uow:
        new = await service.create_applicatie(
            uow,
            label=body.label,
            client_ids=body.client_ids,
            heeft_alle_autorisaties=bool(body.heeft_alle_autorisaties),
            autorisaties=[a.to_data() for a in body.autorisaties or ()],
            alleen_is_gereed_voor_publicatie=bool(body.alleen_is_gereed_voor_publicatie),
        )
        data = await queries.load_one(await uow.session.connection(), base_url(request), new)
    assert data is not None
    return detail_response(request, data, status=201, headers={"Location": data["url"]})


@router.get("/applicaties/consumer", dependencies=LEZEN)
async def applicatie_consumer(request: Request) -> Response:
    check_query(request, {"clientId"})
    client_id = request.query_params.get("clientId")
    if not client_id:
        raise validation_error("clientId", "required", "Dit veld is vereist.")
    async with reader(request).connect() as conn:
        found = await queries.uuid_for_client_id(conn, client_id)
        data = await queries.load_one(conn, base_url(request), found) if found else None
    if data is None:
        raise not_found(f"Er is geen applicatie met client id '{client_id}'.")
    return detail_response(request, data)


@router.api_route("/applicaties/{uuid}", methods=["GET", "HEAD"], dependencies=LEZEN)
async def applicatie_read(request: Request) -> Response:
    check_query(request, ())
    id_ = _path_uuid(request)
    async with reader(request).connect() as conn:
        data = await queries.load_one(conn, base_url(request), id_)
    if data is None:
        raise not_found("Applicatie niet gevonden.")
    return detail_response(request, data)


@router.put("/applicaties/{uuid}", dependencies=BIJWERKEN)
async def applicatie_update(request: Request) -> Response:
    id_ = _path_uuid(request)
    body = await _parse(request, ApplicatieIn)
    return await _update(request, id_, body, "update")


@router.patch("/applicaties/{uuid}", dependencies=BIJWERKEN)
async def applicatie_partial_update(request: Request) -> Response:
    id_ = _path_uuid(request)
    body = await _parse(request, ApplicatiePatch)
    return await _update(request, id_, body, "partial_update")


@router.delete("/applicaties/{uuid}", dependencies=BIJWERKEN)
async def applicatie_delete(request: Request) -> Response:
    id_ = _path_uuid(request)
    async with _uow(request) as uow:
        await service.delete_applicatie(uow, id_)
    return no_content()


async def _update(request: Request, id_: uuid.UUID, body: ApplicatieIn | ApplicatiePatch, actie: str) -> Response:
    async with _uow(request) as uow:
        await service.update_applicatie(
            uow,
            id_,
            label=body.label,
            client_ids=body.client_ids,
            heeft_alle_autorisaties=body.heeft_alle_autorisaties,
            autorisaties=None if body.autorisaties is None else [a.to_data() for a in body.autorisaties],
            alleen_is_gereed_voor_publicatie=body.alleen_is_gereed_voor_publicatie,
            actie=actie,
        )
        data = await queries.load_one(await uow.session.connection(), base_url(request), id_)
    assert data is not None
    return detail_response(request, data)


def _uow(request: Request) -> UnitOfWork:
    uow = unit_of_work(request)
    # The service builds the notification's URLs from it.
    uow.context["base_url"] = base_url(request)
    return uow


def _path_uuid(request: Request) -> uuid.UUID:
    try:
        return uuid.UUID(request.path_params["uuid"])
    except ValueError:
        raise not_found("Applicatie niet gevonden.") from None


async def _parse(request: Request, model: type[M]) -> M:
    """The JSON body validated by ``model``; every problem becomes a 400 ValidatieFout (415 for non-JSON)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type != "application/json" and not content_type.endswith("+json"):
        raise ZGWError(
            415,
            "unsupported_media_type",
            "Niet-ondersteund mediatype.",
            f"Mediatype '{content_type}' wordt niet ondersteund; gebruik application/json.",
        )
    try:
        data = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        raise validation_error("nonFieldErrors", "parse_error", "De request body is geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise validation_error("nonFieldErrors", "invalid", "De request body moet een JSON-object zijn.")
    try:
        body = model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None
    invalid = Invalid()
    for name in null_fields(body):
        invalid.add(name, "null", "Dit veld mag niet leeg zijn.")
    invalid.raise_if_any()
    return body
