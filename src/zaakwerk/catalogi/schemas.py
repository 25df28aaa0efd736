"""Input shapes of the Catalogi API 1.3.3 (camelCase on the wire, snake_case for Python callers).

Only what a client may write is here; read-only fields in a request are ignored. References to other catalogue
objects are URLs (``catalogus``, ``zaaktype``, ``statustype``, ``eigenschappen``) or, where the 1.3 history model
says so, names: besluittypen and informatieobjecttypen by ``omschrijving``, deelzaaktypen and gerelateerde
zaaktypen by ``identificatie``. For clients written against earlier versions a URL of such a type is accepted too
and stored as its name.

``beginObject``/``eindeObject`` are derived from all versions (first begin, last end) and therefore not read
from input. Responses are rendered from the database by the read queries (``_read_*.py``), not by these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field

from zaakwerk.catalogi._fields import (
    INPUT_CONFIG,
    AardRelatie,
    Afleidingswijze,
    Archiefnominatie,
    Duration,
    Email,
    Formaat,
    IndicatieInternOfExtern,
    Objecttype,
    Richting,
    RolOmschrijvingGeneriek,
    Rsin,
    Url,
    Url200,
    Vertrouwelijkheidaanduiding,
)

Str30 = Annotated[str, Field(max_length=30)]
Str40 = Annotated[str, Field(max_length=40)]
Str100 = Annotated[str, Field(max_length=100)]
UrlItem = Annotated[str, Field(max_length=1000)]


class _In(BaseModel):
    model_config = INPUT_CONFIG


class _Geldigheid(_In):
    """Geldigheid of a type that belongs to a zaaktype: derived from the zaaktype, checked when given."""

    begin_geldigheid: dt.date | None = None
    einde_geldigheid: dt.date | None = None


class CatalogusIn(_In):
    domein: str = Field(max_length=5, min_length=1)
    rsin: Rsin
    contactpersoon_beheer_naam: str = Field(max_length=40, min_length=1)
    contactpersoon_beheer_telefoonnummer: str = Field("", max_length=20)
    contactpersoon_beheer_emailadres: Email = ""
    naam: str | None = Field(None, max_length=200)
    versie: str | None = Field(None, max_length=20)
    begindatum_versie: dt.date | None = None


class ReferentieProcesIn(_In):
    naam: str = Field(max_length=80)
    link: Url200 | None = None


class BronCatalogusIn(_In):
    url: Url200
    domein: str = Field(max_length=5)
    rsin: str = Field(max_length=9)


class BronZaaktypeIn(_In):
    url: Url200
    identificatie: str = Field(max_length=50)
    omschrijving: str = Field(max_length=80)


class ZaakTypenRelatieIn(_In):
    zaaktype: str = Field(max_length=1000, min_length=1)
    aard_relatie: AardRelatie
    toelichting: str = Field("", max_length=255)


class ZaakTypeIn(_In):
    identificatie: str = Field(max_length=50, min_length=1)
    omschrijving: str = Field(max_length=80, min_length=1)
    omschrijving_generiek: str = Field("", max_length=80)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    doel: str
    aanleiding: str
    toelichting: str = ""
    indicatie_intern_of_extern: IndicatieInternOfExtern
    handeling_initiator: str = Field(max_length=20)
    onderwerp: str = Field(max_length=80)
    handeling_behandelaar: str = Field(max_length=20)
    doorlooptijd: Duration
    servicenorm: Duration | None = None
    opschorting_en_aanhouding_mogelijk: bool
    verlenging_mogelijk: bool
    verlengingstermijn: Duration | None = None
    trefwoorden: list[Str30] = []
    publicatie_indicatie: bool
    publicatietekst: str = ""
    verantwoordingsrelatie: list[Str40] = []
    producten_of_diensten: list[Url]
    selectielijst_procestype: Annotated[str, Field(max_length=200)] = ""
    referentieproces: ReferentieProcesIn
    verantwoordelijke: str = Field(max_length=50)
    broncatalogus: BronCatalogusIn | None = None
    bronzaaktype: BronZaaktypeIn | None = None
    catalogus: Url
    besluittypen: list[UrlItem]
    deelzaaktypen: list[UrlItem] = []
    gerelateerde_zaaktypen: list[ZaakTypenRelatieIn]
    begin_geldigheid: dt.date
    einde_geldigheid: dt.date | None = None
    versiedatum: dt.date | None = None


class CheckListItemIn(_In):
    itemnaam: str = Field(max_length=30)
    toelichting: str | None = Field(None, max_length=1000)
    vraagstelling: str = Field(max_length=255)
    verplicht: bool = False


class StatusTypeIn(_Geldigheid):
    omschrijving: str = Field(max_length=80, min_length=1)
    omschrijving_generiek: str = Field("", max_length=80)
    statustekst: str = Field("", max_length=1000)
    zaaktype: Url
    volgnummer: int = Field(ge=1, le=9999)
    informeren: bool = False
    doorlooptijd: Duration | None = None
    toelichting: str | None = Field(None, max_length=1000)
    checklistitem_statustype: list[CheckListItemIn] = []
    eigenschappen: list[Url] = []


class RolTypeIn(_Geldigheid):
    zaaktype: Url
    omschrijving: str = Field(max_length=100, min_length=1)
    omschrijving_generiek: RolOmschrijvingGeneriek
    catalogus: Url | None = None


class BrondatumArchiefprocedureIn(_In):
    afleidingswijze: Afleidingswijze
    datumkenmerk: str = Field("", max_length=80)
    einddatum_bekend: bool = False
    objecttype: Objecttype = Objecttype.leeg
    registratie: str = Field("", max_length=80)
    procestermijn: Duration | None = None


class ResultaatTypeIn(_Geldigheid):
    zaaktype: Url
    omschrijving: str = Field(max_length=30, min_length=1)
    resultaattypeomschrijving: Url
    selectielijstklasse: Url
    toelichting: str = ""
    archiefnominatie: Archiefnominatie | None = None
    archiefactietermijn: Duration | None = None
    brondatum_archiefprocedure: BrondatumArchiefprocedureIn | None = None
    procesobjectaard: str | None = Field(None, max_length=200)
    catalogus: Url | None = None
    indicatie_specifiek: bool | None = None
    procestermijn: Duration | None = None
    besluittypen: list[UrlItem] = []
    informatieobjecttypen: list[UrlItem] = []


class EigenschapSpecificatieIn(_In):
    groep: str = Field("", max_length=32)
    formaat: Formaat
    lengte: str = Field(max_length=14, min_length=1)
    kardinaliteit: str = Field(max_length=3, min_length=1)
    waardenverzameling: list[Str100] = []


class EigenschapIn(_Geldigheid):
    naam: str = Field(max_length=20, min_length=1)
    definitie: str = Field(max_length=255)
    specificatie: EigenschapSpecificatieIn
    toelichting: str = Field("", max_length=1000)
    zaaktype: Url
    statustype: Url | None = None


class InformatieObjectTypeOmschrijvingGeneriekIn(_In):
    informatieobjecttype_omschrijving_generiek: str = Field(max_length=80)
    definitie_informatieobjecttype_omschrijving_generiek: str = Field(max_length=255)
    herkomst_informatieobjecttype_omschrijving_generiek: str = Field(max_length=12)
    hierarchie_informatieobjecttype_omschrijving_generiek: str = Field(max_length=80)
    opmerking_informatieobjecttype_omschrijving_generiek: str | None = Field(None, max_length=255)


class InformatieObjectTypeIn(_In):
    catalogus: Url
    omschrijving: str = Field(max_length=80, min_length=1)
    vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding
    begin_geldigheid: dt.date
    einde_geldigheid: dt.date | None = None
    informatieobjectcategorie: str = Field(max_length=80, min_length=1)
    trefwoord: list[Str30] = []
    omschrijving_generiek: InformatieObjectTypeOmschrijvingGeneriekIn | None = None


class BesluitTypeIn(_In):
    catalogus: Url
    omschrijving: str = Field("", max_length=80)
    omschrijving_generiek: str = Field("", max_length=80)
    besluitcategorie: str = Field("", max_length=40)
    reactietermijn: Duration | None = None
    publicatie_indicatie: bool
    publicatietekst: str = ""
    publicatietermijn: Duration | None = None
    toelichting: str = ""
    informatieobjecttypen: list[UrlItem]
    begin_geldigheid: dt.date
    einde_geldigheid: dt.date | None = None


class ZaakTypeInformatieObjectTypeIn(_In):
    zaaktype: Url
    informatieobjecttype: str = Field(max_length=1000, min_length=1)
    volgnummer: int = Field(ge=1, le=999)
    richting: Richting
    statustype: Url | None = None


class ZaakObjectTypeIn(_Geldigheid):
    ander_objecttype: bool
    objecttype: Url200
    relatie_omschrijving: str = Field(max_length=80)
    zaaktype: Url
    catalogus: Url
