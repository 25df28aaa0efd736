"""Input shapes of the Zaken API 1.7.0 (camelCase on the wire, snake_case for Python callers).

Only what a client may write is here; read-only fields in a request (``url``, ``einddatum``, ``deelzaken``, ...)
are ignored, as the reference implementation does. References are URLs; the services resolve them. Gegevensgroepen
(``verlenging``, ``opschorting``, ``processobject``) are all-or-nothing: ``null`` or absent means no value, an
object must carry every required field (zrc-012). Responses are rendered from the database (``_read_zaken``),
not by these models.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from zaakwerk.core import duur
from zaakwerk.core.ids import elfproef
from zaakwerk.zaken import _geometrie

INPUT_CONFIG = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def _url(value: str) -> str:
    if not _URL_RE.match(value):
        raise ValueError("Voer een geldige URL in.")
    return value


def _url_or_blank(value: str) -> str:
    return _url(value) if value else value


def _rsin(value: str) -> str:
    if not elfproef(value):
        raise ValueError("Onjuist RSIN: het moet 9 cijfers zijn en de 11-proef doorstaan.")
    return value


def _rsin_or_blank(value: str) -> str:
    return _rsin(value) if value else value


def _duration(value: str) -> str:
    if not duur.is_geldig(value):
        raise ValueError("Ongeldige duur: gebruik ISO 8601, bijvoorbeeld P10D of P2W.")
    return value


def _geometry(value: dict[str, Any]) -> dict[str, Any]:
    try:
        return _geometrie.check(value)
    except _geometrie.GeometrieFout as exc:
        raise ValueError(str(exc)) from None


Url = Annotated[str, Field(max_length=1000), AfterValidator(_url)]
UrlOrBlank = Annotated[str, Field(max_length=1000), AfterValidator(_url_or_blank)]
Rsin = Annotated[str, Field(max_length=9), AfterValidator(_rsin)]
RsinOrBlank = Annotated[str, Field(max_length=9), AfterValidator(_rsin_or_blank)]
Duration = Annotated[str, Field(max_length=40), AfterValidator(_duration)]
Geometry = Annotated[dict[str, Any], AfterValidator(_geometry)]


class Vertrouwelijkheidaanduiding(StrEnum):
    openbaar = "openbaar"
    beperkt_openbaar = "beperkt_openbaar"
    intern = "intern"
    zaakvertrouwelijk = "zaakvertrouwelijk"
    vertrouwelijk = "vertrouwelijk"
    confidentieel = "confidentieel"
    geheim = "geheim"
    zeer_geheim = "zeer_geheim"


class Betalingsindicatie(StrEnum):
    leeg = ""
    nvt = "nvt"
    nog_niet = "nog_niet"
    gedeeltelijk = "gedeeltelijk"
    geheel = "geheel"


class Archiefnominatie(StrEnum):
    leeg = ""
    blijvend_bewaren = "blijvend_bewaren"
    vernietigen = "vernietigen"


class Archiefstatus(StrEnum):
    nog_te_archiveren = "nog_te_archiveren"
    gearchiveerd = "gearchiveerd"
    gearchiveerd_procestermijn_onbekend = "gearchiveerd_procestermijn_onbekend"
    overgedragen = "overgedragen"


class AardRelatie(StrEnum):
    vervolg = "vervolg"
    onderwerp = "onderwerp"
    bijdrage = "bijdrage"


class _In(BaseModel):
    model_config = INPUT_CONFIG


class VerlengingIn(_In):
    reden: str = Field(max_length=200)
    duur: Duration


class OpschortingIn(_In):
    indicatie: bool
    reden: str = Field(max_length=200)


class ProcessobjectIn(_In):
    datumkenmerk: str = Field(max_length=250)
    identificatie: str = Field(max_length=250)
    objecttype: str = Field(max_length=250)
    registratie: str = Field(max_length=250)


class RelevanteZaakIn(_In):
    url: Url
    aard_relatie: AardRelatie


class ZaakKenmerkIn(_In):
    kenmerk: str = Field(max_length=40)
    bron: str = Field(max_length=40)


class ZaakIn(_In):
    """A zaak as a client writes it (POST, PUT; PATCH is laid over the current values and validated whole)."""

    identificatie: str = Field("", max_length=40)
    bronorganisatie: Rsin
    omschrijving: str = Field("", max_length=80)
    toelichting: str = Field("", max_length=1000)
    zaaktype: Url
    registratiedatum: dt.date | None = None
    verantwoordelijke_organisatie: Rsin
    startdatum: dt.date
    einddatum_gepland: dt.date | None = None
    uiterlijke_einddatum_afdoening: dt.date | None = None
    publicatiedatum: dt.date | None = None
    communicatiekanaal: UrlOrBlank = ""
    producten_of_diensten: list[Url] = []
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding | None = None
    betalingsindicatie: Betalingsindicatie = Betalingsindicatie.leeg
    laatste_betaaldatum: dt.datetime | None = None
    zaakgeometrie: Geometry | None = None
    verlenging: VerlengingIn | None = None
    opschorting: OpschortingIn | None = None
    selectielijstklasse: UrlOrBlank = ""
    hoofdzaak: Url | None = None
    relevante_andere_zaken: list[RelevanteZaakIn] = []
    kenmerken: list[ZaakKenmerkIn] = []
    archiefnominatie: Archiefnominatie | None = None
    archiefstatus: Archiefstatus = Archiefstatus.nog_te_archiveren
    archiefactiedatum: dt.date | None = None
    opdrachtgevende_organisatie: RsinOrBlank = ""
    processobjectaard: str | None = Field(None, max_length=200)
    startdatum_bewaartermijn: dt.date | None = None
    processobject: ProcessobjectIn | None = None


class ReserveZaakIdentificatieIn(_In):
    bronorganisatie: Rsin
    aantal: int = Field(1, ge=1, le=1000)
