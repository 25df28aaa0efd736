"""The one deadline service of a zaak: planned and final end dates, suspensions and extensions.

Everything that shows or acts on a zaak's deadlines (the Zaken API, portal, werkplek, automation, dashboard) goes
through this module, so the day rules live in one place:

- ``einddatumGepland`` = startdatum + servicenorm, ``uiterlijkeEinddatumAfdoening`` = startdatum + doorlooptijd
  (both from the zaaktype); legal terms count calendar days and a date on a Saturday, Sunday or erkende feestdag
  moves to the next working day (Algemene termijnenwet, ``core.kalender``): :func:`geplande_data`.
- Opschorting and verlenging: :func:`wijzig_opschorting_verlenging` (``_termijnen_wijzig``).
- Reading: :func:`termijnen_van` / :func:`termijnen_van_zaken` (history, remaining days, a status) and the SQL
  conditions :func:`verlopen` / :func:`bijna_verlopen` for queues and dashboards. While a zaak is suspended its
  clock stands still: it is judged as of the day the suspension began (overdue only if it already was then, never
  "about to expire"), and its remaining days stay what they were.

Access is the caller's: these functions read any zaak they are given (lists join ``access.zaak_predicate``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, exists, not_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import InstrumentedAttribute

from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core import clock, kalender
from zaakwerk.core.errors import not_found
from zaakwerk.zaken._termijnen_regels import einddatum
from zaakwerk.zaken._termijnen_wijzig import wijzig_opschorting_verlenging
from zaakwerk.zaken.models import Opschorting, Verlenging, Zaak

__all__ = [
    "BIJNA_WERKDAGEN",
    "OpschortingPeriode",
    "TermijnStatus",
    "Termijnen",
    "VerlengingRegel",
    "bijna_verlopen",
    "einddatum",
    "geplande_data",
    "termijnen_van",
    "termijnen_van_zaken",
    "verlopen",
    "wijzig_opschorting_verlenging",
]

# "About to expire": due within this many working days (the werkplek's default).
BIJNA_WERKDAGEN = 5


def geplande_data(zaaktype: ZaakType, startdatum: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(einddatumGepland from the servicenorm or None, uiterlijkeEinddatumAfdoening from the doorlooptijd) of a
    new zaak, with the working-day rule."""
    return einddatum(startdatum, zaaktype.servicenorm), einddatum(startdatum, zaaktype.doorlooptijd)


class TermijnStatus(StrEnum):
    OP_TIJD = "op_tijd"
    BIJNA_VERLOPEN = "bijna_verlopen"
    VERLOPEN = "verlopen"
    GEEN_TERMIJN = "geen_termijn"


@dataclass(frozen=True, slots=True)
class OpschortingPeriode:
    begin: dt.date
    einde: dt.date | None  # None while it lasts
    dagen: int  # the days the deadlines moved; while it lasts, the days so far
    reden: str


@dataclass(frozen=True, slots=True)
class VerlengingRegel:
    datum: dt.date
    duur: str  # the part this verlenging added
    reden: str


@dataclass(frozen=True, slots=True)
class Termijnen:
    zaak_id: uuid.UUID
    startdatum: dt.date
    einddatum: dt.date | None  # the zaak is closed
    einddatum_gepland: dt.date | None
    uiterlijke_einddatum_afdoening: dt.date | None
    opgeschort: bool
    opgeschort_sinds: dt.date | None
    opschortingen: tuple[OpschortingPeriode, ...]  # oldest first
    verlengingen: tuple[VerlengingRegel, ...]  # oldest first
    totale_verlenging: str | None  # the standard's verlenging.duur
    opgeschorte_dagen: int  # ended suspensions plus the days so far of the current one
    # Until the uiterlijke einddatum, as of today (as of the suspension's begin while suspended); negative when
    # overdue; None when closed or without a date.
    resterende_dagen: int | None
    resterende_werkdagen: int | None
    status: TermijnStatus


async def termijnen_van(
    conn: AsyncConnection, zaak_id: uuid.UUID, *, bijna: int = BIJNA_WERKDAGEN, vandaag: dt.date | None = None
) -> Termijnen:
    """The deadlines of one zaak (404 when it does not exist)."""
    gevonden = await termijnen_van_zaken(conn, [zaak_id], bijna=bijna, vandaag=vandaag)
    if zaak_id not in gevonden:
        raise not_found("De zaak bestaat niet.")
    return gevonden[zaak_id]


