"""/besluiten: create, read (GET/HEAD, ETag), list with every filter and pagination, update, partial update,
delete, the audit trail and the notifications on the ``besluiten`` kanaal."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI

from tests.besluiten.conftest import (
    BASE,
    KAPPEN,
    RSIN,
    SPEC,
    Api,
    Catalogus,
    audit,
    besluit_body,
    besluittype_url,
    codes,
    messages,
    rows,
)
from tests.contract.openapi import validate_response
from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.db import Database
from zaakwerk.core.zgw.audittrail import AuditTrail

ANDER = "002220647"  # another organisation (a valid RSIN)


async def test_create_read_head_and_etag(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    body = await besluit_body(
        app, toelichting="Bezwaar gegrond.", bestuursorgaan="College van B&W", vervaldatum="2027-12-31",
        vervalreden="tijdelijk", publicatiedatum="2026-11-25", verzenddatum="2026-11-21",
        uiterlijkeReactiedatum="2027-01-02",
    )  # fmt: skip
    r = await api.post("/besluiten", body)
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert r.headers["Location"] == data["url"] and data["url"].startswith(f"{BASE}/besluiten/")
    assert {k: data[k] for k in body} == body
    assert data["vervalredenWeergave"] == "Besluit met tijdelijke werking"
    assert data["zaak"] == "" and data["identificatie"].startswith("BESLUIT-")

    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == data
    head = await api.request("HEAD", data["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == got.headers["ETag"]
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304
    assert (await api.get(f"/besluiten/{uuid.uuid4()}")).status_code == 404

    [bericht] = await messages(db)
    assert (bericht["resource"], bericht["actie"], bericht["resourceUrl"]) == ("besluit", "create", data["url"])
    assert bericht["kenmerken"] == {"verantwoordelijkeOrganisatie": RSIN, "besluittype": body["besluittype"]}


async def test_without_vervalreden_the_optional_enum_is_left_out(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    r = await api.post("/besluiten", await besluit_body(app, vervalreden=""))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    assert "vervalreden" not in r.json() and "vervalredenWeergave" not in r.json()


async def test_bad_input_is_a_400_naming_the_field_and_nothing_is_written(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    cases = [
        ({"datum": "gisteren"}, ("datum", "invalid")),
        ({"verantwoordelijkeOrganisatie": "123456789"}, ("verantwoordelijkeOrganisatie", "invalid")),
        ({"vervalreden": "vergeten"}, ("vervalreden", "invalid_choice")),
        ({"identificatie": "x" * 51}, ("identificatie", "max_length")),
    ]
    for over, expected in cases:
        r = await api.post("/besluiten", await besluit_body(app, **over))
        assert r.status_code == 400, (over, r.text)
        validate_response(SPEC, r)
        assert expected in codes(r), (over, codes(r))
    body = await besluit_body(app)
    del body["ingangsdatum"]
    r = await api.post("/besluiten", body)
    assert codes(r) == [("ingangsdatum", "required")]
    assert await rows(db, Besluit) == 0 and await messages(db) == [] and await audit(db) == []


async def test_list_filters_and_exact_count(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    a = await api.create("besluiten", await besluit_body(app, identificatie="B-1"))
    b = await api.create("besluiten", await besluit_body(app, KAPPEN, identificatie="B-2"))
    elders = await besluit_body(app, identificatie="B-1", verantwoordelijkeOrganisatie=ANDER)
    c = await api.create("besluiten", elders)
    r = await api.get("/besluiten")
    validate_response(SPEC, r)
    assert r.json()["count"] == 3
    assert [x["url"] for x in r.json()["results"]] == [a["url"], b["url"], c["url"]]

    async def urls(query: str) -> list[str]:
        got = await api.get(f"/besluiten?{query}")
        assert got.status_code == 200, got.text
        assert got.json()["count"] == len(got.json()["results"])
        return [x["url"] for x in got.json()["results"]]

    assert await urls("identificatie=B-1") == [a["url"], c["url"]]
    assert await urls("verantwoordelijkeOrganisatie=002220647") == [c["url"]]
    assert await urls(f"besluittype={await besluittype_url(app, KAPPEN)}") == [b["url"]]
    assert await urls("besluittype=https://elders.nl/catalogi/api/v1/besluittypen/" + str(uuid.uuid4())) == []
    assert await urls("identificatie=B-1&verantwoordelijkeOrganisatie=812345678") == [a["url"]]
    bad = await api.get("/besluiten?zaak=geen-url")
    assert bad.status_code == 400 and codes(bad) == [("zaak", "invalid")]
    unknown = await api.get("/besluiten?zaaktype=x")
    assert unknown.status_code == 400 and codes(unknown) == [("nonFieldErrors", "unknown-parameters")]


async def test_pagination(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    app.state.settings.page_size = 2
    try:
        made = [(await api.create("besluiten", await besluit_body(app)))["url"] for _ in range(3)]
        first = (await api.get("/besluiten")).json()
        assert first["count"] == 3 and first["previous"] is None and first["next"].endswith("page=2")
        second = (await api.get(first["next"])).json()
        assert [x["url"] for x in first["results"] + second["results"]] == made
        assert second["next"] is None
        assert (await api.get("/besluiten?page=3")).status_code == 404
    finally:
        app.state.settings.page_size = 100


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
async def test_update_and_partial_update(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, method: str
) -> None:
    data = await api.create("besluiten", await besluit_body(app, toelichting="eerst"))
    change = {"toelichting": "daarna", "vervaldatum": "2030-01-01", "vervalreden": "ingetrokken_overheid"}
    body = {**(await besluit_body(app)), **change} if method == "PUT" else change
    r = await api.request(method, data["url"], body, headers={"X-Audit-Toelichting": "correctie"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert {k: r.json()[k] for k in change} == change
    assert r.json()["identificatie"] == data["identificatie"]
    assert (await api.get(data["url"])).json() == r.json()
    last = (await audit(db))[-1]
    assert (last.actie, last.oud, last.nieuw, last.toelichting) == (
        "update" if method == "PUT" else "partial_update", data, r.json(), "correctie",
    )  # fmt: skip
    assert [m["actie"] for m in await messages(db)] == ["create", "update" if method == "PUT" else "partial_update"]


async def test_audittrail_lists_the_history_oldest_first(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    data = await api.create("besluiten", await besluit_body(app))
    assert (await api.patch(data["url"], {"toelichting": "nieuw"})).status_code == 200
    r = await api.get(f"{data['url']}/audittrail")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    trail = r.json()
    assert [(t["bron"], t["actie"], t["resource"], t["hoofdObject"]) for t in trail] == [
        ("brc", "create", "besluit", data["url"]),
        ("brc", "partial_update", "besluit", data["url"]),
    ]
    one = await api.get(f"{data['url']}/audittrail/{trail[1]['uuid']}")
    validate_response(SPEC, one)
    assert one.json() == trail[1]
    assert (await api.get(f"{data['url']}/audittrail/{uuid.uuid4()}")).status_code == 404
    assert (await api.get(f"/besluiten/{uuid.uuid4()}/audittrail")).status_code == 404


async def test_brc_009_delete_removes_the_besluit_and_its_audit_trail(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    data = await api.create("besluiten", await besluit_body(app))
    assert (await api.patch(data["url"], {"toelichting": "x"})).status_code == 200
    r = await api.delete(data["url"])
    assert r.status_code == 204
    assert (await api.get(data["url"])).status_code == 404
    assert await rows(db, Besluit) == 0
    # Only the record of who destroyed it remains, without the besluit's data.
    [entry] = await audit(db)
    assert (entry.actie, entry.oud, entry.nieuw) == ("destroy", None, None)
    assert [m["actie"] for m in await messages(db)] == ["create", "partial_update", "destroy"]
    assert (await api.delete(data["url"])).status_code == 404
    assert await rows(db, AuditTrail) == 1


async def test_the_vng_openapi_file_is_served_with_our_server(api: Api) -> None:
    r = await api.get("/openapi.yaml")
    assert r.status_code == 200
    assert f"url: {BASE}" in r.text and "title: Besluiten API" in r.text
    assert (await api.get("/openapi.json")).json()["info"]["version"] == "1.1.0"
