"""Statussen: setting a status (zrc-016), closing a zaak with its eindstatus (zrc-007, deriving the archiving
parameters: zrc-021) and reopening it with another status (zrc-008).

The zaak row is locked for the whole write (``FOR UPDATE`` on PostgreSQL; SQLite has one writer), so two status
changes on one zaak are judged one after the other and never both against the same "current" status.

``Zaak.status_id`` always names the latest status by ``datumStatusGezet`` (on equal times the later one set); only
a status that becomes the latest closes or reopens the zaak, so a backdated status adds history and changes
nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi.models import ResultaatType
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid, permission_denied, validation_error
from zaakwerk.core.ids import new_uuid
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.queue import wake_after_commit
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.core.zgw.rows import iso, iso_datetime
from zaakwerk.zaken import access, events, koppelvlak
from zaakwerk.zaken._archief import afleiden
from zaakwerk.zaken._context import ROLLEN, STATUSSEN, ZAKEN, Ctx
from zaakwerk.zaken._schemas_status import StatusIn
from zaakwerk.zaken._service_common import BAD_URL, DOES_NOT_EXIST, insert_rows, is_closed
from zaakwerk.zaken._typen import StatusTypeInfo, Typen
from zaakwerk.zaken.models import Resultaat, Rol, Status, Zaak, ZaakInformatieObject

ZAAKTYPE_MISMATCH = "zaaktype-mismatch"

_STATUS = cast(Table, Status.__table__)
_ZAAK = cast(Table, Zaak.__table__)
_AUDIT = cast(Table, AuditTrail.__table__)
_JOB = cast(Table, Job.__table__)

# Any of these on the zaak lets a client add statussen at all; which one a given status needs is decided below.
_SCOPES = (
    access.STATUSSEN_TOEVOEGEN,
    access.BIJWERKEN,
    access.GEFORCEERD_BIJWERKEN,
    access.AANMAKEN,
    access.HEROPENEN,
)
_ON_OPEN_ZAAK = (access.STATUSSEN_TOEVOEGEN, access.BIJWERKEN, access.GEFORCEERD_BIJWERKEN)


def _may(ctx: Ctx, zaak: Zaak, scope: str) -> bool:
    return access.may(ctx.principal, scope, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding)


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were stored as UTC.
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


async def _statustype(
    session: AsyncSession, ctx: Ctx, url: str, zaak: Zaak, inv: Invalid, typen: Typen
) -> StatusTypeInfo | None:
    """zrc-016: the statustype must be one of the zaak's zaaktype."""
    id_ = ctx.catalogi_uuid(url, "statustypen")
    if id_ is None:
        inv.add("statustype", BAD_URL, "De URL verwijst niet naar een statustype van deze Catalogi API.")
        return None
    statustype = await typen.statustype(session, id_)
    if statustype is None:
        inv.add("statustype", DOES_NOT_EXIST, "Het statustype bestaat niet.")
    elif statustype.zaaktype_id != zaak.zaaktype_id:
        inv.add("statustype", ZAAKTYPE_MISMATCH, "Het statustype hoort niet bij het zaaktype van de zaak.")
        return None
    return statustype


async def _gezetdoor(session: AsyncSession, ctx: Ctx, url: str | None, zaak: Zaak, inv: Invalid) -> Rol | None:
    """The rol that set the status: a rol of this zaak."""
    if not url:
        return None
    id_ = ctx.uuid_of(url, ROLLEN)
    rol: Rol | None = await session.get(Rol, id_) if id_ is not None else None
    if rol is None:
        inv.add("gezetdoor", DOES_NOT_EXIST, "De URL verwijst niet naar een rol van deze Zaken API.")
    elif rol.zaak_id != zaak.id:
        inv.add("gezetdoor", "zaak-mismatch", "De rol hoort niet bij de zaak van deze status.")
        return None
    return rol


def _check_closed_zaak(ctx: Ctx, zaak: Zaak, *, heropent: bool) -> None:
    """zrc-008: reopening needs zaken.heropenen; any other status on a closed zaak is a correction (zrc-007)."""
    scope = access.HEROPENEN if heropent else access.GEFORCEERD_BIJWERKEN
    access.check(ctx.principal, scope, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding)


def _check_open_zaak(ctx: Ctx, zaak: Zaak) -> None:
    if any(_may(ctx, zaak, s) for s in _ON_OPEN_ZAAK):
        return
    if zaak.status_id is None and _may(ctx, zaak, access.AANMAKEN):
        return  # the creator of a zaak may set its first status
    raise permission_denied(
        "De scope 'zaken.statussen.toevoegen' of 'zaken.bijwerken' ontbreekt voor deze zaak "
        "(met 'zaken.aanmaken' mag alleen de eerste status gezet worden)."
    )


