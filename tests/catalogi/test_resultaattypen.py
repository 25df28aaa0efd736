"""Resultaattypen: CRUD, filters and the selectielijst rules ztc-001 … ztc-008."""

from __future__ import annotations

from typing import Any

from tests.catalogi._contract import check
from tests.catalogi.conftest import (
    RL,
    Api,
    besluittype_body,
    iot_body,
    omschrijving_generiek,
    procestype,
    resultaat,
    resultaat_with,
    resultaattype_body,
    zaaktype_body,
)


def _brondatum(afleidingswijze: str, **over: Any) -> dict[str, Any]:
    return {"afleidingswijze": afleidingswijze, **over}


async def _no_rows(api: Api, zaaktype: dict[str, Any]) -> None:
    assert (await api.json(f"/resultaattypen?status=alles&zaaktype={zaaktype['url']}"))["count"] == 0


async def test_resultaattype_crud(api: Api, catalogus: dict[str, Any], zaaktype: dict[str, Any]) -> None:
    bt = await api.create("besluittypen", besluittype_body(catalogus["url"]))
    await api.publish(bt["url"])
    iot = await api.create("informatieobjecttypen", iot_body(catalogus["url"]))
    r = await api.post(
        "/resultaattypen",
        resultaattype_body(zaaktype["url"], besluittypen=["Vergunning"], informatieobjecttypen=[iot["url"]]),
    )
    assert r.status_code == 201, r.text
    check(r)
    rt = r.json()
    assert rt["besluittypen"] == [bt["url"]]
    assert rt["besluittypeOmschrijving"] == ["Vergunning"]
    assert rt["informatieobjecttypen"] == []  # a concept informatieobjecttype has no URL to show yet
    assert rt["informatieobjecttypeOmschrijving"] == ["Melding"]
    assert (await api.json(bt["url"]))["resultaattypen"] == []  # the zaaktype is still a concept
    r = await api.patch(rt["url"], {"toelichting": "Klaar"})
    check(r)
    r = await api.put(rt["url"], resultaattype_body(zaaktype["url"], omschrijving="Anders"))
    check(r)
    assert r.json()["besluittypen"] == []
    listed = await api.get("/resultaattypen?status=alles&zaaktype_identificatie=ZT-1&datum_geldigheid=2024-02-02")
    check(listed)
    assert listed.json()["count"] == 1
    assert (await api.delete(rt["url"])).status_code == 204


async def test_resultaattype_omschrijving_unique_per_zaaktype(api: Api, zaaktype: dict[str, Any]) -> None:
    await api.create("resultaattypen", resultaattype_body(zaaktype["url"]))
    r = await api.post("/resultaattypen", resultaattype_body(zaaktype["url"]))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "omschrijving"


async def test_ztc_001_selectielijst_procestype_must_be_a_procestype(api: Api, catalogus: dict[str, Any]) -> None:
    ok = await api.create("zaaktypen", zaaktype_body(catalogus["url"], selectielijstProcestype=procestype()))
    assert ok["selectielijstProcestype"] == procestype()
    for wrong in (f"{RL}/procestypen/00000000-0000-4000-8000-000000000000", omschrijving_generiek()["url"]):
        r = await api.post(
            "/zaaktypen", zaaktype_body(catalogus["url"], identificatie="X", selectielijstProcestype=wrong)
        )
        assert r.status_code == 400, r.text
        check(r)
        assert r.json()["invalidParams"][0]["name"] == "selectielijstProcestype"
    assert (await api.json("/zaaktypen?status=alles"))["count"] == 1


async def test_ztc_002a_resultaattypeomschrijving_must_resolve(api: Api, zaaktype: dict[str, Any]) -> None:
    wrong = f"{RL}/resultaattypeomschrijvingen/00000000-0000-4000-8000-000000000000"
    r = await api.post("/resultaattypen", resultaattype_body(zaaktype["url"], resultaattypeomschrijving=wrong))
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "resultaattypeomschrijving"
    await _no_rows(api, zaaktype)


