"""brc-006, the zaakbesluit mirror: a besluit with a zaak has exactly one zaakbesluit on that zaak, written in the
same transaction as the besluit (created with it, moved when its zaak changes, removed with it).

The standard has the Besluiten API POST the relation to the Zaken API; here both live in one database, so the row is
written directly, and the Zaken side records it as a Zaken write would: an audit trail row on the zaak and a
``zaakbesluit`` notification on the ``zaken`` kanaal (subscribers see what a separate Zaken API would announce).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.besluiten._context import BESLUITEN, PREFIX, Ctx
from zaakwerk.zaken import events as zaken_events
from zaakwerk.zaken._context import Ctx as ZakenCtx
from zaakwerk.zaken.models import Zaak, ZaakBesluit

# The Zaken kanaal's collection name of zaakbesluiten (its resource ``zaakbesluit``).
_ZAAKBESLUITEN = "besluiten"


def _of_besluit(zaak_id: uuid.UUID, besluit_id: uuid.UUID) -> Any:
    # By the besluit's path, not its whole URL: it may have been linked through another host name of ours.
    return (ZaakBesluit.zaak_id == zaak_id) & ZaakBesluit.besluit.endswith(f"{PREFIX}/{BESLUITEN}/{besluit_id}")


def _zaken_ctx(ctx: Ctx) -> ZakenCtx:
    return ZakenCtx(
        base_url=ctx.base_url,
        settings=ctx.settings,
        principal=ctx.principal,
        own_hosts=ctx.own_hosts,
        toelichting=ctx.toelichting,
    )


def _dict(ctx: Ctx, link: ZaakBesluit) -> dict[str, str]:
    """The zaakbesluit as the Zaken API shows it."""
    return {
        "url": f"{ctx.zaak_url(link.zaak_id)}/besluiten/{link.id}",
        "uuid": str(link.id),
        "besluit": link.besluit,
    }


async def koppel(session: AsyncSession, ctx: Ctx, zaak: Zaak, besluit_id: uuid.UUID) -> None:
    """The zaakbesluit of the besluit on ``zaak`` (none is made twice: a client may have posted it already)."""
    query = select(ZaakBesluit.id).where(_of_besluit(zaak.id, besluit_id))
    if (await session.execute(query)).first() is not None:
        return
    link = ZaakBesluit(rsin=zaak.bronorganisatie, zaak_id=zaak.id, besluit=ctx.besluit_url(besluit_id))
    session.add(link)
    await session.flush()
    nieuw = _dict(ctx, link)
    zaken_events.zaak_changed(
        session,
        _zaken_ctx(ctx),
        zaak,
        collection=_ZAAKBESLUITEN,
        resource_url=nieuw["url"],
        actie="create",
        nieuw=nieuw,
    )


async def ontkoppel(session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, besluit_id: uuid.UUID) -> None:
    """Remove the besluit's zaakbesluit from the zaak, if it is there."""
    query = select(ZaakBesluit).where(_of_besluit(zaak_id, besluit_id))
    link = (await session.execute(query)).scalar_one_or_none()
    if link is None:
        return
    zaak = await session.get(Zaak, zaak_id)
    assert zaak is not None  # the link's foreign key cascades from the zaak
    oud = _dict(ctx, link)
    await session.delete(link)
    await session.flush()
    zaken_events.zaak_changed(
        session,
        _zaken_ctx(ctx),
        zaak,
        collection=_ZAAKBESLUITEN,
        resource_url=oud["url"],
        actie="destroy",
        oud=oud,
    )
