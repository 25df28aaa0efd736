"""Rules of /zaakobjecten: what a zaak is about.

- ``objectType`` is one of the 31 types of the spec; the object is named by URL (``object``) or by
  ``objectIdentificatie``, checked against the spec's schema for that type (types without one, ``besluit``,
  ``enkelvoudig_document`` and ``status``, need ``object``).
- ``overige``: ``objectTypeOverige`` or ``objectTypeOverigeDefinitie`` says what it is; both are only allowed for
  ``overige``. With a definitie the object must be a URL and ``objectIdentificatie`` is not allowed.
- ``zaakobjecttype`` (optional) belongs to the zaak's zaaktype (as zrc-019 for roltypen).
- the zaak of a zaakobject cannot change; writes on a closed zaak need ``zaken.geforceerd-bijwerken`` (zrc-007).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as ztc
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.body import merge_patch
from zaakwerk.zaken import access, events
from zaakwerk.zaken._context import ZAAKOBJECTEN, ZAKEN, Ctx
from zaakwerk.zaken._identificatie_check import clean
from zaakwerk.zaken._identificatie_schemas import OBJECT_IDENTIFICATIE
from zaakwerk.zaken._read_zaakobjecten import input_shape, render_zaakobject
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken._schemas_zaakobjecten import ZaakObjectIn
from zaakwerk.zaken._service_common import BAD_URL, DOES_NOT_EXIST, check_zaak_write, get_or_404, zaak_from_url
from zaakwerk.zaken.models import Zaak, ZaakObject

ZAAKTYPE_MISMATCH = "zaaktype-mismatch"
OVERIGE = "overige"


def _scope(ctx: Ctx, zaak: Zaak, *scopes: str) -> str:
    """The first of ``scopes`` the principal holds for this zaak (the spec allows several for one write)."""
    for scope in scopes:
        if access.may(ctx.principal, scope, zaak.zaaktype_id, zaak.vertrouwelijkheidaanduiding):
            return scope
    return scopes[0]


def _check_zaak(ctx: Ctx, zaak: Zaak, *scopes: str) -> None:
    check_zaak_write(ctx, zaak, _scope(ctx, zaak, *scopes))


async def _zaakobjecttype(
    session: AsyncSession, ctx: Ctx, url: str | None, zaak: Zaak, inv: Invalid
) -> uuid.UUID | None:
    if not url:
        return None
    id_ = ctx.catalogi_uuid(url, "zaakobjecttypen")
    if id_ is None:
        inv.add("zaakobjecttype", BAD_URL, "De URL verwijst niet naar een zaakobjecttype van deze Catalogi API.")
        return None
    found: ztc.ZaakObjectType | None = await session.get(ztc.ZaakObjectType, id_)
    if found is None:
        inv.add("zaakobjecttype", DOES_NOT_EXIST, "Het zaakobjecttype bestaat niet.")
    elif found.zaaktype_id != zaak.zaaktype_id:
        inv.add("zaakobjecttype", ZAAKTYPE_MISMATCH, "Het zaakobjecttype hoort niet bij het zaaktype van de zaak.")
    return id_


def _object_identificatie(data: ZaakObjectIn, inv: Invalid) -> dict[str, Any] | None:
    object_type = data.object_type.value
    overige = object_type == OVERIGE
    if overige and not data.object_type_overige and data.object_type_overige_definitie is None:
        inv.add(
            "objectTypeOverige",
            "missing-object-type-overige",
            "Bij objectType 'overige' is objectTypeOverige of objectTypeOverigeDefinitie vereist.",
        )
    if not overige and data.object_type_overige:
        inv.add("objectTypeOverige", "invalid-object-type-overige-usage", "Alleen toegestaan bij objectType 'overige'.")
    if not overige and data.object_type_overige_definitie is not None:
        inv.add(
            "objectTypeOverigeDefinitie",
            "invalid-object-type-overige-usage",
            "Alleen toegestaan bij objectType 'overige'.",
        )
    if data.object_type_overige_definitie is not None:
        if not data.object:
            inv.add("object", "required", "Bij een objectTypeOverigeDefinitie is de object-URL vereist.")
        if data.object_identificatie is not None:
            inv.add(
                "objectIdentificatie",
                "invalid",
                "Bij een objectTypeOverigeDefinitie is objectIdentificatie niet toegestaan.",
            )
        return None
    schema = OBJECT_IDENTIFICATIE[object_type]
    identificatie = data.object_identificatie
    if identificatie is not None and schema is None:
        inv.add("objectIdentificatie", "invalid", f"Een {object_type} wordt alleen met de object-URL aangeduid.")
        return None
    if identificatie is not None and schema is not None:
        cleaned: dict[str, Any] = clean(identificatie, schema, "objectIdentificatie", inv)
        identificatie = cleaned
    if not data.object and not identificatie:
        inv.add(
            "nonFieldErrors",
            "invalid-zaakobject",
            "Geef het object op: een URL in 'object' of gegevens in 'objectIdentificatie'.",
        )
    return identificatie


async def _checked(session: AsyncSession, ctx: Ctx, data: ZaakObjectIn, zaak: Zaak, inv: Invalid) -> dict[str, Any]:
    """The column values of a valid ``data`` on ``zaak``; every problem is collected in ``inv``."""
    zaakobjecttype_id = await _zaakobjecttype(session, ctx, data.zaakobjecttype, zaak, inv)
    identificatie = _object_identificatie(data, inv)
    definitie = data.object_type_overige_definitie
    return {
        "object": data.object or "",
        "zaakobjecttype_id": zaakobjecttype_id,
        "object_type": data.object_type.value,
        "object_type_overige": data.object_type_overige,
        "object_type_overige_definitie": definitie.model_dump(by_alias=True) if definitie else None,
        "relatieomschrijving": data.relatieomschrijving,
        "object_identificatie": identificatie,
    }


async def create_zaakobject(session: AsyncSession, ctx: Ctx, data: ZaakObjectIn) -> ZaakObject:
    inv = Invalid()
    zaak = await zaak_from_url(session, ctx, data.zaak, inv, lock=True)
    inv.raise_if_any()
    assert zaak is not None
    _check_zaak(ctx, zaak, access.AANMAKEN, access.BIJWERKEN)
    values = await _checked(session, ctx, data, zaak, inv)
    inv.raise_if_any()
    obj = ZaakObject(id=uuid.uuid4(), rsin=zaak.bronorganisatie, zaak_id=zaak.id, **values)
    session.add(obj)
    await session.flush()
    nieuw = render_zaakobject(obj, ReadCtx(ctx.base_url))
    url = ctx.url(ZAAKOBJECTEN, obj.id)
    events.zaak_changed(session, ctx, zaak, collection=ZAAKOBJECTEN, resource_url=url, actie="create", nieuw=nieuw)
    return obj


async def _load(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, *scopes: str) -> tuple[ZaakObject, Zaak]:
    obj: ZaakObject = await get_or_404(session, ZaakObject, id_)
    zaak: Zaak | None = await session.get(Zaak, obj.zaak_id, with_for_update=True)
    assert zaak is not None  # the foreign key
    _check_zaak(ctx, zaak, *scopes)
    return obj, zaak


async def update_zaakobject(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, data: ZaakObjectIn) -> ZaakObject:
    obj, zaak = await _load(session, ctx, id_, access.BIJWERKEN)
    return await _apply(session, ctx, obj, zaak, data, "update")


async def patch_zaakobject(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, patch: dict[str, Any]) -> ZaakObject:
    obj, zaak = await _load(session, ctx, id_, access.BIJWERKEN)
    data = merge_patch(ZaakObjectIn, input_shape(obj, ReadCtx(ctx.base_url)), patch)
    return await _apply(session, ctx, obj, zaak, data, "partial_update")


async def _apply(
    session: AsyncSession, ctx: Ctx, obj: ZaakObject, zaak: Zaak, data: ZaakObjectIn, actie: str
) -> ZaakObject:
    inv = Invalid()
    if ctx.uuid_of(data.zaak, ZAKEN) != zaak.id:
        inv.add("zaak", "wijzigen-niet-toegestaan", "De zaak van een zaakobject kan niet gewijzigd worden.")
    values = await _checked(session, ctx, data, zaak, inv)
    inv.raise_if_any()
    read = ReadCtx(ctx.base_url)
    oud = render_zaakobject(obj, read)
    for name, value in values.items():
        setattr(obj, name, value)
    await session.flush()
    url = ctx.url(ZAAKOBJECTEN, obj.id)
    nieuw = render_zaakobject(obj, read)
    events.zaak_changed(
        session, ctx, zaak, collection=ZAAKOBJECTEN, resource_url=url, actie=actie, oud=oud, nieuw=nieuw
    )
    return obj


async def delete_zaakobject(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> None:
    obj, zaak = await _load(session, ctx, id_, access.BIJWERKEN, access.VERWIJDEREN)
    oud = render_zaakobject(obj, ReadCtx(ctx.base_url))
    url = ctx.url(ZAAKOBJECTEN, obj.id)
    await session.delete(obj)
    events.zaak_changed(session, ctx, zaak, collection=ZAAKOBJECTEN, resource_url=url, actie="destroy", oud=oud)
