"""The seeded catalogues: one published catalogus per organisation, its zaaktypen built in the exchange format
(``docs/catalogus-yaml.md``) and written through the catalogue import, so every ztc rule holds for them as for a
real catalogue. Afterwards the ids of each zaaktype's types are read back for the bulk writer.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.bench._gegevens import make_nummer
from zaakwerk.catalogi import models as ztc
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer.transport import FORMAT, import_catalogus
from zaakwerk.core.uow import UnitOfWork

DOMEIN = "BENCH"
BEGIN = dt.date(2020, 1, 1)
NAMEN = ("Noorderveen", "Zuiderhaven", "Oosterwold", "Westerdijk", "Middelburen")
# Generic process steps; a zaaktype with n statustypen takes the first n-1 and ends with "Afgehandeld".
STAPPEN = ("Ontvangen", "Intake afgerond", "In behandeling", "Advies gevraagd", "Besluit genomen")
ONDERWERPEN = (
    "Parkeervergunning", "Bijzondere bijstand", "Evenementenvergunning", "Melding openbare ruimte", "Klacht",
    "Bezwaar", "Kapvergunning", "Subsidie", "Kwijtschelding", "Uittreksel", "Verhuizing", "Gehandicaptenparkeerkaart",
    "Terrasvergunning", "Standplaats", "Huwelijk", "Naturalisatie", "Leerlingenvervoer", "Schuldhulp", "Jeugdhulp",
    "Wmo-voorziening",
)  # fmt: skip
# (procestype nummer of the Selectielijst 2017, a resultaat of that procestype)
PROCESSEN = ((13, "13.1"), (6, "6.1"), (11, "11.1"), (8, "8.2"))
KANALEN = ("balie", "telefoon", "e-mail", "portaal", "post")


def organisatie_rsin(n: int) -> str:
    """The RSIN of seeded organisation ``n`` (1-based): the same in every run, whatever ``--seed``."""
    return make_nummer(random.Random(f"zaakwerk-bench-organisatie-{n}"))


@dataclass
class ZaakTypeInfo:
    """What the bulk writer needs of one published zaaktype."""

    id: uuid.UUID
    identificatie: str
    rsin: str
    doorlooptijd_dagen: int
    statustypen: list[uuid.UUID] = field(default_factory=list)  # by volgnummer; the last is the eindstatus
    roltypen: dict[str, tuple[uuid.UUID, str]] = field(default_factory=dict)  # generiek → (id, omschrijving)
    eigenschappen: list[tuple[uuid.UUID, str, dict[str, Any]]] = field(default_factory=list)  # (id, naam, spec)
    resultaattype: uuid.UUID | None = None


def catalogus_data(rng: random.Random, organisatie: int, nummers: list[int]) -> dict[str, Any]:
    """The exchange-format catalogue of organisation ``organisatie`` with zaaktypen ``BENCH-<nummer>``."""
    rsin = organisatie_rsin(organisatie)
    naam = NAMEN[(organisatie - 1) % len(NAMEN)]
    return {
        "formaat": FORMAT,
        "catalogus": {
            "domein": DOMEIN,
            "rsin": rsin,
            "naam": f"Benchmarkcatalogus Gemeente {naam}",
            "versie": "1",
            "begindatumVersie": BEGIN,
            "contactpersoonBeheerNaam": "Team Informatiebeheer",
        },
        "informatieobjecttypen": [],
        "besluittypen": [],
        "zaaktypen": [_zaaktype(rng, rsin, n) for n in nummers],
    }


def _zaaktype(rng: random.Random, rsin: str, nummer: int) -> dict[str, Any]:
    onderwerp = ONDERWERPEN[nummer % len(ONDERWERPEN)]
    weken = rng.choice((2, 4, 6, 8, 12, 26))
    procestype, klasse = PROCESSEN[nummer % len(PROCESSEN)]
    aantal_statustypen = rng.randint(3, 6)
    stappen = [*STAPPEN[: aantal_statustypen - 1], "Afgehandeld"]
    return {
        "identificatie": f"BENCH-{nummer:04d}",
        "omschrijving": f"{onderwerp} {nummer}",
        "omschrijvingGeneriek": onderwerp,
        "vertrouwelijkheidaanduiding": rng.choice(("openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk")),
        "doel": f"Een verzoek over {onderwerp.lower()} zorgvuldig en binnen de termijn afhandelen.",
        "aanleiding": "Een inwoner of bedrijf dient een verzoek in.",
        "toelichting": "Aangemaakt door zaakwerk bench seed.",
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": "Aanvragen",
        "onderwerp": onderwerp,
        "handelingBehandelaar": "Behandelen",
        "doorlooptijd": f"P{weken}W",
        "servicenorm": None,
        "opschortingEnAanhoudingMogelijk": True,
        "verlengingMogelijk": False,
        "trefwoorden": ["benchmark"],
        "publicatieIndicatie": False,
        "productenOfDiensten": [],
        "selectielijstProcestype": {"jaar": 2017, "nummer": procestype},
        "referentieproces": {"naam": onderwerp},
        "verantwoordelijke": rsin,
        "beginGeldigheid": BEGIN,
        "versiedatum": BEGIN,
        "besluittypen": [],
        "gerelateerdeZaaktypen": [],
        "statustypen": [
            {"volgnummer": i, "omschrijving": stap, "statustekst": f"Uw verzoek: {stap.lower()}."}
            for i, stap in enumerate(stappen, start=1)
        ],
        "roltypen": [
            {"omschrijving": "Aanvrager", "omschrijvingGeneriek": "initiator"},
            {"omschrijving": "Behandelaar", "omschrijvingGeneriek": "behandelaar"},
            {"omschrijving": "Belanghebbende", "omschrijvingGeneriek": "belanghebbende"},
        ],
        "resultaattypen": [
            {
                "omschrijving": "Afgehandeld",
                "resultaattypeomschrijving": "Toegekend",
                "selectielijstklasse": klasse,
                "archiefnominatie": "vernietigen",
                "archiefactietermijn": "P10Y",
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            }
        ],
        "eigenschappen": [
            {
                "naam": "kanaal",
                "definitie": "Het kanaal waarlangs het verzoek binnenkwam.",
                "specificatie": {
                    "formaat": "tekst",
                    "lengte": "10",
                    "kardinaliteit": "1",
                    "waardenverzameling": list(KANALEN),
                },
            },
            {
                "naam": "aantal",
                "definitie": "Het aantal onderdelen van het verzoek.",
                "specificatie": {"formaat": "getal", "lengte": "3", "kardinaliteit": "1"},
            },
        ],
    }


async def import_catalogi(uow: UnitOfWork, ctx: Ctx, rng: random.Random, organisaties: int, zaaktypen: int) -> None:
    """One published catalogus per organisation; zaaktypen ``BENCH-0001`` … dealt round-robin over them."""
    for organisatie in range(1, organisaties + 1):
        nummers = list(range(organisatie, zaaktypen + 1, organisaties))
        await import_catalogus(uow, ctx, catalogus_data(rng, organisatie, nummers), publish=True)


def _dagen(duur: str) -> int:
    # Only the forms this module writes: PnW or PnD.
    value = int(duur[1:-1])
    return value * 7 if duur.endswith("W") else value


async def read_zaaktypen(conn: AsyncConnection, rsins: list[str]) -> list[ZaakTypeInfo]:
    """The published seeded zaaktypen of the organisations ``rsins``, ordered by identificatie."""
    query = (
        select(ztc.ZaakType.id, ztc.ZaakType.identificatie, ztc.ZaakType.rsin, ztc.ZaakType.doorlooptijd)
        .join(ztc.Catalogus, ztc.Catalogus.id == ztc.ZaakType.catalogus_id)
        .where(ztc.Catalogus.domein == DOMEIN, ztc.Catalogus.rsin.in_(rsins), ztc.ZaakType.concept.is_(False))
        .order_by(ztc.ZaakType.identificatie)
    )
    info = {
        r.id: ZaakTypeInfo(r.id, r.identificatie, r.rsin, _dagen(r.doorlooptijd)) for r in await conn.execute(query)
    }
    ids = list(info)
    if not ids:
        return []
    statustypen = select(ztc.StatusType.zaaktype_id, ztc.StatusType.id).where(ztc.StatusType.zaaktype_id.in_(ids))
    for r in await conn.execute(statustypen.order_by(ztc.StatusType.zaaktype_id, ztc.StatusType.volgnummer)):
        info[r.zaaktype_id].statustypen.append(r.id)
    roltypen = select(
        ztc.RolType.zaaktype_id, ztc.RolType.id, ztc.RolType.omschrijving, ztc.RolType.omschrijving_generiek
    )
    for rt in await conn.execute(roltypen.where(ztc.RolType.zaaktype_id.in_(ids))):
        info[rt.zaaktype_id].roltypen[rt.omschrijving_generiek] = (rt.id, rt.omschrijving)
    eigenschappen = select(
        ztc.Eigenschap.zaaktype_id, ztc.Eigenschap.id, ztc.Eigenschap.naam, ztc.Eigenschap.specificatie
    )
    by_zaaktype: dict[uuid.UUID, list[tuple[uuid.UUID, str, dict[str, Any]]]] = defaultdict(list)
    for r in await conn.execute(eigenschappen.where(ztc.Eigenschap.zaaktype_id.in_(ids)).order_by(ztc.Eigenschap.naam)):
        by_zaaktype[r.zaaktype_id].append((r.id, r.naam, r.specificatie))
    for zaaktype_id, items in by_zaaktype.items():
        info[zaaktype_id].eigenschappen = items
    resultaattypen = select(ztc.ResultaatType.zaaktype_id, ztc.ResultaatType.id)
    for r in await conn.execute(resultaattypen.where(ztc.ResultaatType.zaaktype_id.in_(ids))):
        info[r.zaaktype_id].resultaattype = r.id
    return list(info.values())
