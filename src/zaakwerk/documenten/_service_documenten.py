"""Enkelvoudiginformatieobjecten: create, update (always a new version), delete, lock and unlock.

Rules: drc-001 (a published informatieobjecttype of this installation), drc-005 (no "in bewerking"/"ter
vaststelling" once received), drc-006 (indicatieGebruiksrecht follows the gebruiksrechten), drc-007
(vertrouwelijkheidaanduiding from the informatieobjecttype when not given), drc-008 (no delete while
objectinformatieobjecten remain; gebruiksrechten and audit trail go with it), drc-009/drc-010 (updates need the
lock id; geforceerd-unlock without it).

Content is stored after every check passed, before the rows are written: a write refused later (or rolled back)
leaves an unreferenced blob for the sweep, never a row without content.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi.models import InformatieObjectType
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid, not_found, validation_error
from zaakwerk.core.ids import new_uuid
from zaakwerk.core.zgw.audittrail import AuditTrail
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.documenten import access, events
from zaakwerk.documenten._context import ENKELVOUDIGINFORMATIEOBJECTEN, Ctx
from zaakwerk.documenten._inhoud import store_inhoud
from zaakwerk.documenten._read import document_dict, latest
from zaakwerk.documenten.models import Gebruiksrechten, InformatieObject, InformatieObjectVersie
from zaakwerk.documenten.models import ObjectInformatieObject as OIO
from zaakwerk.documenten.schemas import EnkelvoudigInformatieObjectIn, EnkelvoudigInformatieObjectUpdate
from zaakwerk.documenten.storage import Blob

V = InformatieObjectVersie
NIET_ONTVANGEN = ("in_bewerking", "ter_vaststelling")


async def informatieobjecttype(session: AsyncSession, ctx: Ctx, url: str, inv: Invalid) -> InformatieObjectType | None:
    """drc-001: the informatieobjecttype exists in this installation's Catalogi API and is published."""
    id_ = ctx.catalogi_uuid(url, "informatieobjecttypen")
    iot = await session.get(InformatieObjectType, id_) if id_ is not None else None
    if iot is None:
        inv.add("informatieobjecttype", "bad-url", "Het informatieobjecttype bestaat niet in de Catalogi API.")
    elif iot.concept:
        inv.add("informatieobjecttype", "not-published", "Het informatieobjecttype is nog niet gepubliceerd.")
    return iot


def _check_fields(data: EnkelvoudigInformatieObjectIn, inv: Invalid, current_size: int | None = None) -> None:
    if data.ontvangstdatum is not None and data.status in NIET_ONTVANGEN:
        # drc-005
        inv.add(
            "status",
            "invalid_for_received",
            "Een ontvangen informatieobject (met ontvangstdatum) kan niet 'in bewerking' of 'ter vaststelling' zijn.",
        )
    if data.status in NIET_ONTVANGEN and data.ondertekening is not None and data.ondertekening.soort:
        inv.add(
            "ondertekening",
            "invalid_for_status",
            "Een informatieobject 'in bewerking' of 'ter vaststelling' kan nog niet ondertekend zijn.",
        )
    # A size without content announces an upload in bestandsdelen (the size of kept content may be repeated).
    if data.inhoud is None and data.bestandsomvang and data.bestandsomvang != current_size:
        inv.add(
            "bestandsomvang",
            "bestandsdelen-niet-ondersteund",
            "Uploaden in bestandsdelen wordt (nog) niet ondersteund; stuur de inhoud base64-gecodeerd mee.",
        )


async def _identificatie_free(
    session: AsyncSession, bronorganisatie: str, identificatie: str, own: uuid.UUID | None, inv: Invalid
) -> None:
    """(bronorganisatie, identificatie) names one document: no other document's latest version has it."""
    conditions = [V.bronorganisatie == bronorganisatie, V.identificatie == identificatie]
    if own is not None:
        conditions.append(V.informatieobject_id != own)
    query = select(exists(select(V.versie).join(InformatieObject, latest()).where(*conditions)))
    if (await session.execute(query)).scalar():
        inv.add("identificatie", "identificatie-niet-uniek", "Deze identificatie bestaat al voor deze bronorganisatie.")


