"""Catalogussen: create, read, update, filters, and the RSIN that every type carries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.catalogi._contract import check
from tests.catalogi.conftest import Api, catalogus_body, statustype_body
from zaakwerk.catalogi import models as m
from zaakwerk.core.db import Database


async def test_create_and_read_catalogus(api: Api) -> None:
    r = await api.post("/catalogussen", catalogus_body(contactpersoonBeheerEmailadres="beheer@gemeente.nl"))
    assert r.status_code == 201, r.text
    check(r)
    body = r.json()
    assert r.headers["location"] == body["url"]
    assert body["domein"] == "GEM" and body["rsin"] == "002220647"
    assert body["zaaktypen"] == [] and body["besluittypeOmschrijving"] == []
    detail = await api.get(body["url"])
    check(detail)
    assert detail.json() == body
    assert detail.headers["etag"]


async def test_catalogus_domein_and_rsin_are_unique_together(api: Api, catalogus: dict[str, Any]) -> None:
    r = await api.post("/catalogussen", catalogus_body())
    assert r.status_code == 400
    check(r)
    assert r.json()["invalidParams"][0]["code"] == "unique"
    await api.create("catalogussen", catalogus_body(domein="ANDER"))


async def test_catalogus_rsin_must_pass_elfproef(api: Api) -> None:
    r = await api.post("/catalogussen", catalogus_body(rsin="123456789"))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "rsin"


async def test_catalogus_list_filters(api: Api) -> None:
    await api.create("catalogussen", catalogus_body(domein="AAA"))
    await api.create("catalogussen", catalogus_body(domein="BBB", rsin="001000007"))
    r = await api.get("/catalogussen")
    check(r)
    assert r.json()["count"] == 2
    assert [c["domein"] for c in (await api.json("/catalogussen?domein=AAA"))["results"]] == ["AAA"]
    assert (await api.json("/catalogussen?domein__in=AAA,BBB"))["count"] == 2
    assert [c["domein"] for c in (await api.json("/catalogussen?rsin=001000007"))["results"]] == ["BBB"]
    assert (await api.json("/catalogussen?rsin__in=001000007,002220647"))["count"] == 2
    bad = await api.get("/catalogussen?bestaatniet=1")
    assert bad.status_code == 400
    check(bad)


async def test_update_and_patch_catalogus(api: Api, catalogus: dict[str, Any]) -> None:
    r = await api.put(catalogus["url"], catalogus_body(naam="Nieuw", versie="2"))
    assert r.status_code == 200, r.text
    check(r)
    assert r.json()["naam"] == "Nieuw"
    r = await api.patch(catalogus["url"], {"contactpersoonBeheerNaam": "Iemand anders"})
    check(r)
    assert r.json()["contactpersoonBeheerNaam"] == "Iemand anders"
    assert r.json()["naam"] == "Nieuw"


async def test_catalogus_rsin_is_carried_into_every_type(api: Api, db: Database, catalogus: dict[str, Any]) -> None:
    from tests.catalogi.conftest import zaaktype_body

    zaaktype = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
    await api.create("statustypen", statustype_body(zaaktype["url"]))
    await api.patch(catalogus["url"], {"rsin": "001000007"})
    async with db.reader.connect() as conn:
        assert (await conn.execute(select(m.ZaakType.rsin))).scalars().all() == ["001000007"]
        assert (await conn.execute(select(m.StatusType.rsin))).scalars().all() == ["001000007"]


async def test_catalogus_not_found_is_404(api: Api) -> None:
    r = await api.get("/catalogussen/00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404
    check(r)


async def test_catalogus_has_no_delete(api: Api, catalogus: dict[str, Any]) -> None:
    assert (await api.delete(catalogus["url"])).status_code == 405
