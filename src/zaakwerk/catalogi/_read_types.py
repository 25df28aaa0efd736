"""Reading the types that belong to a zaaktype: their rows joined with the zaaktype (catalogus, identificatie,
geldigheid), related lists in one batched query per page."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from sqlalchemy import Select, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import aliased

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._read_common import ReadCtx, group, in_ids, iso, native_ids, published_match

ZT = m.ZaakType
_ZT_COLUMNS = (
    ZT.catalogus_id.label("zt_catalogus"),
    ZT.identificatie.label("zt_identificatie"),
    ZT.begin_geldigheid.label("zt_begin"),
    ZT.einde_geldigheid.label("zt_einde"),
    ZT.begin_object.label("zt_begin_object"),
    ZT.einde_object.label("zt_einde_object"),
)

Extra = Callable[[AsyncConnection, Sequence[Any], ReadCtx], Awaitable[dict[uuid.UUID, dict[str, Any]]]]


def _common(row: Any, ctx: ReadCtx, collection: str) -> dict[str, Any]:
    return {
        "url": f"{ctx.base}/{collection}/{row.id}",
        "zaaktype": f"{ctx.base}/zaaktypen/{row.zaaktype_id}",
        "zaaktypeIdentificatie": row.zt_identificatie,
        "catalogus": f"{ctx.base}/catalogussen/{row.zt_catalogus}",
    }


def _geldigheid(row: Any) -> dict[str, Any]:
    return {
        "beginGeldigheid": iso(row.zt_begin),
        "eindeGeldigheid": iso(row.zt_einde),
        "beginObject": iso(row.zt_begin_object),
        "eindeObject": iso(row.zt_einde_object),
    }


@dataclass(frozen=True)
class ChildRead:
    """How one zaaktype-owned type is read and rendered."""

    collection: str
    model: Any
    render: Callable[[Any, ReadCtx, dict[str, Any]], dict[str, Any]]
    extra: Extra | None = None
    order: tuple[Any, ...] = ()

    def query(self) -> Select[Any]:
        return self._query

    @cached_property
    def _query(self) -> Select[Any]:
        # Built once: constructing statements costs more CPU than running them on a detail request.
        columns = [*self.model.__table__.c, *_ZT_COLUMNS]
        if self.model is m.StatusType:
            # isEindstatus: the highest volgnummer of the zaaktype (an alias, so the subquery is not the outer row).
            other = aliased(m.StatusType)
            highest = (
                select(func.max(other.volgnummer))
                .where(other.zaaktype_id == m.StatusType.zaaktype_id)
                .scalar_subquery()
            )
            columns.append((self.model.volgnummer == highest).label("is_eindstatus"))
        return select(*columns).join(ZT, ZT.id == self.model.zaaktype_id)

    async def render_rows(self, conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
        extra = await self.extra(conn, rows, ctx) if self.extra is not None and rows else {}
        return [self.render(r, ctx, extra.get(r.id, {})) for r in rows]


# --- statustypen -----------------------------------------------------------------------------------------------


@cache
def _eigenschappen_query(native: bool) -> Select[Any, Any]:
    return (
        select(m.Eigenschap.statustype_id, m.Eigenschap.id)
        .where(in_ids(m.Eigenschap.statustype_id, native))
        .order_by(m.Eigenschap.naam)
    )


async def _statustype_extra(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> dict[uuid.UUID, Any]:
    result = await conn.execute(_eigenschappen_query(native_ids(conn)), {"ids": [r.id for r in rows]})
    return {k: {"eigenschappen": ctx.urls("eigenschappen", (r[1] for r in v))} for k, v in group(result).items()}


def _render_statustype(row: Any, ctx: ReadCtx, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row, ctx, "statustypen"),
        "omschrijving": row.omschrijving,
        "omschrijvingGeneriek": row.omschrijving_generiek,
        "statustekst": row.statustekst,
        "volgnummer": row.volgnummer,
        "isEindstatus": bool(row.is_eindstatus),
        "informeren": row.informeren,
        "doorlooptijd": row.doorlooptijd,
        "toelichting": row.toelichting,
        "checklistitemStatustype": row.checklistitem_statustype,
        "eigenschappen": extra.get("eigenschappen", []),
        **_geldigheid(row),
    }


def _render_roltype(row: Any, ctx: ReadCtx, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row, ctx, "roltypen"),
        "omschrijving": row.omschrijving,
        "omschrijvingGeneriek": row.omschrijving_generiek,
        **_geldigheid(row),
    }


def _render_eigenschap(row: Any, ctx: ReadCtx, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row, ctx, "eigenschappen"),
        "naam": row.naam,
        "definitie": row.definitie,
        "specificatie": row.specificatie,
        "toelichting": row.toelichting,
        "statustype": ctx.url("statustypen", row.statustype_id),
        **_geldigheid(row),
    }


# --- resultaattypen --------------------------------------------------------------------------------------------


def _resolved_names(link: Any, target_model: Any, kind: str, native: bool) -> Select[Any]:
    target = aliased(target_model)
    return (
        select(literal(kind).label("kind"), link.resultaattype_id, link.positie, link.omschrijving, target.id)
        .join(m.ResultaatType, m.ResultaatType.id == link.resultaattype_id)
        .join(ZT, ZT.id == m.ResultaatType.zaaktype_id)
        .outerjoin(target, published_match(target, ZT.catalogus_id, target.omschrijving, link.omschrijving))
        .where(in_ids(link.resultaattype_id, native))
    )


@cache
def _resultaattype_names_query(native: bool) -> Select[Any]:
    return (
        union_all(
            _resolved_names(m.ResultaatTypeBesluitType, m.BesluitType, "besluittypen", native),
            _resolved_names(
                m.ResultaatTypeInformatieObjectType, m.InformatieObjectType, "informatieobjecttypen", native
            ),
        )
        .subquery()
        .select()
    )


async def _resultaattype_extra(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> dict[uuid.UUID, Any]:
    result = await conn.execute(
        _resultaattype_names_query(native_ids(conn)), {"ids": [r.id for r in rows], "d": ctx.date}
    )
    out: dict[uuid.UUID, dict[str, Any]] = {}
    for owner, items in group(result, 1).items():
        entry = out.setdefault(owner, {})
        for kind, name_field in (
            ("besluittypen", "besluittypeOmschrijving"),
            ("informatieobjecttypen", "informatieobjecttypeOmschrijving"),
        ):
            mine = sorted((r for r in items if r[0] == kind), key=lambda r: r[2])
            entry[kind] = ctx.urls(kind, dict.fromkeys(r[4] for r in mine if r[4] is not None))
            entry[name_field] = list(dict.fromkeys(r[3] for r in mine))
    return out


def _render_resultaattype(row: Any, ctx: ReadCtx, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row, ctx, "resultaattypen"),
        "omschrijving": row.omschrijving,
        "resultaattypeomschrijving": row.resultaattypeomschrijving,
        "omschrijvingGeneriek": row.omschrijving_generiek,
        "selectielijstklasse": row.selectielijstklasse,
        "toelichting": row.toelichting,
        "archiefnominatie": row.archiefnominatie,
        "archiefactietermijn": row.archiefactietermijn,
        "brondatumArchiefprocedure": row.brondatum_archiefprocedure,
        "procesobjectaard": row.procesobjectaard,
        "indicatieSpecifiek": row.indicatie_specifiek,
        "procestermijn": row.procestermijn,
        "besluittypen": extra.get("besluittypen", []),
        "besluittypeOmschrijving": extra.get("besluittypeOmschrijving", []),
        "informatieobjecttypen": extra.get("informatieobjecttypen", []),
        "informatieobjecttypeOmschrijving": extra.get("informatieobjecttypeOmschrijving", []),
        **_geldigheid(row),
    }


def _render_zaakobjecttype(row: Any, ctx: ReadCtx, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **_common(row, ctx, "zaakobjecttypen"),
        "anderObjecttype": row.ander_objecttype,
        "objecttype": row.objecttype,
        "relatieOmschrijving": row.relatie_omschrijving,
        # The 1.3.3 spec has no field that writes these relations; they are read-only and stay empty.
        "resultaattypen": [],
        "resultaattypeOmschrijving": [],
        "statustypen": [],
        **_geldigheid(row),
    }


# --- zaaktype-informatieobjecttypen ----------------------------------------------------------------------------


@cache
def _ztiot_query(native: bool) -> Select[Any, Any]:
    link = m.ZaakTypeInformatieObjectType
    iot = m.InformatieObjectType
    return (
        select(link.id, iot.id)
        .join(ZT, ZT.id == link.zaaktype_id)
        .join(iot, published_match(iot, ZT.catalogus_id, iot.omschrijving, link.informatieobjecttype))
        .where(in_ids(link.id, native))
    )


async def _ztiot_extra(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> dict[uuid.UUID, Any]:
    result = await conn.execute(_ztiot_query(native_ids(conn)), {"ids": [r.id for r in rows], "d": ctx.date})
    return {r[0]: {"informatieobjecttype": ctx.url("informatieobjecttypen", r[1])} for r in result}


def _render_ztiot(row: Any, ctx: ReadCtx, extra: dict[str, Any]) -> dict[str, Any]:
    data = _common(row, ctx, "zaaktype-informatieobjecttypen")
    # The URL of the published version valid today (as the rules for GET responses ask); the omschrijving when
    # there is none, since the field is required.
    data["informatieobjecttype"] = extra.get("informatieobjecttype", row.informatieobjecttype)
    data["volgnummer"] = row.volgnummer
    data["richting"] = row.richting
    data["statustype"] = ctx.url("statustypen", row.statustype_id)
    return data


STATUSTYPEN = ChildRead(
    "statustypen",
    m.StatusType,
    _render_statustype,
    _statustype_extra,
    (m.StatusType.zaaktype_id, m.StatusType.volgnummer),
)
ROLTYPEN = ChildRead(
    "roltypen", m.RolType, _render_roltype, None, (m.RolType.zaaktype_id, m.RolType.omschrijving, m.RolType.id)
)
EIGENSCHAPPEN = ChildRead(
    "eigenschappen", m.Eigenschap, _render_eigenschap, None, (m.Eigenschap.zaaktype_id, m.Eigenschap.naam)
)
RESULTAATTYPEN = ChildRead(
    "resultaattypen",
    m.ResultaatType,
    _render_resultaattype,
    _resultaattype_extra,
    (m.ResultaatType.zaaktype_id, m.ResultaatType.omschrijving),
)
ZAAKOBJECTTYPEN = ChildRead(
    "zaakobjecttypen",
    m.ZaakObjectType,
    _render_zaakobjecttype,
    None,
    (m.ZaakObjectType.zaaktype_id, m.ZaakObjectType.relatie_omschrijving, m.ZaakObjectType.id),
)
ZAAKTYPE_INFORMATIEOBJECTTYPEN = ChildRead(
    "zaaktype-informatieobjecttypen",
    m.ZaakTypeInformatieObjectType,
    _render_ztiot,
    _ztiot_extra,
    (m.ZaakTypeInformatieObjectType.zaaktype_id, m.ZaakTypeInformatieObjectType.volgnummer),
)
CHILD_READS = {
    r.collection: r
    for r in (STATUSTYPEN, ROLTYPEN, EIGENSCHAPPEN, RESULTAATTYPEN, ZAAKOBJECTTYPEN, ZAAKTYPE_INFORMATIEOBJECTTYPEN)
}