async def termijnen_van_zaken(
    conn: AsyncConnection,
    zaak_ids: Sequence[uuid.UUID],
    *,
    bijna: int = BIJNA_WERKDAGEN,
    vandaag: dt.date | None = None,
) -> dict[uuid.UUID, Termijnen]:
    """The deadlines of many zaken in three statements, whatever their number (for lists and dashboards)."""
    if not zaak_ids:
        return {}
    vandaag = vandaag or clock.today()
    ids = list(zaak_ids)
    zaken = (
        await conn.execute(
            select(
                Zaak.id,
                Zaak.startdatum,
                Zaak.einddatum,
                Zaak.einddatum_gepland,
                Zaak.uiterlijke_einddatum_afdoening,
                Zaak.opschorting_indicatie,
                Zaak.verlenging_duur,
            ).where(Zaak.id.in_(ids))
        )
    ).all()
    opschortingen: dict[uuid.UUID, list[OpschortingPeriode]] = {z.id: [] for z in zaken}
    rows = await conn.execute(
        select(Opschorting.zaak_id, Opschorting.begin, Opschorting.einde, Opschorting.dagen, Opschorting.reden)
        .where(Opschorting.zaak_id.in_(ids))
        .order_by(Opschorting.zaak_id, Opschorting.begin)
    )
    for r in rows:
        dagen = r.dagen if r.einde is not None else max(0, (vandaag - r.begin).days)
        opschortingen[r.zaak_id].append(OpschortingPeriode(r.begin, r.einde, dagen or 0, r.reden))
    verlengingen: dict[uuid.UUID, list[VerlengingRegel]] = {z.id: [] for z in zaken}
    rows = await conn.execute(
        select(Verlenging.zaak_id, Verlenging.datum, Verlenging.duur, Verlenging.reden)
        .where(Verlenging.zaak_id.in_(ids))
        .order_by(Verlenging.zaak_id, Verlenging.datum, Verlenging.id)
    )
    for r in rows:
        verlengingen[r.zaak_id].append(VerlengingRegel(r.datum, r.duur, r.reden))
    out: dict[uuid.UUID, Termijnen] = {}
    for z in zaken:
        perioden = opschortingen[z.id]
        lopend = next((p for p in reversed(perioden) if p.einde is None), None) if z.opschorting_indicatie else None
        sinds = lopend.begin if lopend else None
        # A suspended zaak is judged as of the day its clock stopped.
        peil = sinds or vandaag
        uiterlijk, einde = z.uiterlijke_einddatum_afdoening, z.einddatum
        open_ = einde is None and uiterlijk is not None
        out[z.id] = Termijnen(
            zaak_id=z.id,
            startdatum=z.startdatum,
            einddatum=einde,
            einddatum_gepland=z.einddatum_gepland,
            uiterlijke_einddatum_afdoening=uiterlijk,
            opgeschort=z.opschorting_indicatie,
            opgeschort_sinds=sinds,
            opschortingen=tuple(perioden),
            verlengingen=tuple(verlengingen[z.id]),
            totale_verlenging=z.verlenging_duur,
            opgeschorte_dagen=sum(p.dagen for p in perioden),
            resterende_dagen=(uiterlijk - peil).days if open_ and uiterlijk else None,
            resterende_werkdagen=_werkdagen(peil, uiterlijk) if open_ and uiterlijk else None,
            status=_status(uiterlijk, einde, vandaag, opgeschort=z.opschorting_indicatie, sinds=sinds, bijna=bijna),
        )
    return out


def _werkdagen(van: dt.date, tot: dt.date) -> int:
    return kalender.werkdagen_tussen(van, tot) if tot >= van else -kalender.werkdagen_tussen(tot, van)


def _status(
    uiterlijk: dt.date | None,
    einde: dt.date | None,
    vandaag: dt.date,
    *,
    opgeschort: bool,
    sinds: dt.date | None,
    bijna: int,
) -> TermijnStatus:
    if uiterlijk is None:
        return TermijnStatus.GEEN_TERMIJN
    if einde is not None:  # closed: was it done in time?
        return TermijnStatus.VERLOPEN if einde > uiterlijk else TermijnStatus.OP_TIJD
    if opgeschort:  # the clock stands still: overdue only if it already was when it stopped
        return TermijnStatus.VERLOPEN if sinds is not None and uiterlijk < sinds else TermijnStatus.OP_TIJD
    if uiterlijk < vandaag:
        return TermijnStatus.VERLOPEN
    if uiterlijk <= kalender.plus_werkdagen(vandaag, bijna):
        return TermijnStatus.BIJNA_VERLOPEN
    return TermijnStatus.OP_TIJD


DatumKolom = InstrumentedAttribute[dt.date | None]


def _geschorst_na(kolom: DatumKolom) -> ColumnElement[bool]:
    """The zaak's current suspension began after ``kolom`` (the deadline had passed when the clock stopped)."""
    return exists(
        select(Opschorting.id).where(
            Opschorting.zaak_id == Zaak.id, Opschorting.einde.is_(None), Opschorting.begin > kolom
        )
    )


def verlopen(
    vandaag: dt.date | None = None, kolom: DatumKolom = Zaak.uiterlijke_einddatum_afdoening
) -> ColumnElement[bool]:
    """A Core condition on ``Zaak``: open zaken whose ``kolom`` (default the uiterlijke einddatum; or
    ``Zaak.einddatum_gepland``) has passed, a suspended zaak only if it had passed when the suspension began.
    Agrees with :attr:`Termijnen.status` ``verlopen`` for open zaken."""
    vandaag = vandaag or clock.today()
    return and_(
        Zaak.einddatum.is_(None),
        kolom.is_not(None),
        ((~Zaak.opschorting_indicatie) & (kolom < vandaag)) | (Zaak.opschorting_indicatie & _geschorst_na(kolom)),
    )


def bijna_verlopen(
    vandaag: dt.date | None = None,
    werkdagen: int = BIJNA_WERKDAGEN,
    kolom: DatumKolom = Zaak.uiterlijke_einddatum_afdoening,
) -> ColumnElement[bool]:
    """A Core condition on ``Zaak``: open, not suspended zaken due today or within ``werkdagen`` working days.
    Agrees with :attr:`Termijnen.status` ``bijna_verlopen``."""
    vandaag = vandaag or clock.today()
    return and_(
        Zaak.einddatum.is_(None),
        not_(Zaak.opschorting_indicatie),
        kolom >= vandaag,
        kolom <= kalender.plus_werkdagen(vandaag, werkdagen),
    )
