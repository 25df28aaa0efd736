"""The export side of the transport: every type of a catalogus read in the services' input shape and made
readable (defaults left out, selectielijst references symbolic where they are our own)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogusbeheer import _catalogi as catalogi
from zaakwerk.catalogusbeheer._formaat import (
    BESLUITTYPE,
    CATALOGUS,
    CHILDREN,
    FORMAT,
    INFORMATIEOBJECTTYPE,
    ZAAKTYPE,
    ZAAKTYPE_CHILDREN,
    Part,
    prune,
)
from zaakwerk.core.errors import not_found
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.referentielijsten.service import resolve_local


def _file_values(part: Part, values: dict[str, Any]) -> dict[str, Any]:
    """The service's input shape restricted to what the file holds, without defaults."""
    kept = {k: v for k, v in values.items() if k in part.allowed()}
    return prune(part.schema, kept)


def _procestype_ref(ctx: Ctx, url: str) -> Any:
    if not url or ctx.settings.referentielijsten_url:
        return url
    found = resolve_local("procestypen", url)
    return {"jaar": found["jaar"], "nummer": found["nummer"]} if found else url


def _klasse_ref(ctx: Ctx, url: str, procestype_url: str) -> Any:
    if ctx.settings.referentielijsten_url:
        return url
    found = resolve_local("resultaten", url)
    if found is None or not procestype_url or found["procesType"] != procestype_url:
        return url
    return found["volledigNummer"]


def _omschrijving_ref(ctx: Ctx, url: str) -> Any:
    if ctx.settings.referentielijsten_url:
        return url
    found = resolve_local("resultaattypeomschrijvingen", url)
    return found["omschrijving"] if found else url


async def _types(session: AsyncSession, model: Any, catalogus_uuid: uuid.UUID, name: Any) -> Sequence[Any]:
    """Every version of one kind of type in the catalogus, by name and then date (a stable file order)."""
    query = select(model).where(model.catalogus_id == catalogus_uuid).order_by(name, model.begin_geldigheid)
    return (await session.execute(query)).scalars().all()


async def export_catalogus(uow: UnitOfWork, ctx: Ctx, catalogus_uuid: uuid.UUID) -> dict[str, Any]:
    """The catalogus with all its types (every version, concept ones marked) in the exchange format."""
    session = uow.session
    catalogus = await session.get(m.Catalogus, catalogus_uuid)
    if catalogus is None:
        raise not_found("Catalogus niet gevonden.")
    out: dict[str, Any] = {
        "formaat": FORMAT,
        "catalogus": _file_values(CATALOGUS, catalogi.catalogus_input(ctx, catalogus)),
    }

    def marked(values: dict[str, Any], concept: bool) -> dict[str, Any]:
        return {**values, "concept": True} if concept else values

    iots = await _types(session, m.InformatieObjectType, catalogus_uuid, m.InformatieObjectType.omschrijving)
    out["informatieobjecttypen"] = [
        marked(_file_values(INFORMATIEOBJECTTYPE, catalogi.informatieobjecttype_input(ctx, iot)), iot.concept)
        for iot in iots
    ]
    besluittypen = await _types(session, m.BesluitType, catalogus_uuid, m.BesluitType.omschrijving)
    out["besluittypen"] = [
        marked(_file_values(BESLUITTYPE, await catalogi.besluittype_input(session, ctx, bt)), bt.concept)
        for bt in besluittypen
    ]
    zaaktypen = await _types(session, m.ZaakType, catalogus_uuid, m.ZaakType.identificatie)
    out["zaaktypen"] = [await _export_zaaktype(uow, ctx, zaaktype) for zaaktype in zaaktypen]
    return out


async def _export_zaaktype(uow: UnitOfWork, ctx: Ctx, zaaktype: m.ZaakType) -> dict[str, Any]:
    session = uow.session
    values = await catalogi.zaaktype_input(session, ctx, zaaktype)
    procestype_url = str(values.get("selectielijstProcestype") or "")
    data = _file_values(ZAAKTYPE, values)
    if procestype_url:
        data["selectielijstProcestype"] = _procestype_ref(ctx, procestype_url)
    if zaaktype.concept:
        data["concept"] = True
    statustypen = (
        (
            await session.execute(
                select(m.StatusType).where(m.StatusType.zaaktype_id == zaaktype.id).order_by(m.StatusType.volgnummer)
            )
        )
        .scalars()
        .all()
    )
    volgnummer = {ctx.url("statustypen", s.id): s.volgnummer for s in statustypen}
    order: dict[str, tuple[Any, Any]] = {
        "statustypen": (m.StatusType, m.StatusType.volgnummer),
        "roltypen": (m.RolType, m.RolType.omschrijving),
        "resultaattypen": (m.ResultaatType, m.ResultaatType.omschrijving),
        "eigenschappen": (m.Eigenschap, m.Eigenschap.naam),
        "zaakobjecttypen": (m.ZaakObjectType, m.ZaakObjectType.relatie_omschrijving),
        "informatieobjecttypen": (m.ZaakTypeInformatieObjectType, m.ZaakTypeInformatieObjectType.volgnummer),
    }
    for name in CHILDREN:
        model, column = order[name]
        rows = (
            (await session.execute(select(model).where(model.zaaktype_id == zaaktype.id).order_by(column, model.id)))
            .scalars()
            .all()
        )
        part = ZAAKTYPE_CHILDREN[name]
        items: list[dict[str, Any]] = []
        for row in rows:
            child = await catalogi.current_input(catalogi.CHILD_KINDS[name], session, ctx, row)
            item = _file_values(part, child)
            if item.get("statustype"):
                item["statustype"] = volgnummer.get(str(item["statustype"]), item["statustype"])
            if name == "resultaattypen":
                item["resultaattypeomschrijving"] = _omschrijving_ref(ctx, str(child["resultaattypeomschrijving"]))
                item["selectielijstklasse"] = _klasse_ref(ctx, str(child["selectielijstklasse"]), procestype_url)
            items.append(item)
        if items:
            data[name] = items
    return data


def parts() -> dict[str, Part]:
    """Every part of the format by its place name (documentation and tests)."""
    return {
        "catalogus": CATALOGUS,
        "informatieobjecttypen": INFORMATIEOBJECTTYPE,
        "besluittypen": BESLUITTYPE,
        "zaaktypen": ZAAKTYPE,
        **{f"zaaktypen.{k}": v for k, v in ZAAKTYPE_CHILDREN.items()},
    }