def _version(
    id_: uuid.UUID, versie: int, data: EnkelvoudigInformatieObjectIn, iot: InformatieObjectType, blob: Blob | None
) -> InformatieObjectVersie:
    ondertekening = data.ondertekening.model_dump(mode="json") if data.ondertekening else None
    integriteit = data.integriteit.model_dump(mode="json") if data.integriteit else None
    return V(
        informatieobject_id=id_,
        versie=versie,
        identificatie=data.identificatie,
        bronorganisatie=data.bronorganisatie,
        creatiedatum=data.creatiedatum,
        titel=data.titel,
        # drc-007
        vertrouwelijkheidaanduiding=data.vertrouwelijkheidaanduiding or iot.vertrouwelijkheidaanduiding,
        is_gereed_voor_publicatie=data.is_gereed_voor_publicatie,
        tonen_aan_initiator=data.tonen_aan_initiator,
        auteur=data.auteur,
        status=data.status,
        inhoud_is_vervallen=data.inhoud_is_vervallen,
        # The client's formaat when given; else the type detected from the content.
        formaat=data.formaat or (blob.content_type if blob else ""),
        taal=data.taal,
        begin_registratie=clock.now(),
        bestandsnaam=data.bestandsnaam,
        link=data.link,
        beschrijving=data.beschrijving,
        ontvangstdatum=data.ontvangstdatum,
        verzenddatum=data.verzenddatum,
        indicatie_gebruiksrecht=data.indicatie_gebruiksrecht,
        verschijningsvorm=data.verschijningsvorm,
        ondertekening=ondertekening,
        integriteit=integriteit,
        informatieobjecttype_id=iot.id,
        trefwoorden=list(data.trefwoorden),
        trefwoorden_zoek="".join(f"|{t}" for t in data.trefwoorden) + "|" if data.trefwoorden else "",
        inhoud_sleutel=blob.key if blob else None,
        bestandsomvang=blob.size if blob else None,
        inhoud_sha256=blob.sha256 if blob else None,
        inhoud_type=blob.content_type if blob else None,
    )


async def create_document(
    session: AsyncSession, ctx: Ctx, data: EnkelvoudigInformatieObjectIn
) -> tuple[InformatieObject, InformatieObjectVersie]:
    inv = Invalid()
    iot = await informatieobjecttype(session, ctx, data.informatieobjecttype, inv)
    _check_fields(data, inv)
    if data.indicatie_gebruiksrecht:
        inv.add(
            "indicatieGebruiksrecht",
            "missing-gebruiksrechten",
            "indicatieGebruiksrecht wordt pas 'true' door gebruiksrechten aan te maken (drc-006).",
        )
    if data.identificatie:
        await _identificatie_free(session, data.bronorganisatie, data.identificatie, None, inv)
    inv.raise_if_any()
    assert iot is not None
    level = data.vertrouwelijkheidaanduiding or iot.vertrouwelijkheidaanduiding
    access.check(ctx.principal, (access.AANMAKEN,), iot.id, level)
    blob = await store_inhoud(ctx.storage, data.inhoud, ctx.settings.documenten_max_size) if data.inhoud else None
    id_ = new_uuid()
    if not data.identificatie:
        data = data.model_copy(update={"identificatie": str(id_)})
    document = InformatieObject(id=id_, bronorganisatie=data.bronorganisatie, versie=1, lock="")
    versie = _version(id_, 1, data, iot, blob)
    session.add(document)
    await session.flush()
    session.add(versie)
    await session.flush()
    nieuw = document_dict(ctx.base_url, versie, locked=False)
    events.document_changed(
        session, ctx, versie, collection=ENKELVOUDIGINFORMATIEOBJECTEN, resource_url=nieuw["url"], actie="create",
        nieuw=nieuw,
    )  # fmt: skip
    return document, versie


async def document_for_update(session: AsyncSession, id_: uuid.UUID) -> tuple[InformatieObject, InformatieObjectVersie]:
    """The document (locked for this transaction) and its latest version; 404 when it does not exist."""
    document = await session.get(InformatieObject, id_, with_for_update=True)
    if document is None:
        raise not_found()
    versie = await session.get(V, (id_, document.versie))
    assert versie is not None
    return document, versie


def _current_input(ctx: Ctx, versie: InformatieObjectVersie) -> dict[str, Any]:
    """The latest version as a request body (what a PATCH is laid over); the content stays unless sent."""
    current = document_dict(ctx.base_url, versie, locked=True)
    current.pop("inhoud")
    return current


async def update_document(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, data: EnkelvoudigInformatieObjectUpdate | dict[str, Any]
) -> InformatieObjectVersie:
    """PUT (``data`` a full body) or PATCH (``data`` the given fields): always a new version (drc-010)."""
    document, current = await document_for_update(session, id_)
    scopes = (access.BIJWERKEN, access.GEFORCEERD_BIJWERKEN)
    access.check(ctx.principal, scopes, current.informatieobjecttype_id, current.vertrouwelijkheidaanduiding)
    actie = "update"
    if isinstance(data, dict):
        data, actie = (
            merge_patch(EnkelvoudigInformatieObjectUpdate, _current_input(ctx, current), data),
            "partial_update",
        )
    # drc-009/drc-010: only the holder of the lock writes.
    if not document.lock:
        raise validation_error("nonFieldErrors", "unlocked", "Het informatieobject is niet gelockt; lock het eerst.")
    if not secrets.compare_digest(data.lock, document.lock):
        raise validation_error("nonFieldErrors", "incorrect-lock-id", "Het lock id is onjuist.")
    if data.inhoud and data.inhoud.startswith(f"{ctx.document_url(id_)}/download"):
        # A GET body sent back whole names the current content by its download URL: keep that content.
        data = data.model_copy(update={"inhoud": None})
    inv = Invalid()
    iot = await informatieobjecttype(session, ctx, data.informatieobjecttype, inv)
    _check_fields(data, inv, current.bestandsomvang)
    await _check_indicatie(session, document.id, data.indicatie_gebruiksrecht, inv)
    if data.identificatie != current.identificatie or data.bronorganisatie != current.bronorganisatie:
        await _identificatie_free(session, data.bronorganisatie, data.identificatie, document.id, inv)
    inv.raise_if_any()
    assert iot is not None
    # The new type and vertrouwelijkheid must be within the client's rights too.
    access.check(ctx.principal, scopes, iot.id, data.vertrouwelijkheidaanduiding or iot.vertrouwelijkheidaanduiding)
    if data.inhoud is not None:
        blob = await store_inhoud(ctx.storage, data.inhoud, ctx.settings.documenten_max_size) if data.inhoud else None
    else:
        blob = _blob_of(current)
    oud = document_dict(ctx.base_url, current, locked=True)
    versie = _version(document.id, document.versie + 1, data, iot, blob)
    if data.inhoud is None and not data.formaat:
        versie.formaat = current.formaat
    session.add(versie)
    await session.flush()
    document.versie = versie.versie
    await session.flush()
    nieuw = document_dict(ctx.base_url, versie, locked=True)
    events.document_changed(
        session, ctx, versie, collection=ENKELVOUDIGINFORMATIEOBJECTEN, resource_url=nieuw["url"], actie=actie,
        oud=oud, nieuw=nieuw,
    )  # fmt: skip
    return versie


