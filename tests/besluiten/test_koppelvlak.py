"""The Besluiten component as the Zaken API uses it in process (``zaakwerk.zaken.koppelvlak``), registered at
start-up: POST /zaken/{uuid}/besluiten checks real besluiten, and zrc-021 derives the brondatum of
``ingangsdatum_besluit`` / ``vervaldatum_besluit`` from the zaak's besluiten."""

from __future__ import annotations

import uuid

import httpx
import pytest
from fastapi import FastAPI

from tests.besluiten.conftest import KAPPEN, SPEC, Api, Catalogus, besluit_body, codes, insert_zaak, zaak_url
from tests.contract.openapi import validate_response
from tests.zaken.conftest import Api as ZakenApi
from tests.zaken.conftest import client_with as zaken_client
from tests.zaken.test_archiveren import closed, procedure
from zaakwerk.zaken import koppelvlak


@pytest.fixture
async def zrc(app: FastAPI, client: httpx.AsyncClient) -> ZakenApi:
    return await zaken_client(app, client, "zrc-alles", alle=True)


async def test_the_besluiten_component_registers_itself(app: FastAPI) -> None:
    assert koppelvlak.besluiten() is not None


async def test_zaakbesluiten_are_checked_against_real_besluiten(
    api: Api, zrc: ZakenApi, app: FastAPI, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    other = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    los = await api.create("besluiten", await besluit_body(app))
    r = await zrc.post(f"{zaak_url(zaak)}/besluiten", {"besluit": los["url"]})
    assert r.status_code == 201, r.text
    elders = await api.create("besluiten", await besluit_body(app, zaak=zaak_url(other)))
    kap = await api.create("besluiten", await besluit_body(app, KAPPEN))
    cases = [
        (f"http://testserver/besluiten/api/v1/besluiten/{uuid.uuid4()}", ("besluit", "bad-url")),
        (elders["url"], ("besluit", "zaak-mismatch")),
        (kap["url"], ("besluit", "zaaktype-mismatch")),
        # Already mirrored when the besluit was created with this zaak (brc-006).
        ((await api.create("besluiten", await besluit_body(app, zaak=zaak_url(zaak))))["url"],
         ("nonFieldErrors", "unique")),
    ]  # fmt: skip
    for url, expected in cases:
        r = await zrc.post(f"{zaak_url(zaak)}/besluiten", {"besluit": url})
        assert r.status_code == 400, (url, r.text)
        assert codes(r) == [expected]


@pytest.mark.parametrize(
    ("wijze", "expected"), [("ingangsdatum_besluit", "2032-03-01"), ("vervaldatum_besluit", "2033-06-30")]
)
async def test_zrc_021_brondatum_from_the_zaaks_besluiten(
    api: Api, zrc: ZakenApi, app: FastAPI, catalogus: Catalogus, wijze: str, expected: str
) -> None:
    bezwaar = catalogus["VBG-BEZWAAR"]
    await procedure(app, bezwaar, afleidingswijze=wijze)
    zaak = await insert_zaak(app, bezwaar)
    for ingang, verval in (("2027-03-01", None), ("2026-12-01", "2028-06-30")):
        body = await besluit_body(app, zaak=zaak_url(zaak), ingangsdatum=ingang, vervaldatum=verval)
        await api.create("besluiten", body)
    # A besluit of another zaak does not count.
    other = await insert_zaak(app, bezwaar)
    await api.create("besluiten", await besluit_body(app, zaak=zaak_url(other), ingangsdatum="2029-01-01"))
    assert (await closed(zrc, zaak, bezwaar))["archiefactiedatum"] == expected


async def test_expand_embeds_the_zaak_and_the_besluittype(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    met = await api.create("besluiten", await besluit_body(app, zaak=zaak_url(zaak)))
    # The contract check follows the spec's reference into zaken-api-1.6.0.yaml, where the test tool does not
    # read ``nullable`` next to ``allOf`` (Zaak.verlenging); the embedded besluittype is checked.
    validate_response(SPEC, await api.get(f"{met['url']}?expand=besluittype"))
    r = await api.get(f"{met['url']}?expand=zaak,besluittype")
    assert r.status_code == 200, r.text
    embedded = r.json()["_expand"]
    assert embedded["zaak"]["url"] == zaak_url(zaak) and embedded["besluittype"]["url"] == met["besluittype"]
    listed = (await api.get("/besluiten?expand=zaak")).json()["results"]
    assert [x["_expand"]["zaak"]["url"] for x in listed] == [zaak_url(zaak)]
    bad = await api.get(f"{met['url']}?expand=informatieobjecten")
    assert bad.status_code == 404 and codes(bad) == [("expand", "expand-onbekend")]


async def test_a_destroyed_zaak_leaves_its_besluiten_without_a_zaak(
    api: Api, zrc: ZakenApi, app: FastAPI, catalogus: Catalogus
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
    besluit = await api.create("besluiten", await besluit_body(app, zaak=zaak_url(zaak)))
    assert (await zrc.delete(zaak_url(zaak))).status_code == 204
    after = await api.get(besluit["url"])
    assert after.status_code == 200 and after.json()["zaak"] == ""
