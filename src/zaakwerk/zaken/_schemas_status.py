"""Request bodies of /statussen and /resultaten (camelCase on the wire, snake_case for Python callers)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from zaakwerk.catalogi._fields import INPUT_CONFIG, Url
from zaakwerk.core import clock


class StatusIn(BaseModel):
    model_config = INPUT_CONFIG

    zaak: Url
    statustype: Url
    datum_status_gezet: dt.datetime
    statustoelichting: str = Field("", max_length=1000)
    # The spec gives gezetdoor 200 characters; an empty string means "not given", as the reference does.
    gezetdoor: str | None = Field(None, max_length=200)

    @field_validator("datum_status_gezet")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        # A time without offset is Dutch local time: that is what a municipality's client means by it.
        return value.replace(tzinfo=clock.NL) if value.tzinfo is None else value

    @field_validator("statustoelichting", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return "" if value is None else value


class ResultaatIn(BaseModel):
    model_config = INPUT_CONFIG

    zaak: Url
    resultaattype: Url
    toelichting: str = Field("", max_length=1000)

    @field_validator("toelichting", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return "" if value is None else value
