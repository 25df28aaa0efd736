"""The demo municipality: its data files, the idempotent loader, and what it puts in the database."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from tests.helpers import auth_header
from zaakwerk.autorisaties.models import Applicatie, ApplicatieClientId, Autorisatie, ClientCredential
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer.transport import export_catalogus
from zaakwerk.config import Mode, Settings
from zaakwerk.core.ids import elfproef
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.demo.loader import demo_catalogus, demo_organisaties, load_demo
from zaakwerk.referentielijsten.service import resolve

GENERIC_STEPS = ["intake", "behandelen", "besluiten", "leveren"]
NAMED_IN_THE_SEED = {
    "VBG-KLACHT",
    "VBG-BEZWAAR",
    "VBG-MOR",
    "VBG-KAP",
    "VBG-SUBSIDIE",
    "VBG-KWIJTSCHELDING",
    "VBG-LEEGSTAND",
    "VBG-OMGEVINGSVERGUNNING",
    "VBG-JEUGDHULP",
}
TABLES: tuple[Any, ...] = (
    m.Catalogus,
    m.ZaakType,
    m.StatusType,
    m.RolType,
    m.ResultaatType,
    m.Eigenschap,
    m.InformatieObjectType,
    m.BesluitType,
    m.ZaakTypeInformatieObjectType,
    m.ZaakTypeBesluitType,
    m.ZaakTypeRelatie,
    Applicatie,
    ApplicatieClientId,
    Autorisatie,
    ClientCredential,
    Job,
)


async def _counts(app: FastAPI) -> dict[str, int]:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        return {
            t.__tablename__: int(await uow.session.scalar(select(func.count()).select_from(t)) or 0) for t in TABLES
        }


# --- the data files ------------------------------------------------------------------------------------------


def test_rsins_pass_the_elfproef() -> None:
    assert elfproef(str(demo_catalogus()["catalogus"]["rsin"]))
    organisaties = demo_organisaties()
    assert {o["soort"] for o in organisaties} == {"gemeente", "ketenpartner"}
    for organisatie in organisaties:
        assert elfproef(str(organisatie["rsin"])), organisatie["naam"]
    gemeente = next(o for o in organisaties if o["soort"] == "gemeente")
    assert gemeente["rsin"] == demo_catalogus()["catalogus"]["rsin"]
    assert gemeente["naam"] == "Gemeente Voorbeeld"


def test_the_rud_has_its_roltype_in_the_omgevingsvergunning() -> None:
    rud = next(o for o in demo_organisaties() if o["soort"] == "ketenpartner")
    assert rud["rsin"] != demo_catalogus()["catalogus"]["rsin"]
    zaaktypen = {z["identificatie"]: z for z in demo_catalogus()["zaaktypen"]}
    for rol in rud["rollen"]:
        roltypen = {r["omschrijving"]: r for r in zaaktypen[rol["zaaktype"]]["roltypen"]}
        assert roltypen[rol["roltype"]]["omschrijvingGeneriek"] == "adviseur"


def test_the_case_types_of_the_founding_document_on_the_generic_process() -> None:
    zaaktypen = demo_catalogus()["zaaktypen"]
    assert {z["identificatie"] for z in zaaktypen} == NAMED_IN_THE_SEED
    for zaaktype in zaaktypen:
        steps = [s["omschrijvingGeneriek"] for s in sorted(zaaktype["statustypen"], key=lambda s: s["volgnummer"])]
        # Every generic step, in order (a step may take several statustypen: "generiek, tenzij").
        assert list(dict.fromkeys(steps)) == GENERIC_STEPS, zaaktype["identificatie"]
        # Extension only where the law allows it, and then with its term.
        assert bool(zaaktype.get("verlengingstermijn")) == zaaktype["verlengingMogelijk"], zaaktype["identificatie"]
        generiek = {r["omschrijvingGeneriek"] for r in zaaktype["roltypen"]}
        assert {"initiator", "behandelaar"} <= generiek or zaaktype["identificatie"] == "VBG-JEUGDHULP"
        assert zaaktype["resultaattypen"], zaaktype["identificatie"]
    kwijtschelding = next(z for z in zaaktypen if z["identificatie"] == "VBG-KWIJTSCHELDING")
    assert {"aanslagnummer", "inkomen"} <= {e["naam"] for e in kwijtschelding["eigenschappen"]}
    omgevingsvergunning = next(z for z in zaaktypen if z["identificatie"] == "VBG-OMGEVINGSVERGUNNING")
    assert "Regionale uitvoeringsdienst" in {r["omschrijving"] for r in omgevingsvergunning["roltypen"]}


# --- loading -------------------------------------------------------------------------------------------------


async def test_demo_loads_published_with_the_four_generic_steps(app: FastAPI, settings: Settings) -> None:
    report = await load_demo(settings, database=app.state.db)
    assert "9 gepubliceerde zaaktypen" in str(report)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        zaaktypen = (await uow.session.execute(select(m.ZaakType))).scalars().all()
        assert {z.identificatie for z in zaaktypen} == NAMED_IN_THE_SEED
        assert all(not z.concept for z in zaaktypen)
        assert all(not i.concept for i in (await uow.session.execute(select(m.InformatieObjectType))).scalars())
        assert all(not b.concept for b in (await uow.session.execute(select(m.BesluitType))).scalars())
        for zaaktype in zaaktypen:
            statustypen = (
                (
                    await uow.session.execute(
                        select(m.StatusType.omschrijving_generiek)
                        .where(m.StatusType.zaaktype_id == zaaktype.id)
                        .order_by(m.StatusType.volgnummer)
                    )
                )
                .scalars()
                .all()
            )
            assert list(dict.fromkeys(statustypen)) == GENERIC_STEPS, zaaktype.identificatie
        catalogus = (await uow.session.execute(select(m.Catalogus))).scalar_one()
        assert elfproef(catalogus.rsin)
        assert (catalogus.domein, catalogus.naam) == ("VBG", "Zaaktypecatalogus Gemeente Voorbeeld")


async def test_every_selectielijstklasse_resolves_and_fits_its_zaaktype(app: FastAPI, settings: Settings) -> None:
    await load_demo(settings, database=app.state.db)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        rows = (
            await uow.session.execute(
                select(m.ResultaatType, m.ZaakType.selectielijst_procestype).join(
                    m.ZaakType, m.ZaakType.id == m.ResultaatType.zaaktype_id
                )
            )
        ).all()
    assert len(rows) >= 27
    for resultaattype, procestype_url in rows:
        klasse = await resolve(settings, "resultaten", resultaattype.selectielijstklasse)
        assert klasse is not None, resultaattype.omschrijving
        assert klasse["procesType"] == procestype_url
        procestype = await resolve(settings, "procestypen", procestype_url)
        assert procestype is not None and procestype["jaar"] == 2017
        # The archiving decision is the selectielijst's.
        assert resultaattype.archiefnominatie == klasse["waardering"]
        assert resultaattype.archiefactietermijn == klasse["bewaartermijn"]
        assert resultaattype.omschrijving_generiek in {"Toegekend", "Afgewezen", "Ingetrokken"}


async def test_loading_twice_changes_nothing(app: FastAPI, settings: Settings) -> None:
    first = await load_demo(settings, database=app.state.db)
    assert first.created
    before = await _counts(app)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        exported = await export_catalogus(
            uow, Ctx.for_base_url(settings), (await uow.session.execute(select(m.Catalogus.id))).scalar_one()
        )
    second = await load_demo(settings, database=app.state.db)
    assert second.created == []
    assert "niets gewijzigd" in str(second)
    assert await _counts(app) == before
    async with UnitOfWork(app.state.sessionmaker) as uow:
        again = await export_catalogus(
            uow, Ctx.for_base_url(settings), (await uow.session.execute(select(m.Catalogus.id))).scalar_one()
        )
    assert again == exported


async def test_demo_client_has_all_authorisations(app: FastAPI, client: httpx.AsyncClient, settings: Settings) -> None:
    await load_demo(settings, database=app.state.db)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        applicatie_uuid = await uow.session.scalar(
            select(ApplicatieClientId.applicatie_uuid).where(ApplicatieClientId.client_id == settings.demo_client_id)
        )
        applicatie = await uow.session.get(Applicatie, applicatie_uuid)
        assert applicatie is not None and applicatie.heeft_alle_autorisaties
    headers = auth_header(settings.demo_client_id, settings.demo_secret)
    r = await client.get("/autorisaties/api/v1/applicaties", headers=headers)
    assert r.status_code == 200, r.text
    assert settings.demo_client_id in {c for a in r.json()["results"] for c in a["clientIds"]}
    wrong = await client.get("/autorisaties/api/v1/applicaties", headers=auth_header(settings.demo_client_id, "x"))
    assert wrong.status_code in (401, 403)


async def test_a_changed_demo_secret_is_applied(app: FastAPI, settings: Settings) -> None:
    await load_demo(settings, database=app.state.db)
    changed = settings.model_copy(update={"demo_secret": "een-ander-geheim"})
    report = await load_demo(changed, database=app.state.db)
    assert report.created == ["geheim van de demo-client"]
    async with UnitOfWork(app.state.sessionmaker) as uow:
        credential = await uow.session.get(ClientCredential, settings.demo_client_id)
        assert credential is not None and credential.secret == "een-ander-geheim"


async def test_production_mode_refuses_the_demo(settings: Settings) -> None:
    production = settings.model_copy(update={"mode": Mode.production})
    with pytest.raises(RuntimeError, match="demomodus"):
        await load_demo(production)


async def test_the_demo_client_sees_the_published_zaaktypen_in_the_catalogi_api(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    from tests.contract.openapi import validate_response

    await load_demo(settings, database=app.state.db)
    headers = auth_header(settings.demo_client_id, settings.demo_secret)
    r = await client.get("/catalogi/api/v1/zaaktypen", params={"status": "definitief"}, headers=headers)
    assert r.status_code == 200, r.text
    validate_response("catalogi-api-1.3.3.yaml", r)
    body = r.json()
    assert body["count"] == 9
    kap = next(z for z in body["results"] if z["identificatie"] == "VBG-KAP")
    assert kap["concept"] is False
    assert kap["selectielijstProcestype"].startswith("http://testserver/referentielijsten/api/v1/procestypen/")
    assert len(kap["statustypen"]) == 4 and len(kap["resultaattypen"]) == 4
    resultaattype = (await client.get(kap["resultaattypen"][0], headers=headers)).json()
    klasse = await client.get(resultaattype["selectielijstklasse"])
    assert klasse.status_code == 200
    assert klasse.json()["procesType"] == kap["selectielijstProcestype"]
