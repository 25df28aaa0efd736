"""Zaakinformatieobjecten and zaakbesluiten: the zaak side of its links to documents and besluiten.

The documents and besluiten themselves belong to the Documenten and Besluiten components; they are reached only
through the in-process interfaces of :mod:`zaakwerk.zaken.koppelvlak`. Without a registered implementation a
link cannot be checked, so it is refused (400 on ``informatieobject`` / ``besluit``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi.models import BesluitType, InformatieObjectType, ZaakType, ZaakTypeBesluitType
from zaakwerk.catalogi.models import ZaakTypeInformatieObjectType as ZTIOT
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid, not_found
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.zaken import access, events, koppelvlak
from zaakwerk.zaken._context import STATUSSEN, ZAAKINFORMATIEOBJECTEN, ZAKEN, Ctx
from zaakwerk.zaken._read_overig import zaakbesluit_dict, zaakinformatieobject_dict
from zaakwerk.zaken._schemas_overig import ZaakBesluitIn, ZaakInformatieObjectIn
from zaakwerk.zaken._service_common import check_zaak_write, get_or_404, is_closed, zaak_from_url
from zaakwerk.zaken._service_koppelingen import zaak_of, zaken_base
from zaakwerk.zaken.models import Status, Zaak, ZaakBesluit, ZaakInformatieObject

BESLUITEN = "besluiten"
GEEN_DOCUMENTEN_API = (
    "Deze installatie heeft (nog) geen Documenten API; een informatieobject kan daarom niet gecontroleerd en niet "
    "aan een zaak gekoppeld worden."
)
GEEN_BESLUITEN_API = (
    "Deze installatie heeft (nog) geen Besluiten API; een besluit kan daarom niet gecontroleerd en niet aan een "
    "zaak gekoppeld worden."
)
IMMUTABLE = "wijzigen-niet-toegelaten"


def _check_write_any(ctx: Ctx, zaak: Zaak, *scopes: str) -> None:
    """One of ``scopes`` on the zaak, or geforceerd-bijwerken; a closed zaak needs geforceerd-bijwerken."""
    principal = ctx.principal
    if not is_closed(zaak) and any(
        access.may(principal, scope, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding) for scope in scopes
    ):
        return
    check_zaak_write(ctx, zaak)


async def _iot_in_zaaktype(session: AsyncSession, ctx: Ctx, zaak: Zaak, iot_url: str) -> bool:
    """zrc-017: the informatieobjecttype is one of the zaaktype's (linked by omschrijving within its catalogus)."""
    iot_id = ctx.catalogi_uuid(iot_url, "informatieobjecttypen")
    if iot_id is None:
        return False
    query = select(
        exists()
        .where(
            ZTIOT.zaaktype_id == zaak.zaaktype_id, ZaakType.id == zaak.zaaktype_id, InformatieObjectType.id == iot_id
        )
        .where(
            ZTIOT.informatieobjecttype == InformatieObjectType.omschrijving,
            InformatieObjectType.catalogus_id == ZaakType.catalogus_id,
        )
    )
    return bool((await session.execute(query)).scalar())


async def _status_of_zaak(
    session: AsyncSession, ctx: Ctx, url: str | None, zaak: Zaak, inv: Invalid
) -> uuid.UUID | None:
    if url is None:
        return None
    id_ = ctx.uuid_of(url, STATUSSEN)
    status = await session.get(Status, id_) if id_ is not None else None
    if status is None:
        inv.add("status", "bad-url", "De URL verwijst niet naar een status van deze Zaken API.")
        return None
    if status.zaak_id != zaak.id:
        inv.add("status", "zaak-mismatch", "De status hoort niet bij deze zaak.")
        return None
    return status.id


def _record(
    session: AsyncSession,
    ctx: Ctx,
    zaak: Zaak,
    url: str,
    collection: str,
    actie: str,
    oud: dict[str, Any] | None,
    nieuw: dict[str, Any] | None,
    toelichting: str,
) -> None:
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=collection,
        resource_url=url,
        actie=actie,
        oud=oud,
        nieuw=nieuw,
        toelichting=toelichting,
    )


