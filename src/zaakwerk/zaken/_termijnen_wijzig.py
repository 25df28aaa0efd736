"""Opschorting and verlenging of a zaak (the writes of the deadline service; see ``termijnen``).

- Opschorting (Awb 4:15): starting one (indicatie false → true) needs ``opschortingEnAanhoudingMogelijk`` on the
  zaaktype and opens a ``zrc_opschorting`` row from today; ending it (true → false) closes the row and moves
  ``einddatumGepland`` and ``uiterlijkeEinddatumAfdoening`` by the suspended calendar days (then the working-day
  rule). Every suspension is kept (extension); the standard's ``opschorting`` shows the current state.
- Verlenging (Awb 4:14 lid 3): the zaak's ``verlenging.duur`` is the *total* extension, as the standard has one
  value, so resending the zaak unchanged (PUT) extends nothing. A larger total needs ``verlengingMogelijk``, may not
  exceed the zaaktype's ``verlengingstermijn``, is recorded as a ``zrc_verlenging`` row with the added part and
  moves only ``uiterlijkeEinddatumAfdoening``: the law extends the beslistermijn, while ``einddatumGepland`` is the
  organisation's own servicenorm, which a verlenging does not lengthen. A smaller total is refused.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core import clock, duur
from zaakwerk.core.errors import Invalid
from zaakwerk.zaken._context import Ctx
from zaakwerk.zaken._termijnen_regels import datum_tekst, nominaal, verschuif
from zaakwerk.zaken.models import Opschorting, Verlenging, Zaak

OPSCHORTING_NIET_MOGELIJK = "opschorting-niet-mogelijk"
VERLENGING_NIET_MOGELIJK = "verlenging-niet-mogelijk"
VERLENGING_TE_LANG = "verlenging-te-lang"
VERLENGING_KORTER = "verlenging-korter"
ONGELDIGE_DUUR = "invalid"


async def wijzig_opschorting_verlenging(
    session: AsyncSession,
    ctx: Ctx,
    zaak: Zaak,
    zaaktype: ZaakType,
    *,
    opschorting: dict[str, Any] | None,
    verlenging: dict[str, Any] | None,
    inv: Invalid,
) -> str:
    """Apply the body's ``opschorting`` / ``verlenging`` to ``zaak`` (see the module text); None means not sent,
    which is also what a group sent as null means (zrc-012). Errors go into ``inv`` and then nothing is changed;
    the caller raises and records the zaak change. Returns a Dutch explanation for the audit trail's toelichting
    ("" if the deadlines did not change)."""
    nieuwe_verlenging = _check_verlenging(zaak, zaaktype, verlenging, inv)
    start_opschorting = (
        opschorting is not None and bool(opschorting.get("indicatie")) and not zaak.opschorting_indicatie
    )
    if start_opschorting and not zaaktype.opschorting_en_aanhouding_mogelijk:
        inv.add("opschorting", OPSCHORTING_NIET_MOGELIJK, "Het zaaktype staat opschorten van de behandeling niet toe.")
    if inv:
        return ""
    if zaak in session.new:
        # A zaak being created: the unit of work does not order inserts by foreign key without a relationship,
        # so the zaak goes in before the opschorting/verlenging rows that point at it.
        await session.flush()
    teksten: list[str] = []
    opgeschort = await _opgeschorte_dagen(session, zaak)
    if opschorting is not None:
        opgeschort, tekst = await _opschorting(session, zaak, zaaktype, opschorting, opgeschort)
        teksten.append(tekst)
    if verlenging is not None:
        teksten.append(_verlenging(session, zaak, zaaktype, verlenging, nieuwe_verlenging, opgeschort))
    return " ".join(t for t in teksten if t)


def _check_verlenging(
    zaak: Zaak, zaaktype: ZaakType, verlenging: dict[str, Any] | None, inv: Invalid
) -> duur.Duur | None:
    """The new total when the sent verlenging lengthens the current one (after the checks), else None."""
    if verlenging is None:
        return None
    try:
        totaal = duur.parse(str(verlenging.get("duur") or ""))
    except ValueError:
        inv.add("verlenging.duur", ONGELDIGE_DUUR, "De duur is geen geldige ISO 8601-duur (bijvoorbeeld P2W).")
        return None
    huidig = duur.parse(zaak.verlenging_duur) if zaak.verlenging_duur else duur.Duur()
    if totaal == huidig:
        return None
    if not zaaktype.verlenging_mogelijk:
        inv.add("verlenging", VERLENGING_NIET_MOGELIJK, "Het zaaktype staat verlengen van de doorlooptijd niet toe.")
        return None
    start = zaak.startdatum
    if duur.plus(start, totaal) < duur.plus(start, huidig):
        inv.add(
            "verlenging",
            VERLENGING_KORTER,
            f"De verlenging is het totaal; die kan niet korter worden dan de huidige {huidig.iso()}.",
        )
        return None
    maximum = zaaktype.verlengingstermijn
    if maximum and not duur.past_binnen(totaal, duur.parse(maximum), start):
        inv.add(
            "verlenging",
            VERLENGING_TE_LANG,
            f"De totale verlenging ({totaal.iso()}) is langer dan de verlengingstermijn van het zaaktype ({maximum}).",
        )
        return None
    return totaal


async def _opgeschorte_dagen(session: AsyncSession, zaak: Zaak) -> int:
    """Days of the zaak's ended suspensions (those the deadlines already moved by)."""
    som = await session.scalar(
        select(func.coalesce(func.sum(Opschorting.dagen), 0)).where(Opschorting.zaak_id == zaak.id)
    )
    return int(som or 0)


