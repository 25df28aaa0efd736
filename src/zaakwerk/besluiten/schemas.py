"""Input shapes of the Besluiten API 1.1.0 (camelCase on the wire, snake_case for Python callers).

Only what a client may write is here; read-only fields in a request (``url``, ``vervalredenWeergave``) are ignored,
as the reference implementation does. References are URLs; the services resolve them. Responses are rendered from
the database (``_read``), not by these models.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field

from zaakwerk.core.zgw.fields import INPUT_CONFIG, Rsin, Url, Url200


class Vervalreden(StrEnum):
    tijdelijk = "tijdelijk"
    ingetrokken_overheid = "ingetrokken_overheid"
    ingetrokken_belanghebbende = "ingetrokken_belanghebbende"


VERVALREDEN_WEERGAVE = {
    "tijdelijk": "Besluit met tijdelijke werking",
    "ingetrokken_overheid": "Besluit ingetrokken door overheid",
    "ingetrokken_belanghebbende": "Besluit ingetrokken o.v.v. belanghebbende",
}


def _blank_is_none(value: Any) -> Any:
    # Clients of other implementations send "" for "no vervalreden"; the 1.1.0 enum has no blank value.
    return None if value == "" else value


class BesluitIn(BaseModel):
    """A besluit as POST and PUT send it (PATCH lays its fields over the current ones first)."""

    model_config = INPUT_CONFIG

    identificatie: Annotated[str, Field(max_length=50)] = ""
    verantwoordelijke_organisatie: Rsin
    besluittype: Url200
    # Empty or null: the besluit belongs to no zaak.
    zaak: Annotated[str, Field(max_length=200)] | None = None
    datum: dt.date
    toelichting: str = ""
    bestuursorgaan: Annotated[str, Field(max_length=50)] = ""
    ingangsdatum: dt.date
    vervaldatum: dt.date | None = None
    vervalreden: Annotated[Vervalreden | None, BeforeValidator(_blank_is_none)] = None
    publicatiedatum: dt.date | None = None
    verzenddatum: dt.date | None = None
    uiterlijke_reactiedatum: dt.date | None = None


class BesluitInformatieObjectIn(BaseModel):
    model_config = INPUT_CONFIG

    informatieobject: Url
    besluit: Url
