"""The YAML exchange format of a catalogus (``docs/catalogus-yaml.md``): which keys each part has, how a file
entry becomes the Catalogi service's input and back, and the symbolic selectielijst references.

Every part of the file is a Catalogi API 1.3.3 input model (``zaakwerk.catalogi.schemas``) minus the URLs the
import fills in itself, so the format follows the API without a second copy of its fields.
"""

from __future__ import annotations

import types
import uuid
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from zaakwerk.catalogi.schemas import (
    BesluitTypeIn,
    CatalogusIn,
    EigenschapIn,
    InformatieObjectTypeIn,
    ResultaatTypeIn,
    RolTypeIn,
    StatusTypeIn,
    ZaakObjectTypeIn,
    ZaakTypeIn,
    ZaakTypeInformatieObjectTypeIn,
)
from zaakwerk.core.zgw.problem import pydantic_invalid_params

FORMAT = "zaakwerk-catalogus/1"

_GELDIGHEID = frozenset({"beginGeldigheid", "eindeGeldigheid", "beginObject", "eindeObject"})
_OBJECT_DATES = frozenset({"beginObject", "eindeObject"})

CHILDREN = ("statustypen", "roltypen", "resultaattypen", "eigenschappen", "zaakobjecttypen", "informatieobjecttypen")


@dataclass(frozen=True)
class Part:
    """One kind of entry in the file: its input model, the model fields the file leaves out (the import sets
    them) and the keys the file has beyond the model (nested lists, the ``concept`` marker)."""

    name: str
    schema: type[BaseModel]
    exclude: frozenset[str]
    extra: frozenset[str] = frozenset()

    def allowed(self) -> frozenset[str]:
        return (aliases(self.schema) - self.exclude) | self.extra


CATALOGUS = Part("catalogus", CatalogusIn, frozenset())
INFORMATIEOBJECTTYPE = Part(
    "informatieobjecttype", InformatieObjectTypeIn, frozenset({"catalogus"}) | _OBJECT_DATES, frozenset({"concept"})
)
BESLUITTYPE = Part("besluittype", BesluitTypeIn, frozenset({"catalogus"}) | _OBJECT_DATES, frozenset({"concept"}))
ZAAKTYPE = Part("zaaktype", ZaakTypeIn, frozenset({"catalogus"}) | _OBJECT_DATES, frozenset({"concept", *CHILDREN}))
ZAAKTYPE_CHILDREN: dict[str, Part] = {
    "statustypen": Part("statustype", StatusTypeIn, frozenset({"zaaktype", "eigenschappen"}) | _GELDIGHEID),
    "roltypen": Part("roltype", RolTypeIn, frozenset({"zaaktype", "catalogus"}) | _GELDIGHEID),
    "resultaattypen": Part("resultaattype", ResultaatTypeIn, frozenset({"zaaktype", "catalogus"}) | _GELDIGHEID),
    "eigenschappen": Part("eigenschap", EigenschapIn, frozenset({"zaaktype"}) | _GELDIGHEID),
    "zaakobjecttypen": Part("zaakobjecttype", ZaakObjectTypeIn, frozenset({"zaaktype", "catalogus"}) | _GELDIGHEID),
    "informatieobjecttypen": Part(
        "zaaktype-informatieobjecttype", ZaakTypeInformatieObjectTypeIn, frozenset({"zaaktype"})
    ),
}


def aliases(schema: type[BaseModel]) -> frozenset[str]:
    return frozenset(f.alias or name for name, f in schema.model_fields.items())


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an import, at its place in the file (``zaaktypen[2].statustypen[0].volgnummer``)."""

    place: str
    code: str
    reason: str

    def __str__(self) -> str:
        return f"{self.place}: {self.reason}" if self.place else self.reason


def join(place: str, *parts: str | int) -> str:
    for part in parts:
        if isinstance(part, int):
            place = f"{place}[{part}]"
        elif part and part != "nonFieldErrors":
            place = f"{place}.{part}" if place else part
    return place


def validation_problems(place: str, exc: ValidationError) -> list[Problem]:
    """pydantic errors as problems at their place, with the Dutch reasons and ZGW codes of the API."""
    errors = list(exc.errors())
    params = pydantic_invalid_params(errors)
    problems: list[Problem] = []
    for error, param in zip(errors, params, strict=True):
        loc = tuple(p for p in error.get("loc", ()) if isinstance(p, (str, int)))
        problems.append(Problem(join(place, *loc), param.code, param.reason))
    return problems


def unknown_keys(place: str, entry: dict[str, Any], part: Part) -> list[Problem]:
    allowed = part.allowed()
    return [
        Problem(join(place, str(key)), "unknown-field", f"Onbekend veld '{key}' voor een {part.name}.")
        for key in entry
        if key not in allowed
    ]


def placeholder(base_url: str, collection: str) -> str:
    """A syntactically valid URL for a reference that exists only once the import writes (validation pass)."""
    return f"{base_url}/catalogi/api/v1/{collection}/{uuid.UUID(int=0)}"


# --- export: the service's input shape, made readable ------------------------------------------------------------


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model in a field annotation (``X``, ``X | None``, ``list[X]``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def prune(schema: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Leave out what equals the field's default (optional fields only), nested models included: the file
    shows what was configured, not every empty field."""
    fields = {f.alias or name: f for name, f in schema.model_fields.items()}
    out: dict[str, Any] = {}
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            out[key] = value
            continue
        nested = _model_in(field.annotation)
        if nested is not None and isinstance(value, dict):
            value = prune(nested, value)
        elif nested is not None and isinstance(value, list):
            value = [prune(nested, v) if isinstance(v, dict) else v for v in value]
        if not field.is_required():
            default = field.get_default(call_default_factory=True)
            if hasattr(default, "value"):  # enum defaults compare by their value in the dumped data
                default = default.value
            if value == default or value is None:
                continue
        out[key] = value
    return out
