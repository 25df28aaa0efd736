"""Catalogus export/import in the YAML exchange format: round trips, every problem with its place, all or nothing."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.conftest import empty_database
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer.transport import (
    FORMAT,
    ImportFailed,
    ImportReport,
    dump_yaml,
    export_catalogus,
    import_catalogus,
    load_yaml,
)
from zaakwerk.config import Settings
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.demo.loader import demo_catalogus

OBJECTTYPE = "https://objecttypen.example.org/api/v2/objecttypes/8e7a6bb3-2b8d-4b5a-9e7c-0a5c4b1b2c3d"
PRODUCT = "https://pdc.example.org/producten/1f5e3d8c-7a2b-4c1d-9e8f-6a5b4c3d2e1f"


@pytest.fixture
def ctx(settings: Settings) -> Ctx:
    return Ctx.for_base_url(settings)


@pytest.fixture
async def uow(app: FastAPI) -> AsyncIterator[UnitOfWork]:
    """A unit of work that is rolled back: for reads after the committed work of a test."""
    async with UnitOfWork(app.state.sessionmaker) as unit:
        yield unit
        await unit.session.rollback()


async def _import(app: FastAPI, ctx: Ctx, data: Any, *, publish: bool = True) -> ImportReport:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        return await import_catalogus(uow, ctx, data, publish=publish)


async def _problems(app: FastAPI, ctx: Ctx, data: Any, *, publish: bool = True) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        await _import(app, ctx, data, publish=publish)
    return [str(p) for p in failed.value.report.problems]


async def _export(app: FastAPI, ctx: Ctx, catalogus: uuid.UUID) -> dict[str, Any]:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        return await export_catalogus(uow, ctx, catalogus)


async def _count(app: FastAPI, model: Any) -> int:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(model)) or 0)


def small_catalogus() -> dict[str, Any]:
    """A catalogue with what the demo does not show: two versions, concepts, zaakobjecttypen, external URLs,
    deelzaaktypen, a termijn-based brondatum and statustype references."""
    return {
        "formaat": FORMAT,
        "catalogus": {"domein": "TST", "rsin": "801234566", "contactpersoonBeheerNaam": "Beheer"},
        "informatieobjecttypen": [
            {
                "omschrijving": "Verslag",
                "vertrouwelijkheidaanduiding": "intern",
                "informatieobjectcategorie": "Verslag",
                "beginGeldigheid": "2023-01-01",
                "eindeGeldigheid": "2023-12-31",
            },
            {
                "omschrijving": "Verslag",
                "vertrouwelijkheidaanduiding": "intern",
                "informatieobjectcategorie": "Verslag",
                "beginGeldigheid": "2024-01-01",
            },
            {
                "omschrijving": "Concepttekst",
                "vertrouwelijkheidaanduiding": "intern",
                "informatieobjectcategorie": "Notitie",
                "beginGeldigheid": "2024-01-01",
                "concept": True,
            },
        ],
        "besluittypen": [
            {
                "omschrijving": "Besluit",
                "publicatieIndicatie": False,
                "informatieobjecttypen": ["Verslag"],
                "beginGeldigheid": "2024-01-01",
            },
        ],
        "zaaktypen": [
            _zaaktype("TST-HOOFD", "2023-01-01", eind="2023-12-31"),
            {**_zaaktype("TST-HOOFD", "2024-01-01"), "deelzaaktypen": ["TST-DEEL"], "productenOfDiensten": [PRODUCT]},
            {**_zaaktype("TST-DEEL", "2024-01-01"), "concept": True, "besluittypen": []},
        ],
    }


def _zaaktype(identificatie: str, begin: str, eind: str | None = None) -> dict[str, Any]:
    zaaktype: dict[str, Any] = {
        "identificatie": identificatie,
        "omschrijving": f"Zaaktype {identificatie}",
        "vertrouwelijkheidaanduiding": "intern",
        "doel": "Testen.",
        "aanleiding": "Een test.",
        "indicatieInternOfExtern": "intern",
        "handelingInitiator": "Starten",
        "onderwerp": "Test",
        "handelingBehandelaar": "Behandelen",
        "doorlooptijd": "P30D",
        "opschortingEnAanhoudingMogelijk": False,
        "verlengingMogelijk": False,
        "publicatieIndicatie": False,
        "productenOfDiensten": [],
        "selectielijstProcestype": {"jaar": 2017, "nummer": 12},
        "referentieproces": {"naam": "Toezicht", "link": "https://example.org/processen/toezicht"},
        "verantwoordelijke": "Team Test",
        "besluittypen": ["Besluit"],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": begin,
        "versiedatum": begin,
        "statustypen": [
            {
                "volgnummer": 1,
                "omschrijving": "Begonnen",
                "omschrijvingGeneriek": "intake",
                "checklistitemStatustype": [
                    {"itemnaam": "Compleet", "vraagstelling": "Is alles er?", "verplicht": True}
                ],
            },
            {"volgnummer": 2, "omschrijving": "Klaar", "omschrijvingGeneriek": "leveren", "doorlooptijd": "P5D"},
        ],
        "roltypen": [{"omschrijving": "Toezichthouder", "omschrijvingGeneriek": "behandelaar"}],
        "resultaattypen": [
            {
                "omschrijving": "Uitgevoerd",
                "resultaattypeomschrijving": "Toegekend",
                "selectielijstklasse": "12.2.1",
                "brondatumArchiefprocedure": {"afleidingswijze": "vervaldatum_besluit"},
                "informatieobjecttypen": ["Verslag"],
                "besluittypen": ["Besluit"],
            },
            {
                "omschrijving": "Leerplicht",
                "resultaattypeomschrijving": "Afgewezen",
                "selectielijstklasse": "12.1.3",
                "brondatumArchiefprocedure": {"afleidingswijze": "termijn", "procestermijn": "P19Y"},
            },
        ],
        "eigenschappen": [
            {
                "naam": "datumControle",
                "definitie": "Wanneer.",
                "statustype": 2,
                "specificatie": {"formaat": "datum", "lengte": "8", "kardinaliteit": "1"},
            },
        ],
        "zaakobjecttypen": [
            {"anderObjecttype": True, "objecttype": OBJECTTYPE, "relatieOmschrijving": "Gecontroleerde boom"},
        ],
        "informatieobjecttypen": [
            {"informatieobjecttype": "Verslag", "volgnummer": 1, "richting": "intern", "statustype": 2},
        ],
    }
    if eind:
        zaaktype["eindeGeldigheid"] = eind
    return zaaktype


# --- round trips ---------------------------------------------------------------------------------------------


async def test_demo_catalogus_round_trip_into_an_empty_database(app: FastAPI, ctx: Ctx, settings: Settings) -> None:
    report = await _import(app, ctx, demo_catalogus())
    assert report.ok and report.catalogus_created and report.catalogus is not None
    assert report.created["zaaktypen"] == 9
    assert report.published == {"informatieobjecttypen": 14, "besluittypen": 7, "zaaktypen": 9}
    first = await _export(app, ctx, report.catalogus)
    text = dump_yaml(first)
    assert "beginGeldigheid: 2024-01-01" in text  # dates unquoted

    await empty_database(settings.database_url)
    assert await _count(app, m.ZaakType) == 0
    again = await _import(app, ctx, load_yaml(text))
    assert again.created == report.created
    assert again.published == report.published
    second = await _export(app, ctx, again.catalogus)  # type: ignore[arg-type]
    assert second == first


async def test_round_trip_keeps_versions_concepts_and_external_references(app: FastAPI, ctx: Ctx) -> None:
    data = small_catalogus()
    report = await _import(app, ctx, data)
    assert report.published == {"informatieobjecttypen": 2, "besluittypen": 1, "zaaktypen": 2}
    exported = await _export(app, ctx, report.catalogus)  # type: ignore[arg-type]

    hoofd = [z for z in exported["zaaktypen"] if z["identificatie"] == "TST-HOOFD"]
    assert [(z["beginGeldigheid"], z.get("eindeGeldigheid")) for z in hoofd] == [
        ("2023-01-01", "2023-12-31"),
        ("2024-01-01", None),
    ]
    assert hoofd[1]["deelzaaktypen"] == ["TST-DEEL"]
    assert hoofd[1]["productenOfDiensten"] == [PRODUCT]
    assert "concept" not in hoofd[1]
    deel = next(z for z in exported["zaaktypen"] if z["identificatie"] == "TST-DEEL")
    assert deel["concept"] is True
    assert next(i for i in exported["informatieobjecttypen"] if i["omschrijving"] == "Concepttekst")["concept"]
    assert hoofd[1]["zaakobjecttypen"] == data["zaaktypen"][1]["zaakobjecttypen"]
    assert hoofd[1]["eigenschappen"][0]["statustype"] == 2
    assert hoofd[1]["informatieobjecttypen"][0] == {
        "informatieobjecttype": "Verslag",
        "volgnummer": 1,
        "richting": "intern",
        "statustype": 2,
    }
    assert hoofd[1]["selectielijstProcestype"] == {"jaar": 2017, "nummer": 12}
    klassen = {r["omschrijving"]: r for r in hoofd[1]["resultaattypen"]}
    assert klassen["Uitgevoerd"]["selectielijstklasse"] == "12.2.1"
    assert klassen["Uitgevoerd"]["resultaattypeomschrijving"] == "Toegekend"
    # ztc-002: archiefnominatie and archiefactietermijn derived from the selectielijstklasse.
    assert klassen["Uitgevoerd"]["archiefnominatie"] == "vernietigen"
    assert klassen["Uitgevoerd"]["archiefactietermijn"] == "P5Y"
    assert klassen["Leerplicht"]["brondatumArchiefprocedure"] == {"afleidingswijze": "termijn", "procestermijn": "P19Y"}

    async with UnitOfWork(app.state.sessionmaker) as uow:
        states = dict(
            (
                await uow.session.execute(
                    select(m.ZaakType.identificatie, m.ZaakType.concept).where(m.ZaakType.identificatie == "TST-DEEL")
                )
            ).all()
        )
    assert states == {"TST-DEEL": True}


async def test_import_without_publishing_leaves_everything_concept(app: FastAPI, ctx: Ctx) -> None:
    report = await _import(app, ctx, small_catalogus(), publish=False)
    assert report.published == {}
    async with UnitOfWork(app.state.sessionmaker) as uow:
        published = await uow.session.scalar(
            select(func.count()).select_from(m.ZaakType).where(m.ZaakType.concept.is_(False))
        )
    assert published == 0


async def test_import_adds_to_an_existing_catalogus_and_refuses_existing_versions(app: FastAPI, ctx: Ctx) -> None:
    first = await _import(app, ctx, small_catalogus())
    data = small_catalogus()
    data["catalogus"]["contactpersoonBeheerNaam"] = "Iemand anders"
    problems = await _problems(app, ctx, data)
    assert (
        "informatieobjecttypen[0].omschrijving: 'Verslag' met beginGeldigheid 2023-01-01 bestaat al in de catalogus."
        in problems
    )
    assert any(p.startswith("zaaktypen[1].identificatie:") for p in problems)

    newer = {
        "formaat": FORMAT,
        "catalogus": data["catalogus"],
        "zaaktypen": [{**_zaaktype("TST-NIEUW", "2024-06-01"), "deelzaaktypen": ["TST-DEEL"]}],
    }
    added = await _import(app, ctx, newer)
    assert added.catalogus == first.catalogus and not added.catalogus_created
    assert added.created["zaaktypen"] == 1


# --- problems ------------------------------------------------------------------------------------------------


async def test_a_broken_file_reports_every_place_and_writes_nothing(app: FastAPI, ctx: Ctx) -> None:
    data = copy.deepcopy(demo_catalogus())
    del data["zaaktypen"][2]["statustypen"][0]["volgnummer"]
    data["zaaktypen"][2]["doorlooptijd"] = "zes weken"
    data["zaaktypen"][4]["resultaattypen"][1]["selectielijstklasse"] = "8.9"
    data["zaaktypen"][0]["eigenschappen"][1]["statustype"] = 9
    data["zaaktypen"][1]["roltypen"][0]["omschrijvingGeneriek"] = "aanvrager"
    data["zaaktypen"][3]["kleur"] = "groen"
    data["zaaktypen"][5]["gerelateerdeZaaktypen"] = [{"zaaktype": "VBG-ONBEKEND", "aardRelatie": "vervolg"}]
    data["zaaktypen"][6]["selectielijstProcestype"] = {"jaar": 2017, "nummer": 99}
    data["besluittypen"][0]["informatieobjecttypen"] = ["Beschiking"]
    data["informatieobjecttypen"][1]["vertrouwelijkheidaanduiding"] = "topgeheim"
    data["zaaktypen"][7]["informatieobjecttypen"][0]["informatieobjecttype"] = "Aanvraagformulier"

    problems = await _problems(app, ctx, data)
    places = {p.split(":")[0] for p in problems}
    assert {
        "zaaktypen[2].statustypen[0].volgnummer",
        "zaaktypen[2].doorlooptijd",
        "zaaktypen[4].resultaattypen[1].selectielijstklasse",
        "zaaktypen[0].eigenschappen[1].statustype",
        "zaaktypen[1].roltypen[0].omschrijvingGeneriek",
        "zaaktypen[3].kleur",
        "zaaktypen[5].gerelateerdeZaaktypen[0].zaaktype",
        "zaaktypen[6].selectielijstProcestype",
        "besluittypen[0].informatieobjecttypen[0]",
        "informatieobjecttypen[1].vertrouwelijkheidaanduiding",
        "zaaktypen[7].informatieobjecttypen[0].informatieobjecttype",
    } <= places, problems
    assert (
        "zaaktypen[4].resultaattypen[1].selectielijstklasse: '8.9' is geen resultaat van procestype 8 (2017)."
        in problems
    )
    assert "zaaktypen[2].statustypen[0].volgnummer: Dit veld is vereist." in problems
    assert await _count(app, m.Catalogus) == 0
    assert await _count(app, m.ZaakType) == 0
    assert await _count(app, Job) == 0


async def test_rules_found_while_writing_are_reported_with_their_place_and_nothing_is_written(
    app: FastAPI, ctx: Ctx
) -> None:
    data = copy.deepcopy(demo_catalogus())
    # ztc-015: a datum eigenschap has lengte 8 (checked by the service, not by the file's shape).
    data["zaaktypen"][1]["eigenschappen"][0]["specificatie"]["lengte"] = "10"
    # ztc-003: selectielijstklasse 13.1 has procestermijn nihil, so the afleidingswijze must be afgehandeld.
    data["zaaktypen"][0]["resultaattypen"][0]["brondatumArchiefprocedure"] = {
        "afleidingswijze": "termijn",
        "procestermijn": "P1Y",
    }
    # verlengingstermijn is required when verlenging is possible.
    del data["zaaktypen"][3]["verlengingstermijn"]
    problems = await _problems(app, ctx, data)
    assert "zaaktypen[1].eigenschappen[0].specificatie.lengte: Bij formaat 'datum' moet de lengte 8 zijn." in problems
    assert any(
        p.startswith("zaaktypen[0].resultaattypen[0].brondatumArchiefprocedure.afleidingswijze:") for p in problems
    )
    assert any(p.startswith("zaaktypen[3].verlengingstermijn:") for p in problems)
    assert await _count(app, m.Catalogus) == 0
    assert await _count(app, m.StatusType) == 0
    assert await _count(app, Job) == 0


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([], "Verwacht een object (sleutels met waarden)."),
        ({"catalogus": {}}, "formaat: Verwacht 'formaat: zaakwerk-catalogus/1'."),
        (
            {"formaat": FORMAT, "catalogus": {"domein": "X", "rsin": "123456789", "contactpersoonBeheerNaam": "a"}},
            "catalogus.rsin: Onjuist RSIN: het moet 9 cijfers zijn en de 11-proef doorstaan.",
        ),
        ({"formaat": FORMAT, "catalogi": []}, "catalogi: Onbekend onderdeel 'catalogi'."),
        (
            {
                "formaat": FORMAT,
                "catalogus": {"domein": "X", "rsin": "801234566", "contactpersoonBeheerNaam": "a"},
                "zaaktypen": {"a": 1},
            },
            "zaaktypen: Verwacht een lijst.",
        ),
    ],
)
async def test_file_shape_problems(app: FastAPI, ctx: Ctx, data: Any, expected: str) -> None:
    problems = await _problems(app, ctx, data)
    assert expected in problems, problems


async def test_duplicates_within_the_file(app: FastAPI, ctx: Ctx) -> None:
    data = small_catalogus()
    data["zaaktypen"][1]["statustypen"][1]["volgnummer"] = 1
    data["zaaktypen"][1]["roltypen"].append(dict(data["zaaktypen"][1]["roltypen"][0]))
    data["informatieobjecttypen"].append(dict(data["informatieobjecttypen"][1]))
    problems = await _problems(app, ctx, data)
    assert "zaaktypen[1].statustypen[1].volgnummer: Volgnummer 1 komt meer dan eens voor in dit zaaktype." in problems
    assert any(p.startswith("zaaktypen[1].roltypen[1].omschrijving:") for p in problems)
    assert any(p.startswith("informatieobjecttypen[3].omschrijving:") for p in problems)


async def test_symbolic_selectielijst_references_need_our_own_api(app: FastAPI, settings: Settings) -> None:
    external = Ctx.for_base_url(
        settings.model_copy(update={"referentielijsten_url": "https://selectielijst.example.org/api/v1"})
    )
    problems = await _problems(app, external, small_catalogus())
    assert any(p.startswith("zaaktypen[0].selectielijstProcestype: Een symbolische verwijzing") for p in problems)


async def test_urls_to_our_own_selectielijst_are_accepted_and_exported_symbolically(app: FastAPI, ctx: Ctx) -> None:
    data = small_catalogus()
    base = "http://testserver/referentielijsten/api/v1"
    zaaktype = data["zaaktypen"][1]
    zaaktype["selectielijstProcestype"] = f"{base}/procestypen/75ae016a-4b09-440f-b95e-0de747b88c05"
    zaaktype["resultaattypen"][0]["resultaattypeomschrijving"] = (
        f"{base}/resultaattypeomschrijvingen/fb65d251-1518-4185-865f-b8bdcfad07b1"
    )
    report = await _import(app, ctx, data)
    exported = await _export(app, ctx, report.catalogus)  # type: ignore[arg-type]
    hoofd = [z for z in exported["zaaktypen"] if z["identificatie"] == "TST-HOOFD"][1]
    assert hoofd["selectielijstProcestype"] == {"jaar": 2017, "nummer": 12}
    assert {r["resultaattypeomschrijving"] for r in hoofd["resultaattypen"]} == {"Toegekend", "Afgewezen"}
    bad = small_catalogus()
    bad["zaaktypen"][0]["resultaattypen"][0]["selectielijstklasse"] = (
        f"{base}/resultaten/6711baff-798b-4c7f-9133-8ad02c8b7c6f"  # 1.1: another procestype
    )
    bad["catalogus"]["domein"] = "TST2"
    problems = await _problems(app, ctx, bad)
    assert any(
        p.startswith("zaaktypen[0].resultaattypen[0].selectielijstklasse: Het resultaat hoort niet") for p in problems
    )


async def test_export_of_an_unknown_catalogus_is_not_found(uow: UnitOfWork, ctx: Ctx) -> None:
    from zaakwerk.core.errors import ZGWError

    with pytest.raises(ZGWError) as err:
        await export_catalogus(uow, ctx, uuid.uuid4())
    assert err.value.status == 404


def test_dump_yaml_shows_dates_unquoted() -> None:
    text = dump_yaml({"formaat": FORMAT, "zaaktypen": [{"beginGeldigheid": "2024-01-01", "doel": "2024-01-01"}]})
    assert "beginGeldigheid: 2024-01-01" in text
    assert "doel: '2024-01-01'" in text
    assert load_yaml(text)["zaaktypen"][0]["beginGeldigheid"] == dt.date(2024, 1, 1)
