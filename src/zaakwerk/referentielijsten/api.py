"""Referentielijsten API 0.6.0 at /referentielijsten/api/v1: read-only public reference data, no authorisation
(as VNG's own deployment). Served from the shipped data files, so no database round trip.

Lists follow the VNG spec exactly: ``procestypen`` and ``resultaattypeomschrijvingen`` are plain arrays,
``resultaten`` and ``communicatiekanalen`` are paginated.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.core.errors import not_found, validation_error
from zaakwerk.core.zgw.component import Component
from zaakwerk.core.zgw.http import page_size
from zaakwerk.core.zgw.pagination import page_bounds, paginated
from zaakwerk.core.zgw.query import check_query, get_page
from zaakwerk.core.zgw.responses import detail_response, json_response
from zaakwerk.core.zgw.urls import base_url
from zaakwerk.referentielijsten._lijsten import PREFIX, lijsten

component = Component("referentielijsten", "/referentielijsten/api/v1", "0.6.0", "referentielijsten-api-0.6.0.yaml")
router = component.router


def _base(request: Request) -> str:
    return base_url(request) + PREFIX


def _uuid_or_404(raw: str) -> UUID:
    try:
        return UUID(raw)
    except ValueError:
        raise not_found() from None


def _detail(request: Request, kind: str, raw: str) -> Response:
    item = lijsten().get(kind, _uuid_or_404(raw))
    if item is None:
        raise not_found()
    return detail_response(request, item.render(kind, _base(request)))


def _page(request: Request, rendered: list[dict[str, Any]]) -> Response:
    page = get_page(request)
    offset, limit = page_bounds(page, page_size(request))
    return json_response(paginated(request, rendered[offset : offset + limit], len(rendered), page, limit))


@router.get("/procestypen")
async def procestype_list(request: Request) -> Response:
    """Selectielijst procestypen, optionally of one ``jaar`` (e.g. 2017 or 2020); not paginated."""
    check_query(request, {"jaar"})
    raw = request.query_params.get("jaar")
    jaar: int | None = None
    if raw:
        if not raw.strip().lstrip("-").isdigit():
            raise validation_error("jaar", "invalid", "Voer een geheel getal in.")
        jaar = int(raw)
    base = _base(request)
    return json_response(
        [i.render("procestypen", base) for i in lijsten().items["procestypen"] if jaar in (None, i.fields["jaar"])]
    )


@router.api_route("/procestypen/{uuid}", methods=["GET", "HEAD"])
async def procestype_retrieve(request: Request, uuid: str) -> Response:
    return _detail(request, "procestypen", uuid)


@router.get("/resultaten")
async def resultaat_list(request: Request) -> Response:
    """Selectielijst resultaten in tree order (generic before its specific ones), optionally of one procestype."""
    check_query(request, {"proces_type", "page"})
    items = lijsten().items["resultaten"]
    raw = request.query_params.get("proces_type")
    if raw:
        proces_type = _procestype_filter(raw)
        items = [i for i in items if i.proces_type == proces_type]
    base = _base(request)
    return _page(request, [i.render("resultaten", base) for i in items])


def _procestype_filter(raw: str) -> UUID:
    """The uuid in a procestype URL (any host: our base URL varies); 400 when it is no procestype URL."""
    path = raw.split("?", 1)[0].rstrip("/")
    head, _, last = path.rpartition("/")
    if raw.startswith(("http://", "https://")) and head.endswith(PREFIX + "/procestypen"):
        try:
            return UUID(last)
        except ValueError:
            pass
    raise validation_error("proces_type", "invalid", "Voer een geldige URL van een procestype in.")


@router.api_route("/resultaten/{uuid}", methods=["GET", "HEAD"])
async def resultaat_retrieve(request: Request, uuid: str) -> Response:
    return _detail(request, "resultaten", uuid)


@router.get("/resultaattypeomschrijvingen")
async def resultaattypeomschrijvinggeneriek_list(request: Request) -> Response:
    """The generic resultaattypeomschrijvingen; not paginated."""
    check_query(request, ())
    base = _base(request)
    return json_response(
        [i.render("resultaattypeomschrijvingen", base) for i in lijsten().items["resultaattypeomschrijvingen"]]
    )


@router.api_route("/resultaattypeomschrijvingen/{uuid}", methods=["GET", "HEAD"])
async def resultaattypeomschrijvinggeneriek_retrieve(request: Request, uuid: str) -> Response:
    return _detail(request, "resultaattypeomschrijvingen", uuid)


@router.get("/communicatiekanalen")
async def communicatiekanaal_list(request: Request) -> Response:
    """The communicatiekanalen (balie, telefoon, post, e-mail, internet, sms, chat, sociale media); paginated."""
    check_query(request, {"page"})
    base = _base(request)
    return _page(request, [i.render("communicatiekanalen", base) for i in lijsten().items["communicatiekanalen"]])


@router.api_route("/communicatiekanalen/{uuid}", methods=["GET", "HEAD"])
async def communicatiekanaal_retrieve(request: Request, uuid: str) -> Response:
    return _detail(request, "communicatiekanalen", uuid)
