"""Field types and enumerations of the Catalogi API, shared by the input schemas."""

from __future__ import annotations

import re
from enum import StrEnum
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


class Vertrouwelijkheidaanduiding(StrEnum):
    openbaar = "openbaar"
    beperkt_openbaar = "beperkt_openbaar"
    intern = "intern"
    zaakvertrouwelijk = "zaakvertrouwelijk"
    vertrouwelijk = "vertrouwelijk"
    confidentieel = "confidentieel"
    geheim = "geheim"
    zeer_geheim = "zeer_geheim"


class IndicatieInternOfExtern(StrEnum):
    intern = "intern"
    extern = "extern"


class AardRelatie(StrEnum):
    vervolg = "vervolg"
    bijdrage = "bijdrage"
    onderwerp = "onderwerp"


class RolOmschrijvingGeneriek(StrEnum):
    adviseur = "adviseur"
    behandelaar = "behandelaar"
    belanghebbende = "belanghebbende"
    beslisser = "beslisser"
    initiator = "initiator"
    klantcontacter = "klantcontacter"
    zaakcoordinator = "zaakcoordinator"
    mede_initiator = "mede_initiator"


class Archiefnominatie(StrEnum):
    blijvend_bewaren = "blijvend_bewaren"
    vernietigen = "vernietigen"
    leeg = ""


class Afleidingswijze(StrEnum):
    afgehandeld = "afgehandeld"
    ander_datumkenmerk = "ander_datumkenmerk"
    eigenschap = "eigenschap"
    gerelateerde_zaak = "gerelateerde_zaak"
    hoofdzaak = "hoofdzaak"
    ingangsdatum_besluit = "ingangsdatum_besluit"
    termijn = "termijn"
    vervaldatum_besluit = "vervaldatum_besluit"
    zaakobject = "zaakobject"


class Objecttype(StrEnum):
    adres = "adres"
    besluit = "besluit"
    buurt = "buurt"
    enkelvoudig_document = "enkelvoudig_document"
    gemeente = "gemeente"
    gemeentelijke_openbare_ruimte = "gemeentelijke_openbare_ruimte"
    huishouden = "huishouden"
    inrichtingselement = "inrichtingselement"
    kadastrale_onroerende_zaak = "kadastrale_onroerende_zaak"
    kunstwerkdeel = "kunstwerkdeel"
    maatschappelijke_activiteit = "maatschappelijke_activiteit"
    medewerker = "medewerker"
    natuurlijk_persoon = "natuurlijk_persoon"
    niet_natuurlijk_persoon = "niet_natuurlijk_persoon"
    openbare_ruimte = "openbare_ruimte"
    organisatorische_eenheid = "organisatorische_eenheid"
    pand = "pand"
    spoorbaandeel = "spoorbaandeel"
    status = "status"
    terreindeel = "terreindeel"
    terrein_gebouwd_object = "terrein_gebouwd_object"
    vestiging = "vestiging"
    waterdeel = "waterdeel"
    wegdeel = "wegdeel"
    wijk = "wijk"
    woonplaats = "woonplaats"
    woz_deelobject = "woz_deelobject"
    woz_object = "woz_object"
    woz_waarde = "woz_waarde"
    zakelijk_recht = "zakelijk_recht"
    overige = "overige"
    leeg = ""


class Formaat(StrEnum):
    tekst = "tekst"
    getal = "getal"
    datum = "datum"
    datum_tijd = "datum_tijd"


class Richting(StrEnum):
    inkomend = "inkomend"
    intern = "intern"
    uitgaand = "uitgaand"
