"""Zaaknotities (new and experimental in Zaken API 1.7): short notes on a zaak, by employees or applications.

Rules (the spec says only that a notitie "can only be modified when status is concept"; the rest is what a
municipality's record keeping expects, documented in ``docs/zaken/overige-resources.md``):

* a ``definitief`` notitie is final: PUT and PATCH are refused with a 400 and DELETE with a 409 (the spec has
  no 400 on DELETE), code ``notitie-definitief``; a concept may be made definitief;
* a notitie stays on its zaak: another ``gerelateerdAan`` on update is refused (``wijzigen-niet-toegelaten``);
* ``aangemaaktDoor`` left empty is filled in with who writes (the token's user, else the applicatie).

Like every write below a zaak: ``zaken.bijwerken`` on the zaak, ``zaken.geforceerd-bijwerken`` once it is closed.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid, conflict
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.zaken import events
from zaakwerk.zaken._context import ZAAKNOTITIES, ZAKEN, Ctx
from zaakwerk.zaken._read_overig import zaaknotitie_dict
from zaakwerk.zaken._schemas_overig import NotitieStatus, ZaakNotitieIn
from zaakwerk.zaken._service_common import get_or_404, zaak_for_child_write
from zaakwerk.zaken._service_koppelingen import zaak_of, zaken_base
from zaakwerk.zaken.models import Zaak, ZaakNotitie

DEFINITIEF = "notitie-definitief"
IMMUTABLE = "wijzigen-niet-toegelaten"


def _auteur(ctx: Ctx) -> str:
    principal = ctx.principal
    return (principal.user_representation or principal.user_id or principal.label)[:255]


def _record(
    session: AsyncSession,
    ctx: Ctx,
    zaak: Zaak,
    obj: ZaakNotitie,
    actie: str,
    oud: dict[str, Any] | None,
    toelichting: str,
) -> None:
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=ZAAKNOTITIES,
        resource_url=ctx.url(ZAAKNOTITIES, obj.id),
        actie=actie,
        oud=oud,
        nieuw=None if actie == "destroy" else zaaknotitie_dict(zaken_base(ctx), obj),
        weergave=obj.onderwerp[:200],
        toelichting=toelichting,
    )


async def create_zaaknotitie(
    session: AsyncSession, ctx: Ctx, data: ZaakNotitieIn, toelichting: str = ""
) -> ZaakNotitie:
    zaak = await zaak_for_child_write(session, ctx, data.gerelateerd_aan, name="gerelateerdAan")
    now = clock.now()
    obj = ZaakNotitie(
        rsin=zaak.bronorganisatie,
        zaak_id=zaak.id,
        onderwerp=data.onderwerp,
        tekst=data.tekst,
        aangemaakt_door=data.aangemaakt_door or _auteur(ctx),
        notitie_type=data.notitie_type.value,
        status=data.status.value,
        aanmaakdatum=now,
        wijzigingsdatum=now,
    )
    session.add(obj)
    await session.flush()
    _record(session, ctx, zaak, obj, "create", None, toelichting)
    return obj


async def _changeable(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, *, deleting: bool = False
) -> tuple[ZaakNotitie, Zaak]:
    """The notitie and its (locked) zaak, when the caller may change it and it is still a concept."""
    obj: ZaakNotitie = await get_or_404(session, ZaakNotitie, id_)
    zaak = await zaak_of(session, ctx, obj.zaak_id)
    if obj.status == NotitieStatus.definitief:
        if deleting:
            raise conflict(DEFINITIEF, "Een definitieve notitie kan niet verwijderd worden.")
        inv = Invalid()
        inv.add("status", DEFINITIEF, "Een definitieve notitie kan niet meer gewijzigd of verwijderd worden.")
        inv.raise_if_any()
    return obj, zaak


def notitie_input(ctx: Ctx, obj: ZaakNotitie) -> dict[str, Any]:
    """The notitie as a PUT body (what a PATCH is laid over)."""
    return {
        "gerelateerdAan": ctx.url(ZAKEN, obj.zaak_id),
        "onderwerp": obj.onderwerp,
        "tekst": obj.tekst,
        "aangemaaktDoor": obj.aangemaakt_door,
        "notitieType": obj.notitie_type,
        "status": obj.status,
    }


async def update_zaaknotitie(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, data: ZaakNotitieIn, toelichting: str = ""
) -> ZaakNotitie:
    obj, zaak = await _changeable(session, ctx, id_)
    return await _apply(session, ctx, obj, zaak, data, "update", toelichting)


async def patch_zaaknotitie(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any], toelichting: str = ""
) -> ZaakNotitie:
    obj, zaak = await _changeable(session, ctx, id_)
    data = merge_patch(ZaakNotitieIn, notitie_input(ctx, obj), patch)
    return await _apply(session, ctx, obj, zaak, data, "partial_update", toelichting)


async def _apply(
    session: AsyncSession, ctx: Ctx, obj: ZaakNotitie, zaak: Zaak, data: ZaakNotitieIn, actie: str, toelichting: str
) -> ZaakNotitie:
    if ctx.uuid_of(data.gerelateerd_aan, ZAKEN) != obj.zaak_id:
        inv = Invalid()
        inv.add("gerelateerdAan", IMMUTABLE, "Een notitie kan niet naar een andere zaak verplaatst worden.")
        inv.raise_if_any()
    oud = zaaknotitie_dict(zaken_base(ctx), obj)
    obj.onderwerp = data.onderwerp
    obj.tekst = data.tekst
    obj.aangemaakt_door = data.aangemaakt_door or obj.aangemaakt_door
    obj.notitie_type = data.notitie_type.value
    obj.status = data.status.value
    obj.wijzigingsdatum = clock.now()
    await session.flush()
    _record(session, ctx, zaak, obj, actie, oud, toelichting)
    return obj


async def delete_zaaknotitie(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, toelichting: str = "") -> None:
    obj, zaak = await _changeable(session, ctx, id_, deleting=True)
    oud = zaaknotitie_dict(zaken_base(ctx), obj)
    await session.delete(obj)
    await session.flush()
    _record(session, ctx, zaak, obj, "destroy", oud, toelichting)
