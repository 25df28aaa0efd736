"""The Besluiten component as the Zaken API uses it, in process (:class:`zaakwerk.zaken.koppelvlak.Besluiten`).

Registered once at start-up (:func:`registreer`): the Zaken API's POST zaakbesluiten checks real besluiten with
it, and zrc-021 takes the werkingsperioden of a zaak's besluiten from it (afleidingswijzen ``ingangsdatum_besluit``
and ``vervaldatum_besluit``). Every lookup runs in the caller's session, so it sees the request's own writes.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.besluiten._context import BESLUITEN, CATALOGI_PREFIX, PREFIX, ZAKEN_PREFIX
from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.zgw.urls import parse_url
from zaakwerk.zaken import koppelvlak


class Besluiten:
    """Besluiten by URL: the path and uuid decide, not the host. The Zaken API names our besluiten with the host of
    its own request, which in demo mode may be any name of this machine; a besluit uuid is ours or nobody's."""

    async def besluit(self, session: AsyncSession, url: str) -> koppelvlak.Besluit | None:
        ref = parse_url(url)
        if ref is None or ref.uuid is None or ref.path != f"{PREFIX}/{BESLUITEN}":
            return None
        row = (
            await session.execute(select(Besluit.besluittype_id, Besluit.zaak_id).where(Besluit.id == ref.uuid))
        ).first()
        if row is None:
            return None
        # URLs on the host the caller used, so the Zaken API compares them with its own.
        base = f"{urlsplit(url).scheme}://{ref.host}"
        return koppelvlak.Besluit(
            url=url,
            besluittype=f"{base}{CATALOGI_PREFIX}/besluittypen/{row.besluittype_id}",
            zaak=f"{base}{ZAKEN_PREFIX}/zaken/{row.zaak_id}" if row.zaak_id else None,
        )

    async def werkingsperioden(self, session: AsyncSession, zaak_id: uuid.UUID) -> list[koppelvlak.Werkingsperiode]:
        rows = await session.execute(
            select(Besluit.ingangsdatum, Besluit.vervaldatum).where(Besluit.zaak_id == zaak_id)
        )
        return [koppelvlak.Werkingsperiode(ingangsdatum=i, vervaldatum=v) for i, v in rows]


_ours = Besluiten()


async def registreer(app: FastAPI) -> None:
    koppelvlak.registreer_besluiten(_ours)


async def afmelden(app: FastAPI) -> None:
    # Only our own: a test may have put another implementation in place meanwhile.
    if koppelvlak.besluiten() is _ours:
        koppelvlak.registreer_besluiten(None)