async def create_zaakinformatieobject(
    session: AsyncSession, ctx: Ctx, data: ZaakInformatieObjectIn, toelichting: str = ""
) -> ZaakInformatieObject:
    """zrc-003 (the informatieobject exists), zrc-004 (aardRelatie and registratiedatum set here), zrc-005 (the
    objectinformatieobject mirrored in the same transaction), zrc-017 (its informatieobjecttype belongs to the
    zaaktype); the zaak must not be archived yet and the pair is unique."""
    inv = Invalid()
    zaak = await zaak_from_url(session, ctx, data.zaak, inv, lock=True)
    inv.raise_if_any()
    assert zaak is not None
    _check_write_any(ctx, zaak, access.AANMAKEN, access.BIJWERKEN)
    documenten = koppelvlak.documenten()
    informatieobject = None
    if documenten is None:
        inv.add("informatieobject", "geen-documenten-api", GEEN_DOCUMENTEN_API)
    else:
        informatieobject = await documenten.informatieobject(session, data.informatieobject)
        if informatieobject is None:
            inv.add("informatieobject", "bad-url", "Het informatieobject bestaat niet.")
        elif not await _iot_in_zaaktype(session, ctx, zaak, informatieobject.informatieobjecttype):
            inv.add(
                "informatieobject",
                "missing-zaaktype-informatieobjecttype-relation",
                "Het informatieobjecttype van het informatieobject hoort niet bij het zaaktype van de zaak.",
            )
    if zaak.archiefstatus != "nog_te_archiveren":
        inv.add("zaak", "zaak-archiefstatus", "Aan een gearchiveerde zaak kunnen geen documenten gekoppeld worden.")
    taken = select(
        exists().where(
            ZaakInformatieObject.zaak_id == zaak.id, ZaakInformatieObject.informatieobject == data.informatieobject
        )
    )
    if (await session.execute(taken)).scalar():
        inv.add("nonFieldErrors", "unique", "Dit informatieobject is al aan deze zaak gekoppeld.")
    status_id = await _status_of_zaak(session, ctx, data.status, zaak, inv)
    inv.raise_if_any()
    assert documenten is not None
    obj = ZaakInformatieObject(
        rsin=zaak.bronorganisatie,
        zaak_id=zaak.id,
        informatieobject=data.informatieobject,
        aard_relatie="hoort_bij",
        titel=data.titel,
        beschrijving=data.beschrijving,
        registratiedatum=clock.now(),
        vernietigingsdatum=data.vernietigingsdatum,
        status_id=status_id,
    )
    session.add(obj)
    await session.flush()
    await documenten.zaak_gekoppeld(session, data.informatieobject, ctx.url(ZAKEN, zaak.id))
    nieuw = zaakinformatieobject_dict(zaken_base(ctx), obj)
    _record(session, ctx, zaak, nieuw["url"], ZAAKINFORMATIEOBJECTEN, "create", None, nieuw, toelichting)
    return obj


def zio_input(ctx: Ctx, obj: ZaakInformatieObject) -> dict[str, Any]:
    """The zaakinformatieobject as a PUT body (what a PATCH is laid over)."""
    rendered = zaakinformatieobject_dict(zaken_base(ctx), obj)
    fields = ("informatieobject", "zaak", "titel", "beschrijving", "vernietigingsdatum", "status")
    return {name: rendered[name] for name in fields}


async def update_zaakinformatieobject(
    session: AsyncSession,
    ctx: Ctx,
    id_: uuid.UUID,
    data: ZaakInformatieObjectIn | dict[str, Any],
    toelichting: str = "",
) -> ZaakInformatieObject:
    """PUT (``data`` a full body) or PATCH (``data`` the given fields). zrc-004: ``zaak`` and
    ``informatieobject`` cannot change (400 ``wijzigen-niet-toegelaten``); the relation information can."""
    obj: ZaakInformatieObject = await get_or_404(session, ZaakInformatieObject, id_)
    zaak = await zaak_of(session, ctx, obj.zaak_id)
    actie = "update"
    if isinstance(data, dict):
        data, actie = merge_patch(ZaakInformatieObjectIn, zio_input(ctx, obj), data), "partial_update"
    inv = Invalid()
    if ctx.uuid_of(data.zaak, ZAKEN) != obj.zaak_id:
        inv.add("zaak", IMMUTABLE, "De zaak van een zaakinformatieobject kan niet gewijzigd worden.")
    if data.informatieobject != obj.informatieobject:
        inv.add("informatieobject", IMMUTABLE, "Het informatieobject van de relatie kan niet gewijzigd worden.")
    status_id = await _status_of_zaak(session, ctx, data.status, zaak, inv)
    inv.raise_if_any()
    oud = zaakinformatieobject_dict(zaken_base(ctx), obj)
    obj.titel = data.titel
    obj.beschrijving = data.beschrijving
    obj.vernietigingsdatum = data.vernietigingsdatum
    obj.status_id = status_id
    await session.flush()
    nieuw = zaakinformatieobject_dict(zaken_base(ctx), obj)
    _record(session, ctx, zaak, nieuw["url"], ZAAKINFORMATIEOBJECTEN, actie, oud, nieuw, toelichting)
    return obj


