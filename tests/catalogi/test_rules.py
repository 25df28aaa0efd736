"""The ztc rules about publication, relations and versions: ztc-009 … ztc-013, ztc-015, ztc-016 and correcties."""

from __future__ import annotations

from typing import Any

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    Api,
    besluittype_body,
    catalogus_body,
    eigenschap_body,
    iot_body,
    roltype_body,
    statustype_body,
    zaakobjecttype_body,
    zaaktype_body,
    ztiot_body,
)


def _names(r: Any) -> list[str]:
    assert r.status_code == 400, r.text
    check(r)
    return [p["name"] for p in r.json()["invalidParams"]]


def _codes(r: Any) -> list[str]:
    return [p["code"] for p in r.json()["invalidParams"]]


async def _published_zaaktype(api: Api, catalogus: dict[str, Any], **over: Any) -> dict[str, Any]:
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"], **over))
    return await api.publish(zt["url"])


# --- ztc-009 ----------------------------------------------------------------------------------------------------


async def test_ztc_009_published_zaaktype_cannot_be_put(api: Api, schrijver: Api, catalogus: dict[str, Any]) -> None:
    zt = await _published_zaaktype(api, catalogus)
    r = await schrijver.put(zt["url"], zaaktype_body(catalogus["url"], omschrijving="Anders", deelzaaktypen=[]))
    assert _names(r) == ["nonFieldErrors"]
    assert _codes(r) == ["non-concept-object"]
    assert (await api.json(zt["url"]))["omschrijving"] == zt["omschrijving"]


async def test_ztc_009_published_zaaktype_patch_only_einde_geldigheid(
    api: Api, schrijver: Api, catalogus: dict[str, Any]
) -> None:
    zt = await _published_zaaktype(api, catalogus)
    r = await schrijver.patch(zt["url"], {"omschrijving": "Anders", "eindeGeldigheid": "2030-01-01"})
    assert _names(r) == ["omschrijving"]
    assert (await api.json(zt["url"]))["eindeGeldigheid"] is None
    ok = await schrijver.patch(zt["url"], {"eindeGeldigheid": "2030-01-01"})
    assert ok.status_code == 200
    assert ok.json()["eindeGeldigheid"] == "2030-01-01"


async def test_ztc_009_published_types_cannot_be_deleted(
    api: Api, schrijver: Api, corrector: Api, catalogus: dict[str, Any]
) -> None:
    zt = await _published_zaaktype(api, catalogus)
    iot = await api.publish((await api.create("informatieobjecttypen", iot_body(catalogus["url"])))["url"])
    bt = await api.publish((await api.create("besluittypen", besluittype_body(catalogus["url"])))["url"])
    for obj in (zt, iot, bt):
        assert _codes(await schrijver.delete(obj["url"])) == ["non-concept-object"]
        assert (await api.get(obj["url"])).status_code == 200
    # catalogi.geforceerd-verwijderen may.
    for obj in (zt, iot, bt):
        assert (await corrector.delete(obj["url"])).status_code == 204


async def test_ztc_009_published_informatieobjecttype_and_besluittype(
    api: Api, schrijver: Api, catalogus: dict[str, Any]
) -> None:
    iot = await api.publish((await api.create("informatieobjecttypen", iot_body(catalogus["url"])))["url"])
    bt = await api.publish((await api.create("besluittypen", besluittype_body(catalogus["url"])))["url"])
    assert _names(await schrijver.patch(iot["url"], {"informatieobjectcategorie": "X"})) == [
        "informatieobjectcategorie"
    ]
    assert _names(await schrijver.put(bt["url"], besluittype_body(catalogus["url"]))) == ["nonFieldErrors"]
    assert (await schrijver.patch(bt["url"], {"eindeGeldigheid": "2030-01-01"})).status_code == 200


async def test_ztc_009_correctie_with_geforceerd_schrijven(api: Api, corrector: Api, catalogus: dict[str, Any]) -> None:
    for omschrijving in ("Vergunning", "Tweede"):
        bt = await api.create("besluittypen", besluittype_body(catalogus["url"], omschrijving=omschrijving))
        await api.publish(bt["url"])
    zt = await _published_zaaktype(api, catalogus, besluittypen=["Vergunning"])
    r = await corrector.patch(zt["url"], {"toelichting": "Verbeterd", "besluittypen": ["Vergunning", "Tweede"]})
    assert r.status_code == 200, r.text
    assert r.json()["besluittypeOmschrijving"] == ["Vergunning", "Tweede"]
    # A correctie extends; it does not take relations away, nor change what names the version.
    assert _names(await corrector.patch(zt["url"], {"besluittypen": ["Tweede"]})) == ["besluittypen"]
    assert _names(await corrector.patch(zt["url"], {"identificatie": "ANDER"})) == ["identificatie"]
    iot = await api.publish(
        (await api.create("informatieobjecttypen", iot_body(catalogus["url"], trefwoord=["a"])))["url"]
    )
    assert (await corrector.patch(iot["url"], {"trefwoord": ["a", "b"]})).status_code == 200
    assert _names(await corrector.patch(iot["url"], {"trefwoord": ["b"]})) == ["trefwoord"]


