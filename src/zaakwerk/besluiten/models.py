"""Tables of the Besluiten API 1.1.0.

A besluit's ``verantwoordelijke_organisatie`` is the owning organisation's RSIN (tenancy); its
besluitinformatieobjecten carry it as ``rsin``. The besluittype and the zaak live in this installation (brc-001,
and the zaak must be local so its zaakbesluit can be mirrored in the same transaction), so they are foreign keys by
uuid; the informatieobject is a URL (the Documenten API decides whether it exists).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zaakwerk.core import clock
from zaakwerk.core.db import Base
from zaakwerk.core.ids import new_uuid


class Besluit(Base):
    __tablename__ = "brc_besluit"
    __table_args__ = (
        # brc-002: unique per verantwoordelijke organisatie (also the index of the two filters together).
        UniqueConstraint("verantwoordelijke_organisatie", "identificatie"),
        Index("ix_brc_besluit_identificatie", "identificatie"),
        # The list order (creation order), read from the index without sorting.
        Index("ix_brc_besluit_aangemaakt_id", "aangemaakt", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    identificatie: Mapped[str] = mapped_column(String(50))
    verantwoordelijke_organisatie: Mapped[str] = mapped_column(String(9))
    besluittype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_besluittype.id"), index=True)
    # A destroyed zaak leaves its besluiten (a legal decision outlives the case file) without a zaak.
    zaak_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("zrc_zaak.id", ondelete="SET NULL"), default=None, index=True
    )
    datum: Mapped[dt.date] = mapped_column(Date)
    toelichting: Mapped[str] = mapped_column(Text, default="")
    bestuursorgaan: Mapped[str] = mapped_column(String(50), default="")
    ingangsdatum: Mapped[dt.date] = mapped_column(Date)
    vervaldatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    vervalreden: Mapped[str] = mapped_column(String(30), default="")
    publicatiedatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    verzenddatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    uiterlijke_reactiedatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=clock.now)
    gewijzigd: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class BesluitInformatieObject(Base):
    """The besluit side of a besluit–informatieobject link (brc-003..005; the document side is the Documenten API's
    objectinformatieobject)."""

    __tablename__ = "brc_besluitinformatieobject"
    __table_args__ = (UniqueConstraint("besluit_id", "informatieobject"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    besluit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("brc_besluit.id", ondelete="CASCADE"))
    informatieobject: Mapped[str] = mapped_column(String(1000), index=True)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=clock.now)


class BesluitIdentificatieTeller(Base):
    """The last sequence number handed out per verantwoordelijke organisatie and year (brc-002): one row advanced
    per generated identificatie, so concurrent creates never get the same number."""

    __tablename__ = "brc_identificatie_teller"

    verantwoordelijke_organisatie: Mapped[str] = mapped_column(String(9), primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    laatste: Mapped[int] = mapped_column(Integer, default=0)
