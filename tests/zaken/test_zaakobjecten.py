"""/zaakobjecten: what a zaak is about (objectIdentificatie per objectType, overige, zaakobjecttype)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._overig import statements_stay_fixed
from tests.zaken.conftest import (
    BASE,
    RSIN,
    ZTC,
    Api,
    Catalogus,
    ZaakType,
    client_with,
    insert_zaak,
    zaak_url,
    zrc_rechten,
)
from tests.zaken.rollen_objecten_support import add_rows, audit_acties, count_rows, invalid, notificaties
from zaakwerk.catalogi import models as ztc
from zaakwerk.core.db import Database
from zaakwerk.zaken import models as zrc
from zaakwerk.zaken._identificatie_schemas import OBJECT_IDENTIFICATIE

SPEC = "zaken-api-1.7.0.yaml"
ADRES = {
    "identificatie": "0363200000123456",
    "wplWoonplaatsNaam": "Voorbeeld",
    "gorOpenbareRuimteNaam": "Dorpsstraat",
    "huisnummer": 12,
}
IDENTIFICATIES: dict[str, dict[str, Any]] = {
    "adres": ADRES,
    "pand": {"identificatie": "0363100012345678"},
    "natuurlijk_persoon": {"inpBsn": "111222333", "geslachtsnaam": "Jansen"},
    "overige": {"overigeData": {"boomnummer": 17, "soort": "eik"}},
    "terrein_gebouwd_object": {
        "identificatie": "T1",
        "adresAanduidingGrp": {"aoaHuisnummer": 3, "gorOpenbareRuimteNaam": "Laan", "wplWoonplaatsNaam": "Voorbeeld"},
    },
    "woz_waarde": {"waardepeildatum": "20250101", "isVoor": {"wozObjectNummer": "123", "aanduidingWozObject": None}},
}


def zaakobject_body(zaak: zrc.Zaak, object_type: str = "adres", **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"zaak": zaak_url(zaak), "objectType": object_type, "relatieomschrijving": "Locatie"}
    if object_type in IDENTIFICATIES:
        body["objectIdentificatie"] = IDENTIFICATIES[object_type]
    if object_type == "overige":
        body["objectTypeOverige"] = "boom"
    body.update(over)
    return body


async def zaakobjecttype(app: FastAPI, zaaktype: ZaakType) -> str:
    row = ztc.ZaakObjectType(
        rsin=RSIN,
        zaaktype_id=zaaktype.id,
        ander_objecttype=False,
        objecttype="https://objecttypen.example/boom",
        relatie_omschrijving="Boom",
    )
    await add_rows(app, row)
    return f"{ZTC}/zaakobjecttypen/{row.id}"


@pytest.mark.parametrize("object_type", list(IDENTIFICATIES))
async def test_zaakobject_with_identificatie_is_created_as_sent(
    api: Api, app: FastAPI, catalogus: Catalogus, object_type: str
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-MOR"])
    r = await api.post("/zaakobjecten", zaakobject_body(zaak, object_type))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert data["objectIdentificatie"] == IDENTIFICATIES[object_type]
    assert data["objectType"] == object_type
    assert r.headers["Location"] == data["url"]
    assert (await api.json(zaak_url(zaak)))["zaakobjecten"] == [data["url"]]


async def test_every_object_type_is_accepted_with_an_object_url(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-MOR"])
    types = [t for t in OBJECT_IDENTIFICATIE if t != "overige"]
    assert len(types) == 30
    for object_type in types:
        body = {
            "zaak": zaak_url(zaak),
            "objectType": object_type,
            "object": f"https://objecten.example/{object_type}/1",
        }
        r = await api.post("/zaakobjecten", body)
        assert r.status_code == 201, (object_type, r.text)
    assert (await api.json("/zaakobjecten", params={"zaak": zaak_url(zaak)}))["count"] == 30


@pytest.mark.parametrize(
    ("over", "errors"),
    [
        ({"objectIdentificatie": {**ADRES, "huisnummer": "twaalf"}}, [("objectIdentificatie.huisnummer", "invalid")]),
        ({"objectIdentificatie": {**ADRES, "huisnummer": 100000}}, [("objectIdentificatie.huisnummer", "max_value")]),
        (
            {"objectIdentificatie": {"identificatie": "1"}},
            [
                ("objectIdentificatie.gorOpenbareRuimteNaam", "required"),
                ("objectIdentificatie.huisnummer", "required"),
                ("objectIdentificatie.wplWoonplaatsNaam", "required"),
            ],
        ),
        (
            {"objectIdentificatie": {**ADRES, "postcode": "1234 AB CD"}},
            [("objectIdentificatie.postcode", "max_length")],
        ),
        ({"objectIdentificatie": None}, [("nonFieldErrors", "invalid-zaakobject")]),
        ({"objectType": "kat"}, [("objectType", "invalid_choice")]),
        ({"objectTypeOverige": "boom"}, [("objectTypeOverige", "invalid-object-type-overige-usage")]),
        ({"relatieomschrijving": "x" * 81}, [("relatieomschrijving", "max_length")]),
        ({"zaakobjecttype": "https://elders.nl/catalogi/api/v1/zaakobjecttypen/1"}, [("zaakobjecttype", "bad-url")]),
        ({"objectType": "besluit"}, [("objectIdentificatie", "invalid")]),
    ],
)
async def test_bad_zaakobject_is_refused_naming_the_field_and_writes_nothing(
    api: Api, app: FastAPI, catalogus: Catalogus, over: dict[str, Any], errors: list[tuple[str, str]]
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-MOR"])
    r = await api.post("/zaakobjecten", zaakobject_body(zaak, **over))
    assert invalid(r) == errors
    assert await count_rows(app, zrc.ZaakObject) == 0


async def test_overige_needs_what_it_is(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-MOR"])
    r = await api.post("/zaakobjecten", zaakobject_body(zaak, "overige", objectTypeOverige=""))
    assert invalid(r) == [("objectTypeOverige", "missing-object-type-overige")]
    r = await api.post("/zaakobjecten", zaakobject_body(zaak, "overige", objectTypeOverige="Boom!"))
    assert invalid(r) == [("objectTypeOverige", "invalid")]
    r = await api.post("/zaakobjecten", zaakobject_body(zaak, "overige", objectIdentificatie={"overigeData": "boom"}))
    assert invalid(r) == [("objectIdentificatie.overigeData", "invalid")]
    definitie = {
        "url": "https://objecttypen.example/api/v2/objecttypes/1",
        "schema": ".jsonSchema",
        "objectData": ".record.data",
    }
    r = await api.post(
        "/zaakobjecten", zaakobject_body(zaak, "overige", objectTypeOverige="", objectTypeOverigeDefinitie=definitie)
    )
    assert invalid(r) == [("object", "required"), ("objectIdentificatie", "invalid")]
    body = zaakobject_body(
        zaak, "overige", objectTypeOverigeDefinitie=definitie, object="https://objecten.example/api/v2/objects/1"
    )
    del body["objectIdentificatie"]
    r = await api.post("/zaakobjecten", body)
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    assert r.json()["objectTypeOverigeDefinitie"] == definitie
    assert await count_rows(app, zrc.ZaakObject) == 1


async def test_zaakobjecttype_must_belong_to_the_zaaktype(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    mor = catalogus["VBG-MOR"]
    zaak = await insert_zaak(app, mor)
    own = await zaakobjecttype(app, mor)
    other = await zaakobjecttype(app, catalogus["VBG-KAP"])
    r = await api.post("/zaakobjecten", zaakobject_body(zaak, zaakobjecttype=other))
    assert invalid(r) == [("zaakobjecttype", "zaaktype-mismatch")]
    r = await api.post("/zaakobjecten", zaakobject_body(zaak, zaakobjecttype=f"{ZTC}/zaakobjecttypen/{uuid.uuid4()}"))
    assert invalid(r) == [("zaakobjecttype", "does_not_exist")]
    created = await api.create("zaakobjecten", zaakobject_body(zaak, zaakobjecttype=own))
    assert created["zaakobjecttype"] == own
    expanded = await api.json(f"{created['url']}?expand=zaakobjecttype,zaak")
    assert expanded["_expand"]["zaakobjecttype"]["url"] == own
    assert expanded["_expand"]["zaak"]["url"] == zaak_url(zaak)


async def test_update_patch_and_delete(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-MOR"])
    created = await api.create("zaakobjecten", zaakobject_body(zaak))
    url = created["url"]

    r = await api.patch(url, {"relatieomschrijving": "Plaats van de melding"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json()["relatieomschrijving"] == "Plaats van de melding"
    assert r.json()["objectIdentificatie"] == ADRES

    r = await api.patch(url, {"objectType": "pand", "objectIdentificatie": {"identificatie": "0363100012345678"}})
    assert r.status_code == 200, r.text
    assert r.json()["objectIdentificatie"] == {"identificatie": "0363100012345678"}

    r = await api.patch(url, {"objectIdentificatie": {"huisnummer": 1}})
    assert invalid(r) == [("nonFieldErrors", "invalid-zaakobject"), ("objectIdentificatie.identificatie", "required")]

    moved = zaakobject_body(await insert_zaak(app, catalogus["VBG-MOR"]))
    assert invalid(await api.put(url, moved)) == [("zaak", "wijzigen-niet-toegestaan")]

    r = await api.put(url, zaakobject_body(zaak, "natuurlijk_persoon"))
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json()["objectType"] == "natuurlijk_persoon"
    assert r.json()["relatieomschrijving"] == "Locatie"

    assert (await api.delete(url)).status_code == 204
    assert (await api.get(url)).status_code == 404
    assert (await api.delete(url)).status_code == 404
    assert await audit_acties(app, url) == ["create", "partial_update", "partial_update", "update", "destroy"]
    assert await notificaties(app, url) == ["create", "partial_update", "partial_update", "update", "destroy"]


async def test_detail_has_etag_head_and_304(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    created = await api.create("zaakobjecten", zaakobject_body(await insert_zaak(app, catalogus["VBG-MOR"])))
    r = await api.get(created["url"])
    validate_response(SPEC, r)
    head = await api.request("HEAD", created["url"])
    assert head.status_code == 200 and head.headers["ETag"] == r.headers["ETag"] and not head.content
    assert (await api.get(created["url"], headers={"If-None-Match": r.headers["ETag"]})).status_code == 304


async def test_rights_closed_zaak_and_lists_that_never_leak(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    mor, kap = catalogus["VBG-MOR"], catalogus["VBG-KAP"]
    mine = await api.create("zaakobjecten", zaakobject_body(await insert_zaak(app, mor)))
    other = await api.create("zaakobjecten", zaakobject_body(await insert_zaak(app, kap)))
    geheim = await api.create(
        "zaakobjecten", zaakobject_body(await insert_zaak(app, mor, vertrouwelijkheidaanduiding="geheim"))
    )
    lezer = await client_with(
        app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=mor.url, max_vertrouwelijkheid="intern")]
    )
    r = await lezer.get("/zaakobjecten")
    assert r.status_code == 200
    validate_response(SPEC, r)
    assert [x["url"] for x in r.json()["results"]] == [mine["url"]]
    assert (await lezer.get(other["url"])).status_code == 403
    assert (await lezer.get(geheim["url"])).status_code == 403
    assert (await lezer.patch(mine["url"], {"relatieomschrijving": "x"})).status_code == 403

    aanmaker = await client_with(app, client, "zrc-aanmaker", [zrc_rechten("zaken.aanmaken", zaaktype=mor.url)])
    assert (await aanmaker.post("/zaakobjecten", zaakobject_body(await insert_zaak(app, mor)))).status_code == 201
    assert (await aanmaker.post("/zaakobjecten", zaakobject_body(await insert_zaak(app, kap)))).status_code == 403

    closed = await insert_zaak(app, mor, einddatum=dt.date(2026, 11, 20))
    bijwerker = await client_with(
        app, client, "zrc-bijwerker", [zrc_rechten("zaken.bijwerken", "zaken.verwijderen", zaaktype=mor.url)]
    )
    assert (await bijwerker.post("/zaakobjecten", zaakobject_body(closed))).status_code == 403
    forceer = await client_with(
        app, client, "zrc-forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=mor.url)]
    )
    on_closed = await forceer.create("zaakobjecten", zaakobject_body(closed))
    assert (await bijwerker.delete(on_closed["url"])).status_code == 403
    assert (await bijwerker.delete(mine["url"])).status_code == 204


async def test_list_filters_and_bad_parameters(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    mor = catalogus["VBG-MOR"]
    zaak = await insert_zaak(app, mor)
    adres = await api.create("zaakobjecten", zaakobject_body(zaak, object="https://bag.example/adressen/1"))
    pand = await api.create("zaakobjecten", zaakobject_body(zaak, "pand"))
    await api.create("zaakobjecten", zaakobject_body(await insert_zaak(app, mor)))

    async def urls(**params: str) -> list[str]:
        data = await api.json("/zaakobjecten", params=params)
        return sorted(x["url"] for x in data["results"])

    assert await urls(zaak=zaak_url(zaak)) == sorted([adres["url"], pand["url"]])
    assert await urls(object="https://bag.example/adressen/1") == [adres["url"]]
    assert await urls(objectType="pand") == [pand["url"]]
    for bad in ({"objectType": "kat"}, {"zaak": f"{BASE}/rollen/{uuid.uuid4()}"}, {"objecttype": "pand"}):
        r = await api.get("/zaakobjecten", params=bad)
        assert r.status_code == 400, bad
        validate_response(SPEC, r)


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    mor = catalogus["VBG-MOR"]

    async def grow(n: int) -> None:
        for _ in range(n):
            await api.create("zaakobjecten", zaakobject_body(await insert_zaak(app, mor)))

    await statements_stay_fixed(api, db, "/zaakobjecten", grow, limit=2)
