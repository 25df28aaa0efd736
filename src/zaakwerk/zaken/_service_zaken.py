"""Creating, changing and destroying zaken: the one write path of a zaak's own fields (API, portal, KCC, werkplek).

Services take the session of the caller's unit of work and never commit. Each write checks the client's rights
on the zaak (``access``), every rule of :mod:`._service_zaken_checks`, writes, and records the change with
:func:`events.zaak_changed` (audit trail + ``zaken`` notification) in the same transaction. Nothing is written
when a rule fails: all checks run before the first change.

A zaak is rendered for the audit trail from the ORM object itself (its attribute names are the read query's
column names), so create costs no extra SELECT of the row it just wrote.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid, not_found, validation_error
from zaakwerk.core.ids import new_uuid
from zaakwerk.core.jobs.models import Job
from zaakwerk.core.jobs.queue import wake_after_commit
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.zaken import _geometrie, access, events, termijnen
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken._identificatie_voorraad import IdentificatieBezet, Voorraad
from zaakwerk.zaken._read_zaken import ZAAK_COLUMNS, ReadCtx, render_zaken
from zaakwerk.zaken._service_common import check_zaak_write, insert_rows
from zaakwerk.zaken._service_zaken_checks import (
    check_immutable,
    check_producten,
    check_referentielijsten,
    check_values,
    check_zaak_refs,
    zaaktype_of,
)
from zaakwerk.zaken._service_zaken_identificatie import NIET_UNIEK, ken_toe
from zaakwerk.zaken._typen import Typen, ZaakTypeInfo
from zaakwerk.zaken.models import Zaak, ZaakIdentificatie
from zaakwerk.zaken.schemas import Betalingsindicatie, ZaakIn

_COLUMN_NAMES = tuple(c.key for c in ZAAK_COLUMNS)
_ZAAK = cast(Table, Zaak.__table__)
_IDENTIFICATIE = cast(Table, ZaakIdentificatie.__table__)
_AUDIT = cast(Table, AuditTrail.__table__)
_JOB = cast(Table, Job.__table__)


def _fields(data: ZaakIn, zaaktype: ZaakType | ZaakTypeInfo, hoofdzaak_id: uuid.UUID | None) -> dict[str, Any]:
    """The zaak columns ``data`` sets (everything but identificatie, deadlines, opschorting and verlenging)."""
    min_x, min_y, max_x, max_y = _geometrie.bounding_box(data.zaakgeometrie)
    return {
        "bronorganisatie": data.bronorganisatie,
        "omschrijving": data.omschrijving,
        "toelichting": data.toelichting,
        "verantwoordelijke_organisatie": data.verantwoordelijke_organisatie,
        "startdatum": data.startdatum,
        "publicatiedatum": data.publicatiedatum,
        "communicatiekanaal": data.communicatiekanaal,
        "producten_of_diensten": list(data.producten_of_diensten),
        # zrc-009: the zaaktype's when the client does not choose one.
        "vertrouwelijkheidaanduiding": data.vertrouwelijkheidaanduiding or zaaktype.vertrouwelijkheidaanduiding,
        "betalingsindicatie": data.betalingsindicatie.value,
        "laatste_betaaldatum": data.laatste_betaaldatum,
        "zaakgeometrie": data.zaakgeometrie,
        "geometrie_min_x": min_x,
        "geometrie_min_y": min_y,
        "geometrie_max_x": max_x,
        "geometrie_max_y": max_y,
        "selectielijstklasse": data.selectielijstklasse,
        "hoofdzaak_id": hoofdzaak_id,
        "relevante_andere_zaken": [r.model_dump(mode="json", by_alias=True) for r in data.relevante_andere_zaken],
        "kenmerken": [k.model_dump(mode="json", by_alias=True) for k in data.kenmerken],
        "archiefnominatie": data.archiefnominatie.value if data.archiefnominatie else "",
        "archiefstatus": data.archiefstatus.value,
        "archiefactiedatum": data.archiefactiedatum,
        "opdrachtgevende_organisatie": data.opdrachtgevende_organisatie,
        "processobjectaard": data.processobjectaard or "",
        "startdatum_bewaartermijn": data.startdatum_bewaartermijn,
        "processobject": data.processobject.model_dump(mode="json") if data.processobject else None,
    }


async def _render(session: AsyncSession, ctx: Ctx, *rows: Any) -> list[dict[str, Any]]:
    """Rows (zaken or snapshots of one) as the API shows them, inside the write's transaction."""
    return await render_zaken(await session.connection(), rows, ReadCtx(ctx.base_url))


