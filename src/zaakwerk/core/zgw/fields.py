"""Field types every ZGW input schema shares: camelCase aliases, URLs, RSINs, e-mail addresses, ISO 8601 durations.

Validation messages are Dutch: they reach API clients as ``invalidParams[].reason``.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

from zaakwerk.core.ids import elfproef

# Unknown and read-only fields are ignored, as the reference implementation does; camelCase on the wire,
# snake_case for Python callers (the catalogue import and the demo loader build these models directly).
INPUT_CONFIG = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

_DURATION_RE = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(?:[.,]\d+)?S)?)?$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _duration(value: str) -> str:
    if not _DURATION_RE.match(value):
        raise ValueError("Ongeldige duur: gebruik ISO 8601, bijvoorbeeld P8W of P1Y2M.")
    return value


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise ValueError("Voer een geldige URL in.")
    return value


def _rsin(value: str) -> str:
    if not elfproef(value):
        raise ValueError("Onjuist RSIN: het moet 9 cijfers zijn en de 11-proef doorstaan.")
    return value


def _email(value: str) -> str:
    if value and not _EMAIL_RE.match(value):
        raise ValueError("Voer een geldig e-mailadres in.")
    return value


Duration = Annotated[str, AfterValidator(_duration)]
Url = Annotated[str, Field(max_length=1000), AfterValidator(_url)]
Url200 = Annotated[str, Field(max_length=200), AfterValidator(_url)]
Rsin = Annotated[str, Field(min_length=9, max_length=9), AfterValidator(_rsin)]
Email = Annotated[str, Field(max_length=254), AfterValidator(_email)]
