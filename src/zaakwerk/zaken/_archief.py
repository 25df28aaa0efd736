"""zrc-021: the archiving parameters a zaak gets when it is closed, derived from its resultaat's resultaattype.

``archiefnominatie`` is taken from the resultaattype when the zaak has none; ``archiefactiedatum`` is the brondatum
plus the resultaattype's ``archiefactietermijn``, the brondatum found per ``brondatumArchiefprocedure.afleidingswijze``.
When the brondatum cannot be determined no date is set (the rule says so), and :attr:`Archivering.reden` tells why,
in Dutch, for the audit trail.

The besluit-based afleidingswijzen (``ingangsdatum_besluit``, ``vervaldatum_besluit``) need the Besluiten API's
data: the werkingsperioden of the zaak's besluiten, asked in process through :mod:`zaakwerk.zaken.koppelvlak`
(no HTTP). Without a registered Besluiten API those leave the date empty and say so.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi.models import ResultaatType
from zaakwerk.core import duur
from zaakwerk.zaken import koppelvlak
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken.models import Zaak, ZaakEigenschap, ZaakObject

BESLUIT_AFLEIDINGSWIJZEN = ("ingangsdatum_besluit", "vervaldatum_besluit")


@dataclass(frozen=True)
class Archivering:
    archiefnominatie: str
    archiefactiedatum: dt.date | None
    brondatum: dt.date | None
    reden: str = ""  # why archiefactiedatum stays empty; "" when it was derived


@dataclass(frozen=True)
class _Bron:
    datum: dt.date | None
    reden: str = ""


def parse_datum(value: Any) -> dt.date | None:
    """A date as zaak data holds it: ISO date, ISO timestamp or the ZGW eigenschap format YYYYMMDD."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.fromisoformat(t.replace("Z", "+00:00")).date()):
        try:
            return parse(text)
        except ValueError:
            continue
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return None


def _lookup(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


async def _brondatum(session: AsyncSession, ctx: Ctx, zaak: Zaak, procedure: dict[str, Any]) -> _Bron:
    wijze = str(procedure.get("afleidingswijze") or "")
    kenmerk = str(procedure.get("datumkenmerk") or "")
    einddatum = zaak.einddatum
    if wijze == "afgehandeld":
        return _Bron(einddatum)
    if wijze == "termijn":
        termijn = procedure.get("procestermijn")
        if not termijn or einddatum is None:
            return _Bron(None, "De procestermijn van het resultaattype ontbreekt.")
        return _Bron(duur.plus(einddatum, str(termijn)))
    if wijze == "ander_datumkenmerk":
        return _Bron(None, "Afleidingswijze 'ander_datumkenmerk': de archiefactiedatum wordt handmatig gezet.")
    if wijze == "eigenschap":
        waarden = (
            await session.scalars(
                select(ZaakEigenschap.waarde).where(ZaakEigenschap.zaak_id == zaak.id, ZaakEigenschap.naam == kenmerk)
            )
        ).all()
        datums = [d for d in map(parse_datum, waarden) if d is not None]
        if not datums:
            return _Bron(None, f"De zaak heeft geen eigenschap '{kenmerk}' met een datum.")
        return _Bron(max(datums))
    if wijze == "hoofdzaak":
        if zaak.hoofdzaak_id is None:
            return _Bron(None, "De zaak heeft geen hoofdzaak.")
        hoofd = await session.scalar(select(Zaak.einddatum).where(Zaak.id == zaak.hoofdzaak_id))
        return _Bron(hoofd, "" if hoofd else "De hoofdzaak is nog niet afgesloten.")
    if wijze == "gerelateerde_zaak":
        return await _gerelateerde_zaken(session, ctx, zaak)
    if wijze == "zaakobject":
        objecttype = str(procedure.get("objecttype") or "")
        idents = (
            await session.scalars(
                select(ZaakObject.object_identificatie).where(
                    ZaakObject.zaak_id == zaak.id, ZaakObject.object_type == objecttype
                )
            )
        ).all()
        datums = [d for d in (parse_datum(_lookup(i, kenmerk)) for i in idents) if d is not None]
        if not datums:
            return _Bron(None, f"Geen zaakobject van type '{objecttype}' met een datum in '{kenmerk}'.")
        return _Bron(max(datums))
    if wijze in BESLUIT_AFLEIDINGSWIJZEN:
        return await _besluiten(session, zaak, wijze)
    return _Bron(None, f"Onbekende afleidingswijze '{wijze}'.")


async def _besluiten(session: AsyncSession, zaak: Zaak, wijze: str) -> _Bron:
    """The latest ingangsdatum (``ingangsdatum_besluit``) or vervaldatum (``vervaldatum_besluit``) of the zaak's
    besluiten; besluiten without a vervaldatum do not count for the latter."""
    besluiten = koppelvlak.besluiten()
    if besluiten is None:
        return _Bron(None, f"Afleidingswijze '{wijze}' wordt niet ondersteund: de Besluiten API ontbreekt.")
    perioden = await besluiten.werkingsperioden(session, zaak.id)
    if wijze == "ingangsdatum_besluit":
        datums = [p.ingangsdatum for p in perioden]
    else:
        datums = [p.vervaldatum for p in perioden if p.vervaldatum is not None]
    if not datums:
        return _Bron(None, "De zaak heeft geen besluit met die datum.")
    return _Bron(max(datums))


async def _gerelateerde_zaken(session: AsyncSession, ctx: Ctx, zaak: Zaak) -> _Bron:
    """The latest einddatum of the relevante andere zaken; unknown while one of them is open or elsewhere (its
    einddatum could be the latest)."""
    ids: list[uuid.UUID] = []
    for relatie in zaak.relevante_andere_zaken or []:
        url = relatie.get("url") if isinstance(relatie, dict) else None
        id_ = ctx.uuid_of(str(url or ""), ZAKEN)
        if id_ is None:
            return _Bron(None, "Een gerelateerde zaak staat niet in deze Zaken API.")
        ids.append(id_)
    if not ids:
        return _Bron(None, "De zaak heeft geen gerelateerde zaken.")
    rows = await session.execute(select(Zaak.id, Zaak.einddatum).where(Zaak.id.in_(ids)))
    einddata = {id_: einddatum for id_, einddatum in rows}
    if len(einddata) < len(set(ids)) or any(d is None for d in einddata.values()):
        return _Bron(None, "Niet alle gerelateerde zaken zijn afgesloten.")
    return _Bron(max(d for d in einddata.values() if d is not None))


async def afleiden(session: AsyncSession, ctx: Ctx, zaak: Zaak, resultaattype: ResultaatType) -> Archivering:
    """zrc-021 for ``zaak`` (its einddatum already set) with the resultaattype of its resultaat."""
    nominatie = zaak.archiefnominatie or resultaattype.archiefnominatie
    procedure = resultaattype.brondatum_archiefprocedure
    if not procedure:
        return Archivering(nominatie, None, None, "Het resultaattype heeft geen brondatumArchiefprocedure.")
    bron = await _brondatum(session, ctx, zaak, procedure)
    termijn = resultaattype.archiefactietermijn
    if bron.datum is None:
        return Archivering(nominatie, None, None, bron.reden)
    if not termijn:
        return Archivering(nominatie, None, bron.datum, "Het resultaattype heeft geen archiefactietermijn.")
    return Archivering(nominatie, duur.plus(bron.datum, termijn), bron.datum)
