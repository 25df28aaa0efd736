"""Objectinformatieobjecten: the document side of a link to a zaak or besluit.

The other side leads (drc-004): a zaakinformatieobject (Zaken API) or besluitinformatieobject (Besluiten API)
mirrors itself here in the same transaction, through ``koppelvlak``. So a client's POST is only accepted when the
leading relation exists and its mirror does not (drc-002, drc-003, drc-004), and a DELETE only when the leading
relation is gone. Verzoeken have no API in this installation: such links are refused.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core.errors import Invalid, not_found, validation_error
from zaakwerk.core.zgw.urls import parse_url
from zaakwerk.documenten import access, events
from zaakwerk.documenten._context import OBJECTINFORMATIEOBJECTEN, Ctx
from zaakwerk.documenten._read import oio_dict
from zaakwerk.documenten.models import InformatieObject, InformatieObjectVersie
from zaakwerk.documenten.models import ObjectInformatieObject as OIO
from zaakwerk.documenten.schemas import ObjectInformatieObjectIn
from zaakwerk.zaken import koppelvlak
from zaakwerk.zaken.models import Zaak, ZaakInformatieObject

ZAKEN = "/zaken/api/v1/zaken"
INCONSISTENT = "inconsistent-relation"


async def latest_version(session: AsyncSession, id_: uuid.UUID) -> InformatieObjectVersie | None:
    document = await session.get(InformatieObject, id_)
    if document is None:
        return None
    return await session.get(InformatieObjectVersie, (id_, document.versie))


async def _leading_relation_exists(
    session: AsyncSession, ctx: Ctx, data: ObjectInformatieObjectIn, inv: Invalid
) -> bool:
    """drc-002 (the object exists) and whether the leading relation exists in its API (drc-004)."""
    if data.object_type == "zaak":
        zaak_id = ctx.uuid_of(data.object, "zaken", "/zaken/api/v1")
        if zaak_id is None or await session.get(Zaak, zaak_id) is None:
            inv.add("object", "bad-url", "De zaak bestaat niet in de Zaken API van deze installatie.")
            return False
        query = select(
            exists().where(
                ZaakInformatieObject.zaak_id == zaak_id,
                ZaakInformatieObject.informatieobject == data.informatieobject,
            )
        )
        return bool((await session.execute(query)).scalar())
    if data.object_type == "besluit":
        besluiten = koppelvlak.besluiten()
        if besluiten is None or await besluiten.besluit(session, data.object) is None:
            inv.add("object", "bad-url", "Het besluit bestaat niet in de Besluiten API van deze installatie.")
            return False
        # A besluitinformatieobject mirrors itself here in its own transaction: when it exists, so does this
        # relation already (refused as not unique); when this relation is missing, the leading one is too.
        return False
    inv.add("object", "bad-url", "Deze installatie heeft geen Verzoeken API; een verzoek kan niet gekoppeld worden.")
    return False


async def create_objectinformatieobject(session: AsyncSession, ctx: Ctx, data: ObjectInformatieObjectIn) -> OIO:
    inv = Invalid()
    document_id = ctx.document_uuid(data.informatieobject)
    versie = await latest_version(session, document_id) if document_id is not None else None
    if versie is None:
        inv.add("informatieobject", "bad-url", "Het informatieobject bestaat niet in deze Documenten API.")
        inv.raise_if_any()
    assert versie is not None and document_id is not None
    access.check(ctx.principal, (access.AANMAKEN,), versie.informatieobjecttype_id, versie.vertrouwelijkheidaanduiding)
    leading = await _leading_relation_exists(session, ctx, data, inv)
    inv.raise_if_any()
    # drc-003
    taken = select(exists().where(OIO.informatieobject_id == document_id, OIO.object == data.object))
    if (await session.execute(taken)).scalar():
        raise validation_error("nonFieldErrors", "unique", "Dit informatieobject is al aan dit object gekoppeld.")
    if not leading:
        # drc-004
        raise validation_error(
            "nonFieldErrors",
            INCONSISTENT,
            f"De relatie bestaat niet in de bron van het object ({data.object_type}); leg haar daar vast.",
        )
    obj = OIO(
        rsin=versie.bronorganisatie, informatieobject_id=document_id, object=data.object, object_type=data.object_type
    )
    session.add(obj)
    await session.flush()
    nieuw = oio_dict(ctx.base_url, obj)
    events.document_changed(
        session, ctx, versie, collection=OBJECTINFORMATIEOBJECTEN, resource_url=nieuw["url"], actie="create",
        nieuw=nieuw, notify=False,
    )  # fmt: skip
    return obj


async def delete_objectinformatieobject(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> None:
    """Only once the leading relation is gone (for a zaak: no zaakinformatieobject; a besluitinformatieobject
    removes its mirror itself, so one that is still here still leads)."""
    obj = await session.get(OIO, id_)
    if obj is None:
        raise not_found()
    versie = await latest_version(session, obj.informatieobject_id)
    assert versie is not None
    access.check(
        ctx.principal, (access.VERWIJDEREN,), versie.informatieobjecttype_id, versie.vertrouwelijkheidaanduiding
    )
    if obj.object_type == "besluit" or await _zaak_relation(session, ctx, obj):
        raise validation_error(
            "nonFieldErrors",
            INCONSISTENT,
            f"De relatie bestaat nog in de bron van het object ({obj.object_type}); verwijder haar daar.",
        )
    oud = oio_dict(ctx.base_url, obj)
    await session.delete(obj)
    await session.flush()
    events.document_changed(
        session, ctx, versie, collection=OBJECTINFORMATIEOBJECTEN, resource_url=oud["url"], actie="destroy",
        oud=oud, notify=False,
    )  # fmt: skip


async def _zaak_relation(session: AsyncSession, ctx: Ctx, obj: OIO) -> bool:
    if obj.object_type != "zaak":
        return False
    zaak_id = ctx.uuid_of(obj.object, "zaken", "/zaken/api/v1")
    document_url = ctx.document_url(obj.informatieobject_id)
    query = select(
        exists().where(ZaakInformatieObject.zaak_id == zaak_id, ZaakInformatieObject.informatieobject == document_url)
    )
    return zaak_id is not None and bool((await session.execute(query)).scalar())


# --- the mirror, as the Zaken and Besluiten APIs ask for it (in their transaction) -----------------------------


def document_id_of(url: str) -> uuid.UUID | None:
    """The document a URL names. The caller resolved the URL as one of this installation's; the host is not
    compared here (koppelvlak calls carry no request)."""
    ref = parse_url(url)
    if ref is None or ref.uuid is None or ref.path != "/documenten/api/v1/enkelvoudiginformatieobjecten":
        return None
    return ref.uuid


async def mirror(session: AsyncSession, informatieobject: str, object_: str, object_type: str) -> None:
    document_id = document_id_of(informatieobject)
    versie = await latest_version(session, document_id) if document_id is not None else None
    if versie is None or document_id is None:
        raise validation_error("informatieobject", "bad-url", "Het informatieobject bestaat niet.")
    taken = select(exists().where(OIO.informatieobject_id == document_id, OIO.object == object_))
    if (await session.execute(taken)).scalar():
        return
    session.add(
        OIO(rsin=versie.bronorganisatie, informatieobject_id=document_id, object=object_, object_type=object_type)
    )
    await session.flush()


async def unmirror(session: AsyncSession, informatieobject: str, object_: str) -> None:
    document_id = document_id_of(informatieobject)
    if document_id is None:
        return
    await session.execute(delete(OIO).where(OIO.informatieobject_id == document_id, OIO.object == object_))