async def delete_zaakinformatieobject(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, toelichting: str = "") -> None:
    """Removes the mirrored objectinformatieobject too (zrc-005), in the same transaction."""
    obj: ZaakInformatieObject = await get_or_404(session, ZaakInformatieObject, id_)
    zaak = await session.get(Zaak, obj.zaak_id, with_for_update=True)
    assert zaak is not None
    _check_write_any(ctx, zaak, access.BIJWERKEN, access.VERWIJDEREN)
    oud = zaakinformatieobject_dict(zaken_base(ctx), obj)
    await session.delete(obj)
    await session.flush()
    documenten = koppelvlak.documenten()
    if documenten is not None:
        await documenten.zaak_ontkoppeld(session, obj.informatieobject, ctx.url(ZAKEN, zaak.id))
    _record(session, ctx, zaak, oud["url"], ZAAKINFORMATIEOBJECTEN, "destroy", oud, None, toelichting)


async def _besluittype_in_zaaktype(session: AsyncSession, ctx: Ctx, zaak: Zaak, besluittype_url: str) -> bool:
    """brc-007 seen from the zaak: the besluittype is one of the zaaktype's (by omschrijving in its catalogus)."""
    bt_id = ctx.catalogi_uuid(besluittype_url, "besluittypen")
    if bt_id is None:
        return False
    link = ZaakTypeBesluitType
    query = select(
        exists()
        .where(link.zaaktype_id == zaak.zaaktype_id, ZaakType.id == zaak.zaaktype_id, BesluitType.id == bt_id)
        .where(link.omschrijving == BesluitType.omschrijving, BesluitType.catalogus_id == ZaakType.catalogus_id)
    )
    return bool((await session.execute(query)).scalar())


async def create_zaakbesluit(
    session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, data: ZaakBesluitIn, toelichting: str = ""
) -> ZaakBesluit:
    """The zaak side of a besluit's link (the Besluiten API keeps it in sync). The besluit must exist, belong to
    this zaak when it names one, have a besluittype of the zaaktype (brc-007), and be linked only once."""
    zaak = await session.get(Zaak, zaak_id, with_for_update=True)
    if zaak is None:
        raise not_found("De zaak bestaat niet.")
    check_zaak_write(ctx, zaak)
    inv = Invalid()
    besluiten = koppelvlak.besluiten()
    if besluiten is None:
        inv.add("besluit", "geen-besluiten-api", GEEN_BESLUITEN_API)
    elif (besluit := await besluiten.besluit(session, data.besluit)) is None:
        inv.add("besluit", "bad-url", "Het besluit bestaat niet.")
    elif besluit.zaak is not None and ctx.uuid_of(besluit.zaak, ZAKEN) != zaak.id:
        inv.add("besluit", "zaak-mismatch", "Het besluit hoort bij een andere zaak.")
    elif not await _besluittype_in_zaaktype(session, ctx, zaak, besluit.besluittype):
        inv.add(
            "besluit", "zaaktype-mismatch", "Het besluittype van het besluit hoort niet bij het zaaktype van de zaak."
        )
    taken = select(exists().where(ZaakBesluit.zaak_id == zaak.id, ZaakBesluit.besluit == data.besluit))
    if (await session.execute(taken)).scalar():
        inv.add("nonFieldErrors", "unique", "Dit besluit is al aan deze zaak gekoppeld.")
    inv.raise_if_any()
    obj = ZaakBesluit(rsin=zaak.bronorganisatie, zaak_id=zaak.id, besluit=data.besluit)
    session.add(obj)
    await session.flush()
    nieuw = zaakbesluit_dict(zaken_base(ctx), obj)
    _record(session, ctx, zaak, nieuw["url"], BESLUITEN, "create", None, nieuw, toelichting)
    return obj


async def delete_zaakbesluit(
    session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, id_: uuid.UUID, toelichting: str = ""
) -> None:
    obj = await session.get(ZaakBesluit, id_)
    if obj is None or obj.zaak_id != zaak_id:
        raise not_found()
    zaak = await zaak_of(session, ctx, zaak_id)
    oud = zaakbesluit_dict(zaken_base(ctx), obj)
    await session.delete(obj)
    await session.flush()
    _record(session, ctx, zaak, oud["url"], BESLUITEN, "destroy", oud, None, toelichting)
