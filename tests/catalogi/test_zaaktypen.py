"""Zaaktypen: CRUD, filters, publish, versions and the related URL lists."""

from __future__ import annotations

from typing import Any

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    Api,
    besluittype_body,
    eigenschap_body,
    iot_body,
    resultaattype_body,
    roltype_body,
    statustype_body,
    zaakobjecttype_body,
    zaaktype_body,
    ztiot_body,
)
from zaakwerk.core import clock


async def test_create_zaaktype_is_a_concept(api: Api, catalogus: dict[str, Any]) -> None:
    r = await api.post("/zaaktypen", zaaktype_body(catalogus["url"], trefwoorden=["boom", "kap"]))
    assert r.status_code == 201, r.text
    check(r)
    body = r.json()
    assert body["concept"] is True
    assert body["catalogus"] == catalogus["url"]
    assert body["trefwoorden"] == ["boom", "kap"]
    assert body["beginObject"] == "2024-01-01"
    assert body["versiedatum"] == "2024-01-01"
    detail = await api.get(body["url"])
    check(detail)
    assert detail.json() == body
    cat = await api.json(catalogus["url"])
    assert cat["zaaktypen"] == [body["url"]]


async def test_versiedatum_defaults_to_begin_geldigheid(api: Api, catalogus: dict[str, Any]) -> None:
    body = zaaktype_body(catalogus["url"], beginGeldigheid="2024-03-01")
    del body["versiedatum"]
    assert (await api.create("zaaktypen", body))["versiedatum"] == "2024-03-01"


async def test_zaaktype_lists_all_its_types(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    url = zaaktype["url"]
    s2 = await api.create("statustypen", statustype_body(url, 2))
    s1 = await api.create("statustypen", statustype_body(url, 1))
    rol = await api.create("roltypen", roltype_body(url))
    eig = await api.create("eigenschappen", eigenschap_body(url))
    res = await api.create("resultaattypen", resultaattype_body(url))
    zot = await api.create("zaakobjecttypen", zaakobjecttype_body(url, catalogus["url"]))
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    await api.publish(iot["url"])
    await api.create("zaaktype-informatieobjecttypen", ztiot_body(url, "Melding"))
    r = await api.get(url)
    check(r)
    body = r.json()
    assert body["statustypen"] == [s1["url"], s2["url"]]
    assert body["roltypen"] == [rol["url"]]
    assert body["eigenschappen"] == [eig["url"]]
    assert body["resultaattypen"] == [res["url"]]
    assert body["resultaattypeOmschrijving"] == ["Afgehandeld"]
    assert body["zaakobjecttypen"] == [zot["url"]]
    assert body["informatieobjecttypen"] == [iot["url"]]
    assert body["informatieobjecttypeOmschrijving"] == ["Melding"]


async def test_besluittypen_by_omschrijving_or_url(api: Api, catalogus: dict[str, Any]) -> None:
    bt = await api.create("besluittypen", besluittype_body(catalogus["url"]))
    by_name = await api.create("zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["Vergunning"]))
    assert by_name["besluittypeOmschrijving"] == ["Vergunning"]
    # Only published besluittypen valid today are listed as URLs.
    assert by_name["besluittypen"] == []
    await api.publish(bt["url"])
    assert (await api.json(by_name["url"]))["besluittypen"] == [bt["url"]]
    by_url = await api.create(
        "zaaktypen", zaaktype_body(catalogus["url"], identificatie="ZT-2", besluittypen=[bt["url"]])
    )
    assert by_url["besluittypeOmschrijving"] == ["Vergunning"]
    assert by_url["besluittypen"] == [bt["url"]]
    unknown = await api.post("/zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["Bestaat niet"]))
    assert unknown.status_code == 400
    assert unknown.json()["invalidParams"][0]["name"] == "besluittypen"


async def test_deelzaaktypen_and_gerelateerde_zaaktypen(api: Api, catalogus: dict[str, Any]) -> None:
    deel = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="DEEL"))
    await api.publish(deel["url"])
    hoofd = await api.create(
        "zaaktypen",
        zaaktype_body(
            catalogus["url"],
            identificatie="HOOFD",
            deelzaaktypen=["DEEL"],
            gerelateerdeZaaktypen=[{"zaaktype": deel["url"], "aardRelatie": "vervolg", "toelichting": "daarna"}],
        ),
    )
    assert hoofd["deelzaaktypen"] == [deel["url"]]
    assert hoofd["deelzaaktypeIdentificaties"] == ["DEEL"]
    assert hoofd["gerelateerdeZaaktypen"] == [
        {"zaaktype": deel["url"], "zaaktypeIdentificatie": "DEEL", "aardRelatie": "vervolg", "toelichting": "daarna"}
    ]
    r = await api.get(hoofd["url"])
    check(r)


async def test_list_shows_published_by_default(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    other = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="ZT-2"))
    await api.publish(other["url"])
    r = await api.get("/zaaktypen")
    check(r)
    assert [z["url"] for z in r.json()["results"]] == [other["url"]]
    assert (await api.json("/zaaktypen?status=concept"))["results"][0]["url"] == zaaktype["url"]
    assert (await api.json("/zaaktypen?status=alles"))["count"] == 2
    bad = await api.get("/zaaktypen?status=misschien")
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "status"


