"""Zaak identificaties (zrc-002): generated per bronorganisatie and year by the configured pattern, unique under
concurrent creates, reserved ahead with /zaaknummer_reserveren and claimed by the zaak that names them."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.contract.openapi import validate_response
from tests.zaken.conftest import RSIN, Api, Catalogus, client_with, zaak_body, zrc_rechten
from zaakwerk.app import create_app
from zaakwerk.config import Settings
from zaakwerk.zaken.models import Zaak, ZaakIdentificatie

SPEC = "zaken-api-1.7.0.yaml"
OTHER_RSIN = "002220647"
YEAR = dt.date.today().year


def nummer(n: int) -> str:
    return f"ZAAK-{YEAR}-{n:07d}"


async def create(api: Api, body: dict[str, Any]) -> httpx.Response:
    return await api.request("POST", "/zaken", body)


async def reserve(api: Api, body: dict[str, Any]) -> httpx.Response:
    return await api.request("POST", "/zaaknummer_reserveren", body)


async def test_zrc_002_identificatie_is_generated_per_bronorganisatie(api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    first = (await create(api, zaak_body(klacht))).json()
    second = (await create(api, zaak_body(klacht))).json()
    other = (await create(api, zaak_body(klacht, bronorganisatie=OTHER_RSIN))).json()
    assert [first["identificatie"], second["identificatie"], other["identificatie"]] == [
        nummer(1),
        nummer(2),
        nummer(1),
    ]
    registered_earlier = await create(api, zaak_body(klacht, registratiedatum="2025-06-01"))
    assert registered_earlier.json()["identificatie"] == "ZAAK-2025-0000001"


async def test_zrc_002_a_given_identificatie_that_is_taken_is_refused(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    r = await create(api, zaak_body(klacht, identificatie="EIGEN-1"))
    assert r.status_code == 201, r.text
    assert r.json()["identificatie"] == "EIGEN-1"
    again = await create(api, zaak_body(klacht, identificatie="EIGEN-1"))
    assert again.status_code == 400, again.text
    validate_response(SPEC, again)
    assert again.json()["invalidParams"] == [
        {
            "name": "identificatie",
            "code": "identificatie-niet-uniek",
            "reason": again.json()["invalidParams"][0]["reason"],
        }
    ]
    elsewhere = await create(api, zaak_body(klacht, identificatie="EIGEN-1", bronorganisatie=OTHER_RSIN))
    assert elsewhere.status_code == 201
    async with app.state.db.reader.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(Zaak))).scalar_one() == 2


async def test_zrc_002_generation_skips_numbers_a_client_chose_by_hand(api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    assert (await create(api, zaak_body(klacht, identificatie=nummer(2)))).status_code == 201
    generated = [(await create(api, zaak_body(klacht))).json()["identificatie"] for _ in range(2)]
    assert generated == [nummer(1), nummer(3)]


async def test_zrc_002_concurrent_creates_get_distinct_identificaties(
    app: FastAPI, api: Api, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    responses = await asyncio.gather(*(create(api, zaak_body(klacht)) for _ in range(20)))
    assert [r.status_code for r in responses] == [201] * 20
    identificaties = sorted(r.json()["identificatie"] for r in responses)
    assert identificaties == [nummer(n) for n in range(1, 21)]
    async with app.state.db.reader.connect() as conn:
        recorded = (await conn.execute(select(ZaakIdentificatie.identificatie, ZaakIdentificatie.zaak_id))).all()
    assert sorted(i for i, _ in recorded) == identificaties
    assert all(zaak_id is not None for _, zaak_id in recorded)


async def test_identificatie_pattern_per_organisation(app: FastAPI, api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    settings = app.state.settings
    app.state.settings = settings.model_copy(
        update={"zaak_identificatie_patronen": {OTHER_RSIN: "{rsin}/{jaar}/{volgnummer:04d}"}}
    )
    try:
        own = (await create(api, zaak_body(klacht))).json()["identificatie"]
        other = (await create(api, zaak_body(klacht, bronorganisatie=OTHER_RSIN))).json()["identificatie"]
    finally:
        app.state.settings = settings
    assert (own, other) == (nummer(1), f"{OTHER_RSIN}/{YEAR}/0001")


async def test_reserved_identificaties_are_claimed_only_by_a_zaak_naming_them(api: Api, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    one = await reserve(api, {"bronorganisatie": RSIN})
    assert one.status_code == 201, one.text
    assert one.json() == {"zaaknummer": nummer(1)}
    several = await reserve(api, {"bronorganisatie": RSIN, "aantal": 2})
    assert several.status_code == 201, several.text
    validate_response(SPEC, several)
    assert several.json() == [{"zaaknummer": nummer(2)}, {"zaaknummer": nummer(3)}]
    assert (await create(api, zaak_body(klacht))).json()["identificatie"] == nummer(4)
    claimed = await create(api, zaak_body(klacht, identificatie=nummer(2)))
    assert claimed.status_code == 201, claimed.text
    assert claimed.json()["identificatie"] == nummer(2)
    assert (await create(api, zaak_body(klacht, identificatie=nummer(2)))).status_code == 400


async def test_reserveren_validates_its_input_and_needs_aanmaken(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: Catalogus
) -> None:
    for body, name in (
        ({"bronorganisatie": "123456789"}, "bronorganisatie"),
        ({"bronorganisatie": RSIN, "aantal": 0}, "aantal"),
        ({}, "bronorganisatie"),
    ):
        r = await reserve(api, body)
        assert r.status_code == 400, r.text
        validate_response(SPEC, r)
        assert [p["name"] for p in r.json()["invalidParams"]] == [name]
    lezer = await client_with(
        app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=catalogus["VBG-KLACHT"].url)]
    )
    assert (await reserve(lezer, {"bronorganisatie": RSIN})).status_code == 403
    async with app.state.db.reader.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(ZaakIdentificatie))).scalar_one() == 0


async def test_zrc_002_a_number_taken_by_hand_while_in_a_process_supply_is_skipped(
    api: Api, catalogus: Catalogus
) -> None:
    """On PostgreSQL the first create took a block of numbers; a client then chooses the next one by hand. The
    following create must not fail on it: it is retried with the number after (on SQLite the create takes its
    number in its own transaction and skips it the same way)."""
    klacht = catalogus["VBG-KLACHT"]
    assert (await create(api, zaak_body(klacht))).json()["identificatie"] == nummer(1)
    assert (await create(api, zaak_body(klacht, identificatie=nummer(2)))).status_code == 201
    r = await create(api, zaak_body(klacht))
    assert r.status_code == 201, r.text
    assert r.json()["identificatie"] == nummer(3)


async def test_zrc_002_processes_never_hand_out_the_same_number(
    app: FastAPI, settings: Settings, api: Api, catalogus: Catalogus
) -> None:
    """Two processes (two apps on one database) creating zaken for one organisation: distinct identificaties. On
    PostgreSQL each takes its own block from the counter (ZAAKWERK_ZAAK_IDENTIFICATIE_VOORRAAD), so the second
    process starts after the first one's block."""
    klacht = catalogus["VBG-KLACHT"]
    other_app = create_app(settings)
    async with other_app.router.lifespan_context(other_app):
        transport = httpx.ASGITransport(app=other_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other_client:
            other = Api(other_client, api.headers)
            results = []
            for client in (api, other, api, other):
                r = await create(client, zaak_body(klacht))
                assert r.status_code == 201, r.text
                results.append(r.json()["identificatie"])
    assert len(set(results)) == 4
    if not app.state.db.is_sqlite:
        blok = settings.zaak_identificatie_voorraad
        assert results == [nummer(1), nummer(blok + 1), nummer(2), nummer(blok + 2)]