class _NoChildren:
    """What :func:`render_zaken` needs of a connection, for a zaak created in this transaction: nothing can
    point to it yet (no deelzaken, rollen, eigenschappen, ...), so its URL lists are empty without a query and
    the body is still the read path's own rendering (the same JSON a GET gives)."""

    def __init__(self, dialect: Any) -> None:
        self.dialect = dialect

    async def execute(self, *_args: Any, **_kwargs: Any) -> _NoChildren:
        return self

    def all(self) -> list[Any]:
        return []


def _render_new(session: AsyncSession, ctx: Ctx, zaak: Zaak) -> Awaitable[list[dict[str, Any]]]:
    conn = cast(AsyncConnection, _NoChildren(session.get_bind().dialect))
    return render_zaken(conn, [zaak], ReadCtx(ctx.base_url))


def _snapshot(zaak: Zaak) -> SimpleNamespace:
    return SimpleNamespace(**{name: getattr(zaak, name) for name in _COLUMN_NAMES})


async def _flush(session: AsyncSession, *, generated: bool = False) -> None:
    """Write now, so a concurrent writer who took the same identificatie first gives a 400, not a 500."""
    await _write(session.flush(), generated=generated)


async def _write(writing: Awaitable[None], *, generated: bool = False) -> None:
    try:
        await writing
    except IntegrityError as exc:
        if "identificatie" in str(exc.orig):
            if generated:
                raise IdentificatieBezet from None
            raise validation_error(
                "identificatie", NIET_UNIEK, "Deze identificatie bestaat al binnen de bronorganisatie."
            ) from None
        raise


async def create_zaak(session: AsyncSession, ctx: Ctx, data: ZaakIn, *, toelichting: str = "") -> Zaak:
    """zaak_create: zrc-001, 002, 009, 010, 011, 013, 014, 015, 022; deadlines from the zaaktype when not given."""
    zaak, _ = await create_zaak_rendered(session, ctx, data, toelichting=toelichting)
    return zaak


async def create_zaak_rendered(
    session: AsyncSession,
    ctx: Ctx,
    data: ZaakIn,
    *,
    toelichting: str = "",
    typen: Typen | None = None,
    voorraad: Voorraad | None = None,
) -> tuple[Zaak, dict[str, Any]]:
    """:func:`create_zaak`, with the zaak as the API shows it (the response body: no read after the write);
    ``typen``: the process's cache of catalogue types; ``voorraad``: its supply of volgnummers (then the caller
    retries on :class:`IdentificatieBezet`, in a new transaction)."""
    inv = Invalid()
    zaaktype = await zaaktype_of(session, ctx, data.zaaktype, data.startdatum, inv, typen)
    check_values(data, inv)
    if zaaktype is None:
        inv.raise_if_any()
    assert zaaktype is not None
    vertrouwelijkheid = data.vertrouwelijkheidaanduiding or zaaktype.vertrouwelijkheidaanduiding
    access.check(ctx.principal, access.AANMAKEN, zaaktype.id, vertrouwelijkheid)
    check_producten(data, zaaktype, inv)
    hoofdzaak_id = await check_zaak_refs(session, ctx, data, None, inv)
    await check_referentielijsten(ctx, data, None, inv)
    inv.raise_if_any()

    zaak_id = new_uuid()
    registratiedatum = data.registratiedatum or clock.today()
    identificatie, record = await ken_toe(
        session, ctx.settings, zaak_id, data.bronorganisatie, data.identificatie, registratiedatum.year, inv, voorraad
    )
    inv.raise_if_any()
    gepland = termijnen.einddatum(data.startdatum, zaaktype.servicenorm)
    uiterlijk = termijnen.einddatum(data.startdatum, zaaktype.doorlooptijd)
    now = clock.now()
    values: dict[str, Any] = {
        "id": zaak_id,
        "identificatie": identificatie,
        "zaaktype_id": zaaktype.id,
        "registratiedatum": registratiedatum,
        "einddatum": None,
        "einddatum_gepland": data.einddatum_gepland or gepland,
        "uiterlijke_einddatum_afdoening": data.uiterlijke_einddatum_afdoening or uiterlijk,
        "verlenging_reden": "",
        "verlenging_duur": None,
        "opschorting_indicatie": False,
        "opschorting_reden": "",
        "status_id": None,
        "resultaat_id": None,
        "aangemaakt": now,
        "gewijzigd": now,
        **_fields(data, zaaktype, hoofdzaak_id),
    }
    zaak = Zaak(**values)
    rows: list[tuple[Table, dict[str, Any]]] = []
    opschorting, verlenging = _opschorting_verlenging(data, {"opschorting", "verlenging"})
    if opschorting is not None or verlenging is not None:
        # The deadline service changes the zaak object and adds history rows (rare on create: the ORM writes
        # them, with the whole zaaktype read for it).
        session.add(zaak)
        volledig: ZaakType | None = await session.get(ZaakType, zaaktype.id)
        assert volledig is not None
        toelichting = await _termijnen(session, ctx, zaak, volledig, opschorting, verlenging, toelichting)
        await _flush(session, generated=not data.identificatie)
    else:
        rows.append((_ZAAK, values))
    if record is not None:
        rows.append((_IDENTIFICATIE, record))
    (nieuw,) = await _render_new(session, ctx, zaak)
    audit, job = events.zaak_changed_rows(
        ctx, zaak, collection=ZAKEN, resource_url=nieuw["url"], actie="create", nieuw=nieuw, toelichting=toelichting
    )
    rows.append((_AUDIT, audit))
    if job is not None:
        rows.append((_JOB, job))
        wake_after_commit(session)
    # The zaak, its identificatie record, audit trail and notification in one statement on PostgreSQL.
    await _write(insert_rows(session, rows), generated=not data.identificatie)
    return zaak, nieuw


