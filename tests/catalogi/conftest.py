"""Fixtures for the Catalogi tests: API clients registered through the Autorisaties service, and builders of
valid request bodies (every test changes only what it is about)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.helpers import auth_header
from zaakwerk.autorisaties import service as ac
from zaakwerk.autorisaties.service import AutorisatieData
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.referentielijsten.service import all_items

BASE = "http://testserver/catalogi/api/v1"
RL = "http://testserver/referentielijsten/api/v1"


async def register(
    app: FastAPI, client_id: str, *, alle: bool = False, autorisaties: Sequence[AutorisatieData] = ()
) -> dict[str, str]:
    """An applicatie with one client id, created through the Autorisaties service; returns its auth header."""
    secret = f"{client_id}-geheim-0123456789-abcdefghijklmnop"
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await ac.create_applicatie(
            uow,
            label=f"Applicatie {client_id}",
            client_ids=[client_id],
            heeft_alle_autorisaties=alle,
            autorisaties=autorisaties,
        )
        await ac.set_credentials(uow, client_id, secret)
    return auth_header(client_id, secret)


def ztc(*scopes: str) -> AutorisatieData:
    return AutorisatieData(component="ztc", scopes=list(scopes))


@dataclass
class Api:
    """The test client with a token, plus shortcuts that assert the expected status."""

    client: httpx.AsyncClient
    headers: dict[str, str]

    async def request(self, method: str, url: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        if not url.startswith("http"):
            url = BASE + url
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.request(method, url, json=json, headers=headers, **kwargs)

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, json: Any = None) -> httpx.Response:
        return await self.request("POST", url, json if json is not None else {})

    async def put(self, url: str, json: Any) -> httpx.Response:
        return await self.request("PUT", url, json)

    async def patch(self, url: str, json: Any) -> httpx.Response:
        return await self.request("PATCH", url, json)

    async def delete(self, url: str) -> httpx.Response:
        return await self.request("DELETE", url)

    async def create(self, collection: str, body: dict[str, Any]) -> dict[str, Any]:
        r = await self.post(f"/{collection}", body)
        assert r.status_code == 201, r.text
        data: dict[str, Any] = r.json()
        return data

    async def publish(self, url: str) -> dict[str, Any]:
        r = await self.post(f"{url}/publish")
        assert r.status_code == 200, r.text
        data: dict[str, Any] = r.json()
        return data

    async def json(self, url: str, **kwargs: Any) -> Any:
        r = await self.get(url, **kwargs)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
async def api(app: FastAPI, client: httpx.AsyncClient) -> Api:
    """A client with every right (heeftAlleAutorisaties)."""
    return Api(client, await register(app, "ztc-beheer", alle=True))


@pytest.fixture
async def lezer(app: FastAPI, client: httpx.AsyncClient) -> Api:
    return Api(client, await register(app, "ztc-lezer", autorisaties=[ztc("catalogi.lezen")]))


@pytest.fixture
async def schrijver(app: FastAPI, client: httpx.AsyncClient) -> Api:
    """catalogi.lezen and catalogi.schrijven, without the forcing scopes."""
    return Api(client, await register(app, "ztc-schrijver", autorisaties=[ztc("catalogi.lezen", "catalogi.schrijven")]))


@pytest.fixture
async def corrector(app: FastAPI, client: httpx.AsyncClient) -> Api:
    """catalogi.geforceerd-schrijven and -verwijderen (corrections of published types)."""
    scopes = (
        "catalogi.lezen",
        "catalogi.schrijven",
        "catalogi.geforceerd-schrijven",
        "catalogi.geforceerd-verwijderen",
    )
    return Api(client, await register(app, "ztc-corrector", autorisaties=[ztc(*scopes)]))


# --- reference data ---------------------------------------------------------------------------------------------


def procestype(index: int = 0) -> str:
    url: str = all_items("procestypen", RL)[index]["url"]
    return url


def resultaat(procestype_url: str, procestermijn: str | None = None) -> dict[str, Any]:
    for item in all_items("resultaten", RL):
        if item["procesType"] == procestype_url and (procestermijn is None or item["procestermijn"] == procestermijn):
            return item
    raise LookupError(procestermijn)


def resultaat_with(procestermijn: str) -> dict[str, Any]:
    return next(r for r in all_items("resultaten", RL) if r["procestermijn"] == procestermijn)


def omschrijving_generiek(index: int = 0) -> dict[str, Any]:
    item: dict[str, Any] = all_items("resultaattypeomschrijvingen", RL)[index]
    return item


# --- request bodies ---------------------------------------------------------------------------------------------


def catalogus_body(**over: Any) -> dict[str, Any]:
    body = {"domein": "GEM", "rsin": "002220647", "contactpersoonBeheerNaam": "Beheerder", "naam": "Catalogus"}
    body.update(over)
    return body


def zaaktype_body(catalogus: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "identificatie": "ZT-1",
        "omschrijving": "Melding openbare ruimte",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Meldingen afhandelen",
        "aanleiding": "Een melding",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "Melden",
        "onderwerp": "Openbare ruimte",
        "handelingBehandelaar": "Afhandelen",
        "doorlooptijd": "P14D",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": [],
        "referentieproces": {"naam": "Meldingen"},
        "verantwoordelijke": "Team openbare ruimte",
        "catalogus": catalogus,
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2024-01-01",
        "versiedatum": "2024-01-01",
    }
    body.update(over)
    return body


def statustype_body(zaaktype: str, volgnummer: int = 1, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"omschrijving": f"Status {volgnummer}", "zaaktype": zaaktype, "volgnummer": volgnummer}
    body.update(over)
    return body


def roltype_body(zaaktype: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"zaaktype": zaaktype, "omschrijving": "Melder", "omschrijvingGeneriek": "initiator"}
    body.update(over)
    return body


def eigenschap_body(zaaktype: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "naam": "kenteken",
        "definitie": "Het kenteken",
        "specificatie": {"formaat": "tekst", "lengte": "8", "kardinaliteit": "1"},
        "zaaktype": zaaktype,
    }
    body.update(over)
    return body


def resultaattype_body(zaaktype: str, procestype_url: str | None = None, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "zaaktype": zaaktype,
        "omschrijving": "Afgehandeld",
        "resultaattypeomschrijving": omschrijving_generiek()["url"],
        "selectielijstklasse": resultaat(procestype_url or procestype())["url"],
    }
    body.update(over)
    return body


def iot_body(catalogus: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "catalogus": catalogus,
        "omschrijving": "Melding",
        "vertrouwelijkheidaanduiding": "openbaar",
        "beginGeldigheid": "2024-01-01",
        "informatieobjectcategorie": "Melding",
    }
    body.update(over)
    return body


def besluittype_body(catalogus: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "catalogus": catalogus,
        "omschrijving": "Vergunning",
        "publicatieIndicatie": False,
        "informatieobjecttypen": [],
        "beginGeldigheid": "2024-01-01",
    }
    body.update(over)
    return body


def ztiot_body(zaaktype: str, informatieobjecttype: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "zaaktype": zaaktype,
        "informatieobjecttype": informatieobjecttype,
        "volgnummer": 1,
        "richting": "inkomend",
    }
    body.update(over)
    return body


def zaakobjecttype_body(zaaktype: str, catalogus: str, **over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "anderObjecttype": False,
        "objecttype": "https://objecttypen.example.nl/api/v2/objecttypes/boom",
        "relatieOmschrijving": "Te kappen boom",
        "zaaktype": zaaktype,
        "catalogus": catalogus,
    }
    body.update(over)
    return body


@pytest.fixture
async def catalogus(api: Api) -> dict[str, Any]:
    return await api.create("catalogussen", catalogus_body())


@pytest.fixture
async def zaaktype(api: Api, catalogus: dict[str, Any]) -> dict[str, Any]:
    return await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
