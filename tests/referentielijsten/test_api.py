"""Referentielijsten API 0.6.0: every endpoint of the VNG spec, answered from the shipped data, contract-checked."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.contract.openapi import validate_response

SPEC = "referentielijsten-api-0.6.0.yaml"
BASE = "http://testserver/referentielijsten/api/v1"

# Known entries of VNG's selectielijst fixture (resultaat 1.1 is generic, 1.1.1 one of its specific ones).
PROCESTYPE_1_2017 = "e1b73b12-b2f6-4c4e-8929-94f84dd2a57d"
RESULTAAT_1_1 = "6711baff-798b-4c7f-9133-8ad02c8b7c6f"
RESULTAAT_1_1_1 = "6d37598e-30f0-4aef-930d-3e1690725d95"
TOEGEKEND = "fb65d251-1518-4185-865f-b8bdcfad07b1"


def _assert_problem(response: httpx.Response, status: int) -> None:
    """A ZGW ``Fout``/``ValidatieFout`` body (the contract validator reads JSON bodies only)."""
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "code", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status
    if status == 400:
        assert body["invalidParams"]


async def _all_pages(client: httpx.AsyncClient, url: str) -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    next_url: str | None = url
    while next_url:
        r = await client.get(next_url)
        assert r.status_code == 200, r.text
        validate_response(SPEC, r)
        body = r.json()
        results.extend(body["results"])
        next_url = body["next"]
    return results


async def test_procestypen_list_both_selectielijst_years_no_auth_needed(client: httpx.AsyncClient) -> None:
    r = await client.get("/referentielijsten/api/v1/procestypen")
    assert r.status_code == 200
    assert r.headers["api-version"] == "0.6.0"
    validate_response(SPEC, r)
    body = r.json()
    assert isinstance(body, list)
    assert len(body) == 58
    assert {p["jaar"] for p in body} == {2017, 2020}
    first = body[0]
    assert first["nummer"] == 1
    assert first["url"].startswith(f"{BASE}/procestypen/")


async def test_procestypen_filter_on_jaar(client: httpx.AsyncClient) -> None:
    r = await client.get("/referentielijsten/api/v1/procestypen", params={"jaar": "2020"})
    validate_response(SPEC, r)
    body = r.json()
    assert len(body) == 29
    assert all(p["jaar"] == 2020 for p in body)
    assert [p["nummer"] for p in body] == list(range(1, 30))
    assert (await client.get("/referentielijsten/api/v1/procestypen?jaar=1900")).json() == []
    bad = await client.get("/referentielijsten/api/v1/procestypen?jaar=twintig")
    assert bad.status_code == 400
    _assert_problem(bad, 400)
    assert bad.json()["invalidParams"][0]["name"] == "jaar"


async def test_procestype_detail_etag_and_head(client: httpx.AsyncClient) -> None:
    url = f"{BASE}/procestypen/{PROCESTYPE_1_2017}"
    r = await client.get(url)
    assert r.status_code == 200
    validate_response(SPEC, r)
    assert r.json() == {
        "url": url,
        "nummer": 1,
        "jaar": 2017,
        "naam": "Instellen en inrichten organisatie",
        "omschrijving": "Instellen en inrichten organisatie",
        "toelichting": r.json()["toelichting"],
        "procesobject": "De vastgestelde organisatie inrichting",
    }
    assert r.headers["etag"]
    head = await client.head(url)
    assert head.status_code == 200 and head.content == b""
    cached = await client.get(url, headers={"If-None-Match": r.headers["etag"]})
    assert cached.status_code == 304


@pytest.mark.parametrize("kind", ["procestypen", "resultaten", "resultaattypeomschrijvingen", "communicatiekanalen"])
async def test_unknown_or_malformed_uuid_is_404(client: httpx.AsyncClient, kind: str) -> None:
    r = await client.get(f"/referentielijsten/api/v1/{kind}/{uuid.uuid4()}")
    _assert_problem(r, 404)
    assert (await client.get(f"/referentielijsten/api/v1/{kind}/geen-uuid")).status_code == 404


async def test_resultaten_paginated_in_tree_order_and_valid(client: httpx.AsyncClient) -> None:
    first = await client.get("/referentielijsten/api/v1/resultaten")
    body = first.json()
    assert body["count"] == 344
    assert body["previous"] is None
    assert body["next"] == f"{BASE}/resultaten?page=2"
    everything = await _all_pages(client, "/referentielijsten/api/v1/resultaten")
    assert len(everything) == 344
    assert len({r["url"] for r in everything}) == 344
    # Generic before its specific ones, ordered by number within the procestype.
    assert [r["volledigNummer"] for r in everything[:3]] == ["1.1", "1.1.1", "1.1.2"]
    assert everything[0]["generiek"] is True and everything[0]["specifiek"] is False
    assert everything[1]["generiek"] is False and everything[1]["specifiek"] is True
    assert {r["waardering"] for r in everything} == {"blijvend_bewaren", "vernietigen"}
    assert (await client.get("/referentielijsten/api/v1/resultaten?page=5")).status_code == 404


async def test_resultaat_detail(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}")
    assert r.status_code == 200
    validate_response(SPEC, r)
    body = r.json()
    assert body["url"] == f"{BASE}/resultaten/{RESULTAAT_1_1}"
    assert body["procesType"] == f"{BASE}/procestypen/{PROCESTYPE_1_2017}"
    assert body["volledigNummer"] == "1.1"
    assert body["naam"] == "Ingericht"
    assert body["procestermijn"] == "nihil"
    assert body["procestermijnWeergave"] == "Nihil"
    assert body["bewaartermijn"] == "P10Y"
    assert body["bedrijfsvoeringEnPersoneel"] is True
    specifiek = (await client.get(f"/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1_1}")).json()
    assert specifiek["volledigNummer"] == "1.1.1"
    assert specifiek["procestermijn"] == "" and specifiek["procestermijnWeergave"] == ""
    assert specifiek["bewaartermijn"] is None


async def test_resultaten_filter_on_proces_type(client: httpx.AsyncClient) -> None:
    procestype_url = f"{BASE}/procestypen/{PROCESTYPE_1_2017}"
    r = await client.get("/referentielijsten/api/v1/resultaten", params={"proces_type": procestype_url})
    validate_response(SPEC, r)
    body = r.json()
    assert body["count"] == 8
    assert all(x["procesType"] == procestype_url for x in body["results"])
    # Another host for our own API (behind a proxy, say) names the same procestype.
    other_host = procestype_url.replace("http://testserver", "https://zaken.gemeente.nl")
    same = await client.get("/referentielijsten/api/v1/resultaten", params={"proces_type": other_host})
    assert same.json()["count"] == 8
    unknown = await client.get(
        "/referentielijsten/api/v1/resultaten", params={"proces_type": f"{BASE}/procestypen/{uuid.uuid4()}"}
    )
    assert unknown.json() == {"count": 0, "next": None, "previous": None, "results": []}
    bad = await client.get("/referentielijsten/api/v1/resultaten", params={"proces_type": "geen-url"})
    assert bad.status_code == 400
    _assert_problem(bad, 400)
    assert bad.json()["invalidParams"][0]["name"] == "proces_type"


async def test_resultaattypeomschrijvingen(client: httpx.AsyncClient) -> None:
    r = await client.get("/referentielijsten/api/v1/resultaattypeomschrijvingen")
    validate_response(SPEC, r)
    body = r.json()
    assert [x["omschrijving"] for x in body] == ["Toegekend", "Afgewezen", "Ingetrokken"]
    detail = await client.get(f"/referentielijsten/api/v1/resultaattypeomschrijvingen/{TOEGEKEND}")
    validate_response(SPEC, detail)
    assert detail.json()["url"] == f"{BASE}/resultaattypeomschrijvingen/{TOEGEKEND}"


async def test_communicatiekanalen_paginated_with_stable_uuids(client: httpx.AsyncClient) -> None:
    r = await client.get("/referentielijsten/api/v1/communicatiekanalen")
    validate_response(SPEC, r)
    body = r.json()
    assert body["count"] == 8 and body["next"] is None
    names = [k["naam"] for k in body["results"]]
    assert names == ["balie", "telefoon", "post", "e-mail", "internet", "sms", "chat", "sociale media"]
    balie = body["results"][0]
    assert balie["url"] == f"{BASE}/communicatiekanalen/cc5ddae8-54f1-5b88-b947-262a873e76ac"
    detail = await client.get(balie["url"])
    validate_response(SPEC, detail)
    assert detail.json() == balie


async def test_unknown_query_parameters_are_refused(client: httpx.AsyncClient) -> None:
    for path in ("procestypen", "resultaten", "resultaattypeomschrijvingen", "communicatiekanalen"):
        r = await client.get(f"/referentielijsten/api/v1/{path}?zoek=x")
        assert r.status_code == 400, path
        assert r.json()["invalidParams"][0]["code"] == "unknown-parameters"


async def test_serves_its_openapi_file(client: httpx.AsyncClient) -> None:
    r = await client.get("/referentielijsten/api/v1/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert spec["servers"] == [{"url": BASE}]
    assert set(spec["paths"]) == {
        "/communicatiekanalen",
        "/communicatiekanalen/{uuid}",
        "/procestypen",
        "/procestypen/{uuid}",
        "/resultaattypeomschrijvingen",
        "/resultaattypeomschrijvingen/{uuid}",
        "/resultaten",
        "/resultaten/{uuid}",
    }
