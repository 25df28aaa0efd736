"""/zaken/{zaak_uuid}/zaakeigenschappen: zaaktype-specific values of a zaak (zrc-018, waarde by specificatie)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._overig import statements_stay_fixed
from tests.zaken.conftest import ZTC, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from tests.zaken.rollen_objecten_support import audit_acties, count_rows, invalid, notificaties
from zaakwerk.core.db import Database
from zaakwerk.zaken import models as zrc

SPEC = "zaken-api-1.7.0.yaml"


def body(zaak: zrc.Zaak, eigenschap: str, waarde: str) -> dict[str, Any]:
    return {"zaak": zaak_url(zaak), "eigenschap": eigenschap, "waarde": waarde}


def path(zaak: zrc.Zaak | uuid.UUID) -> str:
    return f"{zaak_url(zaak)}/zaakeigenschappen"


async def test_create_copies_naam_and_shows_in_the_zaak(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    kap = catalogus["VBG-KAP"]
    zaak = await insert_zaak(app, kap)
    r = await api.post(path(zaak), body(zaak, kap.eigenschappen["aantalBomen"], "12"))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert data["naam"] == "aantalBomen"
    assert data["url"] == f"{path(zaak)}/{data['uuid']}" == r.headers["Location"]
    assert (await api.json(zaak_url(zaak)))["eigenschappen"] == [data["url"]]
    listed = await api.get(path(zaak))
    assert listed.status_code == 200
    validate_response(SPEC, listed)
    assert listed.json() == [data]


async def test_zrc_018_eigenschap_of_other_zaaktype_is_refused(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KAP"])
    r = await api.post(path(zaak), body(zaak, catalogus["VBG-KLACHT"].eigenschappen["klachtOver"], "Overig"))
    assert invalid(r) == [("eigenschap", "zaaktype-mismatch")]
    assert await count_rows(app, zrc.ZaakEigenschap) == 0


@pytest.mark.parametrize(
    ("zaaktype", "naam", "waarde", "code"),
    [
        ("VBG-KAP", "aantalBomen", "veel", "invalid-getal"),
        ("VBG-KAP", "aantalBomen", "1000", "max_length"),
        ("VBG-KAP", "aantalBomen", "1,5", "invalid-getal"),
        ("VBG-BEZWAAR", "datumBesluit", "20261331", "invalid-datum"),
        ("VBG-BEZWAAR", "kenmerkBesluit", "x" * 51, "max_length"),
        ("VBG-KLACHT", "klachtOver", "Het weer", "invalid_choice"),
    ],
)
async def test_waarde_must_fit_the_specificatie(
    api: Api, app: FastAPI, catalogus: Catalogus, zaaktype: str, naam: str, waarde: str, code: str
) -> None:
    zaak = await insert_zaak(app, catalogus[zaaktype])
    r = await api.post(path(zaak), body(zaak, catalogus[zaaktype].eigenschappen[naam], waarde))
    assert invalid(r) == [("waarde", code)]
    assert await count_rows(app, zrc.ZaakEigenschap) == 0


@pytest.mark.parametrize(
    ("zaaktype", "naam", "waarde"),
    [
        ("VBG-KAP", "aantalBomen", "007"),
        ("VBG-BEZWAAR", "datumBesluit", "20261102"),
        ("VBG-BEZWAAR", "datumBesluit", "2026-11-02"),
        ("VBG-KLACHT", "klachtOver", "Termijn niet gehaald"),
    ],
)
async def test_fitting_waarde_is_accepted(
    api: Api, app: FastAPI, catalogus: Catalogus, zaaktype: str, naam: str, waarde: str
) -> None:
    zaak = await insert_zaak(app, catalogus[zaaktype])
    r = await api.post(path(zaak), body(zaak, catalogus[zaaktype].eigenschappen[naam], waarde))
    assert r.status_code == 201, r.text
    assert r.json()["waarde"] == waarde


async def test_kardinaliteit_limits_how_often_an_eigenschap_occurs(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    kap = catalogus["VBG-KAP"]
    zaak = await insert_zaak(app, kap)
    first = await api.post(path(zaak), body(zaak, kap.eigenschappen["aantalBomen"], "3"))
    assert first.status_code == 201
    r = await api.post(path(zaak), body(zaak, kap.eigenschappen["aantalBomen"], "4"))
    assert invalid(r) == [("waarde", "kardinaliteit")]
    # Changing the one value is no second occurrence.
    assert (await api.patch(first.json()["url"], {"waarde": "4"})).status_code == 200
    for soort in ("eik", "beuk"):  # kardinaliteit N
        assert (await api.post(path(zaak), body(zaak, kap.eigenschappen["boomsoort"], soort))).status_code == 201
    assert await count_rows(app, zrc.ZaakEigenschap) == 3


async def test_zaak_in_body_must_be_the_zaak_of_the_path(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    kap = catalogus["VBG-KAP"]
    zaak, other = await insert_zaak(app, kap), await insert_zaak(app, kap)
    r = await api.post(path(zaak), body(other, kap.eigenschappen["aantalBomen"], "3"))
    assert invalid(r) == [("zaak", "zaak-mismatch")]
    r = await api.post(path(uuid.uuid4()), body(zaak, kap.eigenschappen["aantalBomen"], "3"))
    assert r.status_code == 404
    created = (await api.post(path(zaak), body(zaak, kap.eigenschappen["aantalBomen"], "3"))).json()
    assert (await api.get(f"{path(other)}/{created['uuid']}")).status_code == 404
    assert (await api.delete(f"{path(other)}/{created['uuid']}")).status_code == 404
    assert invalid(await api.patch(created["url"], {"zaak": zaak_url(other)})) == [("zaak", "zaak-mismatch")]


async def test_update_patch_delete_are_recorded(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    kap = catalogus["VBG-KAP"]
    zaak = await insert_zaak(app, kap)
    created = (await api.post(path(zaak), body(zaak, kap.eigenschappen["aantalBomen"], "3"))).json()
    url = created["url"]
    r = await api.put(url, body(zaak, kap.eigenschappen["boomsoort"], "eik"))
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert (r.json()["naam"], r.json()["waarde"]) == ("boomsoort", "eik")
    r = await api.patch(url, {"waarde": "x" * 101})
    assert invalid(r) == [("waarde", "max_length")]
    r = await api.patch(url, {"waarde": "linde"})
    assert r.status_code == 200 and r.json()["waarde"] == "linde"
    head = await api.request("HEAD", url)
    assert head.status_code == 200 and head.headers["ETag"] and not head.content
    assert (await api.get(url, headers={"If-None-Match": head.headers["ETag"]})).status_code == 304
    assert (await api.delete(url)).status_code == 204
    assert (await api.get(url)).status_code == 404
    assert await audit_acties(app, url) == ["create", "update", "partial_update", "destroy"]
    assert await notificaties(app, url) == ["create", "update", "partial_update", "destroy"]


async def test_rights_and_closed_zaak(api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus) -> None:
    kap, klacht = catalogus["VBG-KAP"], catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, kap)
    other = await insert_zaak(app, klacht)
    lezer = await client_with(app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=kap.url)])
    assert (await lezer.get(path(zaak))).status_code == 200
    assert (await lezer.get(path(other))).status_code == 403
    assert (await lezer.get(path(uuid.uuid4()))).status_code == 404
    assert (await lezer.post(path(zaak), body(zaak, kap.eigenschappen["aantalBomen"], "3"))).status_code == 403

    closed = await insert_zaak(app, kap, einddatum=dt.date(2026, 11, 20))
    bijwerker = await client_with(app, client, "zrc-bijwerker", [zrc_rechten("zaken.bijwerken", zaaktype=kap.url)])
    forceer = await client_with(
        app, client, "zrc-forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=kap.url)]
    )
    assert (await bijwerker.post(path(closed), body(closed, kap.eigenschappen["aantalBomen"], "3"))).status_code == 403
    created = await forceer.post(path(closed), body(closed, kap.eigenschappen["aantalBomen"], "3"))
    assert created.status_code == 201
    assert (await bijwerker.delete(created.json()["url"])).status_code == 403
    assert await count_rows(app, zrc.ZaakEigenschap) == 1


async def test_bad_input(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    kap = catalogus["VBG-KAP"]
    zaak = await insert_zaak(app, kap)
    assert invalid(await api.post(path(zaak), {"zaak": zaak_url(zaak)})) == [
        ("eigenschap", "required"),
        ("waarde", "required"),
    ]
    r = await api.post(path(zaak), body(zaak, f"{ZTC}/eigenschappen/{uuid.uuid4()}", "1"))
    assert invalid(r) == [("eigenschap", "does_not_exist")]
    r = await api.post(path(zaak), body(zaak, "https://elders.nl/eigenschappen/1", "1"))
    assert invalid(r) == [("eigenschap", "bad-url")]
    assert (await api.get(path(zaak), params={"page": "1"})).status_code == 400


async def test_expand_and_expand_from_the_zaak(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    kap = catalogus["VBG-KAP"]
    zaak = await insert_zaak(app, kap)
    created = (await api.post(path(zaak), body(zaak, kap.eigenschappen["aantalBomen"], "3"))).json()
    data = await api.json(f"{created['url']}?expand=eigenschap")
    assert data["_expand"]["eigenschap"]["naam"] == "aantalBomen"
    zaak_json = await api.json(f"{zaak_url(zaak)}?expand=eigenschappen")
    assert [e["url"] for e in zaak_json["_expand"]["eigenschappen"]] == [created["url"]]


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    kap = catalogus["VBG-KAP"]
    zaak = await insert_zaak(app, kap)

    async def grow(n: int) -> None:
        for i in range(n):
            await api.post(path(zaak), body(zaak, kap.eigenschappen["boomsoort"], f"soort {i}"))

    await statements_stay_fixed(api, db, path(zaak), grow, limit=2)
