"""The checks of one zaaktype in an import file and of the types under it (statustypen, roltypen, ...), which
refer to each other by volgnummer within the zaaktype."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from zaakwerk.catalogusbeheer._controle_basis import Entry, Existing, ZaaktypeEntry
from zaakwerk.catalogusbeheer._controle_selectielijst import SelectielijstChecks
from zaakwerk.catalogusbeheer._formaat import (
    CHILDREN,
    ZAAKTYPE,
    ZAAKTYPE_CHILDREN,
    join,
    placeholder,
)


class ZaaktypeChecks(SelectielijstChecks):
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
