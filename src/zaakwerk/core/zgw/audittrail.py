"""The ZGW audit trail: who did what to which resource of a hoofdObject (a zaak, informatieobject, besluit).

Services call :func:`record` in the same transaction as the change, so the trail holds exactly the committed
changes. The Zaken, Documenten and Besluiten APIs serve a hoofdObject's trail with :func:`list_trail` and
:func:`get_trail_entry` (SQLAlchemy Core, rendered straight to the ``AuditTrail`` schema of the specs) after
their access check on the hoofdObject.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from sqlalchemy import BigInteger, Index, Integer, Select, String, Text, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from zaakwerk.core import clock
from zaakwerk.core.db import Base
from zaakwerk.core.ids import new_uuid
from zaakwerk.core.zgw.urls import parse_url

# The components a row may come from (``BronEnum`` of the specs).
BRONNEN = frozenset({"ac", "nrc", "zrc", "ztc", "drc", "brc", "cmc", "kc", "vrc"})

# The display names of the known actions, as the specs explain them; other actions are allowed.
ACTIE_WEERGAVE = {
    "create": "Object aangemaakt",
    "list": "Lijst van objecten opgehaald",
    "retrieve": "Object opgehaald",
    "destroy": "Object verwijderd",
    "update": "Object bijgewerkt",
    "partial_update": "Object deels bijgewerkt",
}

_ID = BigInteger().with_variant(Integer(), "sqlite")


class AuditTrail(Base):
    __tablename__ = "audittrail"
    __table_args__ = (Index("ix_audittrail_hoofd_object_uuid_id", "hoofd_object_uuid", "id"),)

    # The integer orders rows written within the same clock tick; ``uuid`` is the public identity.
    id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    uuid: Mapped[UUID] = mapped_column(unique=True, default=new_uuid)
    # The owning organisation, as on every table with zaak data (tenancy); empty for objects without one.
    rsin: Mapped[str | None] = mapped_column(String(9), index=True, default=None)
    bron: Mapped[str] = mapped_column(String(20))
    applicatie_id: Mapped[str] = mapped_column(String(100), default="")
    applicatie_weergave: Mapped[str] = mapped_column(String(200), default="")
    gebruikers_id: Mapped[str] = mapped_column(String(255), default="")
    gebruikers_weergave: Mapped[str] = mapped_column(String(255), default="")
    actie: Mapped[str] = mapped_column(String(50))
    actie_weergave: Mapped[str] = mapped_column(String(200), default="")
    resultaat: Mapped[int] = mapped_column(Integer)
    hoofd_object: Mapped[str] = mapped_column(String(1000))
    hoofd_object_uuid: Mapped[UUID]
    resource: Mapped[str] = mapped_column(String(50))
    resource_url: Mapped[str] = mapped_column(String(1000))
    resource_weergave: Mapped[str] = mapped_column(String(200), default="")
    toelichting: Mapped[str] = mapped_column(Text, default="")
    aanmaakdatum: Mapped[dt.datetime] = mapped_column(default=clock.now)
    oud: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    nieuw: Mapped[dict[str, Any] | None] = mapped_column(default=None)


def _fit(value: str, column: str) -> str:
    """Display texts are cut to the column length: a long name must not make the change itself fail."""
    length: int = getattr(AuditTrail.__table__.c[column].type, "length", None) or len(value)
    return value[:length]


def record(
    session: AsyncSession,
    *,
    bron: str,
    actie: str,
    resultaat: int,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    resource_weergave: str = "",
    oud: dict[str, Any] | None = None,
    nieuw: dict[str, Any] | None = None,
    hoofd_object_uuid: UUID | None = None,
    applicatie_id: str = "",
    applicatie_weergave: str = "",
    gebruikers_id: str = "",
    gebruikers_weergave: str = "",
    actie_weergave: str | None = None,
    toelichting: str = "",
    rsin: str | None = None,
) -> AuditTrail:
    """Add an audit trail row to the caller's transaction and return it.

    ``oud``/``nieuw`` are the full JSON bodies before and after (``None`` for a create's before and a destroy's
    after). ``hoofd_object_uuid`` is taken from the ``hoofd_object`` URL when not given.
    """
    entry = AuditTrail(
        **audit_values(
            bron=bron, actie=actie, resultaat=resultaat, hoofd_object=hoofd_object, resource=resource,
            resource_url=resource_url, resource_weergave=resource_weergave, oud=oud, nieuw=nieuw,
            hoofd_object_uuid=hoofd_object_uuid, applicatie_id=applicatie_id, applicatie_weergave=applicatie_weergave,
            gebruikers_id=gebruikers_id, gebruikers_weergave=gebruikers_weergave, actie_weergave=actie_weergave,
            toelichting=toelichting, rsin=rsin,
        )
    )  # fmt: skip
    session.add(entry)
    return entry


def audit_values(
    *,
    bron: str,
    actie: str,
    resultaat: int,
    hoofd_object: str,
    resource: str,
    resource_url: str,
    resource_weergave: str = "",
    oud: dict[str, Any] | None = None,
    nieuw: dict[str, Any] | None = None,
    hoofd_object_uuid: UUID | None = None,
    applicatie_id: str = "",
    applicatie_weergave: str = "",
    gebruikers_id: str = "",
    gebruikers_weergave: str = "",
    actie_weergave: str | None = None,
    toelichting: str = "",
    rsin: str | None = None,
) -> dict[str, Any]:
    """The checked column values of one audit trail row (:func:`record` adds it as an object; a write that
    inserts its rows in one statement uses them as they are)."""
    if bron not in BRONNEN:
        raise ValueError(f"Onbekende bron {bron!r} voor de audit trail.")
    if not 100 <= resultaat <= 599:
        raise ValueError(f"Resultaat {resultaat} is geen HTTP-statuscode.")
    if hoofd_object_uuid is None:
        ref = parse_url(hoofd_object)
        if ref is None or ref.uuid is None:
            raise ValueError(f"Geen uuid te vinden in hoofdObject {hoofd_object!r}.")
        hoofd_object_uuid = ref.uuid
    for name, value in (
        ("actie", actie),
        ("resource", resource),
        ("hoofdObject", hoofd_object),
        ("resourceUrl", resource_url),
    ):
        if not value:
            raise ValueError(f"Audit trail zonder {name}.")
    return dict(
        uuid=new_uuid(),
        rsin=rsin,
        bron=bron,
        applicatie_id=_fit(applicatie_id, "applicatie_id"),
        applicatie_weergave=_fit(applicatie_weergave, "applicatie_weergave"),
        gebruikers_id=_fit(gebruikers_id, "gebruikers_id"),
        gebruikers_weergave=_fit(gebruikers_weergave, "gebruikers_weergave"),
        actie=actie,
        actie_weergave=_fit(
            ACTIE_WEERGAVE.get(actie, "") if actie_weergave is None else actie_weergave, "actie_weergave"
        ),
        resultaat=resultaat,
        hoofd_object=hoofd_object,
        hoofd_object_uuid=hoofd_object_uuid,
        resource=resource,
        resource_url=resource_url,
        resource_weergave=_fit(resource_weergave, "resource_weergave"),
        toelichting=toelichting,
        aanmaakdatum=clock.now(),
        oud=oud,
        nieuw=nieuw,
    )


# --- reading -------------------------------------------------------------------------------------------------

_t = AuditTrail.__table__
_COLUMNS = (
    _t.c.uuid,
    _t.c.bron,
    _t.c.applicatie_id,
    _t.c.applicatie_weergave,
    _t.c.gebruikers_id,
    _t.c.gebruikers_weergave,
    _t.c.actie,
    _t.c.actie_weergave,
    _t.c.resultaat,
    _t.c.hoofd_object,
    _t.c.resource,
    _t.c.resource_url,
    _t.c.toelichting,
    _t.c.resource_weergave,
    _t.c.aanmaakdatum,
    _t.c.oud,
    _t.c.nieuw,
)


def trail_select(hoofd_object_uuid: UUID) -> Select[Any]:
    """A hoofdObject's trail, oldest first (the Core query behind :func:`list_trail`)."""
    return select(*_COLUMNS).where(_t.c.hoofd_object_uuid == hoofd_object_uuid).order_by(_t.c.aanmaakdatum, _t.c.id)


