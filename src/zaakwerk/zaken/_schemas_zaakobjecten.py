"""Input shapes of /zaakobjecten (camelCase on the wire). ``objectIdentificatie`` is checked per ``objectType``
against the spec's schema by the service (:mod:`zaakwerk.zaken._identificatie_check`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, Field

from zaakwerk.core.zgw.fields import INPUT_CONFIG, Url
from zaakwerk.zaken._identificatie_schemas import OBJECT_IDENTIFICATIE
from zaakwerk.zaken._schemas_rollen import OptionalUrl

# The 31 values of the spec's ObjectTypeEnum, in its order.
ObjectType = StrEnum("ObjectType", [(name, name) for name in OBJECT_IDENTIFICATIE])  # type: ignore[misc]


class _In(BaseModel):
    model_config = INPUT_CONFIG


class ObjectTypeOverigeDefinitieIn(_In):
    url: Url
    schema_: str = Field(max_length=100, alias="schema")
    object_data: str = Field(max_length=100)


class ZaakObjectIn(_In):
    zaak: Url
    object: OptionalUrl | None = None
    zaakobjecttype: OptionalUrl | None = None
    object_type: ObjectType
    object_type_overige: Annotated[str, Field(max_length=100, pattern=r"^([a-z_]+)?$")] = ""
    object_type_overige_definitie: ObjectTypeOverigeDefinitieIn | None = None
    relatieomschrijving: str = Field("", max_length=80)
    # Checked against the schema of ``object_type`` by the service.
    object_identificatie: dict[str, Any] | None = None
