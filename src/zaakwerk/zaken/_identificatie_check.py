"""Checks a polymorphic part (``betrokkeneIdentificatie`` of a rol, ``objectIdentificatie`` of a zaakobject)
against the spec's schema for its type (:mod:`zaakwerk.zaken._identificatie_schemas`).

Only the keywords those schemas use are understood: type, properties, required, nullable, enum, maxLength,
minLength, pattern, minimum, maximum, items, additionalProperties. Unknown properties are dropped (as everywhere
in this API's input); the cleaned value is what is stored and rendered.
"""

from __future__ import annotations

import re
from typing import Any

from zaakwerk.core.errors import Invalid

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "boolean": (bool,),
}
_TYPE_NAMES = {"string": "tekst", "object": "object", "array": "lijst", "integer": "geheel getal", "boolean": "boolean"}


def clean(value: Any, schema: dict[str, Any], name: str, inv: Invalid) -> Any:
    """``value`` checked against ``schema``; problems are added to ``inv`` under ``name`` (dotted paths)."""
    if value is None:
        if not schema.get("nullable"):
            inv.add(name, "null", "Dit veld mag niet leeg zijn.")
        return None
    kind = schema.get("type")
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            inv.add(name, "invalid", "Een geheel getal is vereist.")
            return None
    elif kind is not None and not isinstance(value, _TYPES[kind]):
        inv.add(name, "invalid", f"Verwacht: {_TYPE_NAMES.get(kind, kind)}.")
        return None
    if kind == "object":
        return _clean_object(value, schema, name, inv)
    if kind == "array":
        return [clean(item, schema.get("items", {}), f"{name}.{i}", inv) for i, item in enumerate(value)]
    _check_scalar(value, schema, name, inv)
    return value


def _clean_object(value: dict[str, Any], schema: dict[str, Any], name: str, inv: Invalid) -> dict[str, Any]:
    properties: dict[str, Any] | None = schema.get("properties")
    if properties is None:
        return value  # free-form (``overigeData``)
    for required in schema.get("required", ()):
        if required not in value:
            inv.add(f"{name}.{required}", "required", "Dit veld is vereist.")
    out: dict[str, Any] = {}
    for key, sub in properties.items():
        if key in value:
            out[key] = clean(value[key], sub, f"{name}.{key}", inv)
    if schema.get("additionalProperties"):
        out.update({k: v for k, v in value.items() if k not in properties})
    return out


def _check_scalar(value: Any, schema: dict[str, Any], name: str, inv: Invalid) -> None:
    if "enum" in schema and value not in schema["enum"]:
        inv.add(name, "invalid_choice", f"'{value}' is geen geldige keuze.")
    if isinstance(value, str):
        if (limit := schema.get("maxLength")) is not None and len(value) > limit:
            inv.add(name, "max_length", f"Zorg ervoor dat dit veld niet meer dan {limit} tekens bevat.")
        if (limit := schema.get("minLength")) is not None and len(value) < limit:
            inv.add(name, "min_length", f"Zorg ervoor dat dit veld minstens {limit} tekens bevat.")
        if (pattern := schema.get("pattern")) is not None and value and not re.search(pattern, value):
            inv.add(name, "invalid", "De waarde heeft niet het juiste formaat.")
    if isinstance(value, int) and not isinstance(value, bool):
        if (low := schema.get("minimum")) is not None and value < low:
            inv.add(name, "min_value", f"Zorg ervoor dat deze waarde groter of gelijk is aan {low}.")
        if (high := schema.get("maximum")) is not None and value > high:
            inv.add(name, "max_value", f"Zorg ervoor dat deze waarde kleiner of gelijk is aan {high}.")
