"""Resultaten: one per zaak, its resultaattype one of the zaak's zaaktype (zrc-020); a closed zaak's resultaat
changes only when forced (zrc-007). ``Zaak.resultaat_id`` follows every create and delete."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi.models import ResultaatType
from zaakwerk.core.errors import Invalid, not_found, validation_error
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.zaken import events
from zaakwerk.zaken._context import RESULTATEN, ZAKEN, Ctx
from zaakwerk.zaken._schemas_status import ResultaatIn
from zaakwerk.zaken._service_common import BAD_URL, DOES_NOT_EXIST, check_zaak_write, zaak_for_child_write
from zaakwerk.zaken._service_statussen import ZAAKTYPE_MISMATCH
from zaakwerk.zaken.models import Resultaat, Zaak


async def _resultaattype(session: AsyncSession, ctx: Ctx, url: str, zaak: Zaak) -> ResultaatType:
    """zrc-020: the resultaattype must be one of the zaak's zaaktype."""
    inv = Invalid()
    id_ = ctx.catalogi_uuid(url, "resultaattypen")
    resultaattype: ResultaatType | None = await session.get(ResultaatType, id_) if id_ is not None else None
    if id_ is None:
        inv.add("resultaattype", BAD_URL, "De URL verwijst niet naar een resultaattype van deze Catalogi API.")
    elif resultaattype is None:
        inv.add("resultaattype", DOES_NOT_EXIST, "Het resultaattype bestaat niet.")
    elif resultaattype.zaaktype_id != zaak.zaaktype_id:
        inv.add("resultaattype", ZAAKTYPE_MISMATCH, "Het resultaattype hoort niet bij het zaaktype van de zaak.")
    inv.raise_if_any()
    assert resultaattype is not None
    return resultaattype


def resultaat_data(ctx: Ctx, resultaat: Resultaat) -> dict[str, Any]:
    """The resultaat as the audit trail records it."""
    return {
        "url": ctx.url(RESULTATEN, resultaat.id),
        "uuid": str(resultaat.id),
        "zaak": ctx.zaak_url(resultaat.zaak_id),
        "resultaattype": ctx.catalogi_url("resultaattypen", resultaat.resultaattype_id),
        "toelichting": resultaat.toelichting,
    }


def as_input(ctx: Ctx, resultaat: Resultaat) -> dict[str, Any]:
    return {k: v for k, v in resultaat_data(ctx, resultaat).items() if k in ("zaak", "resultaattype", "toelichting")}


async def create_resultaat(session: AsyncSession, ctx: Ctx, data: ResultaatIn, toelichting: str = "") -> Resultaat:
    zaak = await zaak_for_child_write(session, ctx, data.zaak)
    resultaattype = await _resultaattype(session, ctx, data.resultaattype, zaak)
    if await session.scalar(select(Resultaat.id).where(Resultaat.zaak_id == zaak.id)) is not None:
        raise validation_error("zaak", "unique", "De zaak heeft al een resultaat; wijzig dat resultaat.")
    resultaat = Resultaat(
        rsin=zaak.bronorganisatie, zaak_id=zaak.id, resultaattype_id=resultaattype.id, toelichting=data.toelichting
    )
    session.add(resultaat)
    await session.flush()
    zaak.resultaat_id = resultaat.id
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=RESULTATEN,
        resource_url=ctx.url(RESULTATEN, resultaat.id),
        actie="create",
        nieuw=resultaat_data(ctx, resultaat),
        toelichting=toelichting,
    )
    return resultaat


async def _existing(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> tuple[Resultaat, Zaak]:
    """The resultaat and its zaak (locked), after the write check on that zaak."""
    resultaat: Resultaat | None = await session.get(Resultaat, id_)
    if resultaat is None:
        raise not_found()
    zaak: Zaak | None = await session.get(Zaak, resultaat.zaak_id, with_for_update=True)
    assert zaak is not None
    check_zaak_write(ctx, zaak)
    return resultaat, zaak


async def update_resultaat(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, data: ResultaatIn, toelichting: str = ""
) -> Resultaat:
    resultaat, zaak = await _existing(session, ctx, id_)
    return await _apply(session, ctx, resultaat, zaak, data, "update", toelichting)


async def patch_resultaat(
    session: AsyncSession, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any], toelichting: str = ""
) -> Resultaat:
    resultaat, zaak = await _existing(session, ctx, id_)
    data = merge_patch(ResultaatIn, as_input(ctx, resultaat), patch)
    return await _apply(session, ctx, resultaat, zaak, data, "partial_update", toelichting)


async def _apply(
    session: AsyncSession, ctx: Ctx, resultaat: Resultaat, zaak: Zaak, data: ResultaatIn, actie: str, toelichting: str
) -> Resultaat:
    if ctx.uuid_of(data.zaak, ZAKEN) != zaak.id:
        raise validation_error(
            "zaak", "wijzigen-niet-toegelaten", "De zaak van een resultaat kan niet gewijzigd worden."
        )
    oud = resultaat_data(ctx, resultaat)
    resultaattype = await _resultaattype(session, ctx, data.resultaattype, zaak)
    resultaat.resultaattype_id = resultaattype.id
    resultaat.toelichting = data.toelichting
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=RESULTATEN,
        resource_url=ctx.url(RESULTATEN, resultaat.id),
        actie=actie,
        oud=oud,
        nieuw=resultaat_data(ctx, resultaat),
        toelichting=toelichting,
    )
    return resultaat


async def delete_resultaat(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, toelichting: str = "") -> None:
    resultaat, zaak = await _existing(session, ctx, id_)
    oud = resultaat_data(ctx, resultaat)
    await session.delete(resultaat)
    if zaak.resultaat_id == resultaat.id:
        zaak.resultaat_id = None
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=RESULTATEN,
        resource_url=oud["url"],
        actie="destroy",
        oud=oud,
        toelichting=toelichting,
    )
