"""Besluitinformatieobjecten against the real Documenten component (registered at start-up): brc-003 checks a real
document, brc-005 mirrors the link as an objectinformatieobject (objectType ``besluit``) in the same transaction,
and removing the link or destroying the besluit (brc-009) removes the mirror."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from tests.besluiten.conftest import Api, Catalogus, besluit_body, codes
from tests.documenten.conftest import Api as DocumentenApi
from tests.documenten.conftest import client_with as documenten_client
from tests.documenten.conftest import create_document, iot_url


@pytest.fixture
async def drc_api(app: FastAPI, client: httpx.AsyncClient) -> DocumentenApi:
    return await documenten_client(app, client, "drc-voor-brc", alle=True)


async def _mirrors(drc_api: DocumentenApi, besluit: str) -> list[tuple[str, str]]:
    r = await drc_api.get(f"/objectinformatieobjecten?object={besluit}")
    assert r.status_code == 200, r.text
    return [(o["informatieobject"], o["objectType"]) for o in r.json()]


async def test_brc_004_brc_005_the_mirror_is_a_besluit_relation_and_follows_the_link(
    api: Api, drc_api: DocumentenApi, app: FastAPI, catalogus: Catalogus
) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    document = (await create_document(drc_api, await iot_url(app, "Beschikking")))["url"]
    link = await api.create("besluitinformatieobjecten", {"informatieobject": document, "besluit": besluit["url"]})
    assert await _mirrors(drc_api, besluit["url"]) == [(document, "besluit")]
    assert (await api.delete(link["url"])).status_code == 204
    assert await _mirrors(drc_api, besluit["url"]) == []

    await api.create("besluitinformatieobjecten", {"informatieobject": document, "besluit": besluit["url"]})
    assert (await api.delete(besluit["url"])).status_code == 204
    assert await _mirrors(drc_api, besluit["url"]) == []


async def test_brc_003_and_brc_008_against_real_documents(
    api: Api, drc_api: DocumentenApi, app: FastAPI, catalogus: Catalogus
) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    aanvraag = (await create_document(drc_api, await iot_url(app, "Aanvraag")))["url"]
    r = await api.post("/besluitinformatieobjecten", {"informatieobject": aanvraag, "besluit": besluit["url"]})
    assert codes(r) == [("informatieobject", "missing-besluittype-informatieobjecttype-relation")]
    missing = aanvraag.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000"
    r = await api.post("/besluitinformatieobjecten", {"informatieobject": missing, "besluit": besluit["url"]})
    assert codes(r) == [("informatieobject", "bad-url")]
    assert await _mirrors(drc_api, besluit["url"]) == []
