"""A whole catalogus in one call (for export, beheer and the demo loader), rendered as the API renders it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._read_common import ReadCtx
from zaakwerk.catalogi._read_top import (
    besluittype_query,
    catalogus_query,
    informatieobjecttype_query,
    render_besluittypen,
    render_catalogussen,
    render_informatieobjecttypen,
)
from zaakwerk.catalogi._read_types import CHILD_READS
from zaakwerk.catalogi._read_zaaktypen import render_zaaktypen, zaaktype_order, zaaktype_query


async def read_catalogus(
    engine: AsyncEngine, catalogus_id: uuid.UUID, base_url: str, *, date: dt.date | None = None
) -> dict[str, Any] | None:
    """Everything in a catalogus, every version and concept included; ``None`` when it does not exist.

    Returns ``{"catalogus": {...}, "zaaktypen": [...], "informatieobjecttypen": [...], "besluittypen": [...],
    "statustypen": [...], "roltypen": [...], "eigenschappen": [...], "resultaattypen": [...],
    "zaakobjecttypen": [...], "zaaktype-informatieobjecttypen": [...]}`` with the API's JSON shapes; URLs are
    built on ``base_url`` and version-independent references resolved for ``date`` (default today).
    """
    ctx = ReadCtx.for_base_url(base_url, date)
    async with engine.connect() as conn:
        row = (await conn.execute(catalogus_query().where(m.Catalogus.id == catalogus_id))).first()
        if row is None:
            return None
        out: dict[str, Any] = {"catalogus": (await render_catalogussen(conn, [row], ctx))[0]}
        zaaktypen = (
            await conn.execute(
                zaaktype_query().where(m.ZaakType.catalogus_id == catalogus_id).order_by(*zaaktype_order())
            )
        ).all()
        out["zaaktypen"] = await render_zaaktypen(conn, zaaktypen, ctx)
        iots = (
            await conn.execute(
                informatieobjecttype_query()
                .where(m.InformatieObjectType.catalogus_id == catalogus_id)
                .order_by(m.InformatieObjectType.omschrijving, m.InformatieObjectType.begin_geldigheid)
            )
        ).all()
        out["informatieobjecttypen"] = await render_informatieobjecttypen(conn, iots, ctx)
        bts = (
            await conn.execute(
                besluittype_query()
                .where(m.BesluitType.catalogus_id == catalogus_id)
                .order_by(m.BesluitType.omschrijving, m.BesluitType.begin_geldigheid)
            )
        ).all()
        out["besluittypen"] = await render_besluittypen(conn, bts, ctx)
        for collection, read in CHILD_READS.items():
            rows = (
                await conn.execute(read.query().where(m.ZaakType.catalogus_id == catalogus_id).order_by(*read.order))
            ).all()
            out[collection] = await read.render_rows(conn, rows, ctx)
    return out
