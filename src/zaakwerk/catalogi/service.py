"""The Catalogi service layer: every ztc rule, for the API and for every other caller.

All functions take a :class:`~zaakwerk.core.uow.UnitOfWork` (they never commit: the caller's ``async with`` does)
and a :class:`Ctx` (base URL for references, settings, and whether the caller may force changes to published
types). Inputs are the Pydantic models of :mod:`zaakwerk.catalogi.schemas`; references in them are URLs
(catalogus, zaaktype, statustype, eigenschappen; build them with ``ctx.url(collection, uuid)``) or names
(besluittypen/informatieobjecttypen by omschrijving, deelzaaktypen/gerelateerde zaaktypen by identificatie).
Rule violations raise :class:`~zaakwerk.core.errors.ZGWError` (400 with invalidParams) before anything is
written. Every write queues its notification in the same transaction.

Typical use outside a request (catalogue import, demo loader)::

    ctx = Ctx.for_base_url(settings)
    async with UnitOfWork(sessionmaker) as uow:
        catalogus = await create_catalogus(uow, ctx, CatalogusIn(domein="DEMO", rsin="002220647", ...))
        zaaktype = await create_zaaktype(uow, ctx, ZaakTypeIn(catalogus=ctx.url("catalogussen", catalogus.id), ...))
        await create_statustype(uow, ctx, StatusTypeIn(zaaktype=ctx.url("zaaktypen", zaaktype.id), ...))
        await publish_zaaktype(uow, ctx, zaaktype.id)

:func:`read_catalogus` returns a whole catalogus as the API renders it, and :func:`new_zaaktype_version` copies a
zaaktype with all its types into a new concept version (how a published zaaktype is changed, ztc-011a).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar, cast

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._cache import catalogue_changed
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogi._read_export import read_catalogus
from zaakwerk.catalogi._service_catalogus import catalogus_input, create_catalogus, patch_catalogus, update_catalogus
from zaakwerk.catalogi._service_children import (
    ChildKind,
    create_child,
    current_input,
    delete_child,
    patch_child,
    update_child,
)
from zaakwerk.catalogi._service_iot_bt import (
    besluittype_input,
    create_besluittype,
    create_informatieobjecttype,
    delete_besluittype,
    delete_informatieobjecttype,
    informatieobjecttype_input,
    patch_besluittype,
    patch_informatieobjecttype,
    publish_besluittype,
    publish_informatieobjecttype,
    update_besluittype,
    update_informatieobjecttype,
)
from zaakwerk.catalogi._service_publish import publish_zaaktype
from zaakwerk.catalogi._service_resultaattypen import RESULTAATTYPE
from zaakwerk.catalogi._service_types import (
    EIGENSCHAP,
    ROLTYPE,
    STATUSTYPE,
    ZAAKOBJECTTYPE,
    ZAAKTYPE_INFORMATIEOBJECTTYPE,
)
from zaakwerk.catalogi._service_versie import new_zaaktype_version
from zaakwerk.catalogi._service_zaaktypen import (
    create_zaaktype,
    delete_zaaktype,
    patch_zaaktype,
    update_zaaktype,
    zaaktype_input,
)
from zaakwerk.catalogi.schemas import (
    EigenschapIn,
    ResultaatTypeIn,
    RolTypeIn,
    StatusTypeIn,
    ZaakObjectTypeIn,
    ZaakTypeInformatieObjectTypeIn,
)
from zaakwerk.core.uow import UnitOfWork

W = TypeVar("W", bound=Callable[..., Coroutine[Any, Any, Any]])


def _changes_catalogue(write: W) -> W:
    """A write of the facade: it also bumps the catalogi version in its transaction (response caches follow)."""

    @functools.wraps(write)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = await write(*args, **kwargs)
        await catalogue_changed(kwargs["uow"] if "uow" in kwargs else args[0])
        return result

    return cast(W, wrapper)


# Every write the facade offers marks the catalogue changed; the reads (``*_input``, read_catalogus) do not.
create_catalogus = _changes_catalogue(create_catalogus)
update_catalogus = _changes_catalogue(update_catalogus)
patch_catalogus = _changes_catalogue(patch_catalogus)
create_zaaktype = _changes_catalogue(create_zaaktype)
update_zaaktype = _changes_catalogue(update_zaaktype)
patch_zaaktype = _changes_catalogue(patch_zaaktype)
delete_zaaktype = _changes_catalogue(delete_zaaktype)
publish_zaaktype = _changes_catalogue(publish_zaaktype)
new_zaaktype_version = _changes_catalogue(new_zaaktype_version)
create_besluittype = _changes_catalogue(create_besluittype)
update_besluittype = _changes_catalogue(update_besluittype)
patch_besluittype = _changes_catalogue(patch_besluittype)
delete_besluittype = _changes_catalogue(delete_besluittype)
publish_besluittype = _changes_catalogue(publish_besluittype)
create_informatieobjecttype = _changes_catalogue(create_informatieobjecttype)
update_informatieobjecttype = _changes_catalogue(update_informatieobjecttype)
patch_informatieobjecttype = _changes_catalogue(patch_informatieobjecttype)
delete_informatieobjecttype = _changes_catalogue(delete_informatieobjecttype)
publish_informatieobjecttype = _changes_catalogue(publish_informatieobjecttype)
# The create_<type> helpers below call create_child, so they are covered through it.
create_child = _changes_catalogue(create_child)
update_child = _changes_catalogue(update_child)
patch_child = _changes_catalogue(patch_child)
delete_child = _changes_catalogue(delete_child)

# The types owned by one zaaktype, by collection name: use with create_child/update_child/patch_child/delete_child.
KINDS: dict[str, ChildKind[Any]] = {
    "statustypen": STATUSTYPE,
    "roltypen": ROLTYPE,
    "eigenschappen": EIGENSCHAP,
    "resultaattypen": RESULTAATTYPE,
    "zaakobjecttypen": ZAAKOBJECTTYPE,
    "zaaktype-informatieobjecttypen": ZAAKTYPE_INFORMATIEOBJECTTYPE,
}


async def create_statustype(uow: UnitOfWork, ctx: Ctx, data: StatusTypeIn) -> m.StatusType:
    obj: m.StatusType = await create_child(uow, ctx, STATUSTYPE, data)
    return obj


async def create_roltype(uow: UnitOfWork, ctx: Ctx, data: RolTypeIn) -> m.RolType:
    obj: m.RolType = await create_child(uow, ctx, ROLTYPE, data)
    return obj


async def create_eigenschap(uow: UnitOfWork, ctx: Ctx, data: EigenschapIn) -> m.Eigenschap:
    obj: m.Eigenschap = await create_child(uow, ctx, EIGENSCHAP, data)
    return obj


async def create_resultaattype(uow: UnitOfWork, ctx: Ctx, data: ResultaatTypeIn) -> m.ResultaatType:
    """ztc-002 … ztc-008 apply; archiefnominatie/archiefactietermijn default from the selectielijstklasse."""
    obj: m.ResultaatType = await create_child(uow, ctx, RESULTAATTYPE, data)
    return obj


async def create_zaakobjecttype(uow: UnitOfWork, ctx: Ctx, data: ZaakObjectTypeIn) -> m.ZaakObjectType:
    obj: m.ZaakObjectType = await create_child(uow, ctx, ZAAKOBJECTTYPE, data)
    return obj


async def create_zaaktype_informatieobjecttype(
    uow: UnitOfWork, ctx: Ctx, data: ZaakTypeInformatieObjectTypeIn
) -> m.ZaakTypeInformatieObjectType:
    obj: m.ZaakTypeInformatieObjectType = await create_child(uow, ctx, ZAAKTYPE_INFORMATIEOBJECTTYPE, data)
    return obj


# The ``*_input`` readers give a type's current state in input shape (names for version-independent references):
# what a PATCH is laid over, and what an export writes so an import can recreate it.
__all__ = [
    "KINDS",
    "Ctx",
    "besluittype_input",
    "catalogus_input",
    "create_besluittype",
    "create_catalogus",
    "create_child",
    "create_eigenschap",
    "create_informatieobjecttype",
    "create_resultaattype",
    "create_roltype",
    "create_statustype",
    "create_zaakobjecttype",
    "create_zaaktype",
    "create_zaaktype_informatieobjecttype",
    "current_input",
    "delete_besluittype",
    "delete_child",
    "delete_informatieobjecttype",
    "delete_zaaktype",
    "informatieobjecttype_input",
    "new_zaaktype_version",
    "patch_besluittype",
    "patch_catalogus",
    "patch_child",
    "patch_informatieobjecttype",
    "patch_zaaktype",
    "publish_besluittype",
    "publish_informatieobjecttype",
    "publish_zaaktype",
    "read_catalogus",
    "update_besluittype",
    "update_catalogus",
    "update_child",
    "update_informatieobjecttype",
    "update_zaaktype",
    "zaaktype_input",
]