async def _opschorting(
    session: AsyncSession, zaak: Zaak, zaaktype: ZaakType, opschorting: dict[str, Any], opgeschort: int
) -> tuple[int, str]:
    indicatie, reden = bool(opschorting.get("indicatie")), str(opschorting.get("reden") or "")
    vandaag = clock.today()
    lopend = await session.scalar(
        select(Opschorting)
        .where(Opschorting.zaak_id == zaak.id, Opschorting.einde.is_(None))
        .order_by(Opschorting.begin.desc())
        .limit(1)
    )
    was_opgeschort = zaak.opschorting_indicatie
    zaak.opschorting_indicatie, zaak.opschorting_reden = indicatie, reden
    if indicatie and not was_opgeschort:
        session.add(Opschorting(rsin=zaak.bronorganisatie, zaak_id=zaak.id, reden=reden, begin=vandaag))
        return opgeschort, f"Behandeling opgeschort op {datum_tekst(vandaag)} ({reden or 'geen reden'})."
    if indicatie:
        if lopend is not None:
            lopend.reden = reden
        return opgeschort, ""
    if not was_opgeschort:
        return opgeschort, ""
    if lopend is None:
        # Suspended without a row (e.g. created that way by an older version): the begin is unknown.
        session.add(
            Opschorting(rsin=zaak.bronorganisatie, zaak_id=zaak.id, reden=reden, begin=vandaag, einde=vandaag, dagen=0)
        )
        return opgeschort, "Opschorting beëindigd; begin onbekend, termijnen niet verschoven."
    dagen = max(0, (vandaag - lopend.begin).days)
    lopend.einde, lopend.dagen = vandaag, dagen
    start, verlengd = zaak.startdatum, zaak.verlenging_duur
    zaak.uiterlijke_einddatum_afdoening = verschuif(
        start,
        zaak.uiterlijke_einddatum_afdoening,
        nominaal(start, zaaktype.doorlooptijd, verlengd, opgeschort),
        nominaal(start, zaaktype.doorlooptijd, verlengd, opgeschort + dagen),
        dagen,
    )
    zaak.einddatum_gepland = verschuif(
        start,
        zaak.einddatum_gepland,
        nominaal(start, zaaktype.servicenorm, None, opgeschort),
        nominaal(start, zaaktype.servicenorm, None, opgeschort + dagen),
        dagen,
    )
    return opgeschort + dagen, (
        f"Opschorting van {datum_tekst(lopend.begin)} tot {datum_tekst(vandaag)} beëindigd; termijnen {dagen} "
        f"{'dag' if dagen == 1 else 'dagen'} verschoven{_uiterlijk(zaak)}."
    )


def _verlenging(
    session: AsyncSession,
    zaak: Zaak,
    zaaktype: ZaakType,
    verlenging: dict[str, Any],
    totaal: duur.Duur | None,
    opgeschort: int,
) -> str:
    reden = str(verlenging.get("reden") or "")
    if totaal is None:  # the same total: at most the reden changed
        zaak.verlenging_reden = reden
        return ""
    start = zaak.startdatum
    vorig = zaak.verlenging_duur
    oud = nominaal(start, zaaktype.doorlooptijd, vorig, opgeschort)
    nieuw = nominaal(start, zaaktype.doorlooptijd, totaal.iso(), opgeschort)
    dagen = (nieuw - oud).days if oud and nieuw else 0
    erbij = _verschil(duur.parse(vorig) if vorig else duur.Duur(), totaal, dagen)
    session.add(
        Verlenging(rsin=zaak.bronorganisatie, zaak_id=zaak.id, reden=reden, duur=erbij.iso(), datum=clock.today())
    )
    zaak.uiterlijke_einddatum_afdoening = verschuif(start, zaak.uiterlijke_einddatum_afdoening, oud, nieuw, dagen)
    zaak.verlenging_duur, zaak.verlenging_reden = str(verlenging["duur"]), reden
    return f"Verlengd met {erbij.iso()} ({reden or 'geen reden'}); totale verlenging {totaal.iso()}{_uiterlijk(zaak)}."


def _verschil(oud: duur.Duur, nieuw: duur.Duur, dagen: int) -> duur.Duur:
    """The added part of a verlenging: per unit when no unit shrinks (P2W → P6W: P4W), else in days."""
    delen = (
        nieuw.jaren - oud.jaren,
        nieuw.maanden - oud.maanden,
        nieuw.dagen - oud.dagen,
        nieuw.seconden - oud.seconden,
    )
    return duur.Duur(*delen) if min(delen) >= 0 else duur.Duur(dagen=dagen)


def _uiterlijk(zaak: Zaak) -> str:
    datum = zaak.uiterlijke_einddatum_afdoening
    return f"; uiterlijke einddatum afdoening {datum_tekst(datum)}" if datum else ""