def status_data(ctx: Ctx, status: Status, laatste: bool) -> dict[str, Any]:
    """The status as the audit trail records it."""
    return {
        "url": ctx.url(STATUSSEN, status.id),
        "uuid": str(status.id),
        "zaak": ctx.zaak_url(status.zaak_id),
        "statustype": ctx.catalogi_url("statustypen", status.statustype_id),
        "datumStatusGezet": iso_datetime(status.datum_status_gezet),
        "statustoelichting": status.statustoelichting,
        "indicatieLaatstGezetteStatus": laatste,
        "gezetdoor": ctx.url(ROLLEN, status.gezetdoor_id) if status.gezetdoor_id else "",
        "zaakinformatieobjecten": [],
    }


def _zaak_afsluiting(ctx: Ctx, zaak: Zaak) -> dict[str, Any]:
    """The zaak fields closing and reopening change, as the audit trail records them."""
    return {
        "url": ctx.zaak_url(zaak.id),
        "status": ctx.url(STATUSSEN, zaak.status_id) if zaak.status_id else None,
        "einddatum": iso(zaak.einddatum),
        "archiefnominatie": zaak.archiefnominatie or None,
        "archiefactiedatum": iso(zaak.archiefactiedatum),
        "startdatumBewaartermijn": iso(zaak.startdatum_bewaartermijn),
    }


async def _resultaattype_of(session: AsyncSession, zaak: Zaak) -> ResultaatType:
    """zrc-007: a zaak is closed only with a resultaat (400 on ``statustype`` otherwise)."""
    id_ = await session.scalar(select(Resultaat.resultaattype_id).where(Resultaat.zaak_id == zaak.id))
    resultaattype = await session.get(ResultaatType, id_) if id_ is not None else None
    if resultaattype is None:
        raise validation_error(
            "statustype",
            "resultaat-does-not-exist",
            "De zaak heeft geen resultaat; zet eerst een resultaat voordat de eindstatus gezet wordt.",
        )
    return resultaattype


async def _check_gebruiksrechten(session: AsyncSession, zaak: Zaak) -> None:
    """zrc-007: a zaak closes only when every document it holds says whether gebruiksrechten apply (its
    indicatieGebruiksrecht true or false, not null). Without a Documenten API there are no zaakinformatieobjecten."""
    documenten = koppelvlak.documenten()
    if documenten is None:
        return
    zio = ZaakInformatieObject
    urls = (await session.execute(select(zio.informatieobject).where(zio.zaak_id == zaak.id))).scalars().all()
    for url in urls:
        document = await documenten.informatieobject(session, url)
        if document is not None and document.indicatie_gebruiksrecht is None:
            raise validation_error(
                "nonFieldErrors",
                "indicatiegebruiksrecht-unset",
                f"Het document {url} heeft geen indicatieGebruiksrecht: leg eerst vast of er gebruiksrechten "
                "gelden (true of false) voordat de zaak wordt afgesloten.",
            )


async def _sluit(session: AsyncSession, ctx: Ctx, zaak: Zaak, status: Status, rt: ResultaatType) -> str:
    """zrc-007 + zrc-021; returns why no archiefactiedatum could be derived ("" when it was)."""
    zaak.einddatum = _utc(status.datum_status_gezet).astimezone(clock.NL).date()
    archivering = await afleiden(session, ctx, zaak, rt)
    zaak.archiefnominatie = archivering.archiefnominatie
    # A date set by hand (ander_datumkenmerk) or on an earlier closing stays.
    if zaak.archiefactiedatum is None and archivering.archiefactiedatum is not None:
        zaak.archiefactiedatum = archivering.archiefactiedatum
        if zaak.startdatum_bewaartermijn is None:
            zaak.startdatum_bewaartermijn = archivering.brondatum
    return archivering.reden


def _heropen(zaak: Zaak) -> None:
    """zrc-008: the fields closing derived are emptied."""
    zaak.einddatum = None
    zaak.archiefactiedatum = None
    zaak.archiefnominatie = ""
    zaak.startdatum_bewaartermijn = None


