"""The validation pass of a catalogus import: the whole file is checked before anything is written, and every
problem is reported with its place in the file.

The pass turns the file into a :class:`Plan`: per entry the Catalogi service input (wire names) with symbolic
selectielijst references made URLs and placeholders where a URL exists only once the import writes (the
catalogus, the zaaktype, a statustype named by volgnummer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from zaakwerk.catalogi import models as m
from zaakwerk.catalogusbeheer._controle_basis import Entry, Existing, Plan, ZaaktypeEntry
from zaakwerk.catalogusbeheer._controle_zaaktype import ZaaktypeChecks
from zaakwerk.catalogusbeheer._formaat import (
    BESLUITTYPE,
    CATALOGUS,
    FORMAT,
    INFORMATIEOBJECTTYPE,
    Part,
    join,
    placeholder,
)

TOP_LEVEL = frozenset({"formaat", "catalogus", "informatieobjecttypen", "besluittypen", "zaaktypen"})

__all__ = ["Checker", "Entry", "Existing", "Plan", "ZaaktypeEntry"]


class Checker(ZaaktypeChecks):
    """The whole pass; the generic, selectielijst and zaaktype checks come from its bases."""

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
        plan.informatieobjecttypen = self._types(
            root,
            "informatieobjecttypen",
            INFORMATIEOBJECTTYPE,
            catalogus_url,
            existing.informatieobjecttypen,
            iot_names,
        )
        besluittype_names = Existing.names(existing.besluittypen)

        def besluittype_refs(place: str, values: dict[str, Any]) -> None:
            self._names(
                join(place, "informatieobjecttypen"),
                values.get("informatieobjecttypen"),
                iot_names,
                "informatieobjecttype",
            )

        plan.besluittypen = self._types(
            root, "besluittypen", BESLUITTYPE, catalogus_url, existing.besluittypen, besluittype_names, besluittype_refs
        )

        zaaktypen = self._list("zaaktypen", root.get("zaaktypen"))
        identificaties = Existing.names(existing.zaaktypen) | {
            z["identificatie"] for z in zaaktypen if isinstance(z, dict) and isinstance(z.get("identificatie"), str)
        }
        seen: set[tuple[str, dt.date | None]] = set()
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

    def _types(
        self,
        root: dict[str, Any],
        key: str,
        part: Part,
        catalogus_url: str,
        existing: set[tuple[str, dt.date]],
        names: set[str],
        refs: Callable[[str, dict[str, Any]], None] | None = None,
    ) -> list[Entry]:
        """The informatieobjecttypen or besluittypen of the file (the same checks, by ``omschrijving``); ``names``
        gains each valid one so later entries can refer to it, ``refs`` checks an entry's own references."""
        entries: list[Entry] = []
        seen: set[tuple[str, dt.date | None]] = set()
        for i, raw in enumerate(self._list(key, root.get(key))):
            place = join(key, i)
            entry = self._entry(place, part, raw)
            if entry is None:
                continue
            concept = self._concept(place, entry)
            values = {**entry, "catalogus": catalogus_url}
            if self._validate(place, part, values):
                self._version(place, "omschrijving", values, seen, existing)
                names.add(values["omschrijving"])
                if refs is not None:
                    refs(place, values)
            entries.append(Entry(place, values, concept))
        return entries

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
