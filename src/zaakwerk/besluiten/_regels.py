"""The checks of a besluit's references (brc-001, brc-006, brc-007): its besluittype and its zaak.

Each adds to an :class:`Invalid` collector, so a client hears about every bad field at once; the zaak's read right
is the one check that answers 403 instead (the caller may not link what it may not see).
"""

from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.besluiten._context import CATALOGI_PREFIX, ZAKEN_PREFIX, Ctx
from zaakwerk.catalogi.models import BesluitType, ZaakType, ZaakTypeBesluitType
from zaakwerk.core.errors import Invalid, permission_denied
from zaakwerk.zaken import access as zaken_access
from zaakwerk.zaken.models import Zaak

BAD_URL = "bad-url"
DOES_NOT_EXIST = "does_not_exist"
NIET_GEWIJZIGD = "wijzigen-niet-toegelaten"


async def besluittype_of(session: AsyncSession, ctx: Ctx, url: str, inv: Invalid) -> uuid.UUID | None:
    """brc-001: the besluittype must be a published besluittype of this installation's Catalogi API."""
    id_ = ctx.uuid_of(url, f"{CATALOGI_PREFIX}/besluittypen")
    if id_ is None:
        inv.add(
            "besluittype",
            BAD_URL,
            "De URL verwijst niet naar een besluittype van de Catalogi API van deze installatie.",
        )
        return None
    concept = (await session.execute(select(BesluitType.concept).where(BesluitType.id == id_))).scalar_one_or_none()
    if concept is None:
        inv.add("besluittype", DOES_NOT_EXIST, "Het besluittype bestaat niet.")
        return None
    if concept:
        inv.add("besluittype", "not-published", "Het besluittype is nog niet gepubliceerd (concept).")
        return None
    return id_


async def zaak_of(session: AsyncSession, ctx: Ctx, url: str | None, inv: Invalid) -> Zaak | None:
    """The zaak ``url`` names: it must be a zaak of this installation (its zaakbesluit is mirrored in the same
    transaction) that the caller may read (403 otherwise). ``None`` for no zaak (empty or null)."""
    if not url:
        return None
    id_ = ctx.uuid_of(url, f"{ZAKEN_PREFIX}/zaken")
    if id_ is None:
        inv.add("zaak", BAD_URL, "De URL verwijst niet naar een zaak van de Zaken API van deze installatie.")
        return None
    # Locked: the zaakbesluit is written below it, like every other write on the zaak.
    zaak = await session.get(Zaak, id_, with_for_update=True)
    if zaak is None:
        inv.add("zaak", DOES_NOT_EXIST, "De zaak bestaat niet.")
        return None
    if not zaken_access.may(ctx.principal, zaken_access.LEZEN, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding):
        raise permission_denied("U heeft geen leesrechten op de zaak van dit besluit (zaaktype of vertrouwelijkheid).")
    return zaak


async def check_besluittype_in_zaaktype(
    session: AsyncSession, zaak: Zaak, besluittype_id: uuid.UUID, inv: Invalid
) -> None:
    """brc-007: the besluittype is one of the zaak's zaaktype's besluittypen (linked by omschrijving within the
    zaaktype's catalogus, the version-independent relation of the Catalogi API)."""
    link = ZaakTypeBesluitType
    query = select(
        exists()
        .where(link.zaaktype_id == zaak.zaaktype_id, ZaakType.id == zaak.zaaktype_id, BesluitType.id == besluittype_id)
        .where(link.omschrijving == BesluitType.omschrijving, BesluitType.catalogus_id == ZaakType.catalogus_id)
    )
    if not (await session.execute(query)).scalar():
        inv.add(
            "besluittype",
            "zaaktype-mismatch",
            "Het besluittype hoort niet bij het zaaktype van de zaak (zaaktype.besluittypen).",
        )
