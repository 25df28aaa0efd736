"""Tables of the Autorisaties API: applicaties with their client ids and autorisaties, client credentials and the
rights version every process uses to notice changes.

Client ids live in their own table so the database itself guarantees ac-001 (one client id, one applicatie) and
a token's client id finds its applicatie by primary key. ZGW applicaties carry no secret; the HS256 secrets live
beside them in ``ac_client_credential`` and outlive an applicatie (as in the reference implementation), so an
applicatie can be deleted and registered again without handing out new secrets.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID, uuid4

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zaakwerk.core import clock
from zaakwerk.core.db import Base

# The component codes of the Autorisaties API (enum of ``AutorisatieBase.component``) and their display names.
COMPONENTEN: dict[str, str] = {
    "ac": "Autorisaties API",
    "nrc": "Notificaties API",
    "zrc": "Zaken API",
    "ztc": "Catalogi API",
    "drc": "Documenten API",
    "brc": "Besluiten API",
}

# Per component the field that names the type an autorisatie is limited to (zrc: zaaktype, ...).
TYPE_VELD: dict[str, str] = {"zrc": "zaaktype", "drc": "informatieobjecttype", "brc": "besluittype"}

# Vertrouwelijkheidaanduidingen from open to most secret; an autorisatie's maximum includes every lower level.
VERTROUWELIJKHEID_ORDER: tuple[str, ...] = (
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
)

# Components whose autorisaties carry a maximum vertrouwelijkheidaanduiding.
MET_VERTROUWELIJKHEID = frozenset({"zrc", "drc"})


class Applicatie(Base):
    __tablename__ = "ac_applicatie"

    uuid: Mapped[UUID] = mapped_column(primary_key=True, default=uuid4)
    label: Mapped[str] = mapped_column(String(100))
    heeft_alle_autorisaties: Mapped[bool] = mapped_column(default=False)
    # Autorisaties API 1.1.0: the applicatie may only read documents that are ready for publication.
    alleen_is_gereed_voor_publicatie: Mapped[bool] = mapped_column(default=False)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=clock.now, index=True)

    client_ids: Mapped[list[ApplicatieClientId]] = relationship(
        back_populates="applicatie", lazy="raise", order_by="ApplicatieClientId.volgnummer"
    )
    autorisaties: Mapped[list[Autorisatie]] = relationship(
        back_populates="applicatie", lazy="raise", order_by="Autorisatie.volgnummer"
    )


class ApplicatieClientId(Base):
    __tablename__ = "ac_client_id"

    # The primary key is the uniqueness of ac-001.
    client_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    applicatie_uuid: Mapped[UUID] = mapped_column(ForeignKey("ac_applicatie.uuid", ondelete="CASCADE"), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer, default=0)

    applicatie: Mapped[Applicatie] = relationship(back_populates="client_ids", lazy="raise")


class Autorisatie(Base):
    __tablename__ = "ac_autorisatie"

    uuid: Mapped[UUID] = mapped_column(primary_key=True, default=uuid4)
    applicatie_uuid: Mapped[UUID] = mapped_column(ForeignKey("ac_applicatie.uuid", ondelete="CASCADE"), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer, default=0)
    component: Mapped[str] = mapped_column(String(10))
    scopes: Mapped[list[str]]
    zaaktype: Mapped[str | None] = mapped_column(String(1000))
    informatieobjecttype: Mapped[str | None] = mapped_column(String(1000))
    besluittype: Mapped[str | None] = mapped_column(String(1000))
    max_vertrouwelijkheidaanduiding: Mapped[str | None] = mapped_column(String(20))

    applicatie: Mapped[Applicatie] = relationship(back_populates="autorisaties", lazy="raise")


class ClientCredential(Base):
    """The shared HS256 secret of one client id (stored as is: HS256 needs it to verify signatures)."""

    __tablename__ = "ac_client_credential"

    client_id: Mapped[str] = mapped_column(String(50), primary_key=True)
    secret: Mapped[str] = mapped_column(String(255))
    gewijzigd: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class RechtenVersie(Base):
    """One row (id 1) counting changes to applicaties, autorisaties and credentials.

    Every change increments it in the same transaction, so any process can tell with one cheap read whether its
    cached rights are still current (and on PostgreSQL the new value is announced with NOTIFY at commit).
    """

    __tablename__ = "ac_rechten_versie"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    versie: Mapped[int] = mapped_column(Integer, default=0)
