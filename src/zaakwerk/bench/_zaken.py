"""Rows of seeded zaken, generated in chunks: each zaak with its identificatie, rollen, statussen, resultaat and
zaakeigenschappen, consistent the way the services keep them (``Zaak.status_id`` is the status with the latest
``datumStatusGezet``, a closed zaak has its eindstatus, einddatum and resultaat, identificaties are numbered per
bronorganisatie and year).

Rows are tuples in the column order of :data:`COLUMNS`; JSON values are Python objects (the writer encodes them).
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zaakwerk.bench._catalogus import KANALEN, ZaakTypeInfo
from zaakwerk.bench._gegevens import VERTROUWELIJKHEID, Medewerker, Persoon, new_uuid, weights_zipf

# Share of zaken that are closed (eindstatus, einddatum, resultaat).
AFGESLOTEN = 0.6
# Share of zaken with a third rol (a belanghebbende natuurlijk persoon) next to initiator and behandelaar.
BELANGHEBBENDE = 0.5
JAREN = 3
ARCHIEFTERMIJN_JAREN = 10
UTC = dt.UTC


COLUMNS: dict[str, tuple[str, ...]] = {
    "zrc_zaak": (
        "id", "identificatie", "bronorganisatie", "omschrijving", "toelichting", "zaaktype_id", "registratiedatum",
        "verantwoordelijke_organisatie", "startdatum", "einddatum", "einddatum_gepland",
        "uiterlijke_einddatum_afdoening", "communicatiekanaal", "vertrouwelijkheidaanduiding", "archiefnominatie",
        "archiefactiedatum", "status_id", "resultaat_id", "aangemaakt", "gewijzigd",
    ),
    "zrc_zaakidentificatie": ("id", "bronorganisatie", "identificatie", "zaak_id", "aangemaakt"),
    "zrc_rol": (
        "id", "rsin", "zaak_id", "betrokkene_type", "roltype_id", "omschrijving", "omschrijving_generiek",
        "registratiedatum", "betrokkene_identificatie", "inp_bsn", "medewerker_identificatie",
    ),
    "zrc_status": (
        "id", "rsin", "zaak_id", "statustype_id", "datum_status_gezet", "statustoelichting", "gezetdoor_id",
        "aangemaakt",
    ),
    "zrc_resultaat": ("id", "rsin", "zaak_id", "resultaattype_id", "toelichting"),
    "zrc_zaakeigenschap": ("id", "rsin", "zaak_id", "eigenschap_id", "naam", "waarde"),
}  # fmt: skip
TABLES = tuple(COLUMNS)  # also the write order (foreign keys)

Chunk = dict[str, list[tuple[Any, ...]]]


@dataclass
class Generator:
    """Makes zaken one chunk at a time; holds the numbering per (bronorganisatie, year) across chunks."""

    rng: random.Random
    zaaktypen: list[ZaakTypeInfo]
    personen: list[Persoon]
    medewerkers: dict[str, list[Medewerker]]  # by rsin
    now: dt.datetime
    # (bronorganisatie, jaar, volgnummer) → identificatie, by the installation's pattern (as the API generates them)
    identificatie: Callable[[str, int, int], str]
    tellers: dict[tuple[str, int], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.today = self.now.date()
        self._zaaktype_weights = weights_zipf(len(self.zaaktypen))
        acc, self._vertr_weights, self._vertr = 0.0, [], []
        for naam, share in VERTROUWELIJKHEID:
            acc += share
            self._vertr_weights.append(acc)
            self._vertr.append(naam)

    def chunk(self, aantal: int) -> Chunk:
        out: Chunk = {t: [] for t in TABLES}
        for _ in range(aantal):
            self._zaak(out)
        return out

    def _pick(self, cumulative: list[float], items: list[Any]) -> Any:
        i = bisect.bisect_left(cumulative, self.rng.random() * cumulative[-1])
        return items[min(i, len(items) - 1)]

    def _zaak(self, out: Chunk) -> None:
        rng = self.rng
        zt: ZaakTypeInfo = self._pick(self._zaaktype_weights, self.zaaktypen)
        rsin = zt.rsin
        zaak_id = new_uuid(rng)
        start = self.today - dt.timedelta(days=rng.randrange(JAREN * 365))
        gepland = start + dt.timedelta(days=zt.doorlooptijd_dagen)
        afgesloten = rng.random() < AFGESLOTEN
        einde = start + dt.timedelta(days=rng.randint(1, max(2, zt.doorlooptijd_dagen * 13 // 10)))
        tijden, statustypen = self._verloop(zt, start, min(einde, self.today) if afgesloten else self.today, afgesloten)

        jaar = start.year
        nummer = self.tellers.get((rsin, jaar), 0) + 1
        self.tellers[(rsin, jaar)] = nummer
        ident = self.identificatie(rsin, jaar, nummer)
        aangemaakt = tijden[0]
        out["zrc_zaakidentificatie"].append((new_uuid(rng), rsin, ident, zaak_id, aangemaakt))

        initiator: Persoon = self.personen[rng.randrange(len(self.personen))]
        behandelaar: Medewerker = rng.choice(self.medewerkers[rsin])
        rollen = out["zrc_rol"]
        roltype_id, omschrijving = zt.roltypen["initiator"]
        ident_np = initiator.identificatie
        rollen.append((new_uuid(rng), rsin, zaak_id, "natuurlijk_persoon", roltype_id, omschrijving, "initiator",
                       aangemaakt, ident_np, initiator.bsn, None))  # fmt: skip
        behandelaar_rol = new_uuid(rng)
        roltype_id, omschrijving = zt.roltypen["behandelaar"]
        rollen.append((behandelaar_rol, rsin, zaak_id, "medewerker", roltype_id, omschrijving, "behandelaar",
                       aangemaakt, behandelaar.gegevens, None, behandelaar.identificatie))  # fmt: skip
        if rng.random() < BELANGHEBBENDE:
            ander: Persoon = self.personen[rng.randrange(len(self.personen))]
            roltype_id, omschrijving = zt.roltypen["belanghebbende"]
            rollen.append((new_uuid(rng), rsin, zaak_id, "natuurlijk_persoon", roltype_id, omschrijving,
                           "belanghebbende", aangemaakt, ander.identificatie, ander.bsn, None))  # fmt: skip

        statussen = out["zrc_status"]
        status_id = uuid.UUID(int=0)
        for tijd, statustype_id in zip(tijden, statustypen, strict=True):
            status_id = new_uuid(rng)
            statussen.append((status_id, rsin, zaak_id, statustype_id, tijd, "", behandelaar_rol, tijd))

        resultaat_id = None
        einddatum = archiefactiedatum = None
        if afgesloten:
            resultaat_id = new_uuid(rng)
            out["zrc_resultaat"].append((resultaat_id, rsin, zaak_id, zt.resultaattype, ""))
            einddatum = tijden[-1].date()
            archiefactiedatum = _plus_jaren(einddatum, ARCHIEFTERMIJN_JAREN)

        for eigenschap_id, naam, _spec in zt.eigenschappen:
            waarde = rng.choice(KANALEN) if naam == "kanaal" else str(rng.randint(1, 20))
            out["zrc_zaakeigenschap"].append((new_uuid(rng), rsin, zaak_id, eigenschap_id, naam, waarde))

        achternaam = initiator.identificatie["geslachtsnaam"]
        out["zrc_zaak"].append(
            (zaak_id, ident, rsin, f"Verzoek van {initiator.identificatie['voorletters']}. {achternaam}",
             "Aangemaakt door zaakwerk bench seed.", zt.id, start, rsin, start, einddatum, gepland, gepland,
             "", self._pick(self._vertr_weights, self._vertr),
             "vernietigen" if afgesloten else "", archiefactiedatum, status_id, resultaat_id, aangemaakt,
             tijden[-1])
        )  # fmt: skip

    def _verloop(
        self, zt: ZaakTypeInfo, start: dt.date, einde: dt.date, afgesloten: bool
    ) -> tuple[list[dt.datetime], list[uuid.UUID]]:
        """3–6 status moments, strictly increasing, and their statustypen in process order; a closed zaak ends
        with the eindstatus, an open one never reaches it (a step may be set again, as happens in practice)."""
        rng = self.rng
        aantal = rng.randint(3, 6)
        laatste = len(zt.statustypen) - 1
        if afgesloten:
            stappen = [0, *sorted(rng.randrange(laatste) for _ in range(aantal - 2)), laatste]
        else:
            stappen = [0, *sorted(rng.randrange(laatste) for _ in range(aantal - 1))]
        # Never in the future: a status set later by a client must become the latest.
        grens = self.now - dt.timedelta(minutes=1)
        begin = min(dt.datetime.combine(start, dt.time(8), UTC), grens - dt.timedelta(hours=2))
        eind = max(min(dt.datetime.combine(einde, dt.time(16), UTC), grens), begin + dt.timedelta(seconds=aantal))
        span = int((eind - begin).total_seconds())
        offsets = sorted(rng.randrange(span) for _ in range(aantal))
        offsets[0] = 0
        if afgesloten:
            offsets[-1] = span
        for i in range(1, aantal):
            if offsets[i] <= offsets[i - 1]:
                offsets[i] = offsets[i - 1] + 1
        tijden = [begin + dt.timedelta(seconds=o) for o in offsets]
        return tijden, [zt.statustypen[s] for s in stappen]


def _plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    try:
        return datum.replace(year=datum.year + jaren)
    except ValueError:  # 29 February
        return datum.replace(year=datum.year + jaren, day=28)
