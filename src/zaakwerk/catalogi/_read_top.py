"""Reading catalogussen, informatieobjecttypen and besluittypen, each page with one batched relations query.

The URL lists follow the rules for GET responses: same catalogus, related, published, and valid on the day of
the request (or ``datumGeldigheid``); the name lists show every related name.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._read_common import ReadCtx, group, in_ids, iso, native_ids, unique

ZT, IOT, BT = m.ZaakType, m.InformatieObjectType, m.BesluitType


def _valid(row: Any, date: dt.date) -> bool:
    """row: (..., concept, begin, einde) at positions 4, 5, 6."""
    return not row[4] and row[5] <= date and (row[6] is None or row[6] >= date)


def _urls_and_names(ctx: ReadCtx, rows: list[Any], collection: str) -> tuple[list[str], list[str]]:
    rows = sorted(rows, key=lambda r: (r[7], r[3] or ""))
    return (
        ctx.urls(collection, unique(r[2] for r in rows if r[2] is not None and _valid(r, ctx.date))),
        unique(r[3] for r in rows),
    )


def _versioned(row: Any) -> dict[str, Any]:
    return {
        "beginGeldigheid": iso(row.begin_geldigheid),
        "eindeGeldigheid": iso(row.einde_geldigheid),
        "beginObject": iso(row.begin_object),
        "eindeObject": iso(row.einde_object),
        "concept": row.concept,
    }


# --- catalogussen ----------------------------------------------------------------------------------------------


@cache
def catalogus_query() -> Select[Any]:
    return select(*m.Catalogus.__table__.c)


@cache
def _catalogussen_relations(native: bool) -> Select[Any]:
    return (
        union_all(
            select(
                literal("zaaktypen").label("kind"),
                ZT.catalogus_id,
                ZT.id,
                ZT.identificatie.label("name"),
                ZT.begin_geldigheid,
            ).where(in_ids(ZT.catalogus_id, native)),
            select(literal("besluittypen"), BT.catalogus_id, BT.id, BT.omschrijving, BT.begin_geldigheid).where(
                in_ids(BT.catalogus_id, native)
            ),
            select(
                literal("informatieobjecttypen"), IOT.catalogus_id, IOT.id, IOT.omschrijving, IOT.begin_geldigheid
            ).where(in_ids(IOT.catalogus_id, native)),
        )
        .subquery()
        .select()
    )


async def render_catalogussen(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    ids = [r.id for r in rows]
    related: dict[uuid.UUID, list[Any]] = {}
    if ids:
        related = group(await conn.execute(_catalogussen_relations(native_ids(conn)), {"ids": ids}), 1)
    out = []
    for row in rows:
        items = sorted(related.get(row.id, ()), key=lambda r: (r[3], r[4], str(r[2])))
        of = {k: [r for r in items if r[0] == k] for k in ("zaaktypen", "besluittypen", "informatieobjecttypen")}
        data: dict[str, Any] = {
            "url": f"{ctx.base}/catalogussen/{row.id}",
            "domein": row.domein,
            "rsin": row.rsin,
            "contactpersoonBeheerNaam": row.contactpersoon_beheer_naam,
            "contactpersoonBeheerTelefoonnummer": row.contactpersoon_beheer_telefoonnummer,
            "contactpersoonBeheerEmailadres": row.contactpersoon_beheer_emailadres,
            "zaaktypen": ctx.urls("zaaktypen", (r[2] for r in of["zaaktypen"])),
            "besluittypen": ctx.urls("besluittypen", (r[2] for r in of["besluittypen"])),
            "besluittypeOmschrijving": unique(r[3] for r in of["besluittypen"]),
            "informatieobjecttypen": ctx.urls("informatieobjecttypen", (r[2] for r in of["informatieobjecttypen"])),
            "informatieobjecttypeOmschrijving": unique(r[3] for r in of["informatieobjecttypen"]),
            "naam": row.naam,
            "versie": row.versie,
            "begindatumVersie": iso(row.begindatum_versie),
        }
        # format: email in the spec, so an empty address is left out rather than sent as "".
        if not data["contactpersoonBeheerEmailadres"]:
            del data["contactpersoonBeheerEmailadres"]
        out.append(data)
    return out


# --- informatieobjecttypen -------------------------------------------------------------------------------------


@cache
def informatieobjecttype_query() -> Select[Any]:
    return select(*IOT.__table__.c)


@cache
def _informatieobjecttypen_relations(native: bool) -> Select[Any]:
    me = aliased(IOT)
    ztiot, link = m.ZaakTypeInformatieObjectType, m.BesluitTypeInformatieObjectType
    return (
        union_all(
            select(
                literal("zaaktypen").label("kind"),
                me.id.label("owner"),
                ZT.id,
                ZT.identificatie,
                ZT.concept,
                ZT.begin_geldigheid,
                ZT.einde_geldigheid,
                ztiot.volgnummer.label("pos"),
            )
            .select_from(ztiot)
            .join(ZT, ZT.id == ztiot.zaaktype_id)
            .join(me, and_(me.catalogus_id == ZT.catalogus_id, me.omschrijving == ztiot.informatieobjecttype))
            .where(in_ids(me.id, native)),
            select(
                literal("besluittypen"),
                me.id,
                BT.id,
                BT.omschrijving,
                BT.concept,
                BT.begin_geldigheid,
                BT.einde_geldigheid,
                link.positie,
            )
            .select_from(link)
            .join(BT, BT.id == link.besluittype_id)
            .join(me, and_(me.catalogus_id == BT.catalogus_id, me.omschrijving == link.omschrijving))
            .where(in_ids(me.id, native)),
        )
        .subquery()
        .select()
    )


async def render_informatieobjecttypen(
    conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx
) -> list[dict[str, Any]]:
    ids = [r.id for r in rows]
    related: dict[uuid.UUID, list[Any]] = {}
    if ids:
        related = group(await conn.execute(_informatieobjecttypen_relations(native_ids(conn)), {"ids": ids}), 1)
    out = []
    for row in rows:
        items = related.get(row.id, [])
        zaaktypen, identificaties = _urls_and_names(ctx, [r for r in items if r[0] == "zaaktypen"], "zaaktypen")
        besluittypen, omschrijvingen = _urls_and_names(
            ctx, [r for r in items if r[0] == "besluittypen"], "besluittypen"
        )
        generiek = row.omschrijving_generiek or {
            "informatieobjecttypeOmschrijvingGeneriek": "",
            "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
            "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
            "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
            "opmerkingInformatieobjecttypeOmschrijvingGeneriek": None,
        }
        out.append(
            {
                "url": f"{ctx.base}/informatieobjecttypen/{row.id}",
                "catalogus": f"{ctx.base}/catalogussen/{row.catalogus_id}",
                "omschrijving": row.omschrijving,
                "vertrouwelijkheidaanduiding": row.vertrouwelijkheidaanduiding,
                **_versioned(row),
                "zaaktypen": zaaktypen,
                "zaaktypeIdentificaties": sorted(identificaties),
                "besluittypen": besluittypen,
                "besluittypeOmschrijving": omschrijvingen,
                "informatieobjectcategorie": row.informatieobjectcategorie,
                "trefwoord": row.trefwoord,
                "omschrijvingGeneriek": generiek,
            }
        )
    return out


# --- besluittypen ----------------------------------------------------------------------------------------------


@cache
def besluittype_query() -> Select[Any]:
    return select(*BT.__table__.c)


@cache
def _besluittypen_relations(native: bool) -> Select[Any]:
    me, iot = aliased(BT), aliased(IOT)
    zb, link = m.ZaakTypeBesluitType, m.BesluitTypeInformatieObjectType
    rb, rt = m.ResultaatTypeBesluitType, m.ResultaatType
    return (
        union_all(
            select(
                literal("zaaktypen").label("kind"),
                me.id.label("owner"),
                ZT.id,
                ZT.identificatie,
                ZT.concept,
                ZT.begin_geldigheid,
                ZT.einde_geldigheid,
                literal(0).label("pos"),
            )
            .select_from(zb)
            .join(ZT, ZT.id == zb.zaaktype_id)
            .join(me, and_(me.catalogus_id == ZT.catalogus_id, me.omschrijving == zb.omschrijving))
            .where(in_ids(me.id, native)),
            select(
                literal("informatieobjecttypen"),
                link.besluittype_id,
                iot.id,
                link.omschrijving,
                iot.concept,
                iot.begin_geldigheid,
                iot.einde_geldigheid,
                link.positie,
            )
            .select_from(link)
            .join(me, me.id == link.besluittype_id)
            .outerjoin(iot, and_(iot.catalogus_id == me.catalogus_id, iot.omschrijving == link.omschrijving))
            .where(in_ids(link.besluittype_id, native)),
            select(
                literal("resultaattypen"),
                me.id,
                rt.id,
                rt.omschrijving,
                ZT.concept,
                ZT.begin_geldigheid,
                ZT.einde_geldigheid,
                literal(0),
            )
            .select_from(rb)
            .join(rt, rt.id == rb.resultaattype_id)
            .join(ZT, ZT.id == rt.zaaktype_id)
            .join(me, and_(me.catalogus_id == ZT.catalogus_id, me.omschrijving == rb.omschrijving))
            .where(in_ids(me.id, native)),
        )
        .subquery()
        .select()
    )


async def render_besluittypen(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    ids = [r.id for r in rows]
    related: dict[uuid.UUID, list[Any]] = {}
    if ids:
        related = group(await conn.execute(_besluittypen_relations(native_ids(conn)), {"ids": ids}), 1)
    out = []
    for row in rows:
        items = related.get(row.id, [])
        zaaktypen, identificaties = _urls_and_names(ctx, [r for r in items if r[0] == "zaaktypen"], "zaaktypen")
        documenten = [r for r in items if r[0] == "informatieobjecttypen"]
        iot_urls, _ = _urls_and_names(ctx, [r for r in documenten if r[2] is not None], "informatieobjecttypen")
        iot_names = unique(r[3] for r in sorted(documenten, key=lambda r: r[7]))
        resultaattypen, resultaat_names = _urls_and_names(
            ctx, [r for r in items if r[0] == "resultaattypen"], "resultaattypen"
        )
        out.append(
            {
                "url": f"{ctx.base}/besluittypen/{row.id}",
                "catalogus": f"{ctx.base}/catalogussen/{row.catalogus_id}",
                "zaaktypen": zaaktypen,
                "zaaktypeIdentificaties": sorted(identificaties),
                "omschrijving": row.omschrijving,
                "omschrijvingGeneriek": row.omschrijving_generiek,
                "besluitcategorie": row.besluitcategorie,
                "reactietermijn": row.reactietermijn,
                "publicatieIndicatie": row.publicatie_indicatie,
                "publicatietekst": row.publicatietekst,
                "publicatietermijn": row.publicatietermijn,
                "toelichting": row.toelichting,
                "informatieobjecttypen": iot_urls,
                "informatieobjecttypeOmschrijvingen": iot_names,
                **_versioned(row),
                "resultaattypen": resultaattypen,
                "resultaattypenOmschrijving": resultaat_names,
                "vastgelegdIn": iot_names,
            }
        )
    return out
