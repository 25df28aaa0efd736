"""Symbolic selectielijst and referentielijsten references in an import file ({jaar, nummer}, a
volledigNummer, a generic omschrijving) checked and made URLs; kept apart because they depend on the
Referentielijsten settings, not on the rest of the file."""

from __future__ import annotations

import uuid
from typing import Any

from zaakwerk.catalogusbeheer._controle_basis import CheckerBase
from zaakwerk.referentielijsten.service import (
    find_procestype,
    find_resultaat,
    find_resultaattypeomschrijving,
    own_url,
    resolve,
    resolve_local,
)


class SelectielijstChecks(CheckerBase):
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