# --- ztc-010 ----------------------------------------------------------------------------------------------------


async def test_ztc_010_no_new_types_under_a_published_zaaktype(
    api: Api, schrijver: Api, catalogus: dict[str, Any]
) -> None:
    zt = await _published_zaaktype(api, catalogus)
    for collection, body in (
        ("statustypen", statustype_body(zt["url"])),
        ("roltypen", roltype_body(zt["url"])),
        ("eigenschappen", eigenschap_body(zt["url"])),
        ("zaakobjecttypen", zaakobjecttype_body(zt["url"], catalogus["url"])),
    ):
        r = await schrijver.post(f"/{collection}", body)
        assert _names(r) == ["zaaktype"], collection
        assert _codes(r) == ["non-concept-zaaktype"]
        assert (await api.json(f"/{collection}?zaaktype={zt['url']}"))["count"] == 0


async def test_ztc_010_types_of_a_published_zaaktype_cannot_change(
    api: Api, schrijver: Api, corrector: Api, catalogus: dict[str, Any]
) -> None:
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
    status = await api.create("statustypen", statustype_body(zt["url"]))
    rol = await api.create("roltypen", roltype_body(zt["url"]))
    await api.publish(zt["url"])
    assert _codes(await schrijver.patch(status["url"], {"omschrijving": "X"})) == ["non-concept-zaaktype"]
    assert _codes(await schrijver.put(rol["url"], roltype_body(zt["url"], omschrijving="X"))) == [
        "non-concept-zaaktype"
    ]
    assert _codes(await schrijver.delete(rol["url"])) == ["non-concept-zaaktype"]
    assert (await api.json(status["url"]))["omschrijving"] == "Status 1"
    # A correctie may change and add at the end; geforceerd-verwijderen may delete.
    assert (await corrector.patch(status["url"], {"statustekst": "Ontvangen"})).status_code == 200
    assert (await corrector.post("/statustypen", statustype_body(zt["url"], 2))).status_code == 201
    assert set(_names(await corrector.post("/statustypen", statustype_body(zt["url"], 1)))) == {"volgnummer"}
    assert (await corrector.delete(rol["url"])).status_code == 204


# --- ztc-011a/b/c -----------------------------------------------------------------------------------------------


async def test_ztc_011a_no_new_relation_to_a_published_zaaktype(
    api: Api, schrijver: Api, catalogus: dict[str, Any]
) -> None:
    published = await _published_zaaktype(api, catalogus, identificatie="GEPUBLICEERD")
    concept = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
    status = await api.create("statustypen", statustype_body(concept["url"]))
    r = await schrijver.patch(status["url"], {"zaaktype": published["url"]})
    assert _names(r) == ["zaaktype"]
    assert _codes(r) == ["non-concept-relation"]
    assert (await api.json(status["url"]))["zaaktype"] == concept["url"]


async def test_ztc_011a_related_types_stay_within_their_zaaktype(api: Api, catalogus: dict[str, Any]) -> None:
    a = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="A"))
    b = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="B"))
    status_b = await api.create("statustypen", statustype_body(b["url"]))
    eig_b = await api.create("eigenschappen", eigenschap_body(b["url"]))
    assert _names(await api.post("/eigenschappen", eigenschap_body(a["url"], statustype=status_b["url"]))) == [
        "statustype"
    ]
    assert _names(await api.post("/statustypen", statustype_body(a["url"], eigenschappen=[eig_b["url"]]))) == [
        "eigenschappen"
    ]
    assert (
        _names(
            await api.post(
                "/zaaktype-informatieobjecttypen", {**ztiot_body(a["url"], "Melding"), "statustype": status_b["url"]}
            )
        )[-1]
        == "statustype"
    )


async def test_ztc_011a_zaaktype_may_relate_to_published_besluittype_and_iot(
    api: Api, catalogus: dict[str, Any]
) -> None:
    bt = await api.publish((await api.create("besluittypen", besluittype_body(catalogus["url"])))["url"])
    iot = await api.publish((await api.create("informatieobjecttypen", iot_body(catalogus["url"])))["url"])
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"], besluittypen=[bt["url"]]))
    await api.create("zaaktype-informatieobjecttypen", ztiot_body(zt["url"], iot["url"]))
    assert (await api.json(zt["url"]))["besluittypen"] == [bt["url"]]


