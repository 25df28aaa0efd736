"""Builds the identificatie schema tables that ``zaakwerk.zaken._identificatie_schemas`` loads
(``src/zaakwerk/zaken/data/identificatie.json``) from the VNG spec file.

``python -m tests.zaken.zaakobject_schema_table`` rewrites the data file; ``test_zaakobjecten_types.py`` fails when
the committed tables and the spec differ.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "src" / "zaakwerk" / "specs" / "zaken-api-1.7.0.yaml"
DATA = ROOT / "src" / "zaakwerk" / "zaken" / "data" / "identificatie.json"
_KEEP = ("type", "maxLength", "minLength", "minimum", "maximum", "pattern", "nullable", "additionalProperties")


def _resolve(schemas: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return _resolve(schemas, schemas[node["$ref"].rsplit("/", 1)[-1]])
    out: dict[str, Any] = {k: node[k] for k in _KEEP if k in node}
    for part in node.get("allOf", ()):
        out.update(_resolve(schemas, part))
    if "oneOf" in node:
        # The spec writes "an enum value or blank" as oneOf [XEnum, BlankEnum]: one enum of all values.
        values: list[Any] = []
        for part in node["oneOf"]:
            values.extend(_resolve(schemas, part).get("enum", []))
        out["type"] = "string"
        out["enum"] = values
    if "enum" in node:
        out["enum"] = list(node["enum"])
    if "properties" in node:
        out["type"] = "object"
        out["properties"] = {name: _resolve(schemas, prop) for name, prop in node["properties"].items()}
        out["required"] = list(node.get("required", []))
    if "items" in node:
        out["items"] = _resolve(schemas, node["items"])
    if isinstance(out.get("additionalProperties"), dict):
        out["additionalProperties"] = True
    return out


def _identificatie(schemas: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for kind, ref in mapping.items():
        parts = schemas[ref.rsplit("/", 1)[-1]]["allOf"]
        found = None
        for part in parts[1:]:
            holder = schemas[part["$ref"].rsplit("/", 1)[-1]]
            # Some zaakobject types name the Rol* holder (``betrokkeneIdentificatie``): a spec slip, the field of a
            # zaakobject is ``objectIdentificatie`` whatever the holder calls it.
            (prop,) = holder["properties"].values()
            found = _resolve(schemas, prop)
        table[kind] = found
    return table


def build() -> tuple[dict[str, Any], dict[str, Any]]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    schemas = spec["components"]["schemas"]
    objects = _identificatie(schemas, schemas["ZaakObject"]["discriminator"]["mapping"])
    betrokkenen = _identificatie(schemas, schemas["Rol"]["discriminator"]["mapping"])
    return objects, betrokkenen


def render() -> str:
    objects, betrokkenen = build()
    data = {"objectIdentificatie": objects, "betrokkeneIdentificatie": betrokkenen}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    DATA.write_text(render(), encoding="utf-8")
