"""The Zaken API is mounted, guarded by the zaak access rule, and renders a zaak as the spec's ``Zaak``."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken.conftest import Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten

SPEC = "zaken-api-1.7.0.yaml"


async def test_zaak_detail_renders_the_spec_schema(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.get(zaak_url(zaak))
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json()["zaaktype"] == catalogus["VBG-KLACHT"].url
    assert r.headers["ETag"]


async def test_list_shows_only_zaken_of_the_clients_zaaktypen(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    mine = await insert_zaak(app, klacht)
    other = await insert_zaak(app, bezwaar)
    geheim = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    lezer = await client_with(
        app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    r = await lezer.get("/zaken")
    assert r.status_code == 200, r.text
    assert [z["url"] for z in r.json()["results"]] == [zaak_url(mine)]
    assert (await lezer.get(zaak_url(other))).status_code == 403
    assert (await lezer.get(zaak_url(geheim))).status_code == 403
