"""Klantcontacten, zaakcontactmomenten and zaakverzoeken: what a zaak records about contact with the klant.

zrc-024 / zrc-025: the Verzoeken and Contactmomenten APIs these relations should be mirrored in are legacy APIs
this installation does not run (their successor is the Klantinteracties API). The ``verzoek`` and
``contactmoment`` URLs are therefore checked for form only (an http(s) URL of at most 1000 characters, by the input
schema) and stored; nothing is synchronised to a remote side.

Every write is a write on the zaak: it needs ``zaken.bijwerken`` for the zaak, or ``zaken.geforceerd-bijwerken``
once the zaak is closed (zrc-007/zrc-008), and leaves an audit trail row and a notification (``events``).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.core import clock
from zaakwerk.core.errors import ZGWError, not_found, validation_error
from zaakwerk.zaken import access, events
from zaakwerk.zaken._context import KLANTCONTACTEN, PREFIX, ZAAKCONTACTMOMENTEN, ZAAKVERZOEKEN, Ctx
from zaakwerk.zaken._read_overig import klantcontact_dict, zaakcontactmoment_dict, zaakverzoek_dict
from zaakwerk.zaken._schemas_overig import KlantContactIn, ZaakContactMomentIn, ZaakVerzoekIn
from zaakwerk.zaken._service_common import check_zaak_write, get_or_404, zaak_for_child_write
from zaakwerk.zaken.models import KlantContact, Zaak, ZaakContactMoment, ZaakVerzoek

_GENERATE_ATTEMPTS = 8
Link = TypeVar("Link", ZaakContactMoment, ZaakVerzoek)


def zaken_base(ctx: Ctx) -> str:
    return f"{ctx.base_url}{PREFIX}"


async def zaak_of(session: AsyncSession, ctx: Ctx, zaak_id: uuid.UUID, scope: str = access.BIJWERKEN) -> Zaak:
    """The zaak of an existing child, locked, after the write check (403, or closed and not forced)."""
    zaak = await session.get(Zaak, zaak_id, with_for_update=True)
    if zaak is None:  # pragma: no cover - the child's foreign key cascades
        raise not_found()
    check_zaak_write(ctx, zaak, scope)
    return zaak


async def _identificatie_taken(session: AsyncSession, rsin: str, identificatie: str) -> bool:
    query = select(exists().where(KlantContact.rsin == rsin, KlantContact.identificatie == identificatie))
    return bool((await session.execute(query)).scalar())


def _niet_uniek() -> ZGWError:
    return validation_error("identificatie", "unique", "Deze identificatie is al in gebruik binnen de bronorganisatie.")


async def _new_identificatie(session: AsyncSession, rsin: str) -> str:
    """``KC`` + year + 8 random hex digits (14 characters, the field's maximum), unique within the organisation."""
    for _ in range(_GENERATE_ATTEMPTS):
        candidate = f"KC{clock.today().year}{secrets.token_hex(4).upper()}"
        if not await _identificatie_taken(session, rsin, candidate):
            return candidate
    raise RuntimeError("Geen vrije klantcontact-identificatie gevonden.")  # pragma: no cover - 2^32 per year


async def create_klantcontact(
    session: AsyncSession, ctx: Ctx, data: KlantContactIn, toelichting: str = ""
) -> KlantContact:
    """A klantcontact on a zaak. The identificatie is unique within the zaak's bronorganisatie: a given one is
    checked (400 ``unique``), an empty one generated."""
    zaak = await zaak_for_child_write(session, ctx, data.zaak)
    identificatie = data.identificatie
    if identificatie and await _identificatie_taken(session, zaak.bronorganisatie, identificatie):
        raise _niet_uniek()
    if not identificatie:
        identificatie = await _new_identificatie(session, zaak.bronorganisatie)
    obj = KlantContact(
        rsin=zaak.bronorganisatie,
        zaak_id=zaak.id,
        identificatie=identificatie,
        datumtijd=data.datumtijd,
        kanaal=data.kanaal,
        onderwerp=data.onderwerp,
        toelichting=data.toelichting,
    )
    session.add(obj)
    try:
        await session.flush()
    except IntegrityError as exc:
        # A concurrent writer took the same identificatie between our check and this insert: the unique
        # constraint (rsin, identificatie) refused it; the client gets the same 400 as from the check.
        if "identificatie" in str(exc.orig):
            raise _niet_uniek() from None
        raise
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=KLANTCONTACTEN,
        resource_url=ctx.url(KLANTCONTACTEN, obj.id),
        actie="create",
        nieuw=klantcontact_dict(zaken_base(ctx), obj),
        weergave=identificatie,
        toelichting=toelichting,
    )
    return obj


