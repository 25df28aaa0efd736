"""Tables of the Catalogi API (ImZTC 2.2 as the Catalogi API 1.3.3 exposes it).

Every table carries the owning organisation's RSIN (copied from the catalogus) so catalogue data can later be
distributed by organisation. Relations that the standard makes version-independent (zaaktype → besluittype,
zaaktype → informatieobjecttype, besluittype → informatieobjecttype, deelzaaktypen, gerelateerde zaaktypen) are
stored by *name* (omschrijving / identificatie), exactly as the 1.3 history model defines them; the URLs in
responses are resolved at read time to the version valid on the requested date.

Geldigheid of the types that belong to one zaaktype version (statustype, roltype, ...) is that of the zaaktype and
is therefore not stored on them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zaakwerk.core.db import Base
from zaakwerk.core.ids import new_uuid


class Catalogus(Base):
    __tablename__ = "ztc_catalogus"
    __table_args__ = (UniqueConstraint("domein", "rsin"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9), index=True)
    domein: Mapped[str] = mapped_column(String(5), index=True)
    contactpersoon_beheer_naam: Mapped[str] = mapped_column(String(40))
    contactpersoon_beheer_telefoonnummer: Mapped[str] = mapped_column(String(20), default="")
    contactpersoon_beheer_emailadres: Mapped[str] = mapped_column(String(254), default="")
    naam: Mapped[str | None] = mapped_column(String(200), default=None)
    versie: Mapped[str | None] = mapped_column(String(20), default=None)
    begindatum_versie: Mapped[dt.date | None] = mapped_column(Date, default=None)


class _Versioned:
    """Geldigheid of a versioned type (zaaktype, informatieobjecttype, besluittype)."""

    begin_geldigheid: Mapped[dt.date] = mapped_column(Date, index=True)
    einde_geldigheid: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # Derived over all versions with the same name (first begin, last end); kept current by the service.
    begin_object: Mapped[dt.date | None] = mapped_column(Date, default=None)
    einde_object: Mapped[dt.date | None] = mapped_column(Date, default=None)
    concept: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class ZaakType(_Versioned, Base):
    __tablename__ = "ztc_zaaktype"
    __table_args__ = (Index("ix_ztc_zaaktype_cat_ident", "catalogus_id", "identificatie"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    catalogus_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_catalogus.id", ondelete="CASCADE"))
    rsin: Mapped[str] = mapped_column(String(9), index=True)
    identificatie: Mapped[str] = mapped_column(String(50))
    omschrijving: Mapped[str] = mapped_column(String(80))
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    doel: Mapped[str] = mapped_column(Text)
    aanleiding: Mapped[str] = mapped_column(Text)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    indicatie_intern_of_extern: Mapped[str] = mapped_column(String(6))
    handeling_initiator: Mapped[str] = mapped_column(String(20))
    onderwerp: Mapped[str] = mapped_column(String(80))
    handeling_behandelaar: Mapped[str] = mapped_column(String(20))
    doorlooptijd: Mapped[str] = mapped_column(String(40))
    servicenorm: Mapped[str | None] = mapped_column(String(40), default=None)
    opschorting_en_aanhouding_mogelijk: Mapped[bool] = mapped_column(Boolean)
    verlenging_mogelijk: Mapped[bool] = mapped_column(Boolean)
    verlengingstermijn: Mapped[str | None] = mapped_column(String(40), default=None)
    # Rendered as is; the filterable copy lives in ZaakTypeTrefwoord.
    trefwoorden: Mapped[list[str]] = mapped_column(default=list)
    publicatie_indicatie: Mapped[bool] = mapped_column(Boolean)
    publicatietekst: Mapped[str] = mapped_column(Text, default="")
    verantwoordingsrelatie: Mapped[list[str]] = mapped_column(default=list)
    producten_of_diensten: Mapped[list[str]] = mapped_column(default=list)
    selectielijst_procestype: Mapped[str] = mapped_column(String(200), default="")
    referentieproces: Mapped[dict[str, Any]] = mapped_column(default=dict)
    verantwoordelijke: Mapped[str] = mapped_column(String(50))
    broncatalogus: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    bronzaaktype: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    versiedatum: Mapped[dt.date] = mapped_column(Date)


class ZaakTypeTrefwoord(Base):
    """One row per trefwoord, so ``?trefwoorden=`` is an indexed lookup on both databases."""

    __tablename__ = "ztc_zaaktype_trefwoord"

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), primary_key=True)
    trefwoord: Mapped[str] = mapped_column(String(30), primary_key=True, index=True)


class ZaakTypeBesluitType(Base):
    """zaaktype → besluittype by besluittype.omschrijving (ztc-011a: version-independent)."""

    __tablename__ = "ztc_zaaktype_besluittype"

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), primary_key=True)
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)
    positie: Mapped[int] = mapped_column(Integer, default=0)


class ZaakTypeDeelzaaktype(Base):
    """zaaktype → deelzaaktypen by zaaktype.identificatie."""

    __tablename__ = "ztc_zaaktype_deelzaaktype"

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), primary_key=True)
    identificatie: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)
    positie: Mapped[int] = mapped_column(Integer, default=0)


class ZaakTypeRelatie(Base):
    """gerelateerdeZaaktypen: by zaaktype.identificatie with the aard of the relation."""

    __tablename__ = "ztc_zaaktype_relatie"

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), primary_key=True)
    identificatie: Mapped[str] = mapped_column(String(50), primary_key=True, index=True)
    aard_relatie: Mapped[str] = mapped_column(String(20), primary_key=True)
    toelichting: Mapped[str] = mapped_column(String(255), default="")
    positie: Mapped[int] = mapped_column(Integer, default=0)


class _ZaaktypeChild:
    """A type that belongs to exactly one zaaktype version."""

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9), index=True)


class StatusType(_ZaaktypeChild, Base):
    __tablename__ = "ztc_statustype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer"),)

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), index=True)
    omschrijving: Mapped[str] = mapped_column(String(80))
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    statustekst: Mapped[str] = mapped_column(String(1000), default="")
    volgnummer: Mapped[int] = mapped_column(Integer)
    informeren: Mapped[bool] = mapped_column(Boolean, default=False)
    doorlooptijd: Mapped[str | None] = mapped_column(String(40), default=None)
    toelichting: Mapped[str | None] = mapped_column(String(1000), default=None)
    checklistitem_statustype: Mapped[list[Any]] = mapped_column(default=list)


class RolType(_ZaaktypeChild, Base):
    __tablename__ = "ztc_roltype"

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), index=True)
    omschrijving: Mapped[str] = mapped_column(String(100))
    omschrijving_generiek: Mapped[str] = mapped_column(String(20), index=True)


class Eigenschap(_ZaaktypeChild, Base):
    __tablename__ = "ztc_eigenschap"
    __table_args__ = (UniqueConstraint("zaaktype_id", "naam"),)

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), index=True)
    naam: Mapped[str] = mapped_column(String(20))
    definitie: Mapped[str] = mapped_column(String(255))
    specificatie: Mapped[dict[str, Any]] = mapped_column(default=dict)
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
    # Eigenschap.statustype and StatusType.eigenschappen are the two sides of this one relation.
    statustype_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ztc_statustype.id", ondelete="SET NULL"), default=None, index=True
    )


class ResultaatType(_ZaaktypeChild, Base):
    __tablename__ = "ztc_resultaattype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "omschrijving"),)

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), index=True)
    omschrijving: Mapped[str] = mapped_column(String(30))
    resultaattypeomschrijving: Mapped[str] = mapped_column(String(1000))
    # ztc-002: copied from the referentielijst when the resultaattype is written.
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    selectielijstklasse: Mapped[str] = mapped_column(String(1000))
    toelichting: Mapped[str] = mapped_column(Text, default="")
    archiefnominatie: Mapped[str] = mapped_column(String(20), default="")
    archiefactietermijn: Mapped[str | None] = mapped_column(String(40), default=None)
    brondatum_archiefprocedure: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    procesobjectaard: Mapped[str | None] = mapped_column(String(200), default=None)
    indicatie_specifiek: Mapped[bool | None] = mapped_column(Boolean, default=None)
    procestermijn: Mapped[str | None] = mapped_column(String(40), default=None)


class ResultaatTypeBesluitType(Base):
    """resultaattype → besluittype by besluittype.omschrijving (ztc-011a)."""

    __tablename__ = "ztc_resultaattype_besluittype"

    resultaattype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ztc_resultaattype.id", ondelete="CASCADE"), primary_key=True
    )
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)
    positie: Mapped[int] = mapped_column(Integer, default=0)


class ResultaatTypeInformatieObjectType(Base):
    """resultaattype → informatieobjecttype by informatieobjecttype.omschrijving."""

    __tablename__ = "ztc_resultaattype_informatieobjecttype"

    resultaattype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ztc_resultaattype.id", ondelete="CASCADE"), primary_key=True
    )
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)
    positie: Mapped[int] = mapped_column(Integer, default=0)


class ZaakObjectType(_ZaaktypeChild, Base):
    __tablename__ = "ztc_zaakobjecttype"

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), index=True)
    ander_objecttype: Mapped[bool] = mapped_column(Boolean, index=True)
    objecttype: Mapped[str] = mapped_column(String(200), index=True)
    relatie_omschrijving: Mapped[str] = mapped_column(String(80), index=True)


class ZaakTypeInformatieObjectType(_ZaaktypeChild, Base):
    """zaaktype → informatieobjecttype by informatieobjecttype.omschrijving (ztc-011c)."""

    __tablename__ = "ztc_zaaktypeinformatieobjecttype"
    __table_args__ = (UniqueConstraint("zaaktype_id", "volgnummer"),)

    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id", ondelete="CASCADE"), index=True)
    informatieobjecttype: Mapped[str] = mapped_column(String(80), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    richting: Mapped[str] = mapped_column(String(10), index=True)
    statustype_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ztc_statustype.id", ondelete="SET NULL"), default=None
    )


class InformatieObjectType(_Versioned, Base):
    __tablename__ = "ztc_informatieobjecttype"
    __table_args__ = (Index("ix_ztc_iot_cat_omschrijving", "catalogus_id", "omschrijving"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    catalogus_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_catalogus.id", ondelete="CASCADE"))
    rsin: Mapped[str] = mapped_column(String(9), index=True)
    omschrijving: Mapped[str] = mapped_column(String(80))
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    informatieobjectcategorie: Mapped[str] = mapped_column(String(80))
    trefwoord: Mapped[list[str]] = mapped_column(default=list)
    omschrijving_generiek: Mapped[dict[str, Any] | None] = mapped_column(default=None)


class BesluitType(_Versioned, Base):
    __tablename__ = "ztc_besluittype"
    __table_args__ = (Index("ix_ztc_besluittype_cat_omschrijving", "catalogus_id", "omschrijving"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    catalogus_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_catalogus.id", ondelete="CASCADE"))
    rsin: Mapped[str] = mapped_column(String(9), index=True)
    omschrijving: Mapped[str] = mapped_column(String(80), default="")
    omschrijving_generiek: Mapped[str] = mapped_column(String(80), default="")
    besluitcategorie: Mapped[str] = mapped_column(String(40), default="")
    reactietermijn: Mapped[str | None] = mapped_column(String(40), default=None)
    publicatie_indicatie: Mapped[bool] = mapped_column(Boolean)
    publicatietekst: Mapped[str] = mapped_column(Text, default="")
    publicatietermijn: Mapped[str | None] = mapped_column(String(40), default=None)
    toelichting: Mapped[str] = mapped_column(Text, default="")


class BesluitTypeInformatieObjectType(Base):
    """besluittype → informatieobjecttype by informatieobjecttype.omschrijving (ztc-011b)."""

    __tablename__ = "ztc_besluittype_informatieobjecttype"

    besluittype_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ztc_besluittype.id", ondelete="CASCADE"), primary_key=True
    )
    omschrijving: Mapped[str] = mapped_column(String(80), primary_key=True, index=True)
    positie: Mapped[int] = mapped_column(Integer, default=0)


class CatalogiVersie(Base):
    """One row (id 1) counting changes to the catalogue; the rendered-response cache of every process follows it."""

    __tablename__ = "ztc_catalogi_versie"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    versie: Mapped[int] = mapped_column(Integer, default=0)