async def test_ztc_011b_besluittype_changes_do_not_version_the_zaaktype(api: Api, catalogus: dict[str, Any]) -> None:
    v1 = await api.publish(
        (await api.create("besluittypen", besluittype_body(catalogus["url"], beginGeldigheid="2020-01-01")))["url"]
    )
    zt = await _published_zaaktype(api, catalogus, besluittypen=["Vergunning"], beginGeldigheid="2020-01-01")
    v2 = await api.create(
        "besluittypen", besluittype_body(catalogus["url"], beginGeldigheid="2024-01-01", toelichting="nieuw")
    )
    await api.patch(v1["url"], {"eindeGeldigheid": "2023-12-31"})
    await api.publish(v2["url"])
    after = await api.json(zt["url"])
    # Same zaaktype version, now pointing at the besluittype version valid today.
    assert after["versiedatum"] == zt["versiedatum"] and after["concept"] is False
    assert after["besluittypen"] == [v2["url"]]
    assert (await api.json("/zaaktypen?status=alles"))["count"] == 1


async def test_ztc_011c_relations_to_published_informatieobjecttypen_allowed(
    api: Api, catalogus: dict[str, Any]
) -> None:
    iot = await api.publish((await api.create("informatieobjecttypen", iot_body(catalogus["url"])))["url"])
    bt = await api.create("besluittypen", besluittype_body(catalogus["url"], informatieobjecttypen=[iot["url"]]))
    assert bt["informatieobjecttypeOmschrijvingen"] == ["Melding"]
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
    ztiot = await api.create("zaaktype-informatieobjecttypen", ztiot_body(zt["url"], "Melding"))
    assert ztiot["informatieobjecttype"] == iot["url"]


# --- ztc-012 ----------------------------------------------------------------------------------------------------


async def test_ztc_012_publish_needs_published_besluittypen(api: Api, catalogus: dict[str, Any]) -> None:
    bt = await api.create("besluittypen", besluittype_body(catalogus["url"]))
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"], besluittypen=["Vergunning"]))
    r = await api.post(f"{zt['url']}/publish")
    assert _names(r) == ["besluittypen"]
    assert (await api.json(zt["url"]))["concept"] is True
    await api.publish(bt["url"])
    assert (await api.publish(zt["url"]))["concept"] is False


async def test_ztc_012_publish_needs_published_informatieobjecttypen(api: Api, catalogus: dict[str, Any]) -> None:
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
    await api.create("zaaktype-informatieobjecttypen", ztiot_body(zt["url"], "Melding"))
    assert _names(await api.post(f"{zt['url']}/publish")) == ["informatieobjecttypen"]
    await api.publish(iot["url"])
    assert (await api.publish(zt["url"]))["concept"] is False


# --- ztc-013 ----------------------------------------------------------------------------------------------------


async def test_ztc_013_no_relations_across_catalogi(api: Api, catalogus: dict[str, Any]) -> None:
    other = await api.create("catalogussen", catalogus_body(domein="ANDER"))
    bt_other = await api.create("besluittypen", besluittype_body(other["url"]))
    iot_other = await api.create("informatieobjecttypen", iot_body(other["url"], omschrijving="Elders"))
    zt_other = await api.create("zaaktypen", zaaktype_body(other["url"], identificatie="ELDERS"))
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))

    assert _names(
        await api.post("/zaaktypen", zaaktype_body(catalogus["url"], identificatie="X", besluittypen=[bt_other["url"]]))
    ) == ["besluittypen"]
    assert _names(
        await api.post(
            "/zaaktypen", zaaktype_body(catalogus["url"], identificatie="X", deelzaaktypen=[zt_other["url"]])
        )
    ) == ["deelzaaktypen"]
    assert _names(
        await api.post("/zaaktypen", zaaktype_body(catalogus["url"], identificatie="X", besluittypen=["Vergunning"]))
    ) == ["besluittypen"]
    assert _names(
        await api.post("/besluittypen", besluittype_body(catalogus["url"], informatieobjecttypen=[iot_other["url"]]))
    ) == ["informatieobjecttypen"]
    assert _names(await api.post("/zaaktype-informatieobjecttypen", ztiot_body(zt["url"], iot_other["url"]))) == [
        "informatieobjecttype"
    ]
    assert _names(await api.post("/zaaktype-informatieobjecttypen", ztiot_body(zt["url"], "Elders"))) == [
        "informatieobjecttype"
    ]
    assert _names(await api.post("/roltypen", roltype_body(zt["url"], catalogus=other["url"]))) == ["catalogus"]
    assert _names(await api.post("/zaakobjecttypen", zaakobjecttype_body(zt["url"], other["url"]))) == ["catalogus"]
    assert (await api.json("/zaaktypen?status=alles"))["count"] == 2


