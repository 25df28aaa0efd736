"""Request bodies of /klantcontacten, /zaakcontactmomenten, /zaakverzoeken, /zaaknotities,
/zaakinformatieobjecten and /zaken/{zaak_uuid}/besluiten (camelCase on the wire, snake_case for Python callers).

Read-only fields in a request (``url``, ``uuid``, ``aardRelatieWeergave``, ``registratiedatum``, ``aanmaakdatum``,
``wijzigingsdatum``) are ignored, as the reference implementation does.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, Field, field_validator

from zaakwerk.core import clock
from zaakwerk.core.zgw.fields import INPUT_CONFIG, Url


def _utc(value: dt.datetime) -> dt.datetime:
    # A time without offset is Dutch local time (what a municipality's client means); stored as UTC.
    aware = value.replace(tzinfo=clock.NL) if value.tzinfo is None else value
    return aware.astimezone(dt.UTC)


class _In(BaseModel):
    model_config = INPUT_CONFIG


class KlantContactIn(_In):
    zaak: Url
    identificatie: str = Field("", max_length=14)
    datumtijd: dt.datetime
    kanaal: str = Field("", max_length=20)
    onderwerp: str = Field("", max_length=200)
    toelichting: str = Field("", max_length=1000)

    @field_validator("datumtijd")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        return _utc(value)


class ZaakContactMomentIn(_In):
    zaak: Url
    contactmoment: Url


class ZaakVerzoekIn(_In):
    zaak: Url
    verzoek: Url


class NotitieType(StrEnum):
    intern = "intern"
    extern = "extern"


class NotitieStatus(StrEnum):
    concept = "concept"
    definitief = "definitief"


class ZaakNotitieIn(_In):
    gerelateerd_aan: Url
    onderwerp: str = Field(min_length=1, max_length=255)
    tekst: str = Field(min_length=1)
    # Empty: the service fills in who is writing (the token's user, else the applicatie).
    aangemaakt_door: str = Field("", max_length=255)
    notitie_type: NotitieType = NotitieType.intern
    status: NotitieStatus = NotitieStatus.concept


class ZaakInformatieObjectIn(_In):
    informatieobject: Url
    zaak: Url
    titel: str = Field("", max_length=200)
    beschrijving: str = ""
    vernietigingsdatum: dt.datetime | None = None
    status: Url | None = None

    @field_validator("vernietigingsdatum")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        return None if value is None else _utc(value)


class ZaakBesluitIn(_In):
    besluit: Url
