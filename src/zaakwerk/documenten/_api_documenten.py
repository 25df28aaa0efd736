"""/enkelvoudiginformatieobjecten: list (every filter of the spec), ``_zoek``, detail (GET/HEAD, ``?versie=``,
``?registratieOp=``), download and the audit trail.

Lists apply the client's document predicate in SQL, so ``count`` and ``results`` only hold readable documents; a
page costs two statements (count, rows) plus one per expanded collection.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends
from sqlalchemy import ColumnElement, select
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid, not_found, permission_denied
from zaakwerk.core.zgw.audittrail import get_trail_entry, list_trail
from zaakwerk.core.zgw.body import parse_patch
from zaakwerk.core.zgw.expand import expand
from zaakwerk.core.zgw.http import page_size, reader
from zaakwerk.core.zgw.pagination import paginated
from zaakwerk.core.zgw.query import check_query, get_datetime, get_list, get_page
from zaakwerk.core.zgw.responses import detail_response, json_response
from zaakwerk.core.zgw.rows import page_rows
from zaakwerk.core.zgw.urls import base_url
from zaakwerk.documenten import access
from zaakwerk.documenten._api_common import check_read, expand_arg
from zaakwerk.documenten._read import OIO, D, V, document_detail, document_query, render_documenten, version_query
from zaakwerk.documenten.storage import storage_for

router = APIRouter()

EXPAND = frozenset({"informatieobjecttype"})
OBJECT_TYPES = frozenset({"besluit", "zaak", "verzoek"})
LIST_PARAMS = frozenset(
    {
        "identificatie",
        "bronorganisatie",
        "objectinformatieobjecten_object",
        "objectinformatieobjecten_objectType",
        "trefwoorden",
        "expand",
        "page",
    }
)
ORDER = (D.aangemaakt.desc(), D.id.desc())


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(values: dict[str, Any], inv: Invalid) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if value := values.get("identificatie"):
        where.append(V.identificatie == value)
    if value := values.get("bronorganisatie"):
        where.append(V.bronorganisatie == value)
    if value := values.get("objectinformatieobjecten_object"):
        where.append(D.id.in_(select(OIO.informatieobject_id).where(OIO.object == value)))
    if value := values.get("objectinformatieobjecten_objectType"):
        if value not in OBJECT_TYPES:
            inv.add("objectinformatieobjecten_objectType", "invalid_choice", f"'{value}' is geen geldige keuze.")
        where.append(D.id.in_(select(OIO.informatieobject_id).where(OIO.object_type == value)))
    # Every given trefwoord must be among the document's.
    for trefwoord in values.get("trefwoorden") or ():
        where.append(V.trefwoorden_zoek.like(f"%|{_like_escape(trefwoord)}|%", escape="\\"))
    return where


async def _page(
    request: Request, principal: Principal, where: Sequence[ColumnElement[bool]], raw_expand: str | None
) -> Response:
    page = get_page(request)
    size = page_size(request)
    query = document_query().where(access.document_predicate(principal), *where)
    async with reader(request).connect() as conn:
        rows, count = await page_rows(conn, query, ORDER, page, size)
    results = render_documenten(base_url(request), rows)
    await expand(request, results, raw_expand)
    return json_response(paginated(request, results, count, page, size))


@router.get("/enkelvoudiginformatieobjecten", name="enkelvoudiginformatieobject_list")
async def document_list(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, LIST_PARAMS)
    inv = Invalid()
    values: dict[str, Any] = {k: request.query_params.get(k) for k in LIST_PARAMS}
    values["trefwoorden"] = get_list(request, "trefwoorden")
    where = _filters(values, inv)
    inv.raise_if_any()
    raw_expand = expand_arg(request.query_params.get("expand"), EXPAND)
    return await _page(request, principal, where, raw_expand)


@router.post("/enkelvoudiginformatieobjecten/_zoek", name="enkelvoudiginformatieobject__zoek")
async def document_zoek(request: Request, principal: Principal = Depends(access.lezen)) -> Response:
    """``EIOZoekRequest``: ``uuid__in`` (required), ``identificatie``, ``bronorganisatie``, ``expand``."""
    check_query(request, frozenset({"page"}))
    body = await parse_patch(request)
    inv = Invalid()
    ids = _uuid_list(body.get("uuid__in"), inv)
    for name in ("identificatie", "bronorganisatie", "expand"):
        if body.get(name) is not None and not isinstance(body[name], str):
            inv.add(name, "invalid", "Geef een tekst.")
    where = _filters({k: body.get(k) for k in ("identificatie", "bronorganisatie")}, inv)
    inv.raise_if_any()
    raw_expand = expand_arg(body.get("expand"), EXPAND)
    return await _page(request, principal, [D.id.in_(ids), *where], raw_expand)


def _uuid_list(value: Any, inv: Invalid) -> list[uuid.UUID]:
    if value is None:
        inv.add("uuid__in", "required", "Dit veld is vereist.")
        return []
    if not isinstance(value, list):
        inv.add("uuid__in", "not_a_list", "Geef een lijst van uuids.")
        return []
    try:
        return [uuid.UUID(str(v)) for v in value]
    except ValueError:
        inv.add("uuid__in", "invalid", "Niet elke waarde is een geldige UUID.")
        return []


async def _version_row(request: Request, id_: uuid.UUID) -> Any:
    """The version ``?versie=`` / ``?registratieOp=`` name (default the latest); 404 when there is none."""
    inv = Invalid()
    raw = request.query_params.get("versie")
    versie = None
    if raw:
        if not raw.isdigit():
            inv.add("versie", "invalid", "Geef een geheel getal.")
        else:
            versie = int(raw)
    registratie_op = get_datetime(request, "registratieOp", inv)
    inv.raise_if_any()
    async with reader(request).connect() as conn:
        if versie is None and registratie_op is None:
            row = (await conn.execute(document_detail(), {"id": id_})).first()
        else:
            row = (await conn.execute(version_query(id_, versie, registratie_op))).first()
    if row is None:
        raise not_found()
    return row


@router.api_route(
    "/enkelvoudiginformatieobjecten/{uuid}", methods=["GET", "HEAD"], name="enkelvoudiginformatieobject_read"
)
async def document_read(request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)) -> Response:
    check_query(request, frozenset({"versie", "registratieOp", "expand"}))
    raw_expand = expand_arg(request.query_params.get("expand"), EXPAND)
    row = await _version_row(request, uuid)
    check_read(principal, access.LEZEN, row)
    [data] = render_documenten(base_url(request), [row])
    await expand(request, [data], raw_expand)
    return detail_response(request, data)


@router.get("/enkelvoudiginformatieobjecten/{uuid}/download", name="enkelvoudiginformatieobject_download")
async def document_download(
    request: Request, uuid: uuid.UUID, principal: Principal = Depends(access.lezen)
) -> Response:
    """The content, streamed in chunks, with the type detected when it was stored (never the client's)."""
    check_query(request, frozenset({"versie", "registratieOp"}))
    row = await _version_row(request, uuid)
    check_read(principal, access.LEZEN, row)
    if row.inhoud_sleutel is None:
        raise not_found("Deze versie van het informatieobject heeft geen inhoud.")
    filename = (row.bestandsnaam or str(uuid)).replace('"', "")
    headers = {
        "Content-Length": str(row.bestandsomvang),
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Content-Type-Options": "nosniff",
    }
    storage = storage_for(request.app.state.settings)
    return StreamingResponse(storage.read(row.inhoud_sleutel), media_type=row.inhoud_type, headers=headers)


# --- audit trail -------------------------------------------------------------------------------------------------

AUDITTRAILS_LEZEN = "audittrails.lezen"
audittrails_lezen = access.scope(AUDITTRAILS_LEZEN)


async def _check_trail(request: Request, principal: Principal, id_: uuid.UUID) -> None:
    async with reader(request).connect() as conn:
        row = (await conn.execute(document_detail(), {"id": id_})).first()
    if row is None:
        raise not_found()
    if not access.may(principal, AUDITTRAILS_LEZEN, row.informatieobjecttype_id, row.vertrouwelijkheidaanduiding):
        raise permission_denied("U heeft geen rechten op de audittrail van dit document.")


@router.get("/enkelvoudiginformatieobjecten/{enkelvoudiginformatieobject_uuid}/audittrail", name="audittrail_list")
async def audittrail_list(
    request: Request, enkelvoudiginformatieobject_uuid: uuid.UUID, principal: Principal = Depends(audittrails_lezen)
) -> Response:
    check_query(request, frozenset())
    await _check_trail(request, principal, enkelvoudiginformatieobject_uuid)
    async with reader(request).connect() as conn:
        return json_response(await list_trail(conn, enkelvoudiginformatieobject_uuid))


@router.get(
    "/enkelvoudiginformatieobjecten/{enkelvoudiginformatieobject_uuid}/audittrail/{uuid}", name="audittrail_retrieve"
)
async def audittrail_read(
    request: Request,
    enkelvoudiginformatieobject_uuid: uuid.UUID,
    uuid: uuid.UUID,
    principal: Principal = Depends(audittrails_lezen),
) -> Response:
    check_query(request, frozenset())
    await _check_trail(request, principal, enkelvoudiginformatieobject_uuid)
    async with reader(request).connect() as conn:
        entry = await get_trail_entry(conn, enkelvoudiginformatieobject_uuid, uuid)
    if entry is None:
        raise not_found()
    return detail_response(request, entry)
