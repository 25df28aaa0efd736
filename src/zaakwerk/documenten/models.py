"""Tables of the Documenten API (1.7.0).

An enkelvoudiginformatieobject is one small row (:class:`InformatieObject`: identity, current version number, lock)
plus one row per version (:class:`InformatieObjectVersie`, keyed by document id and versie) holding every field of
the resource and the reference to its content. The latest version is the one whose number the document row holds,
so reading it is one primary-key lookup; ``?versie=N`` and ``?registratieOp=`` read the older ones. A version is
never changed after it was written, except ``indicatieGebruiksrecht`` of the latest (drc-006).

Content lives in the storage backend (``storage.py``), addressed by its SHA-256; the version row only refers to it
(key, size, hash, detected type). A blob no row refers to is an orphan that ``storage.sweep_orphans`` removes.

Every table carries the owning organisation's RSIN (``bronorganisatie`` / ``rsin``), as all zaak data does.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zaakwerk.core import clock
from zaakwerk.core.db import Base
from zaakwerk.core.ids import new_uuid

_EIO_FK = "drc_informatieobject.id"


class InformatieObject(Base):
    """The document itself: what all its versions share."""

    __tablename__ = "drc_informatieobject"
    __table_args__ = (Index("ix_drc_informatieobject_aangemaakt_id", "aangemaakt", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    # The number of the latest version (the one a plain GET shows).
    versie: Mapped[int] = mapped_column(Integer, default=1)
    # drc-009: the current lock id; empty when unlocked.
    lock: Mapped[str] = mapped_column(String(100), default="")
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=clock.now)


class InformatieObjectVersie(Base):
    """One version of an enkelvoudiginformatieobject, as the API shows it."""

    __tablename__ = "drc_informatieobject_versie"
    __table_args__ = (
        Index("ix_drc_versie_identificatie", "identificatie"),
        Index("ix_drc_versie_bronorganisatie_identificatie", "bronorganisatie", "identificatie"),
        Index("ix_drc_versie_type", "informatieobjecttype_id"),
        Index("ix_drc_versie_registratie", "informatieobject_id", "begin_registratie"),
        Index("ix_drc_versie_sha256", "inhoud_sha256"),
    )

    informatieobject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_EIO_FK, ondelete="CASCADE"), primary_key=True)
    versie: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    identificatie: Mapped[str] = mapped_column(String(40))
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    creatiedatum: Mapped[dt.date] = mapped_column(Date)
    titel: Mapped[str] = mapped_column(String(200))
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    is_gereed_voor_publicatie: Mapped[bool | None] = mapped_column(Boolean, default=None)
    tonen_aan_initiator: Mapped[bool] = mapped_column(Boolean, default=False)
    auteur: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="")
    inhoud_is_vervallen: Mapped[bool | None] = mapped_column(Boolean, default=None)
    formaat: Mapped[str] = mapped_column(String(255), default="")
    taal: Mapped[str] = mapped_column(String(3))
    begin_registratie: Mapped[dt.datetime] = mapped_column(default=clock.now)
    bestandsnaam: Mapped[str] = mapped_column(String(255), default="")
    link: Mapped[str] = mapped_column(String(200), default="")
    beschrijving: Mapped[str] = mapped_column(String(1000), default="")
    ontvangstdatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    verzenddatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    indicatie_gebruiksrecht: Mapped[bool | None] = mapped_column(Boolean, default=None)
    verschijningsvorm: Mapped[str] = mapped_column(Text, default="")
    ondertekening: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    integriteit: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    informatieobjecttype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_informatieobjecttype.id"))
    trefwoorden: Mapped[list[str]] = mapped_column(default=list)
    # The trefwoorden as "|a|b|", so the list filter is a portable LIKE (no JSON functions per engine).
    trefwoorden_zoek: Mapped[str] = mapped_column(Text, default="")
    # The content: storage key, size in bytes, SHA-256 (hex) and the type detected from its first bytes. Without
    # content all four are empty (a version may have only metadata, or a ``link``).
    inhoud_sleutel: Mapped[str | None] = mapped_column(String(200), default=None)
    bestandsomvang: Mapped[int | None] = mapped_column(BigInteger, default=None)
    inhoud_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    inhoud_type: Mapped[str | None] = mapped_column(String(100), default=None)


class ObjectInformatieObject(Base):
    """The document side of a link to a zaak, besluit or verzoek (the other side leads: drc-004)."""

    __tablename__ = "drc_objectinformatieobject"
    __table_args__ = (UniqueConstraint("informatieobject_id", "object"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    # No cascade: drc-008 refuses to delete a document while links remain.
    informatieobject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_EIO_FK))
    object: Mapped[str] = mapped_column(String(1000), index=True)
    object_type: Mapped[str] = mapped_column(String(20))


class Gebruiksrechten(Base):
    """Conditions on the use of a document other than reading it (drc-006)."""

    __tablename__ = "drc_gebruiksrechten"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    informatieobject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_EIO_FK, ondelete="CASCADE"), index=True)
    startdatum: Mapped[dt.datetime] = mapped_column()
    einddatum: Mapped[dt.datetime | None] = mapped_column(default=None)
    omschrijving_voorwaarden: Mapped[str] = mapped_column(Text)
