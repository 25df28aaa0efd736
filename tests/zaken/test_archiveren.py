"""zrc-021: closing a zaak derives archiefnominatie and archiefactiedatum (= brondatum + archiefactietermijn) from
its resultaat's resultaattype, the brondatum per ``brondatumArchiefprocedure.afleidingswijze``.

Each test sets the procedure on a resultaattype of the demo catalogue, closes a zaak on 20 November 2026 and reads
the zaak back."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from tests.zaken.conftest import Api, Catalogus, ZaakType, insert_zaak, zaak_url
from tests.zaken.test_statussen import close, get_zaak
from zaakwerk.catalogi.models import ResultaatType
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.zaken import _archief, koppelvlak
from zaakwerk.zaken import models as zrc

EIND = "2026-11-20T10:00:00Z"


def _id(url: str) -> uuid.UUID:
    return uuid.UUID(url.rsplit("/", 1)[1])


async def procedure(
    app: FastAPI, zaaktype: ZaakType, termijn: str | None = "P5Y", nominatie: str = "vernietigen", **values: Any
) -> None:
    """Give the zaaktype's first resultaattype (the one :func:`close` uses) this brondatumArchiefprocedure."""
    async with UnitOfWork(app.state.sessionmaker) as uow:
        rt = await uow.session.get(ResultaatType, _id(zaaktype.resultaattypen[0]))
        assert rt is not None
        rt.brondatum_archiefprocedure = {
            "datumkenmerk": "",
            "einddatumBekend": False,
            "objecttype": "",
            "registratie": "",
            "procestermijn": None,
            **values,
        }
        rt.archiefactietermijn = termijn
        rt.archiefnominatie = nominatie


async def add(app: FastAPI, *rows: Any) -> None:
    async with UnitOfWork(app.state.sessionmaker) as uow:
        uow.session.add_all(rows)


async def closed(api: Api, zaak: zrc.Zaak, zaaktype: ZaakType) -> dict[str, Any]:
    await close(api, zaak, zaaktype, EIND)
    return await get_zaak(api, zaak)


async def zaak_toelichting(app: FastAPI, zaak: zrc.Zaak) -> str:
    async with app.state.db.reader.connect() as conn:
        rows = await conn.execute(
            select(AuditTrail.toelichting).where(AuditTrail.hoofd_object_uuid == zaak.id, AuditTrail.resource == "zaak")
        )
        return " ".join(r.toelichting for r in rows)


@pytest.fixture
def klacht(catalogus: Catalogus) -> ZaakType:
    return catalogus["VBG-KLACHT"]


async def test_zrc_021_afgehandeld(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="afgehandeld")
    data = await closed(api, await insert_zaak(app, klacht), klacht)
    assert data["archiefnominatie"] == "vernietigen"
    assert data["archiefactiedatum"] == "2031-11-20"
    assert data["startdatumBewaartermijn"] == "2026-11-20"


async def test_zrc_021_termijn(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="termijn", procestermijn="P2Y6M")
    data = await closed(api, await insert_zaak(app, klacht), klacht)
    assert data["startdatumBewaartermijn"] == "2029-05-20"
    assert data["archiefactiedatum"] == "2034-05-20"


async def test_zrc_021_ander_datumkenmerk_keeps_the_date_set_by_hand(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="ander_datumkenmerk", datumkenmerk="vervaldatum", objecttype="overige")
    zonder = await closed(api, await insert_zaak(app, klacht), klacht)
    assert zonder["archiefnominatie"] == "vernietigen"
    assert zonder["archiefactiedatum"] is None
    handmatig = await insert_zaak(app, klacht, archiefactiedatum=dt.date(2040, 1, 1))
    assert (await closed(api, handmatig, klacht))["archiefactiedatum"] == "2040-01-01"
    assert "handmatig" in await zaak_toelichting(app, handmatig)


async def test_zrc_021_eigenschap(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="eigenschap", datumkenmerk="klachtOver")
    zaak = await insert_zaak(app, klacht)
    eigenschap = _id(klacht.eigenschappen["klachtOver"])
    await add(
        app,
        zrc.ZaakEigenschap(
            rsin=zaak.bronorganisatie, zaak_id=zaak.id, eigenschap_id=eigenschap, naam="klachtOver", waarde="20250301"
        ),
    )
    assert (await closed(api, zaak, klacht))["archiefactiedatum"] == "2030-03-01"
    zonder = await insert_zaak(app, klacht)
    assert (await closed(api, zonder, klacht))["archiefactiedatum"] is None
    assert "klachtOver" in await zaak_toelichting(app, zonder)


async def test_zrc_021_hoofdzaak(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="hoofdzaak")
    hoofd = await insert_zaak(app, klacht, einddatum=dt.date(2026, 6, 1))
    assert (await closed(api, await insert_zaak(app, klacht, hoofdzaak_id=hoofd.id), klacht))[
        "archiefactiedatum"
    ] == "2031-06-01"
    open_hoofd = await insert_zaak(app, klacht)
    deel = await insert_zaak(app, klacht, hoofdzaak_id=open_hoofd.id)
    assert (await closed(api, deel, klacht))["archiefactiedatum"] is None