async def test_list_filters(api: Api, catalogus: dict[str, Any]) -> None:
    other_cat = await api.create("catalogussen", {**_cat(), "domein": "ANDER"})
    a = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="A", trefwoorden=["boom", "kap"]))
    b = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="B", trefwoorden=["boom"]))
    c = await api.create("zaaktypen", zaaktype_body(other_cat["url"], identificatie="C"))

    async def urls(query: str) -> list[str]:
        r = await api.get(f"/zaaktypen?status=alles&{query}")
        assert r.status_code == 200, r.text
        check(r)
        return sorted(z["url"] for z in r.json()["results"])

    assert await urls(f"catalogus={catalogus['url']}") == sorted([a["url"], b["url"]])
    assert await urls("identificatie=C") == [c["url"]]
    assert await urls("trefwoorden=boom") == sorted([a["url"], b["url"]])
    assert await urls("trefwoorden=boom,kap") == [a["url"]]
    assert await urls("trefwoorden=onbekend") == []
    bad = await api.get("/zaaktypen?catalogus=geen-url")
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "catalogus"


def _cat() -> dict[str, Any]:
    from tests.catalogi.conftest import catalogus_body

    return catalogus_body()


async def test_versions_and_datum_geldigheid(api: Api, catalogus: dict[str, Any]) -> None:
    v1 = await api.create("zaaktypen", zaaktype_body(catalogus["url"], beginGeldigheid="2023-01-01"))
    await api.publish(v1["url"])
    v2 = await api.create("zaaktypen", zaaktype_body(catalogus["url"], beginGeldigheid="2024-01-01"))
    # The old version ends the day before the new one starts; only eindeGeldigheid may change once published.
    r = await api.patch(v1["url"], {"eindeGeldigheid": "2023-12-31"})
    assert r.status_code == 200, r.text
    check(r)
    await api.publish(v2["url"])
    on_2023 = await api.json("/zaaktypen?datumGeldigheid=2023-06-01")
    assert [z["url"] for z in on_2023["results"]] == [v1["url"]]
    on_2024 = await api.json("/zaaktypen?datumGeldigheid=2024-06-01")
    assert [z["url"] for z in on_2024["results"]] == [v2["url"]]
    # beginObject/eindeObject span all versions.
    assert (await api.json(v2["url"]))["beginObject"] == "2023-01-01"
    assert (await api.json(v1["url"]))["beginObject"] == "2023-01-01"
    # Detail with datumGeldigheid: the version must be valid on that date.
    assert (await api.get(f"{v1['url']}?datumGeldigheid=2024-06-01")).status_code == 404
    assert (await api.get(f"{v1['url']}?datumGeldigheid=2023-06-01")).status_code == 200
    bad = await api.get("/zaaktypen?datumGeldigheid=gisteren")
    assert bad.status_code == 400
    assert bad.json()["invalidParams"][0]["name"] == "datumGeldigheid"


async def test_related_urls_follow_the_version_valid_on_the_date(api: Api, catalogus: dict[str, Any]) -> None:
    old = await api.create(
        "besluittypen", besluittype_body(catalogus["url"], beginGeldigheid="2020-01-01", eindeGeldigheid="2023-12-31")
    )
    await api.publish(old["url"])
    new = await api.create("besluittypen", besluittype_body(catalogus["url"], beginGeldigheid="2024-01-01"))
    await api.publish(new["url"])
    zt = await api.create(
        "zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["Vergunning"], beginGeldigheid="2020-01-01")
    )
    await api.publish(zt["url"])
    assert (await api.json(zt["url"], params={"datumGeldigheid": "2022-05-05"}))["besluittypen"] == [old["url"]]
    today = clock.today().isoformat()
    assert (await api.json(zt["url"], params={"datumGeldigheid": today}))["besluittypen"] == [new["url"]]
    assert (await api.json(zt["url"]))["besluittypen"] == [new["url"]]


