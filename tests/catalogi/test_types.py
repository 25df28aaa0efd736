"""Statustypen, roltypen, eigenschappen, zaakobjecttypen and zaaktype-informatieobjecttypen: CRUD and filters."""

from __future__ import annotations

from typing import Any

import pytest

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    Api,
    eigenschap_body,
    iot_body,
    roltype_body,
    statustype_body,
    zaakobjecttype_body,
    zaaktype_body,
    ztiot_body,
)


async def test_statustype_crud_and_eindstatus(api: Api, zaaktype: dict[str, Any]) -> None:
    first = await api.create("statustypen", statustype_body(zaaktype["url"], 1))
    assert first["isEindstatus"] is True
    r = await api.post(
        "/statustypen",
        statustype_body(
            zaaktype["url"],
            2,
            checklistitemStatustype=[
                {"itemnaam": "Controle", "vraagstelling": "Alles gecontroleerd?", "verplicht": True}
            ],
        ),
    )
    assert r.status_code == 201, r.text
    check(r)
    last = r.json()
    assert last["checklistitemStatustype"][0]["itemnaam"] == "Controle"
    assert last["zaaktypeIdentificatie"] == "ZT-1"
    assert last["beginGeldigheid"] == "2024-01-01"
    assert (await api.json(first["url"]))["isEindstatus"] is False
    assert (await api.json(last["url"]))["isEindstatus"] is True
    r = await api.patch(last["url"], {"omschrijving": "Afgerond"})
    check(r)
    assert r.json()["omschrijving"] == "Afgerond"
    r = await api.put(last["url"], statustype_body(zaaktype["url"], 3, omschrijving="Klaar"))
    check(r)
    assert r.json()["volgnummer"] == 3
    r = await api.delete(last["url"])
    assert r.status_code == 204
    check(r)
    assert (await api.json(first["url"]))["isEindstatus"] is True


async def test_statustype_volgnummer_unique_per_zaaktype(api: Api, zaaktype: dict[str, Any]) -> None:
    await api.create("statustypen", statustype_body(zaaktype["url"], 1))
    r = await api.post("/statustypen", statustype_body(zaaktype["url"], 1))
    assert r.status_code == 400
    check(r)
    assert r.json()["invalidParams"][0] == {
        "name": "volgnummer",
        "code": "unique",
        "reason": r.json()["invalidParams"][0]["reason"],
    }


async def test_statustype_eigenschappen_and_eigenschap_statustype_are_one_relation(
    api: Api, zaaktype: dict[str, Any]
) -> None:
    eig = await api.create("eigenschappen", eigenschap_body(zaaktype["url"]))
    st = await api.create("statustypen", statustype_body(zaaktype["url"], eigenschappen=[eig["url"]]))
    assert st["eigenschappen"] == [eig["url"]]
    assert (await api.json(eig["url"]))["statustype"] == st["url"]
    await api.patch(st["url"], {"eigenschappen": []})
    assert (await api.json(eig["url"]))["statustype"] is None
    await api.patch(eig["url"], {"statustype": st["url"]})
    assert (await api.json(st["url"]))["eigenschappen"] == [eig["url"]]


