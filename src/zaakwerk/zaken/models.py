"""Tables of the Zaken API (1.7.0; what 1.5 clients send keeps working).

Every table carries the owning organisation's RSIN (``bronorganisatie`` on the zaak, ``rsin`` on everything
below it) so zaak data can later be distributed by organisation.

References inside this installation are foreign keys by uuid (zaaktype, statustype, roltype, ...: the Catalogi
tables); references the standard lets point elsewhere (betrokkene, object, informatieobject, besluit, contactmoment,
verzoek, selectielijstklasse, communicatiekanaal, relevante andere zaken) are stored as URLs.

Search columns: what the spec lets clients filter on inside a polymorphic part (``betrokkeneIdentificatie`` of a
rol) is copied into plain indexed columns next to the JSON that is rendered, so the BSN query is an index lookup.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from zaakwerk.core import clock
from zaakwerk.core.db import Base
from zaakwerk.core.ids import new_uuid

_ZAAK_FK = "zrc_zaak.id"


class Zaak(Base):
    __tablename__ = "zrc_zaak"
    __table_args__ = (
        UniqueConstraint("bronorganisatie", "identificatie"),
        # No index on (bronorganisatie, zaaktype_id, vertrouwelijkheidaanduiding): lists count in zrc_zaak_telling,
        # and with such an index PostgreSQL's generic plan for a list page read every matching zaak and sorted them
        # (it cannot see the page size): 236 ms instead of 2 ms at a million zaken.
        # With the id, a page in the default order is read from the index without sorting, also when thousands of
        # zaken share one startdatum (a sort of every zaak of that day cost 22 ms at 20,000).
        Index("ix_zrc_zaak_zaaktype_startdatum_id", "zaaktype_id", "startdatum", "id"),
        # The lists in their default order (startdatum, id descending: a backward scan), per organisation and
        # zaaktype or over all zaken; the first page is read from the index without sorting.
        Index("ix_zrc_zaak_org_type_start_id", "bronorganisatie", "zaaktype_id", "startdatum", "id"),
        Index("ix_zrc_zaak_startdatum_id", "startdatum", "id"),
        Index("ix_zrc_zaak_identificatie", "identificatie"),
        # The bounding-box prefilter of ``_zoek`` with a geometry.
        Index("ix_zrc_zaak_geometrie", "geometrie_min_x", "geometrie_max_x", "geometrie_min_y", "geometrie_max_y"),
        Index("ix_zrc_zaak_einddatum_gepland", "einddatum_gepland"),
        Index("ix_zrc_zaak_uiterlijke_einddatum", "uiterlijke_einddatum_afdoening"),
        # Deelzaken of a page of zaken. Partial: nearly every zaak has no hoofdzaak, and with all those NULLs in it
        # SQLite's statistics made the index look useless (it scanned every zaak: 23 ms a page at 100,000). The
        # identificatie (the deelzaken's order) and id make it covering: an index-only read on PostgreSQL.
        Index(
            "ix_zrc_zaak_hoofdzaak",
            "hoofdzaak_id",
            "identificatie",
            "id",
            sqlite_where=text("hoofdzaak_id IS NOT NULL"),
            postgresql_where=text("hoofdzaak_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    identificatie: Mapped[str] = mapped_column(String(40))
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    omschrijving: Mapped[str] = mapped_column(String(80), default="")
    toelichting: Mapped[str] = mapped_column(String(1000), default="")
    zaaktype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_zaaktype.id"))
    registratiedatum: Mapped[dt.date] = mapped_column(Date, default=clock.today)
    verantwoordelijke_organisatie: Mapped[str] = mapped_column(String(9))
    startdatum: Mapped[dt.date] = mapped_column(Date)
    einddatum: Mapped[dt.date | None] = mapped_column(Date, default=None, index=True)
    einddatum_gepland: Mapped[dt.date | None] = mapped_column(Date, default=None)
    uiterlijke_einddatum_afdoening: Mapped[dt.date | None] = mapped_column(Date, default=None)
    publicatiedatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    communicatiekanaal: Mapped[str] = mapped_column(String(1000), default="")
    producten_of_diensten: Mapped[list[str]] = mapped_column(default=list)
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20))
    betalingsindicatie: Mapped[str] = mapped_column(String(20), default="")
    laatste_betaaldatum: Mapped[dt.datetime | None] = mapped_column(default=None)
    # GeoJSON geometry as sent (Content-Crs EPSG:4326); filtering on it (``_zoek``) is done on its bounding box.
    zaakgeometrie: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    geometrie_min_x: Mapped[float | None] = mapped_column(default=None)
    geometrie_min_y: Mapped[float | None] = mapped_column(default=None)
    geometrie_max_x: Mapped[float | None] = mapped_column(default=None)
    geometrie_max_y: Mapped[float | None] = mapped_column(default=None)
    verlenging_reden: Mapped[str] = mapped_column(String(200), default="")
    verlenging_duur: Mapped[str | None] = mapped_column(String(40), default=None)
    opschorting_indicatie: Mapped[bool] = mapped_column(Boolean, default=False)
    opschorting_reden: Mapped[str] = mapped_column(String(200), default="")
    selectielijstklasse: Mapped[str] = mapped_column(String(1000), default="")
    hoofdzaak_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(_ZAAK_FK), default=None)
    # [{"url": ..., "aardRelatie": ...}] as sent.
    relevante_andere_zaken: Mapped[list[Any]] = mapped_column(default=list)
    # [{"kenmerk": ..., "bron": ...}] as sent.
    kenmerken: Mapped[list[Any]] = mapped_column(default=list)
    archiefnominatie: Mapped[str] = mapped_column(String(20), default="")
    archiefstatus: Mapped[str] = mapped_column(String(40), default="nog_te_archiveren")
    archiefactiedatum: Mapped[dt.date | None] = mapped_column(Date, default=None)
    opdrachtgevende_organisatie: Mapped[str] = mapped_column(String(9), default="")
    processobjectaard: Mapped[str] = mapped_column(String(200), default="")
    startdatum_bewaartermijn: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # {"datumkenmerk", "identificatie", "objecttype", "registratie"} or null.
    processobject: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    # The current status and the resultaat, kept by the services so a zaak renders from one row (no foreign key:
    # status and resultaat point at the zaak, a cycle both engines would have to defer).
    status_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    resultaat_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=clock.now)
    gewijzigd: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class ZaakTelling(Base):
    """How many zaken exist per bronorganisatie, zaaktype and vertrouwelijkheidaanduiding, kept by database
    triggers in the transaction of every insert, delete or change of a zaak (migration 0004), so the exact
    ``count`` of a list filtered on just these columns sums a few rows instead of counting thousands of zaken.

    Each combination is spread over ``deel`` rows (PostgreSQL: the writing backend's pid modulo 16): concurrent
    creates of one zaaktype update different rows instead of all waiting for one row lock until commit."""

    __tablename__ = "zrc_zaak_telling"

    bronorganisatie: Mapped[str] = mapped_column(String(9), primary_key=True)
    zaaktype_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    vertrouwelijkheidaanduiding: Mapped[str] = mapped_column(String(20), primary_key=True)
    deel: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    aantal: Mapped[int] = mapped_column(Integer)


class ZaakIdentificatie(Base):
    """Every identificatie handed out per bronorganisatie: generated at create or reserved with
    ``/zaaknummer_reserveren`` (then ``zaak_id`` stays empty until a zaak claims it)."""

    __tablename__ = "zrc_zaakidentificatie"
    __table_args__ = (UniqueConstraint("bronorganisatie", "identificatie"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    bronorganisatie: Mapped[str] = mapped_column(String(9))
    identificatie: Mapped[str] = mapped_column(String(40))
    zaak_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="SET NULL"), default=None)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=clock.now)


class ZaakIdentificatieTeller(Base):
    """The last sequence number handed out per bronorganisatie and year: one row locked per generation, so
    concurrent creates never get the same number."""

    __tablename__ = "zrc_identificatie_teller"

    bronorganisatie: Mapped[str] = mapped_column(String(9), primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer, primary_key=True)
    laatste: Mapped[int] = mapped_column(Integer, default=0)


class Status(Base):
    __tablename__ = "zrc_status"
    __table_args__ = (Index("ix_zrc_status_zaak_datum", "zaak_id", "datum_status_gezet"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"))
    statustype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_statustype.id"), index=True)
    datum_status_gezet: Mapped[dt.datetime]
    statustoelichting: Mapped[str] = mapped_column(String(1000), default="")
    # URL of the rol that set the status (1.2+), or empty.
    gezetdoor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("zrc_rol.id", ondelete="SET NULL"), default=None)
    aangemaakt: Mapped[dt.datetime] = mapped_column(default=clock.now)


class Resultaat(Base):
    __tablename__ = "zrc_resultaat"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    # One resultaat per zaak.
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), unique=True)
    resultaattype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_resultaattype.id"), index=True)
    toelichting: Mapped[str] = mapped_column(String(1000), default="")


class Rol(Base):
    __tablename__ = "zrc_rol"
    __table_args__ = (
        # Covering the URL lists of a page of zaken (zaak, the list's order, id) and the BSN query (bsn → zaak):
        # index-only reads on PostgreSQL instead of a heap visit per rol.
        Index("ix_zrc_rol_zaak", "zaak_id", "omschrijving", "id"),
        Index("ix_zrc_rol_inp_bsn", "inp_bsn", "zaak_id"),
        Index("ix_zrc_rol_inn_nnp_id", "inn_nnp_id"),
        Index("ix_zrc_rol_kvk_nummer", "kvk_nummer"),
        Index("ix_zrc_rol_vestigings_nummer", "vestigings_nummer"),
        Index("ix_zrc_rol_medewerker", "medewerker_identificatie"),
        Index("ix_zrc_rol_oeh", "organisatorische_eenheid_identificatie"),
        Index("ix_zrc_rol_betrokkene", "betrokkene"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"))
    betrokkene: Mapped[str] = mapped_column(String(1000), default="")
    betrokkene_type: Mapped[str] = mapped_column(String(30))
    afwijkende_naam_betrokkene: Mapped[str] = mapped_column(String(625), default="")
    roltype_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_roltype.id"), index=True)
    # Copied from the roltype at creation, as the standard defines them (read-only on the rol).
    omschrijving: Mapped[str] = mapped_column(String(100))
    omschrijving_generiek: Mapped[str] = mapped_column(String(40), index=True)
    roltoelichting: Mapped[str] = mapped_column(String(1000), default="")
    registratiedatum: Mapped[dt.datetime] = mapped_column(default=clock.now)
    indicatie_machtiging: Mapped[str] = mapped_column(String(20), default="")
    contactpersoon_rol: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    # betrokkeneIdentificatie as rendered (shape depends on betrokkene_type).
    betrokkene_identificatie: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    # Search columns copied from betrokkene_identificatie (see the module docstring).
    inp_bsn: Mapped[str | None] = mapped_column(String(9), default=None)
    anp_identificatie: Mapped[str | None] = mapped_column(String(17), default=None)
    inp_a_nummer: Mapped[str | None] = mapped_column(String(10), default=None)
    inn_nnp_id: Mapped[str | None] = mapped_column(String(9), default=None)
    ann_identificatie: Mapped[str | None] = mapped_column(String(17), default=None)
    kvk_nummer: Mapped[str | None] = mapped_column(String(8), default=None)
    vestigings_nummer: Mapped[str | None] = mapped_column(String(24), default=None)
    # 254: the 1.7 RolMedewerker.identificatie (24 in 1.5).
    medewerker_identificatie: Mapped[str | None] = mapped_column(String(254), default=None)
    organisatorische_eenheid_identificatie: Mapped[str | None] = mapped_column(String(24), default=None)


class ZaakEigenschap(Base):
    __tablename__ = "zrc_zaakeigenschap"
    # Covering the URL lists of a page of zaken (zaak, the list's order, id).
    __table_args__ = (Index("ix_zrc_zaakeigenschap_zaak_id", "zaak_id", "naam", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"))
    eigenschap_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ztc_eigenschap.id"), index=True)
    # Copied from the eigenschap (read-only ``naam``).
    naam: Mapped[str] = mapped_column(String(20))
    waarde: Mapped[str] = mapped_column(Text)


class ZaakObject(Base):
    __tablename__ = "zrc_zaakobject"
    __table_args__ = (
        Index("ix_zrc_zaakobject_object", "object"),
        # Covering the URL lists of a page of zaken (zaak, the list's order, id).
        Index("ix_zrc_zaakobject_zaak_id", "zaak_id", "object_type", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"))
    object: Mapped[str] = mapped_column(String(1000), default="")
    zaakobjecttype_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("ztc_zaakobjecttype.id"), default=None)
    object_type: Mapped[str] = mapped_column(String(100))
    object_type_overige: Mapped[str] = mapped_column(String(100), default="")
    object_type_overige_definitie: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    relatieomschrijving: Mapped[str] = mapped_column(String(80), default="")
    # objectIdentificatie as rendered (shape depends on object_type).
    object_identificatie: Mapped[dict[str, Any] | None] = mapped_column(default=None)


class ZaakInformatieObject(Base):
    """The zaak side of a zaak–informatieobject link (zrc-003..005; the document side is the Documenten API's)."""

    __tablename__ = "zrc_zaakinformatieobject"
    __table_args__ = (UniqueConstraint("zaak_id", "informatieobject"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), index=True)
    informatieobject: Mapped[str] = mapped_column(String(1000), index=True)
    aard_relatie: Mapped[str] = mapped_column(String(20), default="hoort_bij")
    titel: Mapped[str] = mapped_column(String(200), default="")
    beschrijving: Mapped[str] = mapped_column(Text, default="")
    registratiedatum: Mapped[dt.datetime] = mapped_column(default=clock.now)
    vernietigingsdatum: Mapped[dt.datetime | None] = mapped_column(default=None)
    status_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("zrc_status.id", ondelete="SET NULL"), default=None)


class ZaakBesluit(Base):
    """The zaak side of a zaak–besluit link (zrc-017; created by the Besluiten API)."""

    __tablename__ = "zrc_zaakbesluit"
    __table_args__ = (UniqueConstraint("zaak_id", "besluit"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), index=True)
    besluit: Mapped[str] = mapped_column(String(1000))


class KlantContact(Base):
    __tablename__ = "zrc_klantcontact"
    # The identificatie is unique within the organisation (the service checks it first for a friendly 400; this
    # constraint holds it when two writers check at the same moment).
    __table_args__ = (UniqueConstraint("rsin", "identificatie"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), index=True)
    identificatie: Mapped[str] = mapped_column(String(14))
    datumtijd: Mapped[dt.datetime]
    kanaal: Mapped[str] = mapped_column(String(20), default="")
    onderwerp: Mapped[str] = mapped_column(String(200), default="")
    toelichting: Mapped[str] = mapped_column(String(1000), default="")


class ZaakContactMoment(Base):
    __tablename__ = "zrc_zaakcontactmoment"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), index=True)
    contactmoment: Mapped[str] = mapped_column(String(1000), index=True)


