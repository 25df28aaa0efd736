"""The ``waarde`` of a zaakeigenschap against its eigenschap's ``specificatie`` (formaat, lengte,
waardenverzameling; kardinaliteit is counted by the service).

- ``tekst``: at most ``lengte`` characters.
- ``getal``: an optional minus, digits and an optional decimal part (``.`` or ``,``); ``lengte`` ``n`` or ``n,d``
  allows at most ``n`` digits in all, of which at most ``d`` decimals (none when ``d`` is absent).
- ``datum``: ``JJJJMMDD`` (lengte 8, as the catalogue defines it); ``JJJJ-MM-DD`` is accepted too.
- ``datum_tijd``: ``JJJJMMDDuummss`` (lengte 14); an ISO 8601 date-time is accepted too.
- a non-empty ``waardenverzameling``: the waarde is one of its values.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from zaakwerk.core.errors import Invalid

_GETAL = re.compile(r"^-?(\d+)(?:[.,](\d+))?$")
NAME = "waarde"


def _datum(waarde: str) -> bool:
    for form in ("%Y%m%d", "%Y-%m-%d"):
        try:
            dt.datetime.strptime(waarde, form)
        except ValueError:
            continue
        return True
    return False


def _datum_tijd(waarde: str) -> bool:
    try:
        dt.datetime.strptime(waarde, "%Y%m%d%H%M%S")
    except ValueError:
        pass
    else:
        return True
    try:
        dt.datetime.fromisoformat(waarde.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in waarde or " " in waarde


def _getal(waarde: str, lengte: str, inv: Invalid) -> None:
    match = _GETAL.match(waarde)
    if match is None:
        inv.add(NAME, "invalid-getal", "De waarde moet een getal zijn (bijvoorbeeld 12 of 12,50).")
        return
    digits, decimals = match.group(1), match.group(2) or ""
    total, _, allowed = lengte.replace(".", ",").partition(",")
    if total.strip().isdigit() and len(digits.lstrip("0") or "0") + len(decimals) > int(total):
        inv.add(NAME, "max_length", f"Het getal mag niet meer dan {int(total)} cijfers hebben.")
    max_decimals = int(allowed) if allowed.strip().isdigit() else 0
    if len(decimals) > max_decimals:
        inv.add(NAME, "invalid-getal", f"Het getal mag niet meer dan {max_decimals} decimalen hebben.")


def check_waarde(waarde: str, specificatie: dict[str, Any], inv: Invalid) -> None:
    """Problems of ``waarde`` are added to ``inv`` under ``waarde``."""
    formaat = specificatie.get("formaat", "tekst")
    lengte = str(specificatie.get("lengte", "")).strip()
    if formaat == "tekst":
        if lengte.isdigit() and len(waarde) > int(lengte):
            inv.add(NAME, "max_length", f"De waarde mag niet meer dan {lengte} tekens bevatten.")
    elif formaat == "getal":
        _getal(waarde, lengte, inv)
    elif formaat == "datum" and not _datum(waarde):
        inv.add(NAME, "invalid-datum", "De waarde moet een datum zijn: JJJJMMDD.")
    elif formaat == "datum_tijd" and not _datum_tijd(waarde):
        inv.add(NAME, "invalid-datum-tijd", "De waarde moet een datum-tijd zijn: JJJJMMDDuummss.")
    verzameling = specificatie.get("waardenverzameling") or []
    if verzameling and waarde not in verzameling:
        keuzes = ", ".join(f"'{v}'" for v in verzameling)
        inv.add(NAME, "invalid_choice", f"De waarde moet een van deze zijn: {keuzes}.")