async def test_ztc_002b_omschrijving_generiek_comes_from_the_referentielijst(
    api: Api, zaaktype: dict[str, Any]
) -> None:
    generiek = omschrijving_generiek(1)
    rt = await api.create(
        "resultaattypen", resultaattype_body(zaaktype["url"], resultaattypeomschrijving=generiek["url"])
    )
    assert rt["omschrijvingGeneriek"] == generiek["omschrijving"]


async def test_ztc_002c_selectielijstklasse_belongs_to_the_zaaktype_procestype(
    api: Api, catalogus: dict[str, Any]
) -> None:
    zaaktype = await api.create("zaaktypen", zaaktype_body(catalogus["url"], selectielijstProcestype=procestype(0)))
    other = next(p for i in range(1, 40) if (p := procestype(i)) and _has_resultaat(p))
    r = await api.post(
        "/resultaattypen", resultaattype_body(zaaktype["url"], selectielijstklasse=resultaat(other)["url"])
    )
    assert r.status_code == 400
    assert r.json()["invalidParams"][0] == {
        "name": "selectielijstklasse",
        "code": "procestype-mismatch",
        "reason": r.json()["invalidParams"][0]["reason"],
    }
    not_a_resultaat = await api.post(
        "/resultaattypen", resultaattype_body(zaaktype["url"], selectielijstklasse=procestype())
    )
    assert not_a_resultaat.status_code == 400
    assert not_a_resultaat.json()["invalidParams"][0]["name"] == "selectielijstklasse"
    await _no_rows(api, zaaktype)
    await api.create("resultaattypen", resultaattype_body(zaaktype["url"], procestype(0)))


def _has_resultaat(procestype_url: str) -> bool:
    try:
        resultaat(procestype_url)
    except LookupError:
        return False
    return True


async def test_ztc_002d_archiefnominatie_and_termijn_derived_from_selectielijstklasse(
    api: Api, zaaktype: dict[str, Any]
) -> None:
    klasse = resultaat_with("nihil")
    rt = await api.create("resultaattypen", resultaattype_body(zaaktype["url"], selectielijstklasse=klasse["url"]))
    assert rt["archiefnominatie"] == klasse["waardering"]
    assert rt["archiefactietermijn"] == klasse["bewaartermijn"]
    explicit = await api.create(
        "resultaattypen",
        resultaattype_body(
            zaaktype["url"],
            omschrijving="Expliciet",
            selectielijstklasse=klasse["url"],
            archiefnominatie="blijvend_bewaren",
            archiefactietermijn="P5Y",
        ),
    )
    assert explicit["archiefnominatie"] == "blijvend_bewaren"
    assert explicit["archiefactietermijn"] == "P5Y"


async def test_ztc_003a_procestermijn_nihil_requires_afgehandeld(api: Api, zaaktype: dict[str, Any]) -> None:
    klasse = resultaat_with("nihil")["url"]
    r = await api.post(
        "/resultaattypen",
        resultaattype_body(
            zaaktype["url"],
            selectielijstklasse=klasse,
            brondatumArchiefprocedure=_brondatum("termijn", procestermijn="P1Y"),
        ),
    )
    assert r.status_code == 400
    check(r)
    assert r.json()["invalidParams"][0]["name"] == "brondatumArchiefprocedure.afleidingswijze"
    await _no_rows(api, zaaktype)
    await api.create(
        "resultaattypen",
        resultaattype_body(
            zaaktype["url"], selectielijstklasse=klasse, brondatumArchiefprocedure=_brondatum("afgehandeld")
        ),
    )


async def test_ztc_003b_ingeschatte_bestaansduur_requires_termijn(api: Api, zaaktype: dict[str, Any]) -> None:
    klasse = resultaat_with("ingeschatte_bestaansduur_procesobject")["url"]
    r = await api.post(
        "/resultaattypen",
        resultaattype_body(
            zaaktype["url"], selectielijstklasse=klasse, brondatumArchiefprocedure=_brondatum("afgehandeld")
        ),
    )
    assert r.status_code == 400
    assert r.json()["invalidParams"][0]["name"] == "brondatumArchiefprocedure.afleidingswijze"
    await api.create(
        "resultaattypen",
        resultaattype_body(
            zaaktype["url"],
            selectielijstklasse=klasse,
            brondatumArchiefprocedure=_brondatum("termijn", procestermijn="P10Y"),
        ),
    )


