"""The Autorisaties API endpoints: lifecycle, filters, consumer lookup, ETag/HEAD, bad input, contract."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.autorisaties._contract import check
from tests.autorisaties.conftest import register
from zaakwerk.autorisaties.models import Applicatie, ApplicatieClientId, Autorisatie
from zaakwerk.core.db import Database
from zaakwerk.core.jobs.models import Job

SPEC = "autorisaties-api-1.1.0.yaml"
BASE = "/autorisaties/api/v1"
ZAAKTYPE = "http://testserver/catalogi/api/v1/zaaktypen/0c4ad6ea-5b7b-4b8f-a5a4-6dc1b1d2bd0c"
IOTYPE = "https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/1b1c54a4-3fae-4fb5-8f7c-2b4c5ae2d4a1"
BESLUITTYPE = "https://catalogi.example.nl/catalogi/api/v1/besluittypen/5f5d7a3e-0b41-4c7b-9d54-3f9a1d8fb6a2"


def zrc(**extra: Any) -> dict[str, Any]:
    return {
        "component": "zrc",
        "scopes": ["zaken.lezen", "zaken.aanmaken"],
        "zaaktype": ZAAKTYPE,
        "maxVertrouwelijkheidaanduiding": "beperkt_openbaar",
        **extra,
    }


def body(**extra: Any) -> dict[str, Any]:
    return {
        "clientIds": ["mor-app", "mor-app-zrc"],
        "label": "Melding Openbare Ruimte",
        "autorisaties": [zrc()],
        **extra,
    }


async def count_rows(db: Database, model: Any) -> int:
    async with db.reader.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(model)) or 0)


async def test_create_read_update_delete(client: httpx.AsyncClient, beheerder: dict[str, str]) -> None:
    created = await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)
    assert created.status_code == 201, created.text
    check(created)
    data = created.json()
    assert created.headers["location"] == data["url"]
    assert data["url"].startswith("http://testserver/autorisaties/api/v1/applicaties/")
    assert data["clientIds"] == ["mor-app", "mor-app-zrc"]
    assert data["heeftAlleAutorisaties"] is False
    assert data["alleenIsGereedVoorPublicatie"] is False
    assert data["autorisaties"] == [
        {
            "component": "zrc",
            "componentWeergave": "Zaken API",
            "scopes": ["zaken.lezen", "zaken.aanmaken"],
            "zaaktype": ZAAKTYPE,
            "maxVertrouwelijkheidaanduiding": "beperkt_openbaar",
        }
    ]

    read = await client.get(data["url"], headers=beheerder)
    assert read.status_code == 200
    check(read)
    assert read.json() == data

    put = await client.put(
        data["url"],
        json={"clientIds": ["mor-app"], "label": "MOR", "alleenIsGereedVoorPublicatie": True},
        headers=beheerder,
    )
    assert put.status_code == 200, put.text
    check(put)
    # PUT leaves out what it does not send, as the reference implementation does: autorisaties stay.
    assert put.json()["clientIds"] == ["mor-app"]
    assert put.json()["label"] == "MOR"
    assert put.json()["alleenIsGereedVoorPublicatie"] is True
    assert put.json()["autorisaties"] == data["autorisaties"]

    patch = await client.patch(
        data["url"],
        json={
            "autorisaties": [
                {
                    "component": "drc",
                    "scopes": ["documenten.lezen"],
                    "informatieobjecttype": IOTYPE,
                    "maxVertrouwelijkheidaanduiding": "geheim",
                },
                {"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": BESLUITTYPE},
                {"component": "ztc", "scopes": ["catalogi.lezen"]},
            ]
        },
        headers=beheerder,
    )
    assert patch.status_code == 200, patch.text
    check(patch)
    assert patch.json()["autorisaties"] == [
        {
            "component": "drc",
            "componentWeergave": "Documenten API",
            "scopes": ["documenten.lezen"],
            "informatieobjecttype": IOTYPE,
            "maxVertrouwelijkheidaanduiding": "geheim",
        },
        {
            "component": "brc",
            "componentWeergave": "Besluiten API",
            "scopes": ["besluiten.lezen"],
            "besluittype": BESLUITTYPE,
        },
        {"component": "ztc", "componentWeergave": "Catalogi API", "scopes": ["catalogi.lezen"]},
    ]
    assert patch.json()["label"] == "MOR"

    gone = await client.delete(data["url"], headers=beheerder)
    assert gone.status_code == 204
    assert gone.content == b""
    assert (await client.get(data["url"], headers=beheerder)).status_code == 404
    assert (await client.delete(data["url"], headers=beheerder)).status_code == 404


async def test_changes_queue_notifications_on_kanaal_autorisaties(
    client: httpx.AsyncClient, beheerder: dict[str, str], db: Database
) -> None:
    url = (await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)).json()["url"]
    await client.patch(url, json={"label": "Nieuw"}, headers=beheerder)
    await client.put(url, json={"clientIds": ["mor-app"], "label": "Nieuwer"}, headers=beheerder)
    await client.delete(url, headers=beheerder)
    async with db.reader.connect() as conn:
        payloads = (await conn.scalars(select(Job.payload).order_by(Job.created, Job.id))).all()
    assert [(p["kanaal"], p["resource"], p["actie"]) for p in payloads] == [
        ("autorisaties", "applicatie", "create"),
        ("autorisaties", "applicatie", "partial_update"),
        ("autorisaties", "applicatie", "update"),
        ("autorisaties", "applicatie", "destroy"),
    ]
    assert all(p["hoofdObject"] == url == p["resourceUrl"] for p in payloads)


async def test_detail_etag_if_none_match_and_head(client: httpx.AsyncClient, beheerder: dict[str, str]) -> None:
    url = (await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)).json()["url"]
    read = await client.get(url, headers=beheerder)
    etag = read.headers["etag"]
    assert (await client.get(url, headers={**beheerder, "If-None-Match": etag})).status_code == 304
    head = await client.head(url, headers=beheerder)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == etag
    changed = await client.patch(url, json={"label": "Ander label"}, headers=beheerder)
    assert changed.headers["etag"] != etag


async def test_list_with_client_ids_filter(client: httpx.AsyncClient, beheerder: dict[str, str], app: FastAPI) -> None:
    a = (await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)).json()
    b = (
        await client.post(
            f"{BASE}/applicaties",
            json={"clientIds": ["ander"], "label": "Ander", "heeftAlleAutorisaties": True},
            headers=beheerder,
        )
    ).json()

    everything = await client.get(f"{BASE}/applicaties", headers=beheerder)
    assert everything.status_code == 200
    check(everything)
    assert everything.json()["count"] == 3  # with the beheerder itself
    assert {r["url"] for r in everything.json()["results"]} >= {a["url"], b["url"]}

    async def urls(query: str) -> list[str]:
        r = await client.get(f"{BASE}/applicaties?{query}", headers=beheerder)
        assert r.status_code == 200, r.text
        return [x["url"] for x in r.json()["results"]]

    assert await urls("clientIds=mor-app") == [a["url"]]
    # Several values: the applicatie must hold all of them (the reference's ``contains``).
    assert await urls("clientIds=mor-app,mor-app-zrc") == [a["url"]]
    assert await urls("clientIds=mor-app,ander") == []
    assert await urls("clientIds=ander") == [b["url"]]
    assert await urls("clientIds=onbekend") == []


async def test_list_pagination(client: httpx.AsyncClient, beheerder: dict[str, str], app: FastAPI) -> None:
    for i in range(4):
        await register(app, f"client-{i}", alle=True)
    app.state.settings.page_size = 2
    first = await client.get(f"{BASE}/applicaties", headers=beheerder)
    assert first.json()["count"] == 5
    assert len(first.json()["results"]) == 2
    assert first.json()["next"] == "http://testserver/autorisaties/api/v1/applicaties?page=2"
    assert first.json()["previous"] is None
    last = await client.get(f"{BASE}/applicaties?page=3", headers=beheerder)
    check(last)
    assert len(last.json()["results"]) == 1
    assert last.json()["next"] is None
    seen = {
        r["url"]
        for page in (1, 2, 3)
        for r in (await client.get(f"{BASE}/applicaties?page={page}", headers=beheerder)).json()["results"]
    }
    assert len(seen) == 5
    assert (await client.get(f"{BASE}/applicaties?page=4", headers=beheerder)).status_code == 404


async def test_list_refuses_unknown_query_parameters(client: httpx.AsyncClient, beheerder: dict[str, str]) -> None:
    r = await client.get(f"{BASE}/applicaties?clientId=x", headers=beheerder)
    assert r.status_code == 400
    check(r)
    assert r.json()["invalidParams"][0]["code"] == "unknown-parameters"


async def test_consumer_returns_the_applicatie_of_a_client_id(
    client: httpx.AsyncClient, beheerder: dict[str, str]
) -> None:
    created = (await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)).json()
    r = await client.get(f"{BASE}/applicaties/consumer?clientId=mor-app-zrc", headers=beheerder)
    assert r.status_code == 200
    # One object, as the reference implementation and every ecosystem client have it (the spec file says array).
    assert r.json() == created
    missing = await client.get(f"{BASE}/applicaties/consumer?clientId=onbekend", headers=beheerder)
    assert missing.status_code == 404
    check(missing)
    no_param = await client.get(f"{BASE}/applicaties/consumer", headers=beheerder)
    assert no_param.status_code == 400
    assert no_param.json()["invalidParams"][0]["name"] == "clientId"
    extra = await client.get(f"{BASE}/applicaties/consumer?clientId=mor-app&clientIds=x", headers=beheerder)
    assert extra.status_code == 400


async def test_unknown_or_malformed_uuid_is_404(client: httpx.AsyncClient, beheerder: dict[str, str]) -> None:
    r = await client.get(f"{BASE}/applicaties/7b1f5d2c-8a11-4c1e-9a55-6a3f1d0c9e10", headers=beheerder)
    assert r.status_code == 404
    check(r)
    assert (await client.get(f"{BASE}/applicaties/geen-uuid", headers=beheerder)).status_code == 404
    patch = await client.patch(
        f"{BASE}/applicaties/7b1f5d2c-8a11-4c1e-9a55-6a3f1d0c9e10", json={"label": "x"}, headers=beheerder
    )
    assert patch.status_code == 404


BAD_BODIES: list[tuple[str, Any, str, str]] = [
    ("label geen tekst", body(label=5), "label", "invalid"),
    ("label te lang", body(label="x" * 101), "label", "max_length"),
    ("label ontbreekt", {"clientIds": ["a"], "heeftAlleAutorisaties": True}, "label", "required"),
    ("clientIds geen lijst", body(clientIds="mor-app"), "clientIds", "not_a_list"),
    ("client id te lang", body(clientIds=["x" * 51]), "clientIds.0", "max_length"),
    ("heeftAlleAutorisaties geen boolean", body(heeftAlleAutorisaties="ja"), "heeftAlleAutorisaties", "invalid"),
    ("onbekende component", body(autorisaties=[zrc(component="xyz")]), "autorisaties.0.component", "invalid_choice"),
    (
        "onbekende vertrouwelijkheid",
        body(autorisaties=[zrc(maxVertrouwelijkheidaanduiding="supergeheim")]),
        "autorisaties.0.maxVertrouwelijkheidaanduiding",
        "invalid_choice",
    ),
    ("scopes geen lijst", body(autorisaties=[zrc(scopes="zaken.lezen")]), "autorisaties.0.scopes", "not_a_list"),
    ("null", body(heeftAlleAutorisaties=None), "heeftAlleAutorisaties", "null"),
    ("geen object", ["clientIds"], "nonFieldErrors", "invalid"),
]


@pytest.mark.parametrize(("case", "payload", "name", "code"), BAD_BODIES, ids=[c[0] for c in BAD_BODIES])
async def test_bad_input_is_400_and_writes_nothing(
    client: httpx.AsyncClient,
    beheerder: dict[str, str],
    db: Database,
    case: str,
    payload: Any,
    name: str,
    code: str,
) -> None:
    r = await client.post(f"{BASE}/applicaties", json=payload, headers=beheerder)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"] == "application/problem+json"
    check(r)
    params = {(p["name"], p["code"]) for p in r.json()["invalidParams"]}
    assert (name, code) in params, params
    assert await count_rows(db, Applicatie) == 1  # only the beheerder
    assert await count_rows(db, Autorisatie) == 0


async def test_invalid_json_and_wrong_media_type(
    client: httpx.AsyncClient, beheerder: dict[str, str], db: Database
) -> None:
    headers = {**beheerder, "Content-Type": "application/json"}
    r = await client.post(f"{BASE}/applicaties", content=b'{"clientIds": [', headers=headers)
    assert r.status_code == 400
    check(r)
    assert r.json()["invalidParams"][0]["code"] == "parse_error"
    form = await client.post(f"{BASE}/applicaties", data={"label": "x"}, headers=beheerder)
    assert form.status_code == 415
    check(form)
    assert await count_rows(db, Applicatie) == 1


async def test_bad_patch_changes_nothing(client: httpx.AsyncClient, beheerder: dict[str, str], db: Database) -> None:
    created = (await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)).json()
    for payload in (
        {"label": None},
        {"clientIds": ["nieuw"], "autorisaties": [zrc(zaaktype="geen url")]},
        {"clientIds": ["nieuw"], "autorisaties": [{"component": "zrc"}]},
    ):
        r = await client.patch(created["url"], json=payload, headers=beheerder)
        assert r.status_code == 400, (payload, r.text)
        check(r)
    assert (await client.get(created["url"], headers=beheerder)).json() == created
    async with db.reader.connect() as conn:
        ids = (await conn.scalars(select(ApplicatieClientId.client_id).order_by(ApplicatieClientId.client_id))).all()
    assert ids == ["beheerder", "mor-app", "mor-app-zrc"]


async def test_list_costs_the_same_queries_for_one_or_many(
    client: httpx.AsyncClient, beheerder: dict[str, str], app: FastAPI
) -> None:
    from sqlalchemy import event

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = app.state.db.reader.sync_engine
    await client.get(f"{BASE}/applicaties", headers=beheerder)  # warm the auth caches
    event.listen(engine, "before_cursor_execute", count)
    try:
        statements.clear()
        await client.get(f"{BASE}/applicaties", headers=beheerder)
        few = len(statements)
        for i in range(15):
            await client.post(
                f"{BASE}/applicaties",
                json={"clientIds": [f"c{i}", f"d{i}"], "label": f"App {i}", "autorisaties": [zrc(), zrc()]},
                headers=beheerder,
            )
        await client.get(f"{BASE}/applicaties", headers=beheerder)  # rights version changed: re-warm
        statements.clear()
        r = await client.get(f"{BASE}/applicaties", headers=beheerder)
        assert r.json()["count"] == 16
        many = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert many == few
    # count + page + client ids + autorisaties (+ the rights version check on SQLite)
    assert many <= 5