async def test_update_concept_zaaktype(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    r = await api.put(zaaktype["url"], zaaktype_body(catalogus["url"], omschrijving="Anders", deelzaaktypen=[]))
    assert r.status_code == 200, r.text
    check(r)
    assert r.json()["omschrijving"] == "Anders"
    r = await api.patch(zaaktype["url"], {"doorlooptijd": "P6W", "trefwoorden": ["nieuw"]})
    assert r.status_code == 200, r.text
    check(r)
    assert r.json()["doorlooptijd"] == "P6W"
    assert r.json()["omschrijving"] == "Anders"
    assert (await api.json("/zaaktypen?status=alles&trefwoorden=nieuw"))["count"] == 1


async def test_catalogus_of_a_zaaktype_cannot_change(api: Api, zaaktype: dict[str, Any]) -> None:
    other = await api.create("catalogussen", {**_cat(), "domein": "ANDER"})
    r = await api.patch(zaaktype["url"], {"catalogus": other["url"]})
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "catalogus"


async def test_delete_concept_zaaktype_with_its_types(
    api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]
) -> None:
    status = await api.create("statustypen", statustype_body(zaaktype["url"]))
    r = await api.delete(zaaktype["url"])
    assert r.status_code == 204
    check(r)
    assert (await api.get(zaaktype["url"])).status_code == 404
    assert (await api.get(status["url"])).status_code == 404
    assert (await api.json(catalogus["url"]))["zaaktypen"] == []


async def test_publish_is_idempotent_and_404_for_unknown(api: Api, zaaktype: dict[str, Any]) -> None:
    r = await api.post(f"{zaaktype['url']}/publish")
    assert r.status_code == 200
    check(r)
    assert r.json()["concept"] is False
    assert (await api.post(f"{zaaktype['url']}/publish")).status_code == 200
    missing = await api.post("/zaaktypen/00000000-0000-4000-8000-000000000000/publish")
    assert missing.status_code == 404
    check(missing)


async def test_verlengingstermijn_required_when_verlenging_mogelijk(api: Api, catalogus: dict[str, Any]) -> None:
    r = await api.post("/zaaktypen", zaaktype_body(catalogus["url"], verlengingMogelijk=True))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "verlengingstermijn"
    ok = await api.create(
        "zaaktypen", zaaktype_body(catalogus["url"], verlengingMogelijk=True, verlengingstermijn="P2W")
    )
    assert ok["verlengingstermijn"] == "P2W"


async def test_etag_head_and_if_none_match(api: Api, zaaktype: dict[str, Any]) -> None:
    r = await api.get(zaaktype["url"])
    etag = r.headers["etag"]
    head = await api.request("HEAD", zaaktype["url"])
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
    cached = await api.get(zaaktype["url"], headers={**api.headers, "If-None-Match": etag})
    assert cached.status_code == 304
    await api.patch(zaaktype["url"], {"omschrijving": "Gewijzigd"})
    changed = await api.get(zaaktype["url"], headers={**api.headers, "If-None-Match": etag})
    assert changed.status_code == 200


async def test_delete_zaaktype_with_every_kind_of_type(api: Api, catalogus: dict[str, Any]) -> None:
    await api.create("besluittypen", besluittype_body(catalogus["url"]))
    await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["Vergunning"], trefwoorden=["a"]))
    url = zt["url"]
    status = await api.create("statustypen", statustype_body(url))
    await api.create("eigenschappen", eigenschap_body(url, statustype=status["url"]))
    await api.create("roltypen", roltype_body(url))
    await api.create(
        "resultaattypen", resultaattype_body(url, besluittypen=["Vergunning"], informatieobjecttypen=["Melding"])
    )
    await api.create("zaakobjecttypen", zaakobjecttype_body(url, catalogus["url"]))
    await api.create("zaaktype-informatieobjecttypen", ztiot_body(url, "Melding", statustype=status["url"]))
    assert (await api.delete(url)).status_code == 204
    for collection in (
        "statustypen",
        "eigenschappen",
        "roltypen",
        "resultaattypen",
        "zaakobjecttypen",
        "zaaktype-informatieobjecttypen",
    ):
        listed = await api.json(f"/{collection}" + ("" if collection == "zaakobjecttypen" else "?status=alles"))
        assert listed["count"] == 0, collection