def _blob_of(versie: InformatieObjectVersie) -> Blob | None:
    if versie.inhoud_sleutel is None:
        return None
    return Blob(
        key=versie.inhoud_sleutel,
        sha256=versie.inhoud_sha256 or "",
        size=versie.bestandsomvang or 0,
        content_type=versie.inhoud_type or "application/octet-stream",
    )


async def _check_indicatie(session: AsyncSession, id_: uuid.UUID, indicatie: bool | None, inv: Invalid) -> None:
    """drc-006: ``true`` exactly when gebruiksrechten exist."""
    has = bool((await session.execute(select(exists().where(Gebruiksrechten.informatieobject_id == id_)))).scalar())
    if has and indicatie is not True:
        inv.add(
            "indicatieGebruiksrecht",
            "existing-gebruiksrechten",
            "Er zijn gebruiksrechten vastgelegd; verwijder die eerst om de indicatie te wijzigen.",
        )
    elif not has and indicatie is True:
        inv.add(
            "indicatieGebruiksrecht",
            "missing-gebruiksrechten",
            "indicatieGebruiksrecht wordt pas 'true' door gebruiksrechten aan te maken (drc-006).",
        )


async def delete_document(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> None:
    """drc-008: refused while objectinformatieobjecten remain; the versions, gebruiksrechten and audit trail go
    with the document (no soft delete). Its content stays until the sweep finds it unreferenced."""
    document, current = await document_for_update(session, id_)
    access.check(
        ctx.principal, (access.VERWIJDEREN,), current.informatieobjecttype_id, current.vertrouwelijkheidaanduiding
    )
    if (await session.execute(select(exists().where(OIO.informatieobject_id == id_)))).scalar():
        raise validation_error(
            "nonFieldErrors",
            "pending-relations",
            "Het informatieobject is nog gekoppeld aan zaken, besluiten of verzoeken; ontkoppel het eerst.",
        )
    oud = document_dict(ctx.base_url, current, locked=bool(document.lock))
    await session.execute(delete(Gebruiksrechten).where(Gebruiksrechten.informatieobject_id == id_))
    await session.execute(delete(V).where(V.informatieobject_id == id_))
    await session.execute(delete(AuditTrail).where(AuditTrail.hoofd_object_uuid == id_))
    await session.delete(document)
    await session.flush()
    events.document_changed(
        session, ctx, current, collection=ENKELVOUDIGINFORMATIEOBJECTEN, resource_url=oud["url"], actie="destroy",
        oud=oud, audit=False,
    )  # fmt: skip


async def lock_document(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> str:
    """drc-009: a new, unguessable lock id; 400 when the document is locked already."""
    document, current = await document_for_update(session, id_)
    access.check(ctx.principal, (access.LOCK,), current.informatieobjecttype_id, current.vertrouwelijkheidaanduiding)
    if document.lock:
        raise validation_error("nonFieldErrors", "existing-lock", "Het informatieobject is al gelockt.")
    document.lock = secrets.token_hex(32)
    await session.flush()
    return document.lock


async def unlock_document(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, lock: str) -> None:
    """drc-009: with the lock id, or forced (scope geforceerd-unlock) without one."""
    document, current = await document_for_update(session, id_)
    type_id, level = current.informatieobjecttype_id, current.vertrouwelijkheidaanduiding
    access.check(ctx.principal, (access.LOCK, access.GEFORCEERD_UNLOCK), type_id, level)
    if lock:
        if not document.lock or not secrets.compare_digest(lock, document.lock):
            raise validation_error("lock", "incorrect-lock-id", "Het lock id is onjuist.")
    elif not access.may(ctx.principal, access.GEFORCEERD_UNLOCK, type_id, level):
        raise validation_error(
            "lock", "missing-lock-id", "Geef het lock id mee; alleen geforceerd unlocken mag zonder lock id."
        )
    document.lock = ""
    await session.flush()