async def test_roltype_crud_and_filters(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    melder = await api.create("roltypen", roltype_body(zaaktype["url"]))
    behandelaar = await api.create(
        "roltypen", roltype_body(zaaktype["url"], omschrijving="Behandelaar", omschrijvingGeneriek="behandelaar")
    )
    other = await api.create("zaaktypen", zaaktype_body(catalogus["url"], identificatie="ANDER"))
    elders = await api.create("roltypen", roltype_body(other["url"]))

    async def urls(query: str) -> list[str]:
        r = await api.get(f"/roltypen?status=alles&{query}")
        assert r.status_code == 200, r.text
        check(r)
        return sorted(x["url"] for x in r.json()["results"])

    assert await urls(f"zaaktype={zaaktype['url']}") == sorted([melder["url"], behandelaar["url"]])
    assert await urls("omschrijvingGeneriek=behandelaar") == [behandelaar["url"]]
    assert await urls("zaaktypeIdentificatie=ANDER") == [elders["url"]]
    assert (await api.json("/roltypen"))["count"] == 0  # only types of published zaaktypen by default
    assert (await api.get("/roltypen?omschrijvingGeneriek=baas")).status_code == 400
    r = await api.put(melder["url"], roltype_body(zaaktype["url"], omschrijving="Aanvrager"))
    check(r)
    assert r.json()["omschrijving"] == "Aanvrager"
    assert (await api.delete(melder["url"])).status_code == 204


async def test_eigenschap_crud(api: Api, zaaktype: dict[str, Any]) -> None:
    r = await api.post("/eigenschappen", eigenschap_body(zaaktype["url"]))
    assert r.status_code == 201, r.text
    check(r)
    eig = r.json()
    assert eig["specificatie"]["formaat"] == "tekst"
    dup = await api.post("/eigenschappen", eigenschap_body(zaaktype["url"]))
    assert dup.status_code == 400
    assert dup.json()["invalidParams"][0]["name"] == "naam"
    r = await api.patch(eig["url"], {"toelichting": "Van het voertuig"})
    check(r)
    assert (await api.json(f"/eigenschappen?status=alles&zaaktype={zaaktype['url']}"))["count"] == 1
    assert (await api.delete(eig["url"])).status_code == 204


async def test_zaakobjecttype_crud_and_filters(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    r = await api.post("/zaakobjecttypen", zaakobjecttype_body(zaaktype["url"], catalogus["url"]))
    assert r.status_code == 201, r.text
    check(r)
    zot = r.json()
    assert zot["statustypen"] == [] and zot["resultaattypen"] == []
    other = await api.create(
        "zaakobjecttypen",
        zaakobjecttype_body(zaaktype["url"], catalogus["url"], anderObjecttype=True, relatieOmschrijving="Ander"),
    )

    async def urls(query: str) -> list[str]:
        r = await api.get(f"/zaakobjecttypen?{query}")
        assert r.status_code == 200, r.text
        check(r)
        return sorted(x["url"] for x in r.json()["results"])

    assert await urls("anderObjecttype=true") == [other["url"]]
    assert await urls("relatieOmschrijving=Te kappen boom") == [zot["url"]]
    assert await urls(f"catalogus={catalogus['url']}") == sorted([zot["url"], other["url"]])
    assert await urls(f"objecttype={zot['objecttype']}") == sorted([zot["url"], other["url"]])
    assert await urls("datumBeginGeldigheid=2024-01-01") == sorted([zot["url"], other["url"]])
    assert await urls("datumBeginGeldigheid=2020-01-01") == []
    assert await urls("datumGeldigheid=2023-01-01") == []
    assert await urls("zaaktypeIdentificatie=ZT-1") == sorted([zot["url"], other["url"]])
    r = await api.patch(zot["url"], {"relatieOmschrijving": "Boom"})
    check(r)
    assert (await api.delete(zot["url"])).status_code == 204


async def test_zaaktype_informatieobjecttype(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    status = await api.create("statustypen", statustype_body(zaaktype["url"]))
    r = await api.post(
        "/zaaktype-informatieobjecttypen", ztiot_body(zaaktype["url"], "Melding", statustype=status["url"])
    )
    assert r.status_code == 201, r.text
    check(r)
    ztiot = r.json()
    # The informatieobjecttype is a concept: no published version to point at, so its omschrijving is shown.
    assert ztiot["informatieobjecttype"] == "Melding"
    await api.publish(iot["url"])
    assert (await api.json(ztiot["url"]))["informatieobjecttype"] == iot["url"]
    by_url = await api.create(
        "zaaktype-informatieobjecttypen", ztiot_body(zaaktype["url"], iot["url"], volgnummer=2, richting="uitgaand")
    )
    assert by_url["informatieobjecttype"] == iot["url"]

    async def urls(query: str) -> list[str]:
        r = await api.get(f"/zaaktype-informatieobjecttypen?status=alles&{query}")
        assert r.status_code == 200, r.text
        check(r)
        return sorted(x["url"] for x in r.json()["results"])

    assert await urls("richting=uitgaand") == [by_url["url"]]
    assert await urls(f"informatieobjecttype={iot['url']}") == sorted([ztiot["url"], by_url["url"]])
    assert await urls("informatieobjecttype=Melding") == sorted([ztiot["url"], by_url["url"]])
    assert await urls(f"zaaktype={zaaktype['url']}") == sorted([ztiot["url"], by_url["url"]])
    dup = await api.post("/zaaktype-informatieobjecttypen", ztiot_body(zaaktype["url"], "Melding"))
    assert dup.status_code == 400
    assert dup.json()["invalidParams"][0]["name"] == "volgnummer"
    unknown = await api.post("/zaaktype-informatieobjecttypen", ztiot_body(zaaktype["url"], "Onbekend", volgnummer=5))
    assert unknown.status_code == 400
    assert unknown.json()["invalidParams"][0]["name"] == "informatieobjecttype"
    assert (await api.delete(ztiot["url"])).status_code == 204


@pytest.mark.parametrize(
    "collection",
    ["statustypen", "roltypen", "eigenschappen", "resultaattypen", "zaakobjecttypen", "zaaktype-informatieobjecttypen"],
)
async def test_unknown_type_is_404(api: Api, collection: str) -> None:
    r = await api.get(f"/{collection}/00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404
    check(r)


async def test_child_geldigheid_follows_the_zaaktype(api: Api, zaaktype: dict[str, Any]) -> None:
    ok = await api.create("roltypen", roltype_body(zaaktype["url"], beginGeldigheid="2024-01-01"))
    assert ok["beginGeldigheid"] == "2024-01-01"
    r = await api.post("/roltypen", roltype_body(zaaktype["url"], beginGeldigheid="2025-01-01"))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "beginGeldigheid"
    await api.patch(zaaktype["url"], {"eindeGeldigheid": "2030-12-31"})
    assert (await api.json(ok["url"]))["eindeGeldigheid"] == "2030-12-31"
