"""The shared ZGW HTTP conventions, exercised through a small test component mounted on the real app."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.app import create_app
from zaakwerk.config import Settings
from zaakwerk.core.errors import validation_error
from zaakwerk.core.zgw.component import Component
from zaakwerk.core.zgw.crs import check_accept_crs
from zaakwerk.core.zgw.expand import expand, register_loader
from zaakwerk.core.zgw.pagination import paginated
from zaakwerk.core.zgw.query import check_query, get_page
from zaakwerk.core.zgw.responses import detail_response, json_response

ITEMS = [{"url": f"http://testserver/proef/api/v1/dingen/{uuid.UUID(int=i)}", "nummer": i} for i in range(1, 8)]


class Ding(BaseModel):
    naam: str = Field(max_length=5)
    aantal: int


def _component() -> Component:
    comp = Component("proef", "/proef/api/v1", "9.9.9", "catalogi-api-1.3.3.yaml")

    @comp.router.get("/dingen")
    async def lijst(request: Request) -> Response:
        check_query(request, {"page", "expand"})
        page = get_page(request)
        results = [dict(i) for i in ITEMS[(page - 1) * 3 : page * 3]]
        await expand(request, results, request.query_params.get("expand"))
        return json_response(paginated(request, results, len(ITEMS), page, 3))

    @comp.router.api_route("/dingen/{id_}", methods=["GET", "HEAD"])
    async def detail(request: Request, id_: uuid.UUID) -> Response:
        check_accept_crs(request, geometry=id_.int == 99)
        item = next((dict(i) for i in ITEMS if i["nummer"] == id_.int), None)
        if item is None:
            raise validation_error("uuid", "not_found", "Bestaat niet.")
        item["ander"] = ITEMS[0]["url"]
        await expand(request, [item], request.query_params.get("expand"))
        return detail_response(request, item)

    @comp.router.post("/dingen")
    async def maak(ding: Ding) -> Response:
        return json_response(ding.model_dump(), status=201)

    async def loader(_request: Request, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, object]]:
        return {i: dict(next(x for x in ITEMS if x["nummer"] == i.int)) for i in ids if i.int <= 7}

    register_loader("/proef/api/v1/dingen", loader)
    return comp


@pytest.fixture
async def proef(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings.max_body_size = 2000
    app: FastAPI = create_app(settings, extra=[_component()])
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


async def test_pagination_starts_at_one_with_next_and_previous(proef: httpx.AsyncClient) -> None:
    first = (await proef.get("/proef/api/v1/dingen")).json()
    assert first["count"] == 7
    assert [r["nummer"] for r in first["results"]] == [1, 2, 3]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/proef/api/v1/dingen?page=2"
    last = (await proef.get(first["next"].replace("page=2", "page=3"))).json()
    assert [r["nummer"] for r in last["results"]] == [7]
    assert last["next"] is None
    assert last["previous"] == "http://testserver/proef/api/v1/dingen?page=2"


async def test_page_past_the_end_is_404_and_page_zero_is_400(proef: httpx.AsyncClient) -> None:
    assert (await proef.get("/proef/api/v1/dingen?page=4")).status_code == 404
    r = await proef.get("/proef/api/v1/dingen?page=0")
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "page"


async def test_unknown_query_parameter_is_refused(proef: httpx.AsyncClient) -> None:
    r = await proef.get("/proef/api/v1/dingen?pagina=2")
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "invalid"
    assert body["invalidParams"] == [
        {"name": "nonFieldErrors", "code": "unknown-parameters", "reason": "Onbekende query parameters: pagina"}
    ]


async def test_api_version_header_on_every_response_of_the_component(proef: httpx.AsyncClient) -> None:
    assert (await proef.get("/proef/api/v1/dingen")).headers["api-version"] == "9.9.9"
    assert (await proef.get("/proef/api/v1/bestaat-niet")).headers["api-version"] == "9.9.9"


async def test_etag_if_none_match_and_head(proef: httpx.AsyncClient) -> None:
    url = f"/proef/api/v1/dingen/{uuid.UUID(int=2)}"
    r = await proef.get(url)
    etag = r.headers["etag"]
    assert etag.startswith('"') and len(etag) > 10
    not_modified = await proef.get(url, headers={"If-None-Match": f'"abc", {etag}'})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    changed = await proef.get(url, headers={"If-None-Match": '"abc"'})
    assert changed.status_code == 200
    head = await proef.head(url)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == etag
    assert head.headers["content-length"] == str(len(r.content))


async def test_validation_errors_are_400_validatiefout_never_422(proef: httpx.AsyncClient) -> None:
    r = await proef.post("/proef/api/v1/dingen", json={"naam": "veel te lang", "aantal": "x"})
    assert r.status_code == 400
    body = r.json()
    assert body["code"] == "invalid"
    assert {p["name"] for p in body["invalidParams"]} == {"naam", "aantal"}
    codes = {p["name"]: p["code"] for p in body["invalidParams"]}
    assert codes["naam"] == "max_length"
    missing = await proef.post("/proef/api/v1/dingen", json={"naam": "a"})
    assert missing.json()["invalidParams"][0] == {
        "name": "aantal",
        "code": "required",
        "reason": "Dit veld is vereist.",
    }


async def test_malformed_json_is_400(proef: httpx.AsyncClient) -> None:
    r = await proef.post("/proef/api/v1/dingen", content=b"{niet: json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["code"] == "parse_error"


async def test_oversized_body_is_413_problem(proef: httpx.AsyncClient) -> None:
    r = await proef.post("/proef/api/v1/dingen", json={"naam": "a" * 5000, "aantal": 1})
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "request_entity_too_large"


async def test_accept_crs_lenient_without_geometry_required_with(proef: httpx.AsyncClient) -> None:
    assert (await proef.get(f"/proef/api/v1/dingen/{uuid.UUID(int=1)}")).status_code == 200
    bad = await proef.get(f"/proef/api/v1/dingen/{uuid.UUID(int=1)}", headers={"Accept-Crs": "EPSG:28992"})
    assert bad.status_code == 406
    geo = await proef.get(f"/proef/api/v1/dingen/{uuid.UUID(int=99)}")
    assert geo.status_code == 412


async def test_expand_embeds_related_resources(proef: httpx.AsyncClient) -> None:
    r = await proef.get(f"/proef/api/v1/dingen/{uuid.UUID(int=3)}?expand=ander")
    body = r.json()
    assert body["_expand"]["ander"]["nummer"] == 1
    bad = await proef.get(f"/proef/api/v1/dingen/{uuid.UUID(int=3)}?expand=bestaatniet")
    assert bad.status_code == 404  # zrc-027 / drc-013: not an attribute of the resource


async def test_component_serves_its_openapi_with_own_server(proef: httpx.AsyncClient) -> None:
    r = await proef.get("/proef/api/v1/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert spec["servers"] == [{"url": "http://testserver/proef/api/v1"}]
    assert "/zaaktypen" in spec["paths"]
    y = await proef.get("/proef/api/v1/openapi.yaml")
    assert y.status_code == 200 and "openapi:" in y.text
