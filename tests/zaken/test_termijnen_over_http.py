"""GET /zaken/{uuid}/termijnen (extension): the deadline service's history over HTTP, under the zaak's read right,
with ETag/304 like every detail, documented in the served OpenAPI."""

from __future__ import annotations

import datetime as dt
import uuid

import httpx
from fastapi import FastAPI

from tests.zaken.conftest import Api, Catalogus, client_with, insert_zaak, zaak_body, zaak_url, zrc_rechten
from tests.zaken.termijnen_support import op, wijzig
from zaakwerk.core import clock, kalender

D = dt.date


async def test_two_opschortingen_and_a_verlenging_show_with_their_dates(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    r = await api.post("/zaken", zaak_body(catalogus["VBG-KAP"], startdatum="2026-03-02"))
    assert r.status_code == 201, r.text
    url = r.json()["url"]
    zaak_id = uuid.UUID(url.rsplit("/", 1)[1])
    # The suspensions in the past through the service under a moved clock (a token only lives around the real
    # clock); the verlenging over HTTP today, as a client sends it.
    with op(D(2026, 3, 10)):
        await wijzig(app, zaak_id, opschorting={"indicatie": True, "reden": "aanvulling"})
    with op(D(2026, 3, 22)):
        await wijzig(app, zaak_id, opschorting={"indicatie": False, "reden": ""})
    with op(D(2026, 5, 11)):
        await wijzig(app, zaak_id, opschorting={"indicatie": True, "reden": "zienswijze"})
    with op(D(2026, 5, 18)):
        await wijzig(app, zaak_id, opschorting={"indicatie": False, "reden": ""})
    r = await api.patch(url, {"verlenging": {"reden": "advies", "duur": "P2W"}})
    assert r.status_code == 200, r.text

    r = await api.get(f"{url}/termijnen")
    assert r.status_code == 200, r.text
    t = r.json()
    # Planned: 13 April + 12 + 7 = Saturday 2 May → Monday 4 May (a verlenging does not move it).
    # Uiterlijk: nominal 27 April + 19 suspended + 14 extended = Saturday 30 May → Monday 1 June.
    uiterlijk = D(2026, 6, 1)
    vandaag = clock.today()
    assert vandaag > uiterlijk  # the deadline lies in the past of every run of this test
    assert t == {
        "url": f"{url}/termijnen",
        "zaak": url,
        "startdatum": "2026-03-02",
        "einddatumGepland": "2026-05-04",
        "uiterlijkeEinddatumAfdoening": uiterlijk.isoformat(),
        "opgeschort": False,
        "opgeschortSinds": None,
        "opschortingen": [
            {"begin": "2026-03-10", "einde": "2026-03-22", "dagen": 12, "reden": "aanvulling"},
            {"begin": "2026-05-11", "einde": "2026-05-18", "dagen": 7, "reden": "zienswijze"},
        ],
        "verlengingen": [{"datum": vandaag.isoformat(), "duur": "P14D", "reden": "advies"}],
        "totaleVerlenging": "P2W",
        "opgeschorteDagen": 19,
        "resterendeDagen": (uiterlijk - vandaag).days,
        "resterendeWerkdagen": -kalender.werkdagen_tussen(uiterlijk, vandaag),
        "status": "verlopen",
    }
    # The zaak detail at /zaken/{uuid} is untouched by the route below it.
    r = await api.get(url)
    assert r.status_code == 200 and r.json()["url"] == url


async def test_status_values(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    vandaag = clock.today()
    gevallen = {
        "geen_termijn": None,
        "verlopen": vandaag - dt.timedelta(days=1),
        "bijna_verlopen": vandaag,
        "op_tijd": vandaag + dt.timedelta(days=60),
    }
    for status, uiterlijk in gevallen.items():
        zaak = await insert_zaak(
            app,
            catalogus["VBG-KAP"],
            startdatum=vandaag - dt.timedelta(days=90),
            uiterlijke_einddatum_afdoening=uiterlijk,
        )
        r = await api.get(f"{zaak_url(zaak)}/termijnen")
        assert r.status_code == 200, r.text
        assert r.json()["status"] == status, (status, r.json())
    # Suspended: the clock stands still, remaining days as of the day it began.
    zaak = await insert_zaak(app, catalogus["VBG-KAP"], uiterlijke_einddatum_afdoening=vandaag + dt.timedelta(days=30))
    r = await api.patch(zaak_url(zaak), {"opschorting": {"indicatie": True, "reden": "wacht"}})
    assert r.status_code == 200, r.text
    t = (await api.get(f"{zaak_url(zaak)}/termijnen")).json()
    assert (t["opgeschort"], t["opgeschortSinds"], t["resterendeDagen"]) == (True, vandaag.isoformat(), 30)
    assert t["opschortingen"] == [{"begin": vandaag.isoformat(), "einde": None, "dagen": 0, "reden": "wacht"}]


async def test_read_right_on_the_zaaktype_and_404(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KAP"])
    ander = await client_with(
        app, client, "zrc-klacht", [zrc_rechten("zaken.lezen", zaaktype=catalogus["VBG-KLACHT"].url)]
    )
    r = await ander.get(f"{zaak_url(zaak)}/termijnen")
    assert r.status_code == 403, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "permission_denied"

    lezer = await client_with(app, client, "zrc-kap", [zrc_rechten("zaken.lezen", zaaktype=catalogus["VBG-KAP"].url)])
    assert (await lezer.get(f"{zaak_url(zaak)}/termijnen")).status_code == 200
    r = await lezer.get(f"{zaak_url(uuid.uuid4())}/termijnen")
    assert r.status_code == 404, r.text
    assert r.json()["code"] == "not_found"
    # Without zaken.lezen at all.
    schrijver = await client_with(
        app, client, "zrc-schrijf", [zrc_rechten("zaken.aanmaken", zaaktype=catalogus["VBG-KAP"].url)]
    )
    assert (await schrijver.get(f"{zaak_url(zaak)}/termijnen")).status_code == 403


async def test_etag_304_and_head(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KAP"])
    url = f"{zaak_url(zaak)}/termijnen"
    r = await api.get(url)
    etag = r.headers["ETag"]
    r = await api.get(url, headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.content == b""
    r = await api.request("HEAD", url)
    assert (r.status_code, r.headers["ETag"], r.content) == (200, etag, b"")
    # A change of the deadlines is a new ETag.
    assert (await api.patch(zaak_url(zaak), {"verlenging": {"reden": "advies", "duur": "P1W"}})).status_code == 200
    r = await api.get(url, headers={"If-None-Match": etag})
    assert r.status_code == 200 and r.headers["ETag"] != etag


async def test_the_served_openapi_marks_the_extension(api: Api) -> None:
    r = await api.get("/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    pad = spec["paths"]["/zaken/{uuid}/termijnen"]
    assert pad["x-zaakwerk-extensie"] is True
    assert pad["get"]["operationId"] == "zaak_termijnen"
    assert "/zaken/{uuid}" in spec["paths"]  # the VNG paths stay
