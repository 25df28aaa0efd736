"""Reads of the Autorisaties API: SQLAlchemy Core straight to the JSON-ready dicts the API returns.

A page of applicaties costs four queries whatever its size (count, applicaties, client ids, autorisaties).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.autorisaties.models import (
    COMPONENTEN,
    MET_VERTROUWELIJKHEID,
    TYPE_VELD,
    Applicatie,
    ApplicatieClientId,
    Autorisatie,
)
from zaakwerk.autorisaties.service import APPLICATIES_PATH

_A = Applicatie.__table__
_C = ApplicatieClientId.__table__
_R = Autorisatie.__table__


def applicatie_url(base: str, id_: uuid.UUID) -> str:
    return f"{base}{APPLICATIES_PATH}/{id_}"


def _with_all_client_ids(client_ids: Sequence[str]) -> ColumnElement[bool]:
    """Applicaties holding every one of ``client_ids`` (the reference's ``contains`` filter)."""
    wanted = sorted(set(client_ids))
    owners = (
        select(_C.c.applicatie_uuid)
        .where(_C.c.client_id.in_(wanted))
        .group_by(_C.c.applicatie_uuid)
        .having(func.count() == len(wanted))
    )
    return _A.c.uuid.in_(owners)


async def list_page(
    conn: AsyncConnection, base: str, *, client_ids: Sequence[str] | None, offset: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    conditions: list[ColumnElement[bool]] = []
    if client_ids:
        conditions.append(_with_all_client_ids(client_ids))
    count = await conn.scalar(select(func.count()).select_from(_A).where(*conditions))
    query: Select[Any] = (
        _select_applicaties().where(*conditions).order_by(_A.c.aangemaakt.desc(), _A.c.uuid).offset(offset).limit(limit)
    )
    rows = (await conn.execute(query)).all()
    return int(count or 0), await _render(conn, base, rows)


async def load_one(conn: AsyncConnection, base: str, id_: uuid.UUID) -> dict[str, Any] | None:
    rows = (await conn.execute(_select_applicaties().where(_A.c.uuid == id_))).all()
    rendered = await _render(conn, base, rows)
    return rendered[0] if rendered else None


async def uuid_for_client_id(conn: AsyncConnection, client_id: str) -> uuid.UUID | None:
    found: uuid.UUID | None = await conn.scalar(select(_C.c.applicatie_uuid).where(_C.c.client_id == client_id))
    return found


def _select_applicaties() -> Select[Any]:
    return select(_A.c.uuid, _A.c.label, _A.c.heeft_alle_autorisaties, _A.c.alleen_is_gereed_voor_publicatie)


async def _render(conn: AsyncConnection, base: str, rows: Sequence[Any]) -> list[dict[str, Any]]:
    if not rows:
        return []
    ids = [row.uuid for row in rows]
    client_ids: dict[uuid.UUID, list[str]] = {id_: [] for id_ in ids}
    for applicatie_uuid, client_id in await conn.execute(
        select(_C.c.applicatie_uuid, _C.c.client_id)
        .where(_C.c.applicatie_uuid.in_(ids))
        .order_by(_C.c.applicatie_uuid, _C.c.volgnummer)
    ):
        client_ids[applicatie_uuid].append(client_id)
    autorisaties: dict[uuid.UUID, list[dict[str, Any]]] = {id_: [] for id_ in ids}
    for row in await conn.execute(
        select(
            _R.c.applicatie_uuid,
            _R.c.component,
            _R.c.scopes,
            _R.c.zaaktype,
            _R.c.informatieobjecttype,
            _R.c.besluittype,
            _R.c.max_vertrouwelijkheidaanduiding,
        )
        .where(_R.c.applicatie_uuid.in_(ids))
        .order_by(_R.c.applicatie_uuid, _R.c.volgnummer)
    ):
        autorisaties[row.applicatie_uuid].append(_autorisatie(row))
    return [
        {
            "url": applicatie_url(base, row.uuid),
            "clientIds": client_ids[row.uuid],
            "label": row.label,
            "heeftAlleAutorisaties": row.heeft_alle_autorisaties,
            "alleenIsGereedVoorPublicatie": row.alleen_is_gereed_voor_publicatie,
            "autorisaties": autorisaties[row.uuid],
        }
        for row in rows
    ]


def _autorisatie(row: Any) -> dict[str, Any]:
    component: str = row.component
    data: dict[str, Any] = {
        "component": component,
        "componentWeergave": COMPONENTEN.get(component, component),
        "scopes": list(row.scopes or ()),
    }
    # Only the fields of the component's polymorphic schema, and only when set (the spec has them non-nullable).
    type_field = TYPE_VELD.get(component)
    if type_field and getattr(row, type_field):
        data[type_field] = getattr(row, type_field)
    if component in MET_VERTROUWELIJKHEID and row.max_vertrouwelijkheidaanduiding:
        data["maxVertrouwelijkheidaanduiding"] = row.max_vertrouwelijkheidaanduiding
    return data