async def test_zrc_021_gerelateerde_zaak(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="gerelateerde_zaak")
    a = await insert_zaak(app, klacht, einddatum=dt.date(2026, 5, 1))
    b = await insert_zaak(app, klacht, einddatum=dt.date(2026, 7, 1))
    open_ = await insert_zaak(app, klacht)

    def relaties(*zaken: zrc.Zaak) -> list[dict[str, str]]:
        return [{"url": zaak_url(z), "aardRelatie": "bijdrage"} for z in zaken]

    zaak = await insert_zaak(app, klacht, relevante_andere_zaken=relaties(a, b))
    assert (await closed(api, zaak, klacht))["archiefactiedatum"] == "2031-07-01"
    # The latest einddatum is unknown while one of them is open.
    zaak = await insert_zaak(app, klacht, relevante_andere_zaken=relaties(a, open_))
    assert (await closed(api, zaak, klacht))["archiefactiedatum"] is None


async def test_zrc_021_zaakobject(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="zaakobject", objecttype="adres", datumkenmerk="geldigTot")
    zaak = await insert_zaak(app, klacht)

    def obj(object_type: str, datum: str) -> zrc.ZaakObject:
        return zrc.ZaakObject(
            rsin=zaak.bronorganisatie,
            zaak_id=zaak.id,
            object_type=object_type,
            object_identificatie={"geldigTot": datum},
        )

    await add(app, obj("adres", "2026-09-01"), obj("adres", "2026-10-01"), obj("pand", "2027-12-31"))
    assert (await closed(api, zaak, klacht))["archiefactiedatum"] == "2031-10-01"


class StandInBesluiten:
    """A stand-in for the Besluiten component's in-process answer: the werkingsperioden of every zaak."""

    def __init__(self) -> None:
        self.perioden: list[koppelvlak.Werkingsperiode] = []

    async def besluit(self, session: Any, url: str) -> koppelvlak.Besluit | None:
        return None

    async def werkingsperioden(self, session: Any, zaak_id: uuid.UUID) -> list[koppelvlak.Werkingsperiode]:
        return self.perioden


@pytest.fixture
def besluiten(app: FastAPI) -> Iterator[StandInBesluiten]:
    stand_in = StandInBesluiten()
    previous = koppelvlak.registreer_besluiten(stand_in)
    yield stand_in
    koppelvlak.registreer_besluiten(previous)


@pytest.fixture
def zonder_brc(app: FastAPI) -> Iterator[None]:
    """As an installation without the Besluiten component."""
    previous = koppelvlak.registreer_besluiten(None)
    yield
    koppelvlak.registreer_besluiten(previous)


@pytest.mark.parametrize("wijze", ["ingangsdatum_besluit", "vervaldatum_besluit"])
async def test_zrc_021_besluit_without_the_besluiten_component_leaves_the_date_empty(
    api: Api, app: FastAPI, klacht: ZaakType, zonder_brc: None, wijze: str
) -> None:
    await procedure(app, klacht, afleidingswijze=wijze)
    zaak = await insert_zaak(app, klacht)
    data = await closed(api, zaak, klacht)
    assert data["archiefnominatie"] == "vernietigen"
    assert data["archiefactiedatum"] is None
    assert "Besluiten" in await zaak_toelichting(app, zaak)


@pytest.mark.parametrize("wijze", ["ingangsdatum_besluit", "vervaldatum_besluit"])
async def test_zrc_021_besluit_through_the_besluiten_interface(
    api: Api, app: FastAPI, klacht: ZaakType, besluiten: StandInBesluiten, wijze: str
) -> None:
    await procedure(app, klacht, afleidingswijze=wijze)
    besluiten.perioden = [
        koppelvlak.Werkingsperiode(dt.date(2027, 1, 15), dt.date(2027, 6, 30)),
        koppelvlak.Werkingsperiode(dt.date(2026, 12, 1), None),
    ]
    expected = {"ingangsdatum_besluit": "2032-01-15", "vervaldatum_besluit": "2032-06-30"}[wijze]
    assert (await closed(api, await insert_zaak(app, klacht), klacht))["archiefactiedatum"] == expected


async def test_zrc_021_vervaldatum_besluit_without_any_vervaldatum_leaves_the_date_empty(
    api: Api, app: FastAPI, klacht: ZaakType, besluiten: StandInBesluiten
) -> None:
    await procedure(app, klacht, afleidingswijze="vervaldatum_besluit")
    besluiten.perioden = [koppelvlak.Werkingsperiode(dt.date(2027, 1, 15), None)]
    zaak = await insert_zaak(app, klacht)
    assert (await closed(api, zaak, klacht))["archiefactiedatum"] is None
    assert "geen besluit" in await zaak_toelichting(app, zaak)


async def test_zrc_021_archiefnominatie_of_the_zaak_is_kept(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, afleidingswijze="afgehandeld")
    zaak = await insert_zaak(app, klacht, archiefnominatie="blijvend_bewaren")
    assert (await closed(api, zaak, klacht))["archiefnominatie"] == "blijvend_bewaren"


async def test_zrc_021_without_archiefactietermijn_no_date(api: Api, app: FastAPI, klacht: ZaakType) -> None:
    await procedure(app, klacht, termijn=None, nominatie="blijvend_bewaren", afleidingswijze="afgehandeld")
    zaak = await insert_zaak(app, klacht)
    data = await closed(api, zaak, klacht)
    assert data["archiefnominatie"] == "blijvend_bewaren"
    assert data["archiefactiedatum"] is None
    assert "archiefactietermijn" in await zaak_toelichting(app, zaak)


def test_parse_datum_reads_the_formats_zaak_data_holds() -> None:
    assert _archief.parse_datum("2026-03-01") == dt.date(2026, 3, 1)
    assert _archief.parse_datum("20260301") == dt.date(2026, 3, 1)
    assert _archief.parse_datum("2026-03-01T22:00:00Z") == dt.date(2026, 3, 1)
    assert _archief.parse_datum("morgen") is None
    assert _archief.parse_datum(None) is None