async def test_ztc_003c_empty_procestermijn_allows_every_afleidingswijze(api: Api, zaaktype: dict[str, Any]) -> None:
    klasse = resultaat_with("")["url"]
    for i, wijze in enumerate(("afgehandeld", "hoofdzaak", "gerelateerde_zaak", "ingangsdatum_besluit")):
        await api.create(
            "resultaattypen",
            resultaattype_body(
                zaaktype["url"],
                omschrijving=f"R{i}",
                selectielijstklasse=klasse,
                brondatumArchiefprocedure=_brondatum(wijze),
            ),
        )


# (code, afleidingswijze, brondatum fields that make it invalid, the field named, then a valid variant)
_CASES = [
    ("004", "eigenschap", {}, "datumkenmerk", {"datumkenmerk": "datum"}),
    ("004", "afgehandeld", {"datumkenmerk": "datum"}, "datumkenmerk", {}),
    ("005", "afgehandeld", {"einddatumBekend": True}, "einddatumBekend", {"einddatumBekend": False}),
    ("005", "termijn", {"procestermijn": "P1Y", "einddatumBekend": True}, "einddatumBekend", {"procestermijn": "P1Y"}),
    ("006", "zaakobject", {"datumkenmerk": "d"}, "objecttype", {"datumkenmerk": "d", "objecttype": "pand"}),
    ("006", "eigenschap", {"datumkenmerk": "d", "objecttype": "pand"}, "objecttype", {"datumkenmerk": "d"}),
    (
        "007",
        "ander_datumkenmerk",
        {"datumkenmerk": "d", "objecttype": "pand"},
        "registratie",
        {"datumkenmerk": "d", "objecttype": "pand", "registratie": "BRP"},
    ),
    ("007", "hoofdzaak", {"registratie": "BRP"}, "registratie", {}),
    ("008", "termijn", {}, "procestermijn", {"procestermijn": "P5Y"}),
    ("008", "afgehandeld", {"procestermijn": "P5Y"}, "procestermijn", {}),
]


async def _check_brondatum(api: Api, zaaktype: dict[str, Any], code: str) -> None:
    klasse = resultaat_with("")["url"]
    for n, (c, wijze, invalid, field, valid) in enumerate(_CASES):
        if c != code:
            continue
        r = await api.post(
            "/resultaattypen",
            resultaattype_body(
                zaaktype["url"],
                omschrijving=f"R{n}",
                selectielijstklasse=klasse,
                brondatumArchiefprocedure=_brondatum(wijze, **invalid),
            ),
        )
        assert r.status_code == 400, f"ztc-{code}: {r.text}"
        check(r)
        assert [p["name"] for p in r.json()["invalidParams"]] == [f"brondatumArchiefprocedure.{field}"]
        await _no_rows(api, zaaktype)
        ok = await api.create(
            "resultaattypen",
            resultaattype_body(
                zaaktype["url"],
                omschrijving=f"R{n}",
                selectielijstklasse=klasse,
                brondatumArchiefprocedure=_brondatum(wijze, **valid),
            ),
        )
        assert ok["brondatumArchiefprocedure"]["afleidingswijze"] == wijze
        await api.delete(ok["url"])


async def test_ztc_004_datumkenmerk(api: Api, zaaktype: dict[str, Any]) -> None:
    await _check_brondatum(api, zaaktype, "004")


async def test_ztc_005_einddatum_bekend(api: Api, zaaktype: dict[str, Any]) -> None:
    await _check_brondatum(api, zaaktype, "005")


async def test_ztc_006_objecttype(api: Api, zaaktype: dict[str, Any]) -> None:
    await _check_brondatum(api, zaaktype, "006")


async def test_ztc_007_registratie(api: Api, zaaktype: dict[str, Any]) -> None:
    await _check_brondatum(api, zaaktype, "007")


async def test_ztc_008_procestermijn(api: Api, zaaktype: dict[str, Any]) -> None:
    await _check_brondatum(api, zaaktype, "008")
