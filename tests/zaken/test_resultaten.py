"""/resultaten: one per zaak, zrc-020, writes on a closed zaak only when forced (zrc-007), the list under the zaak
access rule, and what every write leaves behind."""

from __future__ import annotations

import uuid

import httpx
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._overig import only_readable_listed, statements_stay_fixed
from tests.zaken.conftest import BASE, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from tests.zaken.test_statussen import close, count, get_zaak, notificaties, set_resultaat, trail
from zaakwerk.core.db import Database
from zaakwerk.zaken import models as zrc

SPEC = "zaken-api-1.7.0.yaml"


async def test_create_renders_the_spec_and_becomes_the_zaaks_resultaat(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    body = {"zaak": zaak_url(zaak), "resultaattype": klacht.resultaattypen[0], "toelichting": "Terecht"}
    r = await api.post("/resultaten", body)
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    resultaat = r.json()
    assert r.headers["Location"] == resultaat["url"]
    assert {k: resultaat[k] for k in body} == body
    assert (await get_zaak(api, zaak))["resultaat"] == resultaat["url"]


async def test_detail_has_etag_head_and_304(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    resultaat = await set_resultaat(api, await insert_zaak(app, klacht), klacht.resultaattypen[0])
    r = await api.get(resultaat["url"])
    assert r.status_code == 200
    validate_response(SPEC, r)
    etag = r.headers["ETag"]
    head = await api.request("HEAD", resultaat["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and not head.content
    assert (await api.get(resultaat["url"], headers={"If-None-Match": etag})).status_code == 304
    assert (await api.get(f"{BASE}/resultaten/{uuid.uuid4()}")).status_code == 404
    r = await api.get(resultaat["url"], params={"expand": "zaak,resultaattype"})
    assert r.status_code == 200, r.text
    assert r.json()["_expand"]["zaak"]["url"] == resultaat["zaak"]
    assert r.json()["_expand"]["resultaattype"]["url"] == klacht.resultaattypen[0]


async def test_zrc_020_resultaattype_of_other_zaaktype_is_refused(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    zaak = await insert_zaak(app, klacht)
    r = await api.post("/resultaten", {"zaak": zaak_url(zaak), "resultaattype": bezwaar.resultaattypen[0]})
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("resultaattype", "zaaktype-mismatch")]
    assert await count(app, zrc.Resultaat) == 0
    # The same rule on an update: the resultaat keeps its type.
    resultaat = await set_resultaat(api, zaak, klacht.resultaattypen[0])
    r = await api.patch(resultaat["url"], {"resultaattype": bezwaar.resultaattypen[0]})
    assert r.status_code == 400, r.text
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("resultaattype", "zaaktype-mismatch")]
    assert (await api.get(resultaat["url"])).json()["resultaattype"] == klacht.resultaattypen[0]


async def test_a_zaak_has_one_resultaat(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    eerste = await set_resultaat(api, zaak, klacht.resultaattypen[0])
    r = await api.post("/resultaten", {"zaak": zaak_url(zaak), "resultaattype": klacht.resultaattypen[1]})
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    assert [(p["name"], p["code"]) for p in r.json()["invalidParams"]] == [("zaak", "unique")]
    assert await count(app, zrc.Resultaat) == 1
    assert (await get_zaak(api, zaak))["resultaat"] == eerste["url"]


async def test_bad_input_names_the_field_and_writes_nothing(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    cases = [
        ({"zaak": zaak_url(zaak)}, "resultaattype"),
        ({"resultaattype": klacht.resultaattypen[0]}, "zaak"),
        ({"zaak": zaak_url(zaak), "resultaattype": "geen url"}, "resultaattype"),
        ({"zaak": zaak_url(zaak), "resultaattype": f"{BASE}/resultaten/{uuid.uuid4()}"}, "resultaattype"),
        ({"zaak": f"{BASE}/zaken/{uuid.uuid4()}", "resultaattype": klacht.resultaattypen[0]}, "zaak"),
        ({"zaak": zaak_url(zaak), "resultaattype": klacht.resultaattypen[0], "toelichting": "x" * 1001}, "toelichting"),
    ]
    for body, field in cases:
        r = await api.post("/resultaten", body)
        assert r.status_code == 400, (field, r.text)
        validate_response(SPEC, r)
        assert field in [p["name"] for p in r.json()["invalidParams"]], (field, r.text)
    assert await count(app, zrc.Resultaat) == 0
    assert await trail(app, zaak) == []


async def test_put_patch_and_delete(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak, ander = await insert_zaak(app, klacht), await insert_zaak(app, klacht)
    resultaat = await set_resultaat(api, zaak, klacht.resultaattypen[0])
    url = resultaat["url"]
    r = await api.put(url, {"zaak": zaak_url(zaak), "resultaattype": klacht.resultaattypen[1], "toelichting": "Anders"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert (r.json()["resultaattype"], r.json()["toelichting"]) == (klacht.resultaattypen[1], "Anders")
    r = await api.patch(url, {"toelichting": "Nog anders"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert (r.json()["resultaattype"], r.json()["toelichting"]) == (klacht.resultaattypen[1], "Nog anders")
    r = await api.patch(url, {"zaak": zaak_url(ander)})
    assert r.status_code == 400, r.text
    assert [p["name"] for p in r.json()["invalidParams"]] == ["zaak"]
    r = await api.delete(url)
    assert r.status_code == 204, r.text
    assert (await api.get(url)).status_code == 404
    assert (await get_zaak(api, zaak))["resultaat"] is None
    assert (await api.delete(url)).status_code == 404
    expected = [
        ("resultaat", "create"),
        ("resultaat", "update"),
        ("resultaat", "partial_update"),
        ("resultaat", "destroy"),
    ]
    assert await trail(app, zaak) == expected
    assert await notificaties(app, zaak) == expected


async def test_writes_need_bijwerken_on_the_zaak(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    zaak, ander = await insert_zaak(app, klacht), await insert_zaak(app, bezwaar)
    bijwerker = await client_with(app, client, "zrc-bijwerker", [zrc_rechten("zaken.bijwerken", zaaktype=klacht.url)])
    lezer = await client_with(app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url)])
    body = {"zaak": zaak_url(zaak), "resultaattype": klacht.resultaattypen[0]}
    r = await lezer.post("/resultaten", body)
    assert r.status_code == 403
    validate_response(SPEC, r)
    r = await bijwerker.post("/resultaten", {"zaak": zaak_url(ander), "resultaattype": bezwaar.resultaattypen[0]})
    assert r.status_code == 403
    r = await bijwerker.post("/resultaten", body)
    assert r.status_code == 201, r.text
    url = r.json()["url"]
    assert (await lezer.patch(url, {"toelichting": "x"})).status_code == 403
    assert (await lezer.delete(url)).status_code == 403
    anders = await set_resultaat(api, ander, bezwaar.resultaattypen[0])
    assert (await bijwerker.patch(anders["url"], {"toelichting": "x"})).status_code == 403
    assert (await bijwerker.delete(anders["url"])).status_code == 403


async def test_zrc_007_resultaat_of_a_closed_zaak_changes_only_when_forced(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    await close(api, zaak, klacht)
    url = (await get_zaak(api, zaak))["resultaat"]
    bijwerker = await client_with(app, client, "zrc-bijwerker", [zrc_rechten("zaken.bijwerken", zaaktype=klacht.url)])
    r = await bijwerker.patch(url, {"toelichting": "Correctie"})
    assert r.status_code == 403, r.text
    validate_response(SPEC, r)
    assert (await bijwerker.delete(url)).status_code == 403
    geforceerd = await client_with(
        app, client, "zrc-geforceerd", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    r = await geforceerd.patch(url, {"toelichting": "Correctie"})
    assert r.status_code == 200, r.text
    assert r.json()["toelichting"] == "Correctie"


async def test_list_filters_and_never_leaks(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    mijn = await insert_zaak(app, klacht)
    geheim = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    ander = await insert_zaak(app, bezwaar)
    zichtbaar = await set_resultaat(api, mijn, klacht.resultaattypen[0])
    verborgen = [
        await set_resultaat(api, geheim, klacht.resultaattypen[1]),
        await set_resultaat(api, ander, bezwaar.resultaattypen[0]),
    ]
    await only_readable_listed(app, client, klacht, "resultaten", zichtbaar["url"], [v["url"] for v in verborgen])
    r = await api.get("/resultaten", params={"resultaattype": klacht.resultaattypen[1]})
    assert [x["url"] for x in r.json()["results"]] == [verborgen[0]["url"]]
    r = await api.get("/resultaten", params={"zaak": zaak_url(ander)})
    assert [x["url"] for x in r.json()["results"]] == [verborgen[1]["url"]]
    for params in ({"onbekend": "1"}, {"zaak": "geen-url"}, {"resultaattype": f"{BASE}/zaken/{uuid.uuid4()}"}):
        r = await api.get("/resultaten", params=params)
        assert r.status_code == 400, (params, r.text)
        validate_response(SPEC, r)


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]

    async def grow(n: int) -> None:
        for _ in range(n):
            await set_resultaat(api, await insert_zaak(app, klacht), klacht.resultaattypen[0])

    await statements_stay_fixed(api, db, "/resultaten", grow, limit=3)