async def _zaak_locked(
    session: AsyncSession, ctx: Ctx, url: str, inv: Invalid
) -> tuple[Zaak | None, dt.datetime | None]:
    """The zaak, locked for update (PostgreSQL), with the datumStatusGezet of its current status.

    Usually one statement. When the lock had to wait for a concurrent status write, the zaak row is the new one
    but the subquery still reads the statement's older snapshot, where that new status is not visible yet: then
    (and only then) the status is read again. A status never changes once written, so a value found is right.
    """
    id_ = ctx.uuid_of(url, ZAKEN)
    if id_ is None:
        inv.add("zaak", BAD_URL, "De URL verwijst niet naar een zaak van deze Zaken API.")
        return None, None
    huidige = select(Status.datum_status_gezet).where(Status.id == Zaak.status_id).scalar_subquery()
    query = select(Zaak, huidige).where(Zaak.id == id_).with_for_update(of=Zaak)
    row = (await session.execute(query)).first()
    if row is None:
        inv.add("zaak", DOES_NOT_EXIST, "De zaak bestaat niet.")
        return None, None
    zaak: Zaak = row[0]
    datum: dt.datetime | None = row[1]
    if datum is None and zaak.status_id is not None:
        datum = await session.scalar(select(Status.datum_status_gezet).where(Status.id == zaak.status_id))
    return zaak, datum


async def create_status(session: AsyncSession, ctx: Ctx, data: StatusIn, toelichting: str = "") -> Status:
    """Add a status to its zaak; closes (eindstatus) or reopens (another status on a closed zaak) it when the new
    status is the latest."""
    status, _ = await create_status_rendered(session, ctx, data, toelichting)
    return status


async def create_status_rendered(
    session: AsyncSession, ctx: Ctx, data: StatusIn, toelichting: str = "", typen: Typen | None = None
) -> tuple[Status, dict[str, Any]]:
    """:func:`create_status`, with the status as the API shows it: a new status has no zaakinformatieobjecten
    yet, so what was written is the whole body (no read after the write). ``typen``: the process's cache of
    catalogue types."""
    inv = Invalid()
    zaak, huidige_datum = await _zaak_locked(session, ctx, data.zaak, inv)
    inv.raise_if_any()
    assert zaak is not None
    if not any(_may(ctx, zaak, s) for s in _SCOPES):
        raise permission_denied("U heeft geen rechten om statussen aan deze zaak toe te voegen.")
    statustype = await _statustype(session, ctx, data.statustype, zaak, inv, typen or Typen())
    gezetdoor = await _gezetdoor(session, ctx, data.gezetdoor, zaak, inv)
    inv.raise_if_any()
    assert statustype is not None

    laatste = huidige_datum is None or data.datum_status_gezet >= _utc(huidige_datum)
    sluit = laatste and statustype.volgnummer == statustype.eind_volgnummer
    heropent = laatste and is_closed(zaak) and not sluit
    if is_closed(zaak):
        _check_closed_zaak(ctx, zaak, heropent=heropent)
    else:
        _check_open_zaak(ctx, zaak)
    resultaattype = await _resultaattype_of(session, zaak) if sluit else None
    if sluit:
        await _check_gebruiksrechten(session, zaak)

    values: dict[str, Any] = {
        "id": new_uuid(),
        "rsin": zaak.bronorganisatie,
        "zaak_id": zaak.id,
        "statustype_id": statustype.id,
        "datum_status_gezet": data.datum_status_gezet.astimezone(dt.UTC),
        "statustoelichting": data.statustoelichting,
        "gezetdoor_id": gezetdoor.id if gezetdoor is not None else None,
        "aangemaakt": clock.now(),
    }
    status = Status(**values)
    body = status_data(ctx, status, laatste)
    if not (sluit or heropent):
        # The common case: the status, its audit trail row and notification, and the zaak's pointer to its
        # latest status in one statement on PostgreSQL.
        audit, job = events.zaak_changed_rows(
            ctx, zaak, collection=STATUSSEN, resource_url=body["url"], actie="create", nieuw=body,
            toelichting=toelichting,
        )  # fmt: skip
        rows = [(_STATUS, values), (_AUDIT, audit), *([(_JOB, job)] if job is not None else [])]
        pointer = (_ZAAK, {"id": zaak.id}, {"status_id": status.id, "gewijzigd": clock.now()})
        await insert_rows(session, rows, then=pointer if laatste else None)
        if job is not None:
            wake_after_commit(session)
        return status, dict(body)

    session.add(status)
    await session.flush()
    oud = _zaak_afsluiting(ctx, zaak)
    zaak.status_id = status.id
    reden = ""
    if resultaattype is not None:
        reden = await _sluit(session, ctx, zaak, status, resultaattype)
    else:
        _heropen(zaak)
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=STATUSSEN,
        resource_url=body["url"],
        actie="create",
        nieuw=body,
        toelichting=toelichting,
    )
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=ZAKEN,
        resource_url=ctx.zaak_url(zaak.id),
        actie="partial_update",
        oud=oud,
        nieuw=_zaak_afsluiting(ctx, zaak),
        toelichting=" ".join(t for t in (toelichting, reden) if t),
    )
    return status, dict(body)
