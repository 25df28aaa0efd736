"""The expand pattern on the Catalogi API: embedded types at several levels, validated against the spec."""

from __future__ import annotations

from typing import Any

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    Api,
    besluittype_body,
    eigenschap_body,
    iot_body,
    roltype_body,
    statustype_body,
    zaaktype_body,
    ztiot_body,
)


async def _full_zaaktype(api: Api, catalogus: dict[str, Any]) -> dict[str, Any]:
    bt = await api.publish((await api.create("besluittypen", besluittype_body(catalogus["url"])))["url"])
    iot = await api.publish((await api.create("informatieobjecttypen", iot_body(catalogus["url"])))["url"])
    deel = await api.publish(
        (await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="DEEL")))["url"]
    )
    zt = await api.create(
        "zaaktypen",
        zaaktype_body(
            catalogus["url"],
            besluittypen=["Vergunning"],
            deelzaaktypen=["DEEL"],
            gerelateerdeZaaktypen=[{"zaaktype": "DEEL", "aardRelatie": "bijdrage"}],
        ),
    )
    eig = await api.create("eigenschappen", eigenschap_body(zt["url"]))
    await api.create("statustypen", statustype_body(zt["url"], 1, eigenschappen=[eig["url"]]))
    await api.create("roltypen", roltype_body(zt["url"]))
    await api.create("zaaktype-informatieobjecttypen", ztiot_body(zt["url"], "Melding"))
    return {"zaaktype": zt, "besluittype": bt, "iot": iot, "deel": deel, "eigenschap": eig}


async def test_expand_zaaktype_relations(api: Api, catalogus: dict[str, Any]) -> None:
    objs = await _full_zaaktype(api, catalogus)
    fields = ",".join(
        [
            "catalogus",
            "statustypen",
            "roltypen",
            "eigenschappen",
            "besluittypen",
            "informatieobjecttypen",
            "deelzaaktypen",
            "gerelateerdeZaaktypen",
        ]
    )
    r = await api.get(objs["zaaktype"]["url"], params={"expand": fields})
    assert r.status_code == 200, r.text
    check(r)
    embedded = r.json()["_expand"]
    assert embedded["catalogus"]["url"] == catalogus["url"]
    assert [s["omschrijving"] for s in embedded["statustypen"]] == ["Status 1"]
    assert embedded["besluittypen"][0]["url"] == objs["besluittype"]["url"]
    assert embedded["informatieobjecttypen"][0]["url"] == objs["iot"]["url"]
    assert embedded["deelzaaktypen"][0]["url"] == objs["deel"]["url"]
    assert embedded["gerelateerdeZaaktypen"][0]["url"] == objs["deel"]["url"]


async def test_expand_nested_and_on_lists(api: Api, catalogus: dict[str, Any]) -> None:
    objs = await _full_zaaktype(api, catalogus)
    r = await api.get(
        "/statustypen", params={"status": "alles", "expand": "zaaktype.catalogus,eigenschappen.statustype"}
    )
    assert r.status_code == 200, r.text
    check(r)
    status = r.json()["results"][0]
    assert status["_expand"]["zaaktype"]["_expand"]["catalogus"]["url"] == catalogus["url"]
    eig = status["_expand"]["eigenschappen"][0]
    assert eig["url"] == objs["eigenschap"]["url"]
    assert eig["_expand"]["statustype"]["url"] == status["url"]
    cat = await api.get(catalogus["url"], params={"expand": "zaaktypen,besluittypen,informatieobjecttypen"})
    check(cat)
    assert len(cat.json()["_expand"]["zaaktypen"]) == 2


async def test_expand_of_an_empty_reference_is_an_empty_object(api: Api, zaaktype: dict[str, Any]) -> None:
    eig = await api.create("eigenschappen", eigenschap_body(zaaktype["url"]))
    r = await api.get(eig["url"], params={"expand": "statustype,zaaktype"})
    check(r)
    assert r.json()["_expand"]["statustype"] == {}
    assert r.json()["_expand"]["zaaktype"]["url"] == zaaktype["url"]


async def test_expand_of_an_unknown_field_is_404(api: Api, zaaktype: dict[str, Any]) -> None:
    """As zrc-027 and drc-013 prescribe for their APIs: one rule for every expand."""
    r = await api.get(zaaktype["url"], params={"expand": "bestaatniet"})
    assert r.status_code == 404
    check(r)
    assert r.json()["invalidParams"][0]["name"] == "expand"
    assert (await api.get("/roltypen", params={"expand": "statustypen"})).status_code == 404