class ZaakVerzoek(Base):
    __tablename__ = "zrc_zaakverzoek"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), index=True)
    verzoek: Mapped[str] = mapped_column(String(1000), index=True)


class ZaakNotitie(Base):
    __tablename__ = "zrc_zaaknotitie"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), index=True)
    onderwerp: Mapped[str] = mapped_column(String(255))
    tekst: Mapped[str] = mapped_column(Text)
    aangemaakt_door: Mapped[str] = mapped_column(String(255), default="")
    notitie_type: Mapped[str] = mapped_column(String(20), default="intern")
    status: Mapped[str] = mapped_column(String(20), default="concept")
    aanmaakdatum: Mapped[dt.datetime] = mapped_column(default=clock.now)
    wijzigingsdatum: Mapped[dt.datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class Opschorting(Base):
    """Every suspension of a zaak (a documented extension: the standard's ``opschorting`` holds only the current
    one). ``einde`` is empty while it lasts; the deadline service moves the dates by the suspended days."""

    __tablename__ = "zrc_opschorting"
    __table_args__ = (Index("ix_zrc_opschorting_zaak_begin", "zaak_id", "begin"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"))
    reden: Mapped[str] = mapped_column(String(200), default="")
    begin: Mapped[dt.date] = mapped_column(Date)
    einde: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # Days the deadlines moved when this suspension ended.
    dagen: Mapped[int | None] = mapped_column(Integer, default=None)


class Verlenging(Base):
    """Every extension of a zaak's deadline (the standard's ``verlenging`` shows the total)."""

    __tablename__ = "zrc_verlenging"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_uuid)
    rsin: Mapped[str] = mapped_column(String(9))
    zaak_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(_ZAAK_FK, ondelete="CASCADE"), index=True)
    reden: Mapped[str] = mapped_column(String(200))
    duur: Mapped[str] = mapped_column(String(40))
    datum: Mapped[dt.date] = mapped_column(Date)
