"""The service layer used directly (catalogue import, demo loader): create, publish, read a whole catalogus."""

from __future__ import annotations

import uuid

import pytest
from fastapi import FastAPI

from zaakwerk.catalogi import service
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogi.schemas import (
    BesluitTypeIn,
    CatalogusIn,
    InformatieObjectTypeIn,
    ReferentieProcesIn,
    RolTypeIn,
    StatusTypeIn,
    ZaakTypeIn,
    ZaakTypeInformatieObjectTypeIn,
)
from zaakwerk.config import Settings
from zaakwerk.core.errors import ZGWError
from zaakwerk.core.uow import UnitOfWork


async def test_build_publish_and_read_a_catalogus(app: FastAPI, settings: Settings) -> None:
    ctx = Ctx.for_base_url(settings)
    async with UnitOfWork(app.state.sessionmaker) as uow:
        cat = await service.create_catalogus(
            uow, ctx, CatalogusIn(domein="DEMO", rsin="002220647", contactpersoon_beheer_naam="Beheer")
        )
        cat_url = ctx.url("catalogussen", cat.id)
        iot = await service.create_informatieobjecttype(
            uow,
            ctx,
            InformatieObjectTypeIn(
                catalogus=cat_url,
                omschrijving="Aanvraag",
                vertrouwelijkheidaanduiding="openbaar",
                begin_geldigheid="2024-01-01",
                informatieobjectcategorie="Aanvraag",
            ),
        )
        bt = await service.create_besluittype(
            uow,
            ctx,
            BesluitTypeIn(
                catalogus=cat_url,
                omschrijving="Vergunning",
                publicatie_indicatie=False,
                informatieobjecttypen=["Aanvraag"],
                begin_geldigheid="2024-01-01",
            ),
        )
        zt = await service.create_zaaktype(
            uow,
            ctx,
            ZaakTypeIn(
                identificatie="KAP",
                omschrijving="Kapvergunning",
                vertrouwelijkheidaanduiding="openbaar",
                doel="Bomen",
                aanleiding="Aanvraag",
                indicatie_intern_of_extern="extern",
                handeling_initiator="Aanvragen",
                onderwerp="Boom",
                handeling_behandelaar="Behandelen",
                doorlooptijd="P8W",
                opschorting_en_aanhouding_mogelijk=True,
                verlenging_mogelijk=False,
                publicatie_indicatie=False,
                producten_of_diensten=[],
                referentieproces=ReferentieProcesIn(naam="Kappen"),
                verantwoordelijke="Team groen",
                catalogus=cat_url,
                besluittypen=["Vergunning"],
                gerelateerde_zaaktypen=[],
                begin_geldigheid="2024-01-01",
            ),
        )
        zt_url = ctx.url("zaaktypen", zt.id)
        for volgnummer, omschrijving in enumerate(("Intake", "Behandelen", "Besluiten", "Leveren"), start=1):
            await service.create_statustype(
                uow, ctx, StatusTypeIn(zaaktype=zt_url, volgnummer=volgnummer, omschrijving=omschrijving)
            )
        await service.create_roltype(
            uow, ctx, RolTypeIn(zaaktype=zt_url, omschrijving="Aanvrager", omschrijving_generiek="initiator")
        )
        await service.create_zaaktype_informatieobjecttype(
            uow,
            ctx,
            ZaakTypeInformatieObjectTypeIn(
                zaaktype=zt_url, informatieobjecttype="Aanvraag", volgnummer=1, richting="inkomend"
            ),
        )
        await service.publish_informatieobjecttype(uow, ctx, iot.id)
        await service.publish_besluittype(uow, ctx, bt.id)
        await service.publish_zaaktype(uow, ctx, zt.id)

    whole = await service.read_catalogus(app.state.db.reader, cat.id, ctx.base_url)
    assert whole is not None
    assert whole["catalogus"]["domein"] == "DEMO"
    [zaaktype] = whole["zaaktypen"]
    assert zaaktype["concept"] is False
    assert zaaktype["besluittypen"] == [ctx.url("besluittypen", bt.id)]
    assert [s["omschrijving"] for s in whole["statustypen"]] == ["Intake", "Behandelen", "Besluiten", "Leveren"]
    assert whole["statustypen"][-1]["isEindstatus"] is True
    assert whole["besluittypen"][0]["informatieobjecttypen"] == [ctx.url("informatieobjecttypen", iot.id)]
    assert len(whole["zaaktype-informatieobjecttypen"]) == 1
    assert await service.read_catalogus(app.state.db.reader, zt.id, ctx.base_url) is None


async def test_service_refuses_before_writing(app: FastAPI, settings: Settings) -> None:
    ctx = Ctx.for_base_url(settings)
    with pytest.raises(ZGWError) as info:
        async with UnitOfWork(app.state.sessionmaker) as uow:
            await service.create_statustype(
                uow,
                ctx,
                StatusTypeIn(
                    zaaktype=ctx.url("zaaktypen", "00000000-0000-4000-8000-000000000000"),
                    volgnummer=1,
                    omschrijving="X",
                ),
            )
    assert info.value.status == 400
    assert info.value.invalid_params[0].name == "zaaktype"


async def test_ztc_011a_new_version_copies_the_zaaktype_with_its_types(app: FastAPI, settings: Settings) -> None:
    import datetime as dt

    from httpx import ASGITransport, AsyncClient

    from tests.catalogi.conftest import Api, catalogus_body, eigenschap_body, register, statustype_body, zaaktype_body

    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as client:
        api = Api(client, await register(app, "versie", alle=True))
        cat = await api.create("catalogussen", catalogus_body())
        zt = await api.create("zaaktypen", zaaktype_body(cat["url"], trefwoorden=["x"]))
        st = await api.create("statustypen", statustype_body(zt["url"]))
        await api.create("eigenschappen", eigenschap_body(zt["url"], statustype=st["url"]))
        await api.publish(zt["url"])
        ctx = Ctx.for_base_url(settings)
        old_id = uuid.UUID(zt["url"].rsplit("/", 1)[1])
        async with UnitOfWork(app.state.sessionmaker) as uow:
            with pytest.raises(ZGWError):
                await service.new_zaaktype_version(uow, ctx, old_id, dt.date(2023, 1, 1))
        async with UnitOfWork(app.state.sessionmaker) as uow:
            new = await service.new_zaaktype_version(uow, ctx, old_id, dt.date(2025, 1, 1))
        copy = await api.json(ctx.url("zaaktypen", new.id))
        assert copy["concept"] is True and copy["beginGeldigheid"] == "2025-01-01"
        assert copy["identificatie"] == zt["identificatie"] and copy["trefwoorden"] == ["x"]
        assert copy["beginObject"] == "2024-01-01"
        [new_status] = copy["statustypen"]
        assert new_status != st["url"]
        [new_eigenschap] = copy["eigenschappen"]
        assert (await api.json(new_eigenschap))["statustype"] == new_status
        await api.patch(zt["url"], {"eindeGeldigheid": "2024-12-31"})
        assert (await api.publish(copy["url"]))["concept"] is False
