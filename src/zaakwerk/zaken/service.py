"""The public service surface of zaken for every caller (Zaken API, portal, KCC, werkplek, automation).

All functions take the session of the caller's unit of work (they never commit) and a :class:`Ctx` (who writes,
where URLs point, the settings). Inputs are :class:`~zaakwerk.zaken.schemas.ZaakIn` (URLs for references: build
zaaktype URLs with ``ctx.catalogi_url("zaaktypen", id)``); rule violations raise
:class:`~zaakwerk.core.errors.ZGWError` (400 naming the field, 403 without the right) before anything is written.
Every write records its audit trail entry and queues its ``zaken`` notification in the same transaction::

    ctx = Ctx.for_principal(settings, principal)
    async with UnitOfWork(sessionmaker) as uow:
        zaak = await create_zaak(uow.session, ctx, ZaakIn(zaaktype=..., bronorganisatie=..., ...))
"""

from __future__ import annotations

from zaakwerk.zaken._context import Ctx
from zaakwerk.zaken._service_zaken import (
    create_zaak,
    create_zaak_rendered,
    current_input,
    patch_zaak,
    update_zaak,
)
from zaakwerk.zaken._service_zaken_identificatie import reserveer as reserveer_identificaties
from zaakwerk.zaken._service_zaken_vernietigen import delete_zaak
from zaakwerk.zaken.schemas import ReserveZaakIdentificatieIn, ZaakIn

__all__ = [
    "Ctx",
    "ReserveZaakIdentificatieIn",
    "ZaakIn",
    "create_zaak",
    "create_zaak_rendered",
    "current_input",
    "delete_zaak",
    "patch_zaak",
    "reserveer_identificaties",
    "update_zaak",
]
