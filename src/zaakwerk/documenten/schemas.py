"""Request bodies of the Documenten API (camelCase on the wire, snake_case in Python)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from zaakwerk.core.zgw.fields import INPUT_CONFIG, Rsin, Url, Url200

# One Literal with the blank value (not a union with Literal[""]), so a wrong value is one error on the field.
Vertrouwelijkheid = Literal[
    "",
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
]
Status = Literal["", "in_bewerking", "ter_vaststelling", "definitief", "gearchiveerd"]
Algoritme = Literal[
    "", "crc_16", "crc_32", "crc_64", "fletcher_4", "fletcher_8", "fletcher_16", "fletcher_32", "hmac", "md5", "sha_1",
    "sha_256", "sha_512", "sha_3",
]  # fmt: skip
ObjectType = Literal["besluit", "zaak", "verzoek"]


def _link(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        raise ValueError("Voer een geldige URL in.")
    return value


class Ondertekening(BaseModel):
    model_config = INPUT_CONFIG

    # Empty soort and datum: "not signed" (what clients send when they fill every field).
    soort: Literal["analoog", "digitaal", "pki", ""] = ""
    datum: dt.date | None = None


class Integriteit(BaseModel):
    model_config = INPUT_CONFIG

    algoritme: Algoritme = ""
    waarde: str = Field("", max_length=128)
    datum: dt.date | None = None


class EnkelvoudigInformatieObjectIn(BaseModel):
    """POST body (``EnkelvoudigInformatieObjectCreateLockRequest``); PUT adds ``lock``."""

    model_config = INPUT_CONFIG

    identificatie: str = Field("", max_length=40)
    bronorganisatie: Rsin
    creatiedatum: dt.date
    titel: str = Field(min_length=1, max_length=200)
    vertrouwelijkheidaanduiding: Vertrouwelijkheid = ""
    is_gereed_voor_publicatie: bool | None = None
    tonen_aan_initiator: bool = False
    auteur: str = Field(min_length=1, max_length=200)
    status: Status = ""
    inhoud_is_vervallen: bool | None = None
    formaat: str = Field("", max_length=255)
    taal: str = Field(min_length=3, max_length=3)
    bestandsnaam: str = Field("", max_length=255)
    # Base64 content; None keeps the current content on an update.
    inhoud: str | None = None
    bestandsomvang: int | None = Field(None, ge=0)
    link: Annotated[str, Field(max_length=200), AfterValidator(_link)] = ""
    beschrijving: str = Field("", max_length=1000)
    ontvangstdatum: dt.date | None = None
    verzenddatum: dt.date | None = None
    indicatie_gebruiksrecht: bool | None = None
    verschijningsvorm: str = ""
    ondertekening: Ondertekening | None = None
    integriteit: Integriteit | None = None
    informatieobjecttype: Url200
    trefwoorden: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list)


class EnkelvoudigInformatieObjectUpdate(EnkelvoudigInformatieObjectIn):
    """PUT body (``EnkelvoudigInformatieObjectWithLockRequest``): the full resource and the lock id (drc-009)."""

    lock: str = Field(min_length=1, max_length=100)


class UnlockIn(BaseModel):
    model_config = INPUT_CONFIG

    lock: str = Field("", max_length=100)


class ObjectInformatieObjectIn(BaseModel):
    model_config = INPUT_CONFIG

    informatieobject: Url
    object: Url
    object_type: ObjectType


class GebruiksrechtenIn(BaseModel):
    model_config = INPUT_CONFIG

    informatieobject: Url
    startdatum: dt.datetime
    einddatum: dt.datetime | None = None
    omschrijving_voorwaarden: str = Field(min_length=1)
