"""The validation pass of a catalogus import: the whole file is checked before anything is written, and every
problem is reported with its place in the file.

The pass turns the file into a :class:`Plan`: per entry the Catalogi service input (wire names) with symbolic
selectielijst references made URLs and placeholders where a URL exists only once the import writes (the
catalogus, the zaaktype, a statustype named by volgnummer).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer._formaat import (
    BESLUITTYPE,
    CATALOGUS,
    CHILDREN,
    FORMAT,
    INFORMATIEOBJECTTYPE,
    ZAAKTYPE,
    ZAAKTYPE_CHILDREN,
    Part,
    Problem,
    join,
    placeholder,
    unknown_keys,
    validation_problems,
)
from zaakwerk.referentielijsten.service import (
    find_procestype,
    find_resultaat,
    find_resultaattypeomschrijving,
    own_url,
    resolve,
    resolve_local,
)

TOP_LEVEL = frozenset({"formaat", "catalogus", "informatieobjecttypen", "besluittypen", "zaaktypen"})


@dataclass
class Entry:
    """One file entry ready for the service: ``values`` in wire names, ``statustype`` a volgnummer reference."""

    place: str
    values: dict[str, Any]
    concept: bool = False
    statustype: int | None = None


@dataclass
class ZaaktypeEntry(Entry):
    children: dict[str, list[Entry]] = field(default_factory=dict)


@dataclass
class Existing:
    """What the target catalogus already holds (nothing when it is new)."""

    catalogus_id: uuid.UUID | None = None
    informatieobjecttypen: set[tuple[str, dt.date]] = field(default_factory=set)
    besluittypen: set[tuple[str, dt.date]] = field(default_factory=set)
    zaaktypen: set[tuple[str, dt.date]] = field(default_factory=set)

    @staticmethod
    def names(versions: Iterable[tuple[str, dt.date]]) -> set[str]:
        return {name for name, _ in versions}


@dataclass
class Plan:
    catalogus: dict[str, Any]
    existing: Existing
    informatieobjecttypen: list[Entry] = field(default_factory=list)
    besluittypen: list[Entry] = field(default_factory=list)
    zaaktypen: list[ZaaktypeEntry] = field(default_factory=list)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class Checker:
    def __init__(self, session: AsyncSession, ctx: Ctx) -> None:
        self.session = session
        self.ctx = ctx
        self.problems: list[Problem] = []

    def add(self, place: str, code: str, reason: str) -> None:
        self.problems.append(Problem(place, code, reason))

    # --- generic ---------------------------------------------------------------------------------------------

    def _mapping(self, place: str, value: Any) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.add(place, "invalid", "Verwacht een object (sleutels met waarden).")
            return None
        return value

    def _list(self, place: str, value: Any) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(place, "not_a_list", "Verwacht een lijst.")
            return []
        return value

    def _validate(self, place: str, part: Part, values: dict[str, Any]) -> bool:
        try:
            part.schema.model_validate(values)
        except ValidationError as exc:
            self.problems.extend(validation_problems(place, exc))
            return False
        return True

    def _entry(self, place: str, part: Part, raw: Any) -> dict[str, Any] | None:
        entry = self._mapping(place, raw)
        if entry is None:
            return None
        self.problems.extend(unknown_keys(place, entry, part))
        return {k: v for k, v in entry.items() if k in part.allowed()}

    def _concept(self, place: str, entry: dict[str, Any]) -> bool:
        value = entry.pop("concept", False)
        if not isinstance(value, bool):
            self.add(join(place, "concept"), "invalid", "Gebruik true of false.")
            return False
        return value

    def _name(self, place: str, name: Any, known: set[str], label: str) -> None:
        if isinstance(name, str) and not name.startswith(("http://", "https://")) and name not in known:
            self.add(place, "does_not_exist", f"Er is geen {label} '{name}' in het bestand of de catalogus.")

    def _names(self, place: str, values: Any, known: set[str], label: str) -> None:
        for i, name in enumerate(self._list(place, values)):
            self._name(join(place, i), name, known, label)

    # --- the file --------------------------------------------------------------------------------------------

    async def plan(self, data: Any) -> Plan | None:
        root = self._mapping("", data)
        if root is None:
            return None
        for key in root:
            if key not in TOP_LEVEL:
                self.add(str(key), "unknown-field", f"Onbekend onderdeel '{key}'.")
        if root.get("formaat") != FORMAT:
            self.add("formaat", "invalid", f"Verwacht 'formaat: {FORMAT}'.")
        catalogus = self._entry("catalogus", CATALOGUS, root.get("catalogus"))
        existing = Existing()
        if catalogus is not None and self._validate("catalogus", CATALOGUS, catalogus):
            existing = await self._existing(str(catalogus["domein"]), str(catalogus["rsin"]))
        plan = Plan(catalogus or {}, existing)
        base = self.ctx.base_url
        catalogus_url = placeholder(base, "catalogussen")

        iot_names = Existing.names(existing.informatieobjecttypen)
        seen: set[tuple[str, dt.date | None]] = set()
        for i, raw in enumerate(self._list("informatieobjecttypen", root.get("informatieobjecttypen"))):
            place = join("informatieobjecttypen", i)
            entry = self._entry(place, INFORMATIEOBJECTTYPE, raw)
            if entry is None:
                continue
            concept = self._concept(place, entry)
            values = {**entry, "catalogus": catalogus_url}
            if self._validate(place, INFORMATIEOBJECTTYPE, values):
                self._version(place, "omschrijving", values, seen, existing.informatieobjecttypen)
                iot_names.add(values["omschrijving"])
            plan.informatieobjecttypen.append(Entry(place, values, concept))

        besluittype_names = Existing.names(existing.besluittypen)
        seen = set()
        for i, raw in enumerate(self._list("besluittypen", root.get("besluittypen"))):
            place = join("besluittypen", i)
            entry = self._entry(place, BESLUITTYPE, raw)
            if entry is None:
                continue
            concept = self._concept(place, entry)
            values = {**entry, "catalogus": catalogus_url}
            if self._validate(place, BESLUITTYPE, values):
                self._version(place, "omschrijving", values, seen, existing.besluittypen)
                besluittype_names.add(values["omschrijving"])
                self._names(
                    join(place, "informatieobjecttypen"),
                    values.get("informatieobjecttypen"),
                    iot_names,
                    "informatieobjecttype",
                )
            plan.besluittypen.append(Entry(place, values, concept))

        zaaktypen = self._list("zaaktypen", root.get("zaaktypen"))
        identificaties = Existing.names(existing.zaaktypen) | {
            z["identificatie"] for z in zaaktypen if isinstance(z, dict) and isinstance(z.get("identificatie"), str)
        }
        seen = set()
        for i, raw in enumerate(zaaktypen):
            zaaktype = await self._zaaktype(
                join("zaaktypen", i),
                raw,
                catalogus_url,
                iot_names,
                besluittype_names,
                identificaties,
                seen,
                existing,
            )
            if zaaktype is not None:
                plan.zaaktypen.append(zaaktype)
        return plan

    async def _existing(self, domein: str, rsin: str) -> Existing:
        session = self.session
        catalogus_id = await session.scalar(
            select(m.Catalogus.id).where(m.Catalogus.domein == domein, m.Catalogus.rsin == rsin)
        )
        if catalogus_id is None:
            return Existing()

        async def versions(model: Any, column: Any) -> set[tuple[str, dt.date]]:
            rows = await session.execute(
                select(column, model.begin_geldigheid).where(model.catalogus_id == catalogus_id)
            )
            return {(r[0], r[1]) for r in rows}

        return Existing(
            catalogus_id,
            await versions(m.InformatieObjectType, m.InformatieObjectType.omschrijving),
            await versions(m.BesluitType, m.BesluitType.omschrijving),
            await versions(m.ZaakType, m.ZaakType.identificatie),
        )

    def _version(
        self,
        place: str,
        key: str,
        values: dict[str, Any],
        seen: set[tuple[str, dt.date | None]],
        existing: set[tuple[str, dt.date]],
    ) -> None:
        version = (str(values[key]), _date(values.get("beginGeldigheid")))
        if version in seen:
            self.add(
                join(place, key),
                "unique",
                f"'{version[0]}' met deze beginGeldigheid staat meer dan eens in het bestand.",
            )
        elif version in existing:
            self.add(
                join(place, key),
                "exists",
                f"'{version[0]}' met beginGeldigheid {version[1]} bestaat al in de catalogus.",
            )
        seen.add(version)

    # --- zaaktypen -------------------------------------------------------------------------------------------

    async def _zaaktype(
        self,
        place: str,
        raw: Any,
        catalogus_url: str,
        iot_names: set[str],
        besluittype_names: set[str],
        identificaties: set[str],
        seen: set[tuple[str, dt.date | None]],
        existing: Existing,
    ) -> ZaaktypeEntry | None:
        entry = self._entry(place, ZAAKTYPE, raw)
        if entry is None:
            return None
        concept = self._concept(place, entry)
        nested = {name: self._list(join(place, name), entry.pop(name, None)) for name in CHILDREN}
        procestype_url, procestype_id = await self._procestype(
            join(place, "selectielijstProcestype"), entry.get("selectielijstProcestype")
        )
        values = {**entry, "catalogus": catalogus_url, "selectielijstProcestype": procestype_url}
        if self._validate(place, ZAAKTYPE, values):
            self._version(place, "identificatie", values, seen, existing.zaaktypen)
        self._names(join(place, "besluittypen"), values.get("besluittypen"), besluittype_names, "besluittype")
        self._names(join(place, "deelzaaktypen"), values.get("deelzaaktypen"), identificaties, "zaaktype")
        for j, relatie in enumerate(
            self._list(join(place, "gerelateerdeZaaktypen"), values.get("gerelateerdeZaaktypen"))
        ):
            if isinstance(relatie, dict):
                self._name(
                    join(place, "gerelateerdeZaaktypen", j, "zaaktype"),
                    relatie.get("zaaktype"),
                    identificaties,
                    "zaaktype",
                )
        zaaktype = ZaaktypeEntry(place, values, concept)
        zaaktype_url = placeholder(self.ctx.base_url, "zaaktypen")
        volgnummers = self._volgnummers(place, nested["statustypen"])
        for name in CHILDREN:
            part = ZAAKTYPE_CHILDREN[name]
            children: list[Entry] = []
            for j, raw_child in enumerate(nested[name]):
                child_place = join(place, name, j)
                child = self._entry(child_place, part, raw_child)
                if child is None:
                    continue
                prepared = await self._child(
                    name,
                    child_place,
                    child,
                    zaaktype_url,
                    volgnummers,
                    procestype_url,
                    procestype_id,
                    iot_names,
                    besluittype_names,
                )
                if prepared is not None:
                    children.append(prepared)
            zaaktype.children[name] = children
        self._unique(place, "roltypen", nested["roltypen"], ("omschrijving", "omschrijvingGeneriek"))
        self._unique(place, "resultaattypen", nested["resultaattypen"], ("omschrijving",))
        self._unique(place, "eigenschappen", nested["eigenschappen"], ("naam",))
        self._unique(place, "informatieobjecttypen", nested["informatieobjecttypen"], ("volgnummer",))
        return zaaktype

    def _volgnummers(self, place: str, statustypen: list[Any]) -> set[int]:
        numbers: set[int] = set()
        for j, raw in enumerate(statustypen):
            number = raw.get("volgnummer") if isinstance(raw, dict) else None
            if isinstance(number, int):
                if number in numbers:
                    self.add(
                        join(place, "statustypen", j, "volgnummer"),
                        "unique",
                        f"Volgnummer {number} komt meer dan eens voor in dit zaaktype.",
                    )
                numbers.add(number)
        return numbers

    def _unique(self, place: str, name: str, items: list[Any], keys: tuple[str, ...]) -> None:
        seen: set[tuple[Any, ...]] = set()
        for j, raw in enumerate(items):
            if not isinstance(raw, dict):
                continue
            key = tuple(repr(raw.get(k)) for k in keys)
            if key in seen:
                self.add(
                    join(place, name, j, keys[0]), "unique", f"Deze {keys[0]} komt meer dan eens voor in dit zaaktype."
                )
            seen.add(key)

    async def _child(
        self,
        name: str,
        place: str,
        child: dict[str, Any],
        zaaktype_url: str,
        volgnummers: set[int],
        procestype_url: str,
        procestype_id: uuid.UUID | None,
        iot_names: set[str],
        besluittype_names: set[str],
    ) -> Entry | None:
        part = ZAAKTYPE_CHILDREN[name]
        values = {**child, "zaaktype": zaaktype_url}
        if name == "zaakobjecttypen":
            values["catalogus"] = placeholder(self.ctx.base_url, "catalogussen")
        statustype: int | None = None
        if name in ("eigenschappen", "informatieobjecttypen") and child.get("statustype") is not None:
            ref = child["statustype"]
            if not isinstance(ref, int) or isinstance(ref, bool):
                self.add(join(place, "statustype"), "invalid", "Verwijs naar een statustype met zijn volgnummer.")
            elif ref not in volgnummers:
                self.add(
                    join(place, "statustype"),
                    "does_not_exist",
                    f"Dit zaaktype heeft geen statustype met volgnummer {ref}.",
                )
            else:
                statustype = ref
            values["statustype"] = placeholder(self.ctx.base_url, "statustypen")
        if name == "informatieobjecttypen":
            self._name(
                join(place, "informatieobjecttype"),
                child.get("informatieobjecttype"),
                iot_names,
                "informatieobjecttype",
            )
        if name == "resultaattypen":
            values["resultaattypeomschrijving"] = await self._omschrijving(
                join(place, "resultaattypeomschrijving"), child.get("resultaattypeomschrijving")
            )
            values["selectielijstklasse"] = await self._klasse(
                join(place, "selectielijstklasse"), child.get("selectielijstklasse"), procestype_url, procestype_id
            )
            self._names(join(place, "besluittypen"), child.get("besluittypen"), besluittype_names, "besluittype")
            self._names(
                join(place, "informatieobjecttypen"),
                child.get("informatieobjecttypen"),
                iot_names,
                "informatieobjecttype",
            )
        self._validate(place, part, values)
        return Entry(place, values, statustype=statustype)

    # --- selectielijst / referentielijsten -------------------------------------------------------------------

    def _own_only(self, place: str) -> bool:
        if self.ctx.settings.referentielijsten_url:
            self.add(
                place,
                "invalid",
                "Een symbolische verwijzing kan alleen naar de eigen Referentielijsten API "
                "(ZAAKWERK_REFERENTIELIJSTEN_URL is ingesteld); geef de URL.",
            )
            return False
        return True

    async def _procestype(self, place: str, value: Any) -> tuple[str, uuid.UUID | None]:
        """(URL, uuid in our shipped data or ``None``) of ``selectielijstProcestype``."""
        if value is None or value == "":
            return "", None
        if isinstance(value, str):
            found = await resolve(self.ctx.settings, "procestypen", value)
            if found is None:
                self.add(place, "invalid-resource", "De URL verwijst niet naar een procestype van de selectielijst.")
                return value, None
            local = resolve_local("procestypen", value)
            return value, uuid.UUID(str(local["url"]).rstrip("/").rpartition("/")[2]) if local else None
        if not isinstance(value, dict) or set(value) - {"jaar", "nummer", "naam"}:
            self.add(place, "invalid", "Geef een URL of {jaar: …, nummer: …} van een procestype.")
            return "", None
        jaar, nummer = value.get("jaar"), value.get("nummer")
        if not isinstance(jaar, int) or not isinstance(nummer, int):
            self.add(place, "invalid", "'jaar' en 'nummer' zijn gehele getallen.")
            return "", None
        if not self._own_only(place):
            return "", None
        found_id = find_procestype(jaar, nummer)
        if found_id is None:
            self.add(place, "does_not_exist", f"De selectielijst heeft geen procestype {nummer} van {jaar}.")
            return "", None
        return own_url(self.ctx.base_url, "procestypen", found_id), found_id

    async def _omschrijving(self, place: str, value: Any) -> Any:
        if not isinstance(value, str) or not value:
            return value  # the schema reports it
        if value.startswith(("http://", "https://")):
            if await resolve(self.ctx.settings, "resultaattypeomschrijvingen", value) is None:
                self.add(
                    place,
                    "invalid-resource",
                    "De URL verwijst niet naar een resultaattypeomschrijving van de referentielijsten.",
                )
            return value
        if not self._own_only(place):
            return value
        found = find_resultaattypeomschrijving(value)
        if found is None:
            self.add(place, "does_not_exist", f"Er is geen generieke resultaattypeomschrijving '{value}'.")
            return value
        return own_url(self.ctx.base_url, "resultaattypeomschrijvingen", found)

    async def _klasse(self, place: str, value: Any, procestype_url: str, procestype_id: uuid.UUID | None) -> Any:
        if not isinstance(value, str) or not value:
            return value
        if value.startswith(("http://", "https://")):
            found = await resolve(self.ctx.settings, "resultaten", value)
            if found is None:
                self.add(place, "invalid-resource", "De URL verwijst niet naar een resultaat van de selectielijst.")
            elif procestype_url and found.get("procesType") != procestype_url:
                self.add(
                    place,
                    "procestype-mismatch",
                    "Het resultaat hoort niet bij het selectielijstProcestype van het zaaktype.",
                )
            return value
        if not self._own_only(place):
            return value
        if procestype_id is None:
            self.add(
                place,
                "invalid",
                "Een selectielijstklasse op nummer vraagt een selectielijstProcestype van de eigen selectielijst.",
            )
            return value
        found_id = find_resultaat(procestype_id, value)
        if found_id is None:
            procestype = resolve_local("procestypen", own_url(self.ctx.base_url, "procestypen", procestype_id)) or {}
            self.add(
                place,
                "does_not_exist",
                f"'{value}' is geen resultaat van procestype {procestype.get('nummer')} ({procestype.get('jaar')}).",
            )
            return value
        return own_url(self.ctx.base_url, "resultaten", found_id)
