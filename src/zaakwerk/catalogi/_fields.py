"""Field types and enumerations of the Catalogi API, shared by the input schemas."""

from __future__ import annotations

from enum import StrEnum

from zaakwerk.core.zgw.fields import INPUT_CONFIG, Duration, Email, Rsin, Url, Url200

__all__ = ["INPUT_CONFIG", "Duration", "Email", "Rsin", "Url", "Url200"]


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