async def _termijnen(
    session: AsyncSession,
    ctx: Ctx,
    zaak: Zaak,
    zaaktype: ZaakType,
    opschorting: dict[str, Any] | None,
    verlenging: dict[str, Any] | None,
    toelichting: str,
) -> str:
    """Opschorting and verlenging go through the deadline service; its explanation joins the audit toelichting."""
    if opschorting is None and verlenging is None:
        return toelichting
    inv = Invalid()
    uitleg = await termijnen.wijzig_opschorting_verlenging(
        session, ctx, zaak, zaaktype, opschorting=opschorting, verlenging=verlenging, inv=inv
    )
    inv.raise_if_any()
    return " ".join(t for t in (toelichting, uitleg) if t)


async def _zaak_for_write(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> Zaak:
    zaak: Zaak | None = await session.get(Zaak, id_, with_for_update=True)
    if zaak is None:
        raise not_found()
    return zaak


async def _change(
    session: AsyncSession,
    ctx: Ctx,
    zaak: Zaak,
    data: ZaakIn,
    *,
    actie: str,
    opschorting: dict[str, Any] | None,
    verlenging: dict[str, Any] | None,
    toelichting: str,
) -> Zaak:
    """zaak_update / zaak_partial_update once the input is whole: the same rules as create, on what changes."""
    oud = _snapshot(zaak)
    if (
        data.betalingsindicatie == Betalingsindicatie.nvt
        and zaak.betalingsindicatie != Betalingsindicatie.nvt
        and data.laatste_betaaldatum == zaak.laatste_betaaldatum
    ):
        # zrc-014: a betaaldatum left over from before the change to "nvt" is cleared, not refused.
        data = data.model_copy(update={"laatste_betaaldatum": None})
    inv = Invalid()
    check_immutable(ctx, data, zaak, inv)
    check_values(data, inv)
    if inv:
        inv.raise_if_any()
    zaaktype: ZaakType | None = await session.get(ZaakType, zaak.zaaktype_id)
    assert zaaktype is not None  # a foreign key
    check_producten(data, zaaktype, inv)
    hoofdzaak_id = await check_zaak_refs(session, ctx, data, zaak, inv)
    await check_referentielijsten(ctx, data, zaak, inv)
    if data.bronorganisatie != zaak.bronorganisatie:
        await _move_identificatie(session, zaak, data.bronorganisatie, inv)
    fields = _fields(data, zaaktype, hoofdzaak_id)
    inv.raise_if_any()
    for name, value in fields.items():
        setattr(zaak, name, value)
    zaak.einddatum_gepland = data.einddatum_gepland
    zaak.uiterlijke_einddatum_afdoening = data.uiterlijke_einddatum_afdoening
    toelichting = await _termijnen(session, ctx, zaak, zaaktype, opschorting, verlenging, toelichting)
    zaak.gewijzigd = clock.now()
    await _flush(session)
    before, after = await _render(session, ctx, oud, zaak)
    events.zaak_changed(
        session, ctx, zaak, collection=ZAKEN, resource_url=after["url"], actie=actie, oud=before, nieuw=after,
        toelichting=toelichting,
    )  # fmt: skip
    return zaak


async def _move_identificatie(session: AsyncSession, zaak: Zaak, bronorganisatie: str, inv: Invalid) -> None:
    """zrc-002 on update: the identificatie must be free in the new bronorganisatie; its record moves along."""
    query = select(ZaakIdentificatie.zaak_id).where(
        ZaakIdentificatie.bronorganisatie == bronorganisatie, ZaakIdentificatie.identificatie == zaak.identificatie
    )
    taken = (await session.execute(query.union_all(
        select(Zaak.id).where(Zaak.bronorganisatie == bronorganisatie, Zaak.identificatie == zaak.identificatie)
    ))).first()  # fmt: skip
    if taken is not None:
        inv.add("identificatie", NIET_UNIEK, "Deze identificatie bestaat al binnen de nieuwe bronorganisatie.")
        return
    record = (
        await session.execute(select(ZaakIdentificatie).where(ZaakIdentificatie.zaak_id == zaak.id))
    ).scalar_one_or_none()
    if record is not None:
        record.bronorganisatie = bronorganisatie


def _opschorting_verlenging(data: ZaakIn, sent: set[str]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The gegevensgroepen to hand to the deadline service: only what the client sent, ``null`` counts as not
    sent (zrc-012)."""
    opschorting = data.opschorting.model_dump() if data.opschorting is not None and "opschorting" in sent else None
    verlenging = data.verlenging.model_dump() if data.verlenging is not None and "verlenging" in sent else None
    return opschorting, verlenging


async def update_zaak(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, data: ZaakIn, *, toelichting: str = "") -> Zaak:
    """zaak_update (PUT): zaken.bijwerken, on a closed zaak zaken.geforceerd-bijwerken (zrc-007)."""
    zaak = await _zaak_for_write(session, ctx, id_)
    check_zaak_write(ctx, zaak)
    opschorting, verlenging = _opschorting_verlenging(data, {"opschorting", "verlenging"})
    return await _change(
        session, ctx, zaak, data, actie="update", opschorting=opschorting, verlenging=verlenging,
        toelichting=toelichting,
    )  # fmt: skip


def current_input(ctx: Ctx, zaak: Zaak) -> dict[str, Any]:
    """The zaak in its input shape (what a PATCH is laid over); opschorting and verlenging are left out: they
    are only passed on when the client sends them."""
    return {
        "identificatie": zaak.identificatie,
        "bronorganisatie": zaak.bronorganisatie,
        "omschrijving": zaak.omschrijving,
        "toelichting": zaak.toelichting,
        "zaaktype": ctx.catalogi_url("zaaktypen", zaak.zaaktype_id),
        "registratiedatum": zaak.registratiedatum,
        "verantwoordelijkeOrganisatie": zaak.verantwoordelijke_organisatie,
        "startdatum": zaak.startdatum,
        "einddatumGepland": zaak.einddatum_gepland,
        "uiterlijkeEinddatumAfdoening": zaak.uiterlijke_einddatum_afdoening,
        "publicatiedatum": zaak.publicatiedatum,
        "communicatiekanaal": zaak.communicatiekanaal,
        "productenOfDiensten": zaak.producten_of_diensten,
        "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        "betalingsindicatie": zaak.betalingsindicatie,
        "laatsteBetaaldatum": zaak.laatste_betaaldatum,
        "zaakgeometrie": zaak.zaakgeometrie,
        "selectielijstklasse": zaak.selectielijstklasse,
        "hoofdzaak": ctx.zaak_url(zaak.hoofdzaak_id) if zaak.hoofdzaak_id else None,
        "relevanteAndereZaken": zaak.relevante_andere_zaken,
        "kenmerken": zaak.kenmerken,
        "archiefnominatie": zaak.archiefnominatie or None,
        "archiefstatus": zaak.archiefstatus,
        "archiefactiedatum": zaak.archiefactiedatum,
        "opdrachtgevendeOrganisatie": zaak.opdrachtgevende_organisatie,
        "processobjectaard": zaak.processobjectaard,
        "startdatumBewaartermijn": zaak.startdatum_bewaartermijn,
        "processobject": zaak.processobject,
    }


async def patch_zaak(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any], *, toelichting: str = ""
) -> Zaak:
    """zaak_partial_update (PATCH): the given fields over the current ones, then the same rules as PUT."""
    zaak = await _zaak_for_write(session, ctx, id_)
    check_zaak_write(ctx, zaak)
    data = merge_patch(ZaakIn, current_input(ctx, zaak), patch)
    opschorting, verlenging = _opschorting_verlenging(data, set(patch))
    return await _change(
        session, ctx, zaak, data, actie="partial_update", opschorting=opschorting, verlenging=verlenging,
        toelichting=toelichting,
    )  # fmt: skip
