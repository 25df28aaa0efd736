"""The reference data Zaakwerk ships (``data/``, see ``data/SOURCES.md``), loaded once per process.

The selectielijst (procestypen, resultaten) and the generic resultaattypeomschrijvingen are VNG-Realisatie's own
fixture files, copied unchanged; the communicatiekanalen are ours. Items are kept in the order the VNG API lists
them and rendered to the Referentielijsten API 0.6.0 representation against a base URL (the component's URL on
whichever host is asked), so the same data answers the API and in-process lookups.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

import orjson

DATA_DIR = Path(__file__).resolve().parent / "data"
PREFIX = "/referentielijsten/api/v1"
KINDS = ("procestypen", "resultaten", "resultaattypeomschrijvingen", "communicatiekanalen")

# Display texts of ``Resultaat.procestermijn`` as the VNG API gives them in ``procestermijnWeergave``.
PROCESTERMIJN_WEERGAVE = {
    "": "",
    "nihil": "Nihil",
    "bestaansduur_procesobject": "De bestaans- of geldigheidsduur van het procesobject.",
    "ingeschatte_bestaansduur_procesobject": (
        "De ingeschatte maximale bestaans- of geldigheidsduur van het procesobject."
    ),
    "vast_te_leggen_datum": (
        "De tijdens het proces vast te leggen datum waarop de geldigheid van het procesobject komt te vervallen. "
    ),
    "samengevoegd_met_bewaartermijn": "De procestermijn is samengevoegd met de bewaartermijn.",
}

# The taakgebied flags of a selectielijst resultaat: fixture field -> API field (VNG's spelling, typo included).
_TAAKGEBIEDEN = {
    "algemeen_bestuur_en_inrichting_organisatie": "algemeenBestuurEnInrichtingOrganisatie",
    "bedrijfsvoering_en_personeel": "bedrijfsvoeringEnPersoneel",
    "publieke_informatie_en_registratie": "publiekeInformatieEnRegistratie",
    "burgerzaken": "burgerzaken",
    "veiligheid": "veiligheid",
    "verkeer_en_vervoer": "verkeerEnVervoer",
    "economie": "economie",
    "onderwijs": "onderwijs",
    "sport_cultuur_en_recreatie": "sportCultuurEnRecreatie",
    "sociaal_domein": "sociaalDomein",
    "volksgezonheid_en_milieu": "volksgezonheidEnMilieu",
    "vhrosv": "vhrosv",
    "heffen_belastingen": "heffenBelastingen",
    "alle_taakgebieden": "alleTaakgebieden",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One reference-list entry: its uuid, its API fields (without URLs) and, for a resultaat, its procestype."""

    uuid: UUID
    fields: dict[str, Any]
    proces_type: UUID | None = None

    def render(self, kind: str, base: str) -> dict[str, Any]:
        """The API representation; ``base`` is the component URL, e.g. ``https://host/referentielijsten/api/v1``."""
        data: dict[str, Any] = {"url": f"{base}/{kind}/{self.uuid}"}
        if self.proces_type is not None:
            data["procesType"] = f"{base}/procestypen/{self.proces_type}"
        data.update(self.fields)
        return data


@dataclass(frozen=True, slots=True)
class Lijsten:
    items: dict[str, list[Item]]
    by_uuid: dict[str, dict[UUID, Item]]

    def get(self, kind: str, id_: UUID) -> Item | None:
        return self.by_uuid[kind].get(id_)


def _load(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = orjson.loads((DATA_DIR / name).read_bytes())
    return data


def _procestypen() -> tuple[list[Item], dict[int, Item]]:
    by_pk: dict[int, Item] = {}
    for row in _load("selectielijst_2020_procestypen.json"):
        f = row["fields"]
        by_pk[row["pk"]] = Item(
            UUID(f["uuid"]),
            {
                "nummer": f["nummer"],
                "jaar": f["jaar"],
                "naam": f["naam"],
                "omschrijving": f["omschrijving"],
                "toelichting": f["toelichting"],
                "procesobject": f["procesobject"],
            },
        )
    ordered = sorted(by_pk.values(), key=lambda i: (i.fields["nummer"], i.fields["jaar"]))
    return ordered, by_pk


def _resultaten(procestypen: dict[int, Item]) -> list[Item]:
    rows = {row["pk"]: row["fields"] for row in _load("selectielijst_2020_resultaten.json")}
    items: list[tuple[tuple[int, int, int], Item]] = []
    for f in rows.values():
        if not f["waardering"]:
            # Two withdrawn entries ("Vervallen", 7.1.20 and 19.1.13) carry no waardering, which the API's
            # required enum cannot express; they are not served (see data/SOURCES.md).
            continue
        proces_type = procestypen[f["proces_type"]]
        generiek = rows.get(f["generiek_resultaat"]) if f.get("generiek_resultaat") else None
        pt_nummer: int = proces_type.fields["nummer"]
        if generiek is None:
            volledig = f"{pt_nummer}.{f['nummer']}"
            order = (pt_nummer, f["nummer"], 0)
        else:
            volledig = f"{pt_nummer}.{generiek['nummer']}.{f['nummer']}"
            order = (pt_nummer, generiek["nummer"], f["nummer"])
        procestermijn: str = f.get("procestermijn") or ""
        fields: dict[str, Any] = {
            "nummer": f["nummer"],
            "volledigNummer": volledig,
            "generiek": generiek is None,
            "specifiek": generiek is not None,
            "naam": f["naam"],
            "omschrijving": f.get("omschrijving") or "",
            "herkomst": f["herkomst"],
            "waardering": f["waardering"],
            "procestermijn": procestermijn,
            "procestermijnWeergave": PROCESTERMIJN_WEERGAVE[procestermijn],
            "bewaartermijn": f.get("bewaartermijn") or None,
            "toelichting": f.get("toelichting") or "",
        }
        for source, target in _TAAKGEBIEDEN.items():
            fields[target] = bool(f.get(source, False))
        fields["procestermijnOpmerking"] = f.get("procestermijn_opmerking") or ""
        items.append((order, Item(UUID(f["uuid"]), fields, proces_type.uuid)))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def _resultaattypeomschrijvingen() -> list[Item]:
    return [
        Item(
            UUID(row["fields"]["uuid"]),
            {
                "omschrijving": row["fields"]["omschrijving"],
                "definitie": row["fields"]["definitie"],
                "opmerking": row["fields"].get("opmerking") or "",
            },
        )
        for row in sorted(_load("resultaattypeomschrijvingen.json"), key=lambda r: r["pk"])
    ]


def _communicatiekanalen() -> list[Item]:
    return [
        Item(UUID(row["uuid"]), {"naam": row["naam"], "omschrijving": row["omschrijving"]})
        for row in _load("communicatiekanalen.json")
    ]


@cache
def lijsten() -> Lijsten:
    """All reference lists (loaded on first use, then shared by every request of the process)."""
    procestypen, by_pk = _procestypen()
    items = {
        "procestypen": procestypen,
        "resultaten": _resultaten(by_pk),
        "resultaattypeomschrijvingen": _resultaattypeomschrijvingen(),
        "communicatiekanalen": _communicatiekanalen(),
    }
    return Lijsten(items, {kind: {i.uuid: i for i in values} for kind, values in items.items()})
