"""Informatieobjecttypen and besluittypen: CRUD, publish, filters and the derived relation lists."""

from __future__ import annotations

from typing import Any

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    Api,
    besluittype_body,
    catalogus_body,
    iot_body,
    resultaattype_body,
    zaaktype_body,
    ztiot_body,
)


async def test_informatieobjecttype_crud_and_publish(api: Api, catalogus: dict[str, Any]) -> None:
    r = await api.post(
        "/informatieobjecttypen",
        iot_body(
            catalogus["url"],
            trefwoord=["melding"],
            omschrijvingGeneriek={
                "informatieobjecttypeOmschrijvingGeneriek": "Melding",
                "definitieInformatieobjecttypeOmschrijvingGeneriek": "Een melding",
                "herkomstInformatieobjecttypeOmschrijvingGeneriek": "Burger",
                "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "Top",
            },
        ),
    )
    assert r.status_code == 201, r.text
    check(r)
    iot = r.json()
    assert iot["concept"] is True
    assert iot["omschrijvingGeneriek"]["informatieobjecttypeOmschrijvingGeneriek"] == "Melding"
    r = await api.patch(iot["url"], {"informatieobjectcategorie": "Brief"})
    check(r)
    r = await api.put(
        iot["url"], iot_body(catalogus["url"], omschrijving="Melding", vertrouwelijkheidaanduiding="intern")
    )
    check(r)
    assert r.json()["vertrouwelijkheidaanduiding"] == "intern"
    published = await api.post(f"{iot['url']}/publish")
    assert published.status_code == 200
    check(published)
    assert published.json()["concept"] is False
    assert (await api.json(catalogus["url"]))["informatieobjecttypeOmschrijving"] == ["Melding"]


async def test_informatieobjecttype_filters(api: Api, catalogus: dict[str, Any]) -> None:
    other_cat = await api.create("catalogussen", catalogus_body(domein="ANDER"))
    a = await api.create("informatieobjecttypen", iot_body(catalogus["url"], omschrijving="A"))
    b = await api.create(
        "informatieobjecttypen", iot_body(other_cat["url"], omschrijving="B", beginGeldigheid="2030-01-01")
    )
    await api.publish(a["url"])

    async def urls(query: str) -> list[str]:
        r = await api.get(f"/informatieobjecttypen?{query}")
        assert r.status_code == 200, r.text
        check(r)
        return sorted(x["url"] for x in r.json()["results"])

    assert await urls("") == [a["url"]]
    assert await urls("status=concept") == [b["url"]]
    assert await urls("status=alles") == sorted([a["url"], b["url"]])
    assert await urls(f"status=alles&catalogus={other_cat['url']}") == [b["url"]]
    assert await urls("status=alles&omschrijving=A") == [a["url"]]
    assert await urls("status=alles&datumGeldigheid=2025-01-01") == [a["url"]]


async def test_besluittype_crud_publish_and_derived_lists(api: Api, catalogus: dict[str, Any]) -> None:
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"], omschrijving="Besluitbrief"))
    await api.publish(iot["url"])
    r = await api.post("/besluittypen", besluittype_body(catalogus["url"], informatieobjecttypen=["Besluitbrief"]))
    assert r.status_code == 201, r.text
    check(r)
    bt = r.json()
    assert bt["informatieobjecttypen"] == [iot["url"]]
    assert bt["informatieobjecttypeOmschrijvingen"] == ["Besluitbrief"]
    assert bt["vastgelegdIn"] == ["Besluitbrief"]
    await api.publish(bt["url"])
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["Vergunning"]))
    rt = await api.create("resultaattypen", resultaattype_body(zt["url"], besluittypen=["Vergunning"]))
    await api.create("zaaktype-informatieobjecttypen", ztiot_body(zt["url"], "Besluitbrief"))
    before = await api.json(bt["url"])
    assert before["zaaktypen"] == []  # only published zaaktypen are listed as URLs
    assert before["zaaktypeIdentificaties"] == ["ZT-1"]
    await api.publish(zt["url"])
    after = await api.get(bt["url"])
    check(after)
    assert after.json()["zaaktypen"] == [zt["url"]]
    assert after.json()["resultaattypen"] == [rt["url"]]
    assert after.json()["resultaattypenOmschrijving"] == ["Afgehandeld"]
    iot_now = await api.get(iot["url"])
    check(iot_now)
    assert iot_now.json()["zaaktypen"] == [zt["url"]]
    assert iot_now.json()["zaaktypeIdentificaties"] == ["ZT-1"]
    assert iot_now.json()["besluittypen"] == [bt["url"]]
    assert iot_now.json()["besluittypeOmschrijving"] == ["Vergunning"]


async def test_besluittype_filters(api: Api, catalogus: dict[str, Any]) -> None:
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    a = await api.create(
        "besluittypen", besluittype_body(catalogus["url"], omschrijving="A", informatieobjecttypen=["Melding"])
    )
    b = await api.create("besluittypen", besluittype_body(catalogus["url"], omschrijving="B"))
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["B"]))

    async def urls(query: str) -> list[str]:
        r = await api.get(f"/besluittypen?status=alles&{query}")
        assert r.status_code == 200, r.text
        check(r)
        return sorted(x["url"] for x in r.json()["results"])

    assert await urls("omschrijving=A") == [a["url"]]
    assert await urls(f"zaaktypen={zt['url']}") == [b["url"]]
    assert await urls(f"informatieobjecttypen={iot['url']}") == [a["url"]]
    assert await urls(f"catalogus={catalogus['url']}") == sorted([a["url"], b["url"]])
    assert (await api.json("/besluittypen"))["count"] == 0
    bad = await api.get("/besluittypen?zaaktypen=geen-url")
    assert bad.status_code == 400


async def test_delete_concept_besluittype_and_informatieobjecttype(api: Api, catalogus: dict[str, Any]) -> None:
    bt = await api.create("besluittypen", besluittype_body(catalogus["url"]))
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    for url in (bt["url"], iot["url"]):
        r = await api.delete(url)
        assert r.status_code == 204
        check(r)
        assert (await api.get(url)).status_code == 404


async def test_new_version_of_informatieobjecttype(api: Api, catalogus: dict[str, Any]) -> None:
    v1 = await api.create("informatieobjecttypen", iot_body(catalogus["url"], beginGeldigheid="2020-01-01"))
    await api.publish(v1["url"])
    v2 = await api.create("informatieobjecttypen", iot_body(catalogus["url"], beginGeldigheid="2025-01-01"))
    assert (await api.patch(v1["url"], {"eindeGeldigheid": "2024-12-31"})).status_code == 200
    await api.publish(v2["url"])
    assert (await api.json(v2["url"]))["beginObject"] == "2020-01-01"
    assert (await api.json(v1["url"]))["eindeObject"] is None
    on = await api.json("/informatieobjecttypen?datumGeldigheid=2022-01-01")
    assert [x["url"] for x in on["results"]] == [v1["url"]]