async def create_zaakcontactmoment(
    session: AsyncSession, ctx: Ctx, data: ZaakContactMomentIn, toelichting: str = ""
) -> ZaakContactMoment:
    """zrc-025 (synchronisation with contactmomenten): see the module docstring."""

    def new(zaak: Zaak) -> ZaakContactMoment:
        return ZaakContactMoment(rsin=zaak.bronorganisatie, zaak_id=zaak.id, contactmoment=data.contactmoment)

    return await _create_link(session, ctx, data.zaak, new, ZAAKCONTACTMOMENTEN, zaakcontactmoment_dict, toelichting)


async def delete_zaakcontactmoment(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, toelichting: str = "") -> None:
    await _delete_link(session, ctx, ZaakContactMoment, id_, ZAAKCONTACTMOMENTEN, zaakcontactmoment_dict, toelichting)


async def create_zaakverzoek(
    session: AsyncSession, ctx: Ctx, data: ZaakVerzoekIn, toelichting: str = ""
) -> ZaakVerzoek:
    """zrc-024 (synchronisation with verzoeken): see the module docstring."""

    def new(zaak: Zaak) -> ZaakVerzoek:
        return ZaakVerzoek(rsin=zaak.bronorganisatie, zaak_id=zaak.id, verzoek=data.verzoek)

    return await _create_link(session, ctx, data.zaak, new, ZAAKVERZOEKEN, zaakverzoek_dict, toelichting)


async def delete_zaakverzoek(session: AsyncSession, ctx: Ctx, id_: uuid.UUID, toelichting: str = "") -> None:
    await _delete_link(session, ctx, ZaakVerzoek, id_, ZAAKVERZOEKEN, zaakverzoek_dict, toelichting)


async def _create_link(
    session: AsyncSession,
    ctx: Ctx,
    zaak_url: str,
    new: Callable[[Zaak], Link],
    collection: str,
    render: Callable[[str, Any], dict[str, Any]],
    toelichting: str,
) -> Link:
    """A zaakcontactmoment or zaakverzoek: a URL stored on the zaak, nothing synchronised (zrc-024/zrc-025)."""
    zaak = await zaak_for_child_write(session, ctx, zaak_url)
    obj = new(zaak)
    session.add(obj)
    await session.flush()
    nieuw = render(zaken_base(ctx), obj)
    _changed(session, ctx, zaak, collection, obj.id, "create", nieuw=nieuw, toelichting=toelichting)
    return obj


async def _delete_link(
    session: AsyncSession,
    ctx: Ctx,
    model: type[Link],
    id_: uuid.UUID,
    collection: str,
    render: Callable[[str, Any], dict[str, Any]],
    toelichting: str,
) -> None:
    obj: Link = await get_or_404(session, model, id_)
    zaak = await zaak_of(session, ctx, obj.zaak_id)
    oud = render(zaken_base(ctx), obj)
    await session.delete(obj)
    await session.flush()
    _changed(session, ctx, zaak, collection, id_, "destroy", oud=oud, toelichting=toelichting)


def _changed(
    session: AsyncSession,
    ctx: Ctx,
    zaak: Zaak,
    collection: str,
    id_: uuid.UUID,
    actie: str,
    *,
    oud: dict[str, Any] | None = None,
    nieuw: dict[str, Any] | None = None,
    toelichting: str = "",
) -> None:
    events.zaak_changed(
        session,
        ctx,
        zaak,
        collection=collection,
        resource_url=ctx.url(collection, id_),
        actie=actie,
        oud=oud,
        nieuw=nieuw,
        toelichting=toelichting,
    )
