"""Every query parameter of GET /zaken: what each filter selects, ``ordering``, and 400s naming the parameter."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._lezen import SPEC, add, rol
from tests.zaken.conftest import RSIN, ZTC, Api, Catalogus, insert_zaak
from zaakwerk.zaken._filters_zaken import FILTERS

OTHER_RSIN = "002220647"
BSN = "111222333"
BETROKKENE = "https://brp.example/ingeschrevenpersonen/999"


@pytest.fixture
async def zaken(app: FastAPI, catalogus: Catalogus) -> dict[str, str]:
    """Three zaken A, B, C with distinct values for every filter; identificatie → letter."""
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    a = await insert_zaak(
        app,
        klacht,
        identificatie="ZAAK-A",
        startdatum=dt.date(2026, 1, 10),
        registratiedatum=dt.date(2026, 1, 10),
        einddatum_gepland=dt.date(2026, 2, 1),
        uiterlijke_einddatum_afdoening=dt.date(2026, 3, 1),
        archiefnominatie="blijvend_bewaren",
        publicatiedatum=dt.date(2026, 6, 1),
    )
    b = await insert_zaak(
        app,
        bezwaar,
        identificatie="ZAAK-B",
        bronorganisatie=OTHER_RSIN,
        startdatum=dt.date(2026, 2, 10),
        registratiedatum=dt.date(2026, 2, 10),
        einddatum=dt.date(2026, 3, 1),
        archiefnominatie="vernietigen",
        archiefstatus="gearchiveerd",
        archiefactiedatum=dt.date(2030, 1, 1),
        vertrouwelijkheidaanduiding="geheim",
    )
    c = await insert_zaak(
        app,
        klacht,
        identificatie="ZAAK-C",
        startdatum=dt.date(2026, 3, 10),
        registratiedatum=dt.date(2026, 3, 10),
        einddatum=dt.date(2026, 4, 1),
        einddatum_gepland=dt.date(2026, 4, 15),
        uiterlijke_einddatum_afdoening=dt.date(2026, 5, 1),
        archiefactiedatum=dt.date(2035, 1, 1),
        archiefstatus="overgedragen",
        vertrouwelijkheidaanduiding="intern",
    )
    await add(
        app,
        rol(a, klacht, "initiator", inp_bsn=BSN),
        rol(a, klacht, "behandelaar", betrokkene_type="medewerker", medewerker_identificatie="mw-2"),
        rol(b, bezwaar, "initiator", betrokkene=BETROKKENE, anp_identificatie="anp-1", inp_a_nummer="1234567890"),
        rol(b, bezwaar, "behandelaar", betrokkene_type="medewerker", medewerker_identificatie="mw-1"),
        rol(c, klacht, "initiator", betrokkene_type="niet_natuurlijk_persoon", inn_nnp_id="123456782"),
        rol(c, klacht, "belanghebbende", betrokkene_type="niet_natuurlijk_persoon", ann_identificatie="ann-1"),
        rol(c, klacht, "klantcontacter", betrokkene_type="vestiging", vestigings_nummer="000012345678"),
        rol(c, klacht, "behandelaar", betrokkene_type="organisatorische_eenheid",
            organisatorische_eenheid_identificatie="OE-1"),
    )  # fmt: skip
    return {"ZAAK-A": "A", "ZAAK-B": "B", "ZAAK-C": "C"}


CASES = [
    ("identificatie=ZAAK-B", "B"),
    (f"bronorganisatie={RSIN}", "AC"),
    (f"bronorganisatie__in={OTHER_RSIN},000000000", "B"),
    ("archiefnominatie=vernietigen", "B"),
    ("archiefnominatie__in=vernietigen,blijvend_bewaren", "AB"),
    ("archiefstatus=gearchiveerd", "B"),
    ("archiefstatus__in=nog_te_archiveren,overgedragen", "AC"),
    ("archiefactiedatum=2030-01-01", "B"),
    ("archiefactiedatum__isnull=true", "A"),
    ("archiefactiedatum__isnull=false", "BC"),
    ("archiefactiedatum__lt=2031-01-01", "B"),
    ("archiefactiedatum__gt=2031-01-01", "C"),
    ("startdatum=2026-02-10", "B"),
    ("startdatum__gt=2026-02-10", "C"),
    ("startdatum__gte=2026-02-10", "BC"),
    ("startdatum__lt=2026-02-10", "A"),
    ("startdatum__lte=2026-02-10", "AB"),
    ("registratiedatum=2026-01-10", "A"),
    ("registratiedatum__gt=2026-01-10", "BC"),
    ("registratiedatum__lt=2026-03-10", "AB"),
    ("einddatum=2026-03-01", "B"),
    ("einddatum__isnull=true", "A"),
    ("einddatum__isnull=false", "BC"),
    ("einddatum__gt=2026-03-01", "C"),
    ("einddatum__lt=2026-04-01", "B"),
    ("einddatumGepland=2026-02-01", "A"),
    ("einddatumGepland__gt=2026-02-01", "C"),
    ("einddatumGepland__lt=2026-04-15", "A"),
    ("uiterlijkeEinddatumAfdoening=2026-05-01", "C"),
    ("uiterlijkeEinddatumAfdoening__gt=2026-03-01", "C"),
    ("uiterlijkeEinddatumAfdoening__lt=2026-05-01", "A"),
    ("rol__betrokkeneType=medewerker", "AB"),
    ("rol__betrokkeneType=vestiging", "C"),
    (f"rol__betrokkene={BETROKKENE}", "B"),
    ("rol__omschrijvingGeneriek=belanghebbende", "C"),
    ("rol__omschrijvingGeneriek=initiator", "ABC"),
    ("maximaleVertrouwelijkheidaanduiding=intern", "AC"),
    ("maximaleVertrouwelijkheidaanduiding=openbaar", "A"),
    (f"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN}", "A"),
    ("rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie=anp-1", "B"),
    ("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer=1234567890", "B"),
    ("rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId=123456782", "C"),
    ("rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie=ann-1", "C"),
    ("rol__betrokkeneIdentificatie__vestiging__vestigingsNummer=000012345678", "C"),
    ("rol__betrokkeneIdentificatie__medewerker__identificatie=mw-1", "B"),
    ("rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie=OE-1", "C"),
    # Several rol conditions hold for ONE rol: A's BSN rol is the initiator, not the behandelaar.
    (f"rol__omschrijvingGeneriek=initiator&rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN}", "A"),
    (f"rol__omschrijvingGeneriek=behandelaar&rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn={BSN}", ""),
    # Filters combine with AND.
    (f"bronorganisatie={RSIN}&startdatum__gt=2026-02-01", "C"),
    ("bronorganisatie=", "ABC"),  # an empty value is no filter
]


def test_every_filter_of_the_spec_is_covered() -> None:
    names = {query.split("=")[0] for query, _ in CASES} | {"zaaktype"}
    assert names == set(FILTERS)


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
async def test_filter(api: Api, zaken: dict[str, str], query: str, expected: str) -> None:
    r = await api.get(f"/zaken?{query}")
    assert r.status_code == 200, r.text
    data = r.json()
    assert "".join(sorted(zaken[z["identificatie"]] for z in data["results"])) == expected
    assert data["count"] == len(expected)


async def test_zaaktype_filter(api: Api, zaken: dict[str, str], catalogus: Catalogus) -> None:
    r = await api.get("/zaken", params={"zaaktype": catalogus["VBG-BEZWAAR"].url})
    validate_response(SPEC, r)
    assert [z["identificatie"] for z in r.json()["results"]] == ["ZAAK-B"]
    # A zaaktype of another catalogue is a valid URL that matches nothing.
    other = "https://elders.example/catalogi/api/v1/zaaktypen/6f1c5b1a-84f5-4b5a-9d2e-7d1b1e4c2a10"
    assert (await api.get("/zaken", params={"zaaktype": other})).json()["count"] == 0


async def test_a_zaak_with_several_matching_rollen_is_listed_once(api: Api, zaken: dict[str, str]) -> None:
    r = await api.get("/zaken?rol__betrokkeneType=niet_natuurlijk_persoon")
    data = r.json()
    assert data["count"] == 1
    assert [z["identificatie"] for z in data["results"]] == ["ZAAK-C"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("startdatum", ["ZAAK-A", "ZAAK-B", "ZAAK-C"]),
        ("-startdatum", ["ZAAK-C", "ZAAK-B", "ZAAK-A"]),
        ("-identificatie", ["ZAAK-C", "ZAAK-B", "ZAAK-A"]),
        ("einddatum", ["ZAAK-B", "ZAAK-C", "ZAAK-A"]),  # no einddatum last, on every database
        ("-einddatum", ["ZAAK-C", "ZAAK-B", "ZAAK-A"]),
        ("-archiefactiedatum", ["ZAAK-C", "ZAAK-B", "ZAAK-A"]),
        ("publicatiedatum,-registratiedatum", ["ZAAK-A", "ZAAK-C", "ZAAK-B"]),
    ],
)
async def test_ordering(api: Api, zaken: dict[str, str], ordering: str, expected: list[str]) -> None:
    r = await api.get(f"/zaken?ordering={ordering}")
    assert r.status_code == 200, r.text
    assert [z["identificatie"] for z in r.json()["results"]] == expected


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ordering=-omschrijving", "ordering"),
        ("startdatum__gt=2026-13-01", "startdatum__gt"),
        ("archiefactiedatum=gisteren", "archiefactiedatum"),
        ("einddatum__isnull=misschien", "einddatum__isnull"),
        ("archiefnominatie=bewaren", "archiefnominatie"),
        ("archiefstatus__in=gearchiveerd,weg", "archiefstatus__in"),
        ("rol__betrokkeneType=persoon", "rol__betrokkeneType"),
        ("rol__omschrijvingGeneriek=baas", "rol__omschrijvingGeneriek"),
        ("rol__betrokkene=geen-url", "rol__betrokkene"),
        ("maximaleVertrouwelijkheidaanduiding=topgeheim", "maximaleVertrouwelijkheidaanduiding"),
        ("zaaktype=geen-url", "zaaktype"),
        (f"zaaktype={ZTC}/statustypen/6f1c5b1a-84f5-4b5a-9d2e-7d1b1e4c2a10", "zaaktype"),
        ("expand=zaaktype..catalogus", "expand"),
    ],
)
async def test_malformed_value_is_400_naming_the_parameter(
    api: Api, zaken: dict[str, str], query: str, name: str
) -> None:
    r = await api.get(f"/zaken?{query}")
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["invalidParams"][0]["name"] == name
    validate_response(SPEC, r)


async def test_all_malformed_values_are_reported_at_once(api: Api, zaken: dict[str, str]) -> None:
    r = await api.get("/zaken?startdatum=x&einddatum=y")
    assert r.status_code == 400
    assert {p["name"] for p in r.json()["invalidParams"]} == {"startdatum", "einddatum"}
