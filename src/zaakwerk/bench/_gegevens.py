"""Realistic, reproducible values for seeded data: BSNs and RSINs that pass the elfproef, Dutch names, dates.

Everything draws from one :class:`random.Random`, so ``--seed`` makes a whole data set (uuids included) the same
on every run.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

VOORNAMEN = (
    "Anna", "Bram", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Ilse", "Jan", "Julia", "Kees", "Lotte", "Mohammed",
    "Noah", "Olga", "Pieter", "Quinten", "Rosa", "Sanne", "Thijs", "Unal", "Vera", "Willem", "Yara", "Zeynep",
    "Sem", "Tess", "Lucas", "Mila", "Finn", "Sara", "Levi", "Nora", "Milan", "Eva", "Ruben", "Fleur", "Ahmed",
)  # fmt: skip
GESLACHTSNAMEN = (
    "Jansen", "Vries", "Bakker", "Visser", "Smit", "Meijer", "Boer", "Mulder", "Groot", "Bos", "Vos", "Peters",
    "Hendriks", "Berg", "Dekker", "Dijk", "Brouwer", "Wit", "Dijkstra", "Smits", "Graaf", "Meer", "Linden", "Kok",
    "Jacobs", "Haan", "Vermeulen", "Heuvel", "Veen", "Broek", "Yilmaz", "Bulut", "Ramdin", "Nguyen", "El Amrani",
)  # fmt: skip
# Voorvoegsels that go with the names above ("de Vries", "van den Berg"); most names have none.
VOORVOEGSELS = {
    "Vries": "de", "Boer": "de", "Groot": "de", "Berg": "van den", "Dijk": "van", "Wit": "de", "Graaf": "de",
    "Meer": "van der", "Linden": "van der", "Haan": "de", "Heuvel": "van den", "Veen": "van", "Broek": "van den",
}  # fmt: skip
STRATEN = ("Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsplein", "Schoolstraat", "Beukenlaan", "Marktplein")

# Share of zaken per vertrouwelijkheidaanduiding: mostly within what a typical behandelaar may see
# (up to zaakvertrouwelijk), a tail above it.
VERTROUWELIJKHEID = (
    ("openbaar", 0.08),
    ("beperkt_openbaar", 0.10),
    ("intern", 0.22),
    ("zaakvertrouwelijk", 0.40),
    ("vertrouwelijk", 0.13),
    ("confidentieel", 0.04),
    ("geheim", 0.02),
    ("zeer_geheim", 0.01),
)


def make_nummer(rng: random.Random) -> str:
    """A random nine-digit number that passes the 11-proef (first digit never 0, as BSNs are handed out)."""
    while True:
        digits = [rng.randint(1, 9), *(rng.randint(0, 9) for _ in range(7))]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 uuid from ``rng`` (reproducible with ``--seed``, unlike :func:`uuid.uuid4`)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@dataclass(frozen=True, slots=True)
class Persoon:
    bsn: str
    identificatie: dict[str, object]  # betrokkeneIdentificatie of a natuurlijk_persoon rol, as the spec shapes it


def personen(rng: random.Random, aantal: int) -> list[Persoon]:
    """``aantal`` distinct persons with BSNs that pass the 11-proef."""
    seen: set[str] = set()
    out: list[Persoon] = []
    while len(out) < aantal:
        bsn = make_nummer(rng)
        if bsn in seen:
            continue
        seen.add(bsn)
        out.append(Persoon(bsn, _natuurlijk_persoon(rng, bsn)))
    return out


def _natuurlijk_persoon(rng: random.Random, bsn: str) -> dict[str, object]:
    voornaam = rng.choice(VOORNAMEN)
    naam = rng.choice(GESLACHTSNAMEN)
    geboren = dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 70))
    return {
        "inpBsn": bsn,
        "anpIdentificatie": "",
        "inpA_nummer": "",
        "geslachtsnaam": naam,
        "voorvoegselGeslachtsnaam": VOORVOEGSELS.get(naam, ""),
        "voorletters": voornaam[0],
        "voornamen": voornaam,
        "geslachtsaanduiding": rng.choice("mv"),
        "geboortedatum": geboren.isoformat(),
        "verblijfsadres": None,
        "subVerblijfBuitenland": None,
    }


@dataclass(frozen=True, slots=True)
class Medewerker:
    identificatie: str
    gegevens: dict[str, object]  # betrokkeneIdentificatie of a medewerker rol


def medewerkers(rng: random.Random, organisatie: int, aantal: int) -> list[Medewerker]:
    out = []
    for n in range(1, aantal + 1):
        ident = f"mw-{organisatie}-{n:04d}"
        naam = rng.choice(GESLACHTSNAMEN)
        gegevens: dict[str, object] = {
            "identificatie": ident,
            "achternaam": naam,
            "voorletters": rng.choice(VOORNAMEN)[0],
            "voorvoegselAchternaam": VOORVOEGSELS.get(naam, ""),
        }
        out.append(Medewerker(ident, gegevens))
    return out


def weights_zipf(n: int, exponent: float = 0.7) -> list[float]:
    """Cumulative weights of ``n`` items where the first is most common, as zaaktypen are in practice."""
    raw = [1 / (i + 1) ** exponent for i in range(n)]
    total = sum(raw)
    cumulative, acc = [], 0.0
    for w in raw:
        acc += w / total
        cumulative.append(acc)
    return cumulative
