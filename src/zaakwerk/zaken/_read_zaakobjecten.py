"""The read path of /zaakobjecten: Core rows rendered straight to the ``ZaakObject`` schema (one statement per
page: a zaakobject has no related lists)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.zaken._api_common import access_columns
from zaakwerk.zaken._context import ZAAKOBJECTEN, ZAKEN
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken.models import Zaak, ZaakObject

_COLUMNS = (
    ZaakObject.id,
    ZaakObject.zaak_id,
    ZaakObject.object,
    ZaakObject.zaakobjecttype_id,
    ZaakObject.object_type,
    ZaakObject.object_type_overige,
    ZaakObject.object_type_overige_definitie,
    ZaakObject.relatieomschrijving,
    ZaakObject.object_identificatie,
)


def zaakobject_query() -> Select[Any]:
    """Zaakobjecten joined with their zaak (lists add the zaak predicate), with the zaak columns the detail check
    uses."""
    return select(*_COLUMNS, *access_columns()).join(Zaak, Zaak.id == ZaakObject.zaak_id)


def render_zaakobject(row: Any, ctx: ReadCtx) -> dict[str, Any]:
    """One zaakobject from a row of :func:`zaakobject_query` or a :class:`ZaakObject` (the same attribute names)."""
    data = {
        "url": f"{ctx.zaken}/{ZAAKOBJECTEN}/{row.id}",
        "uuid": str(row.id),
        "zaak": f"{ctx.zaken}/{ZAKEN}/{row.zaak_id}",
        "object": row.object,
        "zaakobjecttype": f"{ctx.catalogi}/zaakobjecttypen/{row.zaakobjecttype_id}" if row.zaakobjecttype_id else "",
        "objectType": row.object_type,
        "objectTypeOverige": row.object_type_overige,
        "objectTypeOverigeDefinitie": row.object_type_overige_definitie,
        "relatieomschrijving": row.relatieomschrijving,
        "objectIdentificatie": row.object_identificatie,
    }
    if not row.object_type_overige:
        # The spec's pattern ('[a-z_]+') does not allow the empty string: absent rather than invalid.
        del data["objectTypeOverige"]
    return data


async def render_zaakobjecten(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    return [render_zaakobject(r, ctx) for r in rows]


def input_shape(obj: ZaakObject, ctx: ReadCtx) -> dict[str, Any]:
    """The stored zaakobject as a request body (what a PATCH is laid over)."""
    data = render_zaakobject(obj, ctx)
    for read_only in ("url", "uuid"):
        del data[read_only]
    data.setdefault("objectTypeOverige", "")
    if not data["zaakobjecttype"]:
        data["zaakobjecttype"] = None
    return data