def _datetime(value: dt.datetime) -> str:
    # SQLite returns naive values; everything stored is UTC.
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def render_entry(row: RowMapping) -> dict[str, Any]:
    """One row as the ZGW ``AuditTrail`` schema (camelCase)."""
    wijzigingen: dict[str, Any] = {}
    # The schema types ``oud``/``nieuw`` as objects, not nullable: a missing side is left out.
    if row["oud"] is not None:
        wijzigingen["oud"] = row["oud"]
    if row["nieuw"] is not None:
        wijzigingen["nieuw"] = row["nieuw"]
    return {
        "uuid": str(row["uuid"]),
        "bron": row["bron"],
        "applicatieId": row["applicatie_id"],
        "applicatieWeergave": row["applicatie_weergave"],
        "gebruikersId": row["gebruikers_id"],
        "gebruikersWeergave": row["gebruikers_weergave"],
        "actie": row["actie"],
        "actieWeergave": row["actie_weergave"],
        "resultaat": row["resultaat"],
        "hoofdObject": row["hoofd_object"],
        "resource": row["resource"],
        "resourceUrl": row["resource_url"],
        "toelichting": row["toelichting"],
        "resourceWeergave": row["resource_weergave"],
        "aanmaakdatum": _datetime(row["aanmaakdatum"]),
        "wijzigingen": wijzigingen,
    }


async def list_trail(conn: AsyncConnection | AsyncSession, hoofd_object_uuid: UUID) -> list[dict[str, Any]]:
    """The rendered trail of a hoofdObject (the audittrail endpoints return it as a plain array)."""
    result = await conn.execute(trail_select(hoofd_object_uuid))
    return [render_entry(row) for row in result.mappings()]


async def get_trail_entry(
    conn: AsyncConnection | AsyncSession, hoofd_object_uuid: UUID, entry_uuid: UUID
) -> dict[str, Any] | None:
    """One rendered row, only if it belongs to this hoofdObject (else ``None``: the endpoint answers 404)."""
    result = await conn.execute(
        select(*_COLUMNS).where(_t.c.hoofd_object_uuid == hoofd_object_uuid, _t.c.uuid == entry_uuid)
    )
    row = result.mappings().first()
    return render_entry(row) if row is not None else None
