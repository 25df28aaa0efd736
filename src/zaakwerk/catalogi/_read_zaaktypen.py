"""Reading zaaktypen: one query for the rows, two for all their related URL lists (per page, not per row)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any

from orjson import loads
from sqlalchemy import Select, Text, cast, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._read_common import ReadCtx, in_ids, iso, native_ids, published_match

ZT = m.ZaakType
_JSON = (
    "trefwoorden",
    "verantwoordingsrelatie",
    "producten_of_diensten",
    "referentieproces",
    "broncatalogus",
    "bronzaaktype",
)
# JSON columns come back as text and are parsed with orjson: the drivers' stdlib json decoding was a large part
# of a list page's CPU.
ZAAKTYPE_COLUMNS = tuple(cast(c, Text).label(c.key) if c.key in _JSON else c for c in ZT.__table__.c)


@cache
def zaaktype_query() -> Select[Any]:
    return select(*ZAAKTYPE_COLUMNS)


def zaaktype_order() -> tuple[Any, ...]:
    return (ZT.identificatie, ZT.begin_geldigheid, ZT.id)


@cache
def _children_query(native: bool) -> Select[Any]:
    """Every type owned by these zaaktypen: (kind, zaaktype_id, id, sort key, label)."""
    parts = []
    for kind, model, sort, label in (
        ("statustypen", m.StatusType, m.StatusType.volgnummer, m.StatusType.omschrijving),
        ("roltypen", m.RolType, literal(0), m.RolType.omschrijving),
        ("eigenschappen", m.Eigenschap, literal(0), m.Eigenschap.naam),
        ("resultaattypen", m.ResultaatType, literal(0), m.ResultaatType.omschrijving),
        ("zaakobjecttypen", m.ZaakObjectType, literal(0), m.ZaakObjectType.relatie_omschrijving),
        (
            "ztiot",
            m.ZaakTypeInformatieObjectType,
            m.ZaakTypeInformatieObjectType.volgnummer,
            m.ZaakTypeInformatieObjectType.informatieobjecttype,
        ),
    ):
        parts.append(
            select(
                literal(kind).label("kind"), model.zaaktype_id, model.id, sort.label("sort"), label.label("label")
            ).where(in_ids(model.zaaktype_id, native))
        )
    union = union_all(*parts).subquery()
    return union.select().order_by(union.c.sort, union.c.label, union.c.id)


@cache
def _links_query(native: bool) -> Select[Any]:
    """Version-independent references resolved to the published version valid on the date bound as ``d``:
    (kind, zaaktype_id, position, name, target id or NULL, aard, toelichting)."""
    owner = aliased(ZT)
    bt, iot, deel, rel = aliased(m.BesluitType), aliased(m.InformatieObjectType), aliased(ZT), aliased(ZT)
    zb, zd, zr, zi = m.ZaakTypeBesluitType, m.ZaakTypeDeelzaaktype, m.ZaakTypeRelatie, m.ZaakTypeInformatieObjectType
    empty = literal("")
    besluit = (
        select(
            literal("besluittypen").label("kind"),
            zb.zaaktype_id,
            zb.positie.label("pos"),
            zb.omschrijving.label("name"),
            bt.id.label("target"),
            empty.label("aard"),
            empty.label("toel"),
        )
        .join(owner, owner.id == zb.zaaktype_id)
        .outerjoin(bt, published_match(bt, owner.catalogus_id, bt.omschrijving, zb.omschrijving))
        .where(in_ids(zb.zaaktype_id, native))
    )
    deelzaak = (
        select(literal("deelzaaktypen"), zd.zaaktype_id, zd.positie, zd.identificatie, deel.id, empty, empty)
        .join(owner, owner.id == zd.zaaktype_id)
        .outerjoin(deel, published_match(deel, owner.catalogus_id, deel.identificatie, zd.identificatie))
        .where(in_ids(zd.zaaktype_id, native))
    )
    relaties = (
        select(
            literal("gerelateerd"),
            zr.zaaktype_id,
            zr.positie,
            zr.identificatie,
            rel.id,
            zr.aard_relatie,
            zr.toelichting,
        )
        .join(owner, owner.id == zr.zaaktype_id)
        .outerjoin(rel, published_match(rel, owner.catalogus_id, rel.identificatie, zr.identificatie))
        .where(in_ids(zr.zaaktype_id, native))
    )
    documenten = (
        select(
            literal("informatieobjecttypen"),
            zi.zaaktype_id,
            zi.volgnummer,
            zi.informatieobjecttype,
            iot.id,
            empty,
            empty,
        )
        .join(owner, owner.id == zi.zaaktype_id)
        .outerjoin(iot, published_match(iot, owner.catalogus_id, iot.omschrijving, zi.informatieobjecttype))
        .where(in_ids(zi.zaaktype_id, native))
    )
    union = union_all(besluit, deelzaak, relaties, documenten).subquery()
    return union.select().order_by(union.c.pos, union.c.name)


class ZaaktypeRelations:
    """The related lists of a page of zaaktypen."""

    def __init__(self, children: Sequence[Any], links: Sequence[Any]) -> None:
        # zaaktype → kind → rows, in the order the queries sorted them.
        self.children: dict[Any, dict[str, list[Any]]] = {}
        for row in children:
            self.children.setdefault(row[1], {}).setdefault(row[0], []).append(row)
        self.links: dict[Any, dict[str, list[Any]]] = {}
        for row in links:
            self.links.setdefault(row[1], {}).setdefault(row[0], []).append(row)

    def of(self, zaaktype_id: uuid.UUID, ctx: ReadCtx) -> dict[str, Any]:
        by_kind = self.children.get(zaaktype_id, _EMPTY)
        links = self.links.get(zaaktype_id, _EMPTY)
        base = ctx.base
        out: dict[str, Any] = {}
        for kind in ("statustypen", "roltypen", "eigenschappen", "resultaattypen", "zaakobjecttypen"):
            rows = by_kind.get(kind)
            out[kind] = [f"{base}/{kind}/{r[2]}" for r in rows] if rows else []
        rows = by_kind.get("resultaattypen")
        out["resultaattypeOmschrijving"] = list(dict.fromkeys(r[4] for r in rows)) if rows else []
        for kind, collection, names in (
            ("informatieobjecttypen", "informatieobjecttypen", "informatieobjecttypeOmschrijving"),
            ("besluittypen", "besluittypen", "besluittypeOmschrijving"),
            ("deelzaaktypen", "zaaktypen", "deelzaaktypeIdentificaties"),
        ):
            rows = links.get(kind)
            if rows:
                targets = dict.fromkeys(r[4] for r in rows if r[4] is not None)
                out[kind] = [f"{base}/{collection}/{t}" for t in targets]
                out[names] = list(dict.fromkeys(r[3] for r in rows))
            else:
                out[kind] = []
                out[names] = []
        rows = links.get("gerelateerd")
        out["gerelateerdeZaaktypen"] = (
            [
                {
                    "zaaktype": f"{base}/zaaktypen/{r[4]}",
                    "zaaktypeIdentificatie": r[3],
                    "aardRelatie": r[5],
                    "toelichting": r[6],
                }
                for r in rows
                if r[4] is not None
            ]
            if rows
            else []
        )
        return out


_EMPTY: dict[str, list[Any]] = {}


async def load_relations(conn: AsyncConnection, ids: Sequence[uuid.UUID], ctx: ReadCtx) -> ZaaktypeRelations:
    if not ids:
        return ZaaktypeRelations([], [])
    children = (await conn.execute(_children_query(native_ids(conn)), {"ids": list(ids)})).all()
    links = (await conn.execute(_links_query(native_ids(conn)), {"ids": list(ids), "d": ctx.date})).all()
    return ZaaktypeRelations(children, links)


def render_zaaktype(row: Any, ctx: ReadCtx, related: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": f"{ctx.base}/zaaktypen/{row.id}",
        "identificatie": row.identificatie,
        "omschrijving": row.omschrijving,
        "omschrijvingGeneriek": row.omschrijving_generiek,
        "vertrouwelijkheidaanduiding": row.vertrouwelijkheidaanduiding,
        "doel": row.doel,
        "aanleiding": row.aanleiding,
        "toelichting": row.toelichting,
        "indicatieInternOfExtern": row.indicatie_intern_of_extern,
        "handelingInitiator": row.handeling_initiator,
        "onderwerp": row.onderwerp,
        "handelingBehandelaar": row.handeling_behandelaar,
        "doorlooptijd": row.doorlooptijd,
        "servicenorm": row.servicenorm,
        "opschortingEnAanhoudingMogelijk": row.opschorting_en_aanhouding_mogelijk,
        "verlengingMogelijk": row.verlenging_mogelijk,
        "verlengingstermijn": row.verlengingstermijn,
        "trefwoorden": loads(row.trefwoorden),
        "publicatieIndicatie": row.publicatie_indicatie,
        "publicatietekst": row.publicatietekst,
        "verantwoordingsrelatie": loads(row.verantwoordingsrelatie),
        "productenOfDiensten": loads(row.producten_of_diensten),
        "selectielijstProcestype": row.selectielijst_procestype,
        "referentieproces": loads(row.referentieproces),
        "verantwoordelijke": row.verantwoordelijke,
        "catalogus": f"{ctx.base}/catalogussen/{row.catalogus_id}",
        "beginGeldigheid": iso(row.begin_geldigheid),
        "eindeGeldigheid": iso(row.einde_geldigheid),
        "beginObject": iso(row.begin_object),
        "eindeObject": iso(row.einde_object),
        "versiedatum": iso(row.versiedatum),
        "concept": row.concept,
    }
    # Not nullable in the spec: absent when not set.
    if row.broncatalogus is not None and row.broncatalogus != "null":
        data["broncatalogus"] = loads(row.broncatalogus)
    if row.bronzaaktype is not None and row.bronzaaktype != "null":
        data["bronzaaktype"] = loads(row.bronzaaktype)
    data.update(related)
    return data


async def render_zaaktypen(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    relations = await load_relations(conn, [r.id for r in rows], ctx)
    return [render_zaaktype(r, ctx, relations.of(r.id, ctx)) for r in rows]