async def test_ztc_013_same_catalogus_on_another_endpoint_is_not_ours(api: Api, catalogus: dict[str, Any]) -> None:
    elsewhere = catalogus["url"].replace("http://testserver", "https://ztc.example.com")
    assert _names(await api.post("/zaaktypen", zaaktype_body(elsewhere))) == ["catalogus"]
    zt = await api.create("zaaktypen", zaaktype_body(catalogus["url"]))
    other_host = zt["url"].replace("http://testserver", "https://ztc.example.com")
    assert _names(await api.post("/statustypen", statustype_body(other_host))) == ["zaaktype"]


# --- ztc-015 ----------------------------------------------------------------------------------------------------


async def test_ztc_015_datum_and_datum_tijd_lengths(api: Api, zaaktype: dict[str, Any]) -> None:
    url = zaaktype["url"]
    for naam, formaat, wrong, right in (("datum", "datum", "10", "8"), ("tijdstip", "datum_tijd", "8", "14")):
        spec = {"formaat": formaat, "lengte": wrong, "kardinaliteit": "1"}
        r = await api.post("/eigenschappen", eigenschap_body(url, naam=naam, specificatie=spec))
        assert _names(r) == ["specificatie.lengte"]
        ok = await api.create("eigenschappen", eigenschap_body(url, naam=naam, specificatie={**spec, "lengte": right}))
        assert ok["specificatie"]["lengte"] == right
    bad = await api.post(
        "/eigenschappen",
        eigenschap_body(url, naam="x", specificatie={"formaat": "kleur", "lengte": "1", "kardinaliteit": "1"}),
    )
    assert _names(bad) == ["specificatie.formaat"]


# --- ztc-016 ----------------------------------------------------------------------------------------------------


async def test_ztc_016_published_versions_do_not_overlap(api: Api, catalogus: dict[str, Any]) -> None:
    v1 = await _published_zaaktype(api, catalogus, beginGeldigheid="2020-01-01")
    v2 = await api.create("zaaktypen", zaaktype_body(catalogus["url"], beginGeldigheid="2024-01-01"))
    r = await api.post(f"{v2['url']}/publish")
    assert _names(r) == ["beginGeldigheid"]
    assert _codes(r) == ["overlap"]
    assert (await api.json(v2["url"]))["concept"] is True
    await api.patch(v1["url"], {"eindeGeldigheid": "2023-12-31"})
    await api.publish(v2["url"])
    # Taking the end away again would make them overlap.
    assert _names(await api.patch(v1["url"], {"eindeGeldigheid": None})) == ["beginGeldigheid"]
    assert (await api.json(v1["url"]))["eindeGeldigheid"] == "2023-12-31"


async def test_ztc_016_same_for_besluittypen_and_informatieobjecttypen(api: Api, catalogus: dict[str, Any]) -> None:
    for collection, body in (("besluittypen", besluittype_body), ("informatieobjecttypen", iot_body)):
        await api.publish((await api.create(collection, body(catalogus["url"], beginGeldigheid="2020-01-01")))["url"])
        second = await api.create(collection, body(catalogus["url"], beginGeldigheid="2021-01-01"))
        assert _codes(await api.post(f"{second['url']}/publish")) == ["overlap"]


async def test_ztc_009_echoing_the_get_representation_only_sets_einde_geldigheid(
    api: Api, schrijver: Api, catalogus: dict[str, Any]
) -> None:
    bt = await api.publish((await api.create("besluittypen", besluittype_body(catalogus["url"])))["url"])
    deel = await _published_zaaktype(api, catalogus, identificatie="DEEL")
    zt = await _published_zaaktype(
        api,
        catalogus,
        besluittypen=[bt["url"]],
        deelzaaktypen=["DEEL"],
        gerelateerdeZaaktypen=[{"zaaktype": deel["url"], "aardRelatie": "vervolg"}],
    )
    echo = {**(await api.json(zt["url"])), "eindeGeldigheid": "2030-12-31"}
    r = await schrijver.patch(zt["url"], echo)
    assert r.status_code == 200, r.text
    assert r.json()["eindeGeldigheid"] == "2030-12-31"
