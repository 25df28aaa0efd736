"""Authorisation matrix of reading zaken (list, detail, HEAD, _zoek, audittrail) and proof that lists never leak:
``count`` and ``results`` hold only readable zaken, with every filter and with expand."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.helpers import auth_header, make_jwt
from tests.zaken._lezen import CRS, add, rol
from tests.zaken.conftest import BASE, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.zaken.models import Zaak

BSN = "111222333"


@dataclass
class World:
    open_klacht: Zaak  # readable by the restricted client
    geheim_klacht: Zaak  # vertrouwelijkheid above its maximum
    bezwaar: Zaak  # another zaaktype
    headers: dict[str, dict[str, str]]


@pytest.fixture
async def world(app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus) -> World:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    open_klacht = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="intern")
    geheim = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim", hoofdzaak_id=open_klacht.id)
    ander = await insert_zaak(app, bezwaar, hoofdzaak_id=open_klacht.id)
    # Every zaak has a rol of the same BSN, so the BSN filter would match all three without the rule.
    await add(
        app,
        *(rol(z, t, inp_bsn=BSN) for z, t in ((open_klacht, klacht), (geheim, klacht), (ander, bezwaar))),
    )
    rights = [
        zrc_rechten("zaken.lezen", "audittrails.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="vertrouwelijk")
    ]
    lezer = await client_with(app, client, "zrc-lezer", rights)
    schrijver = await client_with(app, client, "zrc-schrijver", [zrc_rechten("zaken.aanmaken", zaaktype=klacht.url)])
    secret = "zrc-lezer-geheim-0123456789-abcdefghijklmnop"
    headers = {
        "lezer": lezer.headers,
        "geen scope": schrijver.headers,
        "geen token": {},
        "foute handtekening": auth_header("zrc-lezer", "een-ander-geheim-0123456789-abcdefghijkl"),
        "te oud": auth_header("zrc-lezer", secret, iat=int(time.time()) - 10 * 3600),
        "onbekende client": {"Authorization": f"Bearer {make_jwt('onbekend', secret)}"},
    }
    return World(open_klacht, geheim, ander, headers)


def _requests(world: World) -> list[tuple[str, str, Any]]:
    z = zaak_url(world.open_klacht)
    return [
        ("GET", f"{BASE}/zaken", None),
        ("GET", z, None),
        ("HEAD", z, None),
        ("POST", f"{BASE}/zaken/_zoek", {}),
        ("GET", f"{z}/audittrail", None),
    ]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("lezer", 200),
        ("geen scope", 403),
        ("geen token", 401),
        ("foute handtekening", 401),
        ("te oud", 401),
        ("onbekende client", 401),
    ],
)
async def test_authentication_and_scope(client: httpx.AsyncClient, world: World, who: str, status: int) -> None:
    for method, url, body in _requests(world):
        r = await client.request(method, url, json=body, headers={**CRS, **world.headers[who]})
        assert r.status_code == status, (method, url, r.text)


@pytest.mark.parametrize("zaak", ["geheim_klacht", "bezwaar"])
async def test_zaak_outside_the_rights_is_403(client: httpx.AsyncClient, world: World, zaak: str) -> None:
    url = zaak_url(getattr(world, zaak))
    headers = world.headers["lezer"]
    for method, path in (("GET", url), ("HEAD", url), ("GET", f"{url}/audittrail")):
        r = await client.request(method, path, headers=headers)
        assert r.status_code == 403, (method, path, r.text)


@pytest.mark.parametrize(
    "query",
    [
        "",
        f"?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN}",
        "?maximaleVertrouwelijkheidaanduiding=zeer_geheim",
        "?bronorganisatie=812345678&ordering=-identificatie",
        "?expand=deelzaken,hoofdzaak",
    ],
)
async def test_lists_never_leak(client: httpx.AsyncClient, world: World, query: str) -> None:
    r = await client.get(f"{BASE}/zaken{query}", headers=world.headers["lezer"])
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["count"] == 1
    assert [z["url"] for z in data["results"]] == [zaak_url(world.open_klacht)]
    if "expand" in query:
        assert data["results"][0]["_expand"]["deelzaken"] == []


async def test_zoek_never_leaks(client: httpx.AsyncClient, world: World) -> None:
    ids = [str(z.id) for z in (world.open_klacht, world.geheim_klacht, world.bezwaar)]
    body = {"uuid__in": ids, "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN}
    r = await client.post(f"{BASE}/zaken/_zoek?expand=deelzaken", json=body, headers=world.headers["lezer"])
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["count"] == 1
    assert [z["url"] for z in data["results"]] == [zaak_url(world.open_klacht)]
    assert data["results"][0]["_expand"]["deelzaken"] == []
