"""/rollen: who is involved in a zaak (zrc-019, betrokkeneIdentificatie per betrokkeneType, search filters)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._overig import statements_stay_fixed
from tests.zaken.conftest import BASE, Api, Catalogus, ZaakType, client_with, insert_zaak, zaak_url, zrc_rechten
from tests.zaken.rollen_objecten_support import add_rows, audit_acties, count_rows, notificaties
from zaakwerk.core.db import Database
from zaakwerk.zaken import models as zrc

SPEC = "zaken-api-1.7.0.yaml"
BSN = "111222333"  # passes the 11-proef

IDENTIFICATIES: dict[str, tuple[dict[str, Any], str, str]] = {
    # betrokkeneType: (betrokkeneIdentificatie, filter parameter, value)
    "natuurlijk_persoon": (
        {
            "inpBsn": BSN,
            "geslachtsnaam": "Jansen",
            "voorletters": "J",
            "geslachtsaanduiding": "v",
            "verblijfsadres": {
                "aoaIdentificatie": "0363200000123456",
                "wplWoonplaatsNaam": "Voorbeeld",
                "gorOpenbareRuimteNaam": "Dorpsstraat",
                "aoaHuisnummer": 12,
            },
        },
        "betrokkeneIdentificatie__natuurlijkPersoon__inpBsn",
        BSN,
    ),
    "niet_natuurlijk_persoon": (
        {"innNnpId": "123456789", "statutaireNaam": "Voorbeeld BV", "innRechtsvorm": "besloten_vennootschap"},
        "betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId",
        "123456789",
    ),
    "vestiging": (
        {"vestigingsNummer": "000012345678", "handelsnaam": ["Bakkerij De Korst"], "kvkNummer": "12345678"},
        "betrokkeneIdentificatie__vestiging__vestigingsNummer",
        "000012345678",
    ),
    "organisatorische_eenheid": (
        {"identificatie": "VTH", "naam": "Vergunningen"},
        "betrokkeneIdentificatie__organisatorischeEenheid__identificatie",
        "VTH",
    ),
    "medewerker": (
        {"identificatie": "m" * 200, "achternaam": "de Vries"},
        "betrokkeneIdentificatie__medewerker__identificatie",
        "m" * 200,
    ),
}


def rol_body(
    zaak: zrc.Zaak, zaaktype: ZaakType, betrokkene_type: str = "natuurlijk_persoon", **over: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "zaak": zaak_url(zaak),
        "betrokkeneType": betrokkene_type,
        "roltype": zaaktype.roltypen["initiator"],
        "roltoelichting": "Aanvrager",
        "betrokkeneIdentificatie": IDENTIFICATIES[betrokkene_type][0],
    }
    body.update(over)
    return body


def invalid_names(r: httpx.Response) -> list[str]:
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    return [p["name"] for p in r.json()["invalidParams"]]


@pytest.mark.parametrize("betrokkene_type", list(IDENTIFICATIES))
async def test_rol_of_every_betrokkene_type_is_created_and_found_by_its_identificatie(
    api: Api, app: FastAPI, catalogus: Catalogus, betrokkene_type: str
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    other = await insert_zaak(app, klacht)
    r = await api.post("/rollen", rol_body(zaak, klacht, betrokkene_type))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    rol = r.json()
    assert r.headers["Location"] == rol["url"]
    assert rol["betrokkeneIdentificatie"] == IDENTIFICATIES[betrokkene_type][0]
    await api.post(
        "/rollen",
        rol_body(other, klacht, betrokkene_type, betrokkeneIdentificatie={}, betrokkene="https://elders.nl/p/1"),
    )

    _, param, value = IDENTIFICATIES[betrokkene_type]
    r = await api.get("/rollen", params={param: value})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert [x["url"] for x in r.json()["results"]] == [rol["url"]]


async def test_omschrijving_is_copied_from_the_roltype(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    roltype = await api.json(klacht.roltypen["behandelaar"])
    r = await api.post("/rollen", rol_body(zaak, klacht, roltype=roltype["url"], omschrijving="genegeerd"))
    assert r.status_code == 201, r.text
    assert r.json()["omschrijving"] == roltype["omschrijving"]
    assert r.json()["omschrijvingGeneriek"] == "behandelaar"
    zaak_json = await api.json(zaak_url(zaak))
    assert zaak_json["rollen"] == [r.json()["url"]]


async def test_zrc_019_roltype_of_other_zaaktype_is_refused(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    body = rol_body(zaak, catalogus["VBG-KLACHT"], roltype=catalogus["VBG-BEZWAAR"].roltypen["initiator"])
    r = await api.post("/rollen", body)
    assert invalid_names(r) == ["roltype"]
    assert r.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"
    assert await count_rows(app, zrc.Rol) == 0


@pytest.mark.parametrize(
    ("over", "names"),
    [
        ({"betrokkeneIdentificatie": {"inpBsn": "123456789"}}, ["betrokkeneIdentificatie.inpBsn"]),
        ({"betrokkeneIdentificatie": {"inpA_nummer": "0123456789"}}, ["betrokkeneIdentificatie.inpA_nummer"]),
        ({"betrokkeneIdentificatie": {"geslachtsaanduiding": "x"}}, ["betrokkeneIdentificatie.geslachtsaanduiding"]),
        (
            {"betrokkeneIdentificatie": {"verblijfsadres": {"aoaIdentificatie": "1", "wplWoonplaatsNaam": "A"}}},
            [
                "betrokkeneIdentificatie.verblijfsadres.aoaHuisnummer",
                "betrokkeneIdentificatie.verblijfsadres.gorOpenbareRuimteNaam",
            ],
        ),
        (
            {"betrokkeneIdentificatie": {"subVerblijfBuitenland": {"lndLandcode": "5010"}}},
            ["betrokkeneIdentificatie.subVerblijfBuitenland.lndLandnaam"],
        ),
        ({"betrokkeneIdentificatie": "1234"}, ["betrokkeneIdentificatie"]),
        ({"betrokkeneIdentificatie": None}, ["nonFieldErrors"]),
        ({"betrokkeneType": "kat"}, ["betrokkeneType"]),
        ({"indicatieMachtiging": "baas"}, ["indicatieMachtiging"]),
        (
            {"contactpersoonRol": {"emailadres": "geen-mail"}},
            ["contactpersoonRol.emailadres", "contactpersoonRol.naam"],
        ),
        ({"roltype": "https://elders.nl/catalogi/api/v1/roltypen/1"}, ["roltype"]),
        ({"roltoelichting": "x" * 1001}, ["roltoelichting"]),
    ],
)
async def test_bad_rol_is_refused_naming_the_field_and_writes_nothing(
    api: Api, app: FastAPI, catalogus: Catalogus, over: dict[str, Any], names: list[str]
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/rollen", rol_body(zaak, catalogus["VBG-KLACHT"], **over))
    assert sorted(invalid_names(r)) == sorted(names)
    assert await count_rows(app, zrc.Rol) == 0
    assert await notificaties(app, f"{BASE}/rollen") == []


async def test_unknown_zaak_is_a_400_on_zaak(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    body = rol_body(zaak, catalogus["VBG-KLACHT"])
    body["zaak"] = zaak_url(uuid.uuid4())
    assert invalid_names(await api.post("/rollen", body)) == ["zaak"]
    body["zaak"] = "https://elders.nl/zaken/api/v1/zaken/1"
    assert invalid_names(await api.post("/rollen", body)) == ["zaak"]


async def test_rol_write_is_recorded_and_notified(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    rol = await api.create("rollen", rol_body(zaak, catalogus["VBG-KLACHT"]))
    r = await api.delete(rol["url"])
    assert r.status_code == 204, r.text
    assert (await api.get(rol["url"])).status_code == 404
    assert await audit_acties(app, rol["url"]) == ["create", "destroy"]
    assert await notificaties(app, rol["url"]) == ["create", "destroy"]


async def test_statussen_are_those_the_rol_set(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    rol = await api.create("rollen", rol_body(zaak, klacht))
    statustype = klacht.statustypen[0].rsplit("/", 1)[-1]
    status = zrc.Status(
        rsin=zaak.bronorganisatie,
        zaak_id=zaak.id,
        statustype_id=uuid.UUID(statustype),
        datum_status_gezet=dt.datetime(2026, 11, 3, tzinfo=dt.UTC),
        gezetdoor_id=uuid.UUID(rol["uuid"]),
    )
    await add_rows(app, status)
    shown = await api.json(rol["url"])
    assert shown["statussen"] == [f"{BASE}/statussen/{status.id}"]


async def test_detail_has_etag_head_and_304(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    rol = await api.create("rollen", rol_body(zaak, catalogus["VBG-KLACHT"]))
    r = await api.get(rol["url"])
    validate_response(SPEC, r)
    etag = r.headers["ETag"]
    head = await api.request("HEAD", rol["url"])
    assert head.status_code == 200 and head.headers["ETag"] == etag and not head.content
    assert (await api.get(rol["url"], headers={"If-None-Match": etag})).status_code == 304


async def test_closed_zaak_needs_geforceerd_bijwerken(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht, einddatum=dt.date(2026, 11, 20))
    gewoon = await client_with(
        app, client, "zrc-bijwerker", [zrc_rechten("zaken.lezen", "zaken.bijwerken", zaaktype=klacht.url)]
    )
    forceer = await client_with(
        app, client, "zrc-forceer", [zrc_rechten("zaken.lezen", "zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    r = await gewoon.post("/rollen", rol_body(zaak, klacht))
    assert r.status_code == 403, r.text
    assert await count_rows(app, zrc.Rol) == 0
    rol = await forceer.create("rollen", rol_body(zaak, klacht))
    assert (await gewoon.delete(rol["url"])).status_code == 403
    assert (await forceer.delete(rol["url"])).status_code == 204


async def test_list_and_detail_show_only_rollen_of_zaken_the_client_may_read(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    mine = await api.create("rollen", rol_body(await insert_zaak(app, klacht), klacht))
    other = await api.create("rollen", rol_body(await insert_zaak(app, bezwaar), bezwaar))
    geheim_zaak = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    geheim = await api.create("rollen", rol_body(geheim_zaak, klacht))
    lezer = await client_with(
        app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    r = await lezer.get("/rollen")
    assert [x["url"] for x in r.json()["results"]] == [mine["url"]]
    assert r.json()["count"] == 1
    assert (await lezer.get(other["url"])).status_code == 403
    assert (await lezer.get(geheim["url"])).status_code == 403
    expanded = await lezer.json(f"/rollen?expand=zaak&zaak={zaak_url(geheim_zaak)}")
    assert expanded["results"] == []
    assert (await lezer.post("/rollen", rol_body(await insert_zaak(app, klacht), klacht))).status_code == 403


async def test_list_filters(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    initiator = await api.create("rollen", rol_body(zaak, klacht, betrokkene="https://brp.example/personen/1"))
    behandelaar = await api.create(
        "rollen", rol_body(zaak, klacht, "medewerker", roltype=klacht.roltypen["behandelaar"])
    )
    await api.create("rollen", rol_body(await insert_zaak(app, klacht), klacht))

    async def urls(**params: str) -> list[str]:
        data = await api.json("/rollen", params={"zaak": zaak_url(zaak), **params})
        return sorted(x["url"] for x in data["results"])

    assert await urls() == sorted([initiator["url"], behandelaar["url"]])
    assert await urls(betrokkene="https://brp.example/personen/1") == [initiator["url"]]
    assert await urls(betrokkeneType="medewerker") == [behandelaar["url"]]
    assert await urls(roltype=klacht.roltypen["behandelaar"]) == [behandelaar["url"]]
    assert await urls(omschrijvingGeneriek="initiator") == [initiator["url"]]
    assert await urls(omschrijving=behandelaar["omschrijving"]) == [behandelaar["url"]]
    for bad in ({"betrokkeneType": "kat"}, {"omschrijvingGeneriek": "kat"}, {"zaak": "geen-url"}, {"rol": "x"}):
        r = await api.get("/rollen", params=bad)
        assert r.status_code == 400, bad
        validate_response(SPEC, r)


async def test_expand_roltype_and_zaak(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    rol = await api.create("rollen", rol_body(zaak, klacht))
    data = await api.json(f"{rol['url']}?expand=roltype,zaak")
    assert data["_expand"]["roltype"]["url"] == klacht.roltypen["initiator"]
    assert data["_expand"]["zaak"]["url"] == zaak_url(zaak)
    listed = await api.json("/rollen?expand=roltype")
    assert listed["results"][0]["_expand"]["roltype"]["omschrijvingGeneriek"] == "initiator"
    zaak_json = await api.json(f"{zaak_url(zaak)}?expand=rollen")
    assert zaak_json["_expand"]["rollen"][0]["url"] == rol["url"]


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]

    async def grow(n: int) -> None:
        for _ in range(n):
            zaak = await insert_zaak(app, klacht)
            await api.create("rollen", rol_body(zaak, klacht))

    await statements_stay_fixed(api, db, "/rollen", grow, limit=3)


async def test_rol_with_only_a_betrokkene_url(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    body = rol_body(await insert_zaak(app, klacht), klacht, betrokkene="https://brp.example/personen/2")
    del body["betrokkeneIdentificatie"]
    r = await api.post("/rollen", body)
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    assert r.json()["betrokkene"] == "https://brp.example/personen/2"


async def test_zaken_are_found_by_the_bsn_of_a_rol_written_here(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    await insert_zaak(app, klacht)
    await api.create("rollen", rol_body(zaak, klacht))
    data = await api.json("/zaken", params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN})
    assert [z["url"] for z in data["results"]] == [zaak_url(zaak)]


async def test_a_bsn_list_shows_each_zaak_as_its_detail_does(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    """A rol-filtered list reads the URL lists with the zaken (PostgreSQL) instead of in a second statement: the
    same JSON per zaak as the detail, URL lists in the same order."""
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await insert_zaak(app, klacht)
    deel = await insert_zaak(app, klacht, hoofdzaak_id=hoofd.id)
    for zaak in (hoofd, deel):
        await api.create("rollen", rol_body(zaak, klacht))
        await api.create("rollen", rol_body(zaak, klacht, roltoelichting="Tweede"))
    data = await api.json("/zaken", params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN})
    assert data["count"] == 2
    for listed in data["results"]:
        assert listed == await api.json(listed["url"])
    by_url = {z["url"]: z for z in data["results"]}
    assert by_url[zaak_url(hoofd)]["deelzaken"] == [zaak_url(deel)]
    assert len(by_url[zaak_url(hoofd)]["rollen"]) == 2
