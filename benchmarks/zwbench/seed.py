"""Test data for a run: an API client with all rights (through the Autorisaties service layer) and a catalogus
with published zaaktypen, each with statustypen, roltypen and a resultaattype (through the Catalogi API, as a
real client would build it).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt

from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker

CATALOGI = "/catalogi/api/v1"
REFERENTIELIJSTEN = "/referentielijsten/api/v1"
RSIN = "002220647"  # passes the elfproef; the benchmark's verantwoordelijke organisatie
STATUSTYPEN = ("Ontvangen", "In behandeling", "Afgehandeld")
ROLTYPEN = (("Aanvrager", "initiator"), ("Behandelaar", "behandelaar"))


class SeedError(RuntimeError):
    pass


@dataclass
class Seeded:
    catalogus: str
    procestype: str  # the selectielijst procestype the zaaktypen use (a POST body needs one too)
    zaaktypen: list[str] = field(default_factory=list)


def make_token(client_id: str, secret: str) -> str:
    """A ZGW JWT (HS256); iat is now, so the server's ZAAKWERK_JWT_MAX_AGE must cover the whole run."""
    claims = {
        "iss": client_id,
        "iat": int(time.time()),
        "client_id": client_id,
        "user_id": "zaakwerk-bench",
        "user_representation": "Zaakwerk benchmark",
    }
    return jwt.encode(claims, secret, algorithm="HS256")


def create_api_client(database_url: str, client_id: str, secret: str) -> None:
    """An applicatie with heeftAlleAutorisaties and its secret, in one unit of work."""
    from zaakwerk.autorisaties import service

    async def _create() -> None:
        db = Database(database_url)
        try:
            async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
                await service.create_applicatie(
                    uow, label="Zaakwerk benchmark", client_ids=[client_id], heeft_alle_autorisaties=True
                )
                await service.set_credentials(uow, client_id, secret)
        finally:
            await db.dispose()

    asyncio.run(_create())


def _expect(resp: httpx.Response, status: int, what: str) -> Any:
    if resp.status_code != status:
        raise SeedError(f"{what}: {resp.request.method} {resp.request.url} -> {resp.status_code}: {resp.text[:1500]}")
    return resp.json() if resp.content else None


def zaaktype_body(catalogus: str, identificatie: str, procestype: str, omschrijving: str) -> dict[str, Any]:
    today = dt.date.today().isoformat()
    return {
        "identificatie": identificatie,
        "omschrijving": omschrijving,
        "omschrijvingGeneriek": "Aanvraag behandelen",
        "vertrouwelijkheidaanduiding": "openbaar",
        "doel": "Een aanvraag van een inwoner zorgvuldig en binnen de termijn behandelen.",
        "aanleiding": "Een inwoner dient een aanvraag in via het portaal of het KCC.",
        "toelichting": "Aangemaakt door de Zaakwerk-benchmark.",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "aanvragen",
        "onderwerp": "Aanvraag",
        "handelingBehandelaar": "behandelen",
        "doorlooptijd": "P56D",
        "servicenorm": "P28D",
        "opschortingEnAanhoudingMogelijk": True,
        "verlengingMogelijk": True,
        "verlengingstermijn": "P28D",
        "trefwoorden": ["benchmark", "aanvraag"],
        "publicatieIndicatie": False,
        "productenOfDiensten": ["https://producten.example.nl/producten/aanvraag"],
        "selectielijstProcestype": procestype,
        "referentieproces": {"naam": "Aanvraag behandelen"},
        "verantwoordelijke": RSIN,
        "catalogus": catalogus,
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": today,
        "versiedatum": today,
    }


def _selectielijst(client: httpx.Client) -> tuple[str, str, str]:
    """(procestype, resultaat of that procestype, resultaattypeomschrijving) from the server's own lists."""
    procestypen = _expect(client.get(f"{REFERENTIELIJSTEN}/procestypen"), 200, "procestypen")
    procestype = procestypen[0]["url"]
    resultaten = _expect(
        client.get(f"{REFERENTIELIJSTEN}/resultaten", params={"proces_type": procestype}), 200, "resultaten"
    )
    omschrijvingen = _expect(client.get(f"{REFERENTIELIJSTEN}/resultaattypeomschrijvingen"), 200, "omschrijvingen")
    return procestype, resultaten["results"][0]["url"], omschrijvingen[0]["url"]


def _children(client: httpx.Client, zaaktype: str, resultaat: str, omschrijving: str) -> None:
    for volgnummer, oms in enumerate(STATUSTYPEN, start=1):
        body = {"omschrijving": oms, "zaaktype": zaaktype, "volgnummer": volgnummer, "statustekst": oms}
        _expect(client.post(f"{CATALOGI}/statustypen", json=body), 201, "statustype")
    for oms, generiek in ROLTYPEN:
        body = {"omschrijving": oms, "omschrijvingGeneriek": generiek, "zaaktype": zaaktype}
        _expect(client.post(f"{CATALOGI}/roltypen", json=body), 201, "roltype")
    body = {
        "zaaktype": zaaktype,
        "omschrijving": "Toegekend",
        "resultaattypeomschrijving": omschrijving,
        "selectielijstklasse": resultaat,
        "archiefnominatie": "vernietigen",
        "archiefactietermijn": "P10Y",
        "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
    }
    _expect(client.post(f"{CATALOGI}/resultaattypen", json=body), 201, "resultaattype")


def seed_catalogi(base: str, token: str, zaaktypen: int, timeout_s: float = 600.0) -> Seeded:
    """A catalogus with ``zaaktypen`` published zaaktypen. Bounded by ``timeout_s`` in total."""
    deadline = time.monotonic() + timeout_s
    headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
    with httpx.Client(base_url=base, headers=headers, timeout=30.0) as client:
        procestype, resultaat, omschrijving = _selectielijst(client)
        body = {
            "domein": "BENCH",
            "rsin": RSIN,
            "contactpersoonBeheerNaam": "Zaakwerk benchmark",
            "naam": "Benchmarkcatalogus",
        }
        catalogus = _expect(client.post(f"{CATALOGI}/catalogussen", json=body), 201, "catalogus")["url"]
        seeded = Seeded(catalogus=catalogus, procestype=procestype)
        for n in range(1, zaaktypen + 1):
            if time.monotonic() > deadline:
                raise SeedError(f"seeding took longer than {timeout_s:g}s ({n - 1} zaaktypen made)")
            body = zaaktype_body(catalogus, f"BENCH-ZT-{n:04d}", procestype, f"Aanvraag benchmark {n}")
            url = _expect(client.post(f"{CATALOGI}/zaaktypen", json=body), 201, "zaaktype")["url"]
            _children(client, url, resultaat, omschrijving)
            _expect(client.post(f"{url}/publish", json={}), 200, "publish zaaktype")
            seeded.zaaktypen.append(url)
    return seeded
