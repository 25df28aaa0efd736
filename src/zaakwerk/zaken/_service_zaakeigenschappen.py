"""Rules of /zaken/{zaak_uuid}/zaakeigenschappen: the zaaktype-specific values of a zaak.

- zrc-018: the eigenschap belongs to the zaak's zaaktype.
- ``naam`` is copied from the eigenschap; ``waarde`` must fit the eigenschap's specificatie (:mod:`._waarde`).
- kardinaliteit: a number ``n`` allows at most ``n`` zaakeigenschappen of that eigenschap on one zaak, ``N`` any
  number.
- the ``zaak`` in the body is the zaak of the path, and cannot change; writes on a closed zaak need
  ``zaken.geforceerd-bijwerken`` (zrc-007).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as ztc
from zaakwerk.core.errors import Invalid, not_found
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.zaken import access, events
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken._read_zaakeigenschappen import ZAAKEIGENSCHAPPEN, render_zaakeigenschap
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken._schemas_zaakeigenschappen import ZaakEigenschapIn
from zaakwerk.zaken._service_common import BAD_URL, DOES_NOT_EXIST, check_zaak_write, get_or_404
from zaakwerk.zaken._waarde import check_waarde
from zaakwerk.zaken.models import Zaak, ZaakEigenschap

ZAAKTYPE_MISMATCH = "zaaktype-mismatch"


async def path_zaak(session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID) -> Zaak:
    """The zaak of the path, locked, after the write check (404 when it does not exist)."""
    zaak: Zaak | None = await session.get(Zaak, zaak_id, with_for_update=True)
    if zaak is None:
        raise not_found()
    check_zaak_write(ctx, zaak, access.BIJWERKEN)
    return zaak


async def _eigenschap(session: AsyncSession, ctx: Ctx, url: str, zaak: Zaak, inv: Invalid) -> ztc.Eigenschap | None:
    """zrc-018: the eigenschap must exist in our catalogue and belong to the zaak's zaaktype."""
    id_ = ctx.catalogi_uuid(url, "eigenschappen")
    if id_ is None:
        inv.add("eigenschap", BAD_URL, "De URL verwijst niet naar een eigenschap van deze Catalogi API.")
        return None
    eigenschap: ztc.Eigenschap | None = await session.get(ztc.Eigenschap, id_)
    if eigenschap is None:
        inv.add("eigenschap", DOES_NOT_EXIST, "De eigenschap bestaat niet.")
    elif eigenschap.zaaktype_id != zaak.zaaktype_id:
        inv.add("eigenschap", ZAAKTYPE_MISMATCH, "De eigenschap hoort niet bij het zaaktype van de zaak.")
        return None
    return eigenschap


async def _check_kardinaliteit(
    session: AsyncSession, eigenschap: ztc.Eigenschap, zaak: Zaak, own: uuid.UUID | None, inv: Invalid
) -> None:
    kardinaliteit = str(eigenschap.specificatie.get("kardinaliteit", "N")).strip()
    if not kardinaliteit.isdigit():
        return
    query = select(func.count()).where(ZaakEigenschap.zaak_id == zaak.id, ZaakEigenschap.eigenschap_id == eigenschap.id)
    if own is not None:
        query = query.where(ZaakEigenschap.id != own)
    if (await session.execute(query)).scalar_one() >= int(kardinaliteit):
        inv.add(
            "waarde",
            "kardinaliteit",
            f"De eigenschap '{eigenschap.naam}' mag hoogstens {kardinaliteit} keer bij een zaak voorkomen.",
        )


async def _checked(
    session: AsyncSession, ctx: Ctx, zaak: Zaak, data: ZaakEigenschapIn, own: uuid.UUID | None
) -> ztc.Eigenschap:
    inv = Invalid()
    if ctx.uuid_of(data.zaak, ZAKEN) != zaak.id:
        inv.add("zaak", "zaak-mismatch", "De zaak moet de zaak uit de URL zijn.")
    eigenschap = await _eigenschap(session, ctx, data.eigenschap, zaak, inv)
    if eigenschap is not None:
        check_waarde(data.waarde, eigenschap.specificatie, inv)
        await _check_kardinaliteit(session, eigenschap, zaak, own, inv)
    inv.raise_if_any()
    assert eigenschap is not None
    return eigenschap


async def create_zaakeigenschap(
    session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, data: ZaakEigenschapIn
) -> ZaakEigenschap:
    zaak = await path_zaak(session, ctx, zaak_id)
    eigenschap = await _checked(session, ctx, zaak, data, None)
    obj = ZaakEigenschap(
        id=uuid.uuid4(),
        rsin=zaak.bronorganisatie,
        zaak_id=zaak.id,
        eigenschap_id=eigenschap.id,
        naam=eigenschap.naam,
        waarde=data.waarde,
    )
    session.add(obj)
    await session.flush()
    nieuw = render_zaakeigenschap(obj, ReadCtx(ctx.base_url))
    events.zaak_changed(
        session, ctx, zaak, collection=ZAAKEIGENSCHAPPEN, resource_url=nieuw["url"], actie="create", nieuw=nieuw
    )
    return obj


async def _load(session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, id_: uuid.UUID) -> tuple[ZaakEigenschap, Zaak]:
    obj: ZaakEigenschap = await get_or_404(session, ZaakEigenschap, id_)
    if obj.zaak_id != zaak_id:
        raise not_found()
    return obj, await path_zaak(session, ctx, zaak_id)


async def update_zaakeigenschap(
    session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, id_: uuid.UUID, data: ZaakEigenschapIn
) -> ZaakEigenschap:
    obj, zaak = await _load(session, ctx, zaak_id, id_)
    return await _apply(session, ctx, zaak, obj, data, "update")


async def patch_zaakeigenschap(
    session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, id_: uuid.UUID, patch: dict[str, Any]
) -> ZaakEigenschap:
    obj, zaak = await _load(session, ctx, zaak_id, id_)
    current = render_zaakeigenschap(obj, ReadCtx(ctx.base_url))
    data = merge_patch(ZaakEigenschapIn, current, patch)
    return await _apply(session, ctx, zaak, obj, data, "partial_update")


async def _apply(
    session: AsyncSession, ctx: Ctx, zaak: Zaak, obj: ZaakEigenschap, data: ZaakEigenschapIn, actie: str
) -> ZaakEigenschap:
    eigenschap = await _checked(session, ctx, zaak, data, obj.id)
    read = ReadCtx(ctx.base_url)
    oud = render_zaakeigenschap(obj, read)
    obj.eigenschap_id, obj.naam, obj.waarde = eigenschap.id, eigenschap.naam, data.waarde
    await session.flush()
    nieuw = render_zaakeigenschap(obj, read)
    events.zaak_changed(
        session, ctx, zaak, collection=ZAAKEIGENSCHAPPEN, resource_url=nieuw["url"], actie=actie, oud=oud, nieuw=nieuw
    )
    return obj


async def delete_zaakeigenschap(session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, id_: uuid.UUID) -> None:
    obj, zaak = await _load(session, ctx, zaak_id, id_)
    oud = render_zaakeigenschap(obj, ReadCtx(ctx.base_url))
    await session.delete(obj)
    events.zaak_changed(
        session, ctx, zaak, collection=ZAAKEIGENSCHAPPEN, resource_url=oud["url"], actie="destroy", oud=oud
    )
