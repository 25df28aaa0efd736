"""The business rules of the Autorisaties API, by their codes (autorisaties-gedrag.md)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.autorisaties._contract import check
from tests.autorisaties.test_api import BASE, BESLUITTYPE, IOTYPE, ZAAKTYPE, body, count_rows, zrc
from zaakwerk.autorisaties import service
from zaakwerk.autorisaties.models import Applicatie
from zaakwerk.core.db import Database
from zaakwerk.core.errors import ZGWError
from zaakwerk.core.uow import UnitOfWork


def params(response: httpx.Response) -> set[tuple[str, str]]:
    assert response.status_code == 400, response.text
    check(response)
    return {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


async def test_ac_001_client_id_belongs_to_one_applicatie(
    client: httpx.AsyncClient, beheerder: dict[str, str], db: Database
) -> None:
    first = await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)
    assert first.status_code == 201
    taken = await client.post(
        f"{BASE}/applicaties", json=body(clientIds=["nieuw", "mor-app-zrc"], label="Ander"), headers=beheerder
    )
    assert params(taken) == {("clientIds", "clientId-exists")}
    assert "mor-app-zrc" in taken.json()["invalidParams"][0]["reason"]
    assert await count_rows(db, Applicatie) == 2

    other = (
        await client.post(f"{BASE}/applicaties", json=body(clientIds=["ander"], label="Ander"), headers=beheerder)
    ).json()
    steal = await client.patch(other["url"], json={"clientIds": ["ander", "mor-app"]}, headers=beheerder)
    assert params(steal) == {("clientIds", "clientId-exists")}
    # Keeping one's own client ids on an update is no conflict.
    own = await client.put(first.json()["url"], json=body(label="Zelfde ids"), headers=beheerder)
    assert own.status_code == 200, own.text


async def test_ac_001_the_same_client_id_twice_in_one_request(
    client: httpx.AsyncClient, beheerder: dict[str, str]
) -> None:
    r = await client.post(f"{BASE}/applicaties", json=body(clientIds=["a", "a"]), headers=beheerder)
    assert ("clientIds", "unique") in params(r)


async def test_ac_001_holds_under_concurrent_registration(
    client: httpx.AsyncClient, beheerder: dict[str, str], db: Database
) -> None:
    results = await asyncio.gather(
        *(
            client.post(f"{BASE}/applicaties", json=body(clientIds=["race", f"eigen-{i}"]), headers=beheerder)
            for i in range(4)
        )
    )
    assert sorted(r.status_code for r in results) == [201, 400, 400, 400]
    for r in results:
        if r.status_code == 400:
            assert ("clientIds", "clientId-exists") in params(r)
    assert await count_rows(db, Applicatie) == 2


async def test_ac_002_not_both_all_rights_and_autorisaties(
    client: httpx.AsyncClient, beheerder: dict[str, str]
) -> None:
    r = await client.post(f"{BASE}/applicaties", json=body(heeftAlleAutorisaties=True), headers=beheerder)
    assert params(r) == {("nonFieldErrors", "ambiguous-authorizations-specified")}


@pytest.mark.parametrize(
    "payload",
    [
        {"clientIds": ["x"], "label": "Niets"},
        {"clientIds": ["x"], "label": "Niets", "autorisaties": []},
        {"clientIds": ["x"], "label": "Niets", "heeftAlleAutorisaties": False, "autorisaties": []},
    ],
)
async def test_ac_002_either_all_rights_or_autorisaties(
    client: httpx.AsyncClient, beheerder: dict[str, str], payload: dict[str, Any]
) -> None:
    r = await client.post(f"{BASE}/applicaties", json=payload, headers=beheerder)
    assert params(r) == {("nonFieldErrors", "missing-authorizations")}


async def test_ac_002_is_checked_on_the_result_of_an_update(
    client: httpx.AsyncClient, beheerder: dict[str, str]
) -> None:
    url = (await client.post(f"{BASE}/applicaties", json=body(), headers=beheerder)).json()["url"]
    # The existing autorisaties stay, so all rights on top of them is ambiguous.
    r = await client.patch(url, json={"heeftAlleAutorisaties": True}, headers=beheerder)
    assert params(r) == {("nonFieldErrors", "ambiguous-authorizations-specified")}
    r = await client.patch(url, json={"autorisaties": []}, headers=beheerder)
    assert params(r) == {("nonFieldErrors", "missing-authorizations")}
    switched = await client.patch(url, json={"heeftAlleAutorisaties": True, "autorisaties": []}, headers=beheerder)
    assert switched.status_code == 200
    assert switched.json()["heeftAlleAutorisaties"] is True
    assert switched.json()["autorisaties"] == []
    back = await client.patch(url, json={"heeftAlleAutorisaties": False}, headers=beheerder)
    assert params(back) == {("nonFieldErrors", "missing-authorizations")}


@pytest.mark.parametrize(
    ("autorisatie", "missing"),
    [
        ({"component": "zrc", "scopes": ["zaken.lezen"]}, {"zaaktype", "maxVertrouwelijkheidaanduiding"}),
        ({"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": ZAAKTYPE}, {"maxVertrouwelijkheidaanduiding"}),
        (
            {"component": "drc", "scopes": ["documenten.lezen"], "maxVertrouwelijkheidaanduiding": "intern"},
            {"informatieobjecttype"},
        ),
        (
            {"component": "drc", "scopes": ["audittrails.lezen", "documenten.aanmaken"], "informatieobjecttype": ""},
            {"informatieobjecttype", "maxVertrouwelijkheidaanduiding"},
        ),
        ({"component": "brc", "scopes": ["besluiten.lezen"]}, {"besluittype"}),
    ],
)
async def test_ac_003_required_fields_per_component(
    client: httpx.AsyncClient,
    beheerder: dict[str, str],
    db: Database,
    autorisatie: dict[str, Any],
    missing: set[str],
) -> None:
    r = await client.post(f"{BASE}/applicaties", json=body(autorisaties=[zrc(), autorisatie]), headers=beheerder)
    assert params(r) == {(f"autorisaties.1.{field}", "required") for field in missing}
    assert await count_rows(db, Applicatie) == 1


@pytest.mark.parametrize(
    "autorisatie",
    [
        # Scopes that are not about the main resource need no type.
        {"component": "zrc", "scopes": ["audittrails.lezen"]},
        {"component": "drc", "scopes": ["audittrails.lezen"]},
        {"component": "ztc", "scopes": ["catalogi.lezen", "catalogi.schrijven"]},
        {"component": "nrc", "scopes": ["notificaties.consumeren"]},
        {"component": "ac", "scopes": ["autorisaties.lezen"]},
        {"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": BESLUITTYPE},
        {
            "component": "drc",
            "scopes": ["documenten.lezen"],
            "informatieobjecttype": IOTYPE,
            "maxVertrouwelijkheidaanduiding": "zeer_geheim",
        },
    ],
)
async def test_ac_003_satisfied(
    client: httpx.AsyncClient, beheerder: dict[str, str], autorisatie: dict[str, Any]
) -> None:
    r = await client.post(f"{BASE}/applicaties", json=body(autorisaties=[autorisatie]), headers=beheerder)
    assert r.status_code == 201, r.text
    check(r)


@pytest.mark.parametrize("url", ["geen-url", "ftp://catalogi.example.nl/zaaktypen/1", "http://", "http://a b/c"])
async def test_type_urls_must_be_well_formed(client: httpx.AsyncClient, beheerder: dict[str, str], url: str) -> None:
    r = await client.post(f"{BASE}/applicaties", json=body(autorisaties=[zrc(zaaktype=url)]), headers=beheerder)
    assert params(r) == {("autorisaties.0.zaaktype", "bad-url")}


async def test_fields_of_another_component_are_not_stored(client: httpx.AsyncClient, beheerder: dict[str, str]) -> None:
    r = await client.post(
        f"{BASE}/applicaties",
        json=body(
            autorisaties=[
                {
                    "component": "ztc",
                    "scopes": ["catalogi.lezen", "catalogi.lezen"],
                    "zaaktype": ZAAKTYPE,
                    "maxVertrouwelijkheidaanduiding": "geheim",
                }
            ]
        ),
        headers=beheerder,
    )
    assert r.status_code == 201
    assert r.json()["autorisaties"] == [
        {"component": "ztc", "componentWeergave": "Catalogi API", "scopes": ["catalogi.lezen"]}
    ]


async def test_service_reports_every_violation_at_once(app: FastAPI) -> None:
    with pytest.raises(ZGWError) as exc:
        async with UnitOfWork(app.state.sessionmaker) as uow:
            await service.create_applicatie(
                uow,
                label="",
                client_ids=["x" * 51],
                heeft_alle_autorisaties=True,
                autorisaties=[service.AutorisatieData(component="zrc", scopes=["zaken.lezen"])],
            )
    names = {p.name for p in exc.value.invalid_params}
    assert names == {
        "label",
        "clientIds.0",
        "nonFieldErrors",
        "autorisaties.0.zaaktype",
        "autorisaties.0.maxVertrouwelijkheidaanduiding",
    }


async def test_set_credentials_generates_or_keeps_the_given_secret(app: FastAPI) -> None:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        generated = await service.set_credentials(uow, "nieuw")
        given = await service.set_credentials(uow, "ander", "mijn-eigen-geheim")
    assert len(generated) >= 32
    assert given == "mijn-eigen-geheim"
    with pytest.raises(ZGWError):
        async with UnitOfWork(app.state.sessionmaker) as uow:
            await service.set_credentials(uow, "")
