"""The read path of zaken: SQLAlchemy Core rows rendered straight to the ``Zaak`` schema.

A page of zaken costs a fixed number of statements whatever its size: the zaak rows (with their zaaktype's uuid),
then one UNION of every related URL list (deelzaken, eigenschappen, rollen, zaakinformatieobjecten, zaakobjecten)
for all zaken of the page.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Row, Select, Text, cast, func, literal, select, union_all
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.core.zgw.rows import in_ids, iso_datetime, native_ids
from zaakwerk.zaken import models as m
from zaakwerk.zaken._context import CATALOGI_PREFIX, PREFIX

Z = m.Zaak

BETALINGSINDICATIE_WEERGAVE = {
    "nvt": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
    "nog_niet": "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
    "gedeeltelijk": "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
    "geheel": "De met de zaak gemoeide kosten zijn geheel betaald.",
}

# The fields of the ``Zaak`` schema, in the order :func:`render_zaken` writes them (``fields`` of ``_zoek`` is
# checked against them).
ZAAK_FIELDS = (
    "url",
    "uuid",
    "identificatie",
    "bronorganisatie",
    "omschrijving",
    "toelichting",
    "zaaktype",
    "registratiedatum",
    "verantwoordelijkeOrganisatie",
    "startdatum",
    "einddatum",
    "einddatumGepland",
    "uiterlijkeEinddatumAfdoening",
    "publicatiedatum",
    "communicatiekanaal",
    "productenOfDiensten",
    "vertrouwelijkheidaanduiding",
    "betalingsindicatie",
    "betalingsindicatieWeergave",
    "laatsteBetaaldatum",
    "zaakgeometrie",
    "verlenging",
    "opschorting",
    "selectielijstklasse",
    "hoofdzaak",
    "deelzaken",
    "relevanteAndereZaken",
    "eigenschappen",
    "rollen",
    "status",
    "zaakinformatieobjecten",
    "zaakobjecten",
    "kenmerken",
    "archiefnominatie",
    "archiefstatus",
    "archiefactiedatum",
    "resultaat",
    "opdrachtgevendeOrganisatie",
    "processobjectaard",
    "startdatumBewaartermijn",
    "processobject",
)

ZAAK_COLUMNS = (
    Z.id,
    Z.identificatie,
    Z.bronorganisatie,
    Z.omschrijving,
    Z.toelichting,
    Z.zaaktype_id,
    Z.registratiedatum,
    Z.verantwoordelijke_organisatie,
    Z.startdatum,
    Z.einddatum,
    Z.einddatum_gepland,
    Z.uiterlijke_einddatum_afdoening,
    Z.publicatiedatum,
    Z.communicatiekanaal,
    Z.producten_of_diensten,
    Z.vertrouwelijkheidaanduiding,
    Z.betalingsindicatie,
    Z.laatste_betaaldatum,
    Z.zaakgeometrie,
    Z.verlenging_reden,
    Z.verlenging_duur,
    Z.opschorting_indicatie,
    Z.opschorting_reden,
    Z.selectielijstklasse,
    Z.hoofdzaak_id,
    Z.relevante_andere_zaken,
    Z.kenmerken,
    Z.archiefnominatie,
    Z.archiefstatus,
    Z.archiefactiedatum,
    Z.opdrachtgevende_organisatie,
    Z.processobjectaard,
    Z.startdatum_bewaartermijn,
    Z.processobject,
    Z.status_id,
    Z.resultaat_id,
)


def zaak_query() -> Select[Any]:
    """Every zaak column the ``Zaak`` schema shows; callers add their conditions and order."""
    return select(*ZAAK_COLUMNS)


@dataclass(frozen=True)
class ReadCtx:
    """Where URLs point: the request's base URL."""

    base: str  # base URL without trailing slash

    @property
    def zaken(self) -> str:
        return f"{self.base}{PREFIX}"

    @property
    def catalogi(self) -> str:
        return f"{self.base}{CATALOGI_PREFIX}"

    def url(self, collection: str, id_: uuid.UUID | None) -> str | None:
        return None if id_ is None else f"{self.base}{PREFIX}/{collection}/{id_}"


# The collection a child kind's URLs point into (eigenschappen hang below their zaak).
_COLLECTION = {
    "deelzaken": "zaken",
    "rollen": "rollen",
    "zaakinformatieobjecten": "zaakinformatieobjecten",
    "zaakobjecten": "zaakobjecten",
}


@cache
def _children_query(native: bool) -> Select[Any]:
    """(kind, zaak_id, id) of every URL list a zaak shows, for the zaken bound as ``ids``."""
    parts = [
        select(literal("deelzaken").label("kind"), Z.hoofdzaak_id.label("zaak_id"), Z.id, Z.identificatie.label("k"))
        .where(in_ids(Z.hoofdzaak_id, native))
        .where(Z.hoofdzaak_id.is_not(None)),
        select(literal("eigenschappen"), m.ZaakEigenschap.zaak_id, m.ZaakEigenschap.id, m.ZaakEigenschap.naam).where(
            in_ids(m.ZaakEigenschap.zaak_id, native)
        ),
        select(literal("rollen"), m.Rol.zaak_id, m.Rol.id, m.Rol.omschrijving).where(in_ids(m.Rol.zaak_id, native)),
        select(
            literal("zaakinformatieobjecten"),
            m.ZaakInformatieObject.zaak_id,
            m.ZaakInformatieObject.id,
            m.ZaakInformatieObject.informatieobject,
        ).where(in_ids(m.ZaakInformatieObject.zaak_id, native)),
        select(literal("zaakobjecten"), m.ZaakObject.zaak_id, m.ZaakObject.id, m.ZaakObject.object_type).where(
            in_ids(m.ZaakObject.zaak_id, native)
        ),
    ]
    union = union_all(*parts).subquery()
    # Only what goes into the URLs, and on PostgreSQL the ids as text: building uuid objects for some 450 rows a
    # page, only to turn them back into text, cost a third of this statement's client CPU (measured).
    zaak_id, id_ = (cast(union.c.zaak_id, Text), cast(union.c.id, Text)) if native else (union.c.zaak_id, union.c.id)
    return select(union.c.kind, zaak_id, id_).order_by(union.c.kind, union.c.zaak_id, union.c.k, union.c.id)


_KINDS = ("deelzaken", "eigenschappen", "rollen", "zaakinformatieobjecten", "zaakobjecten")


@cache
def zaak_query_embedded() -> Select[Any]:
    """PostgreSQL: :func:`zaak_query` plus each URL list as an array of ids (in :data:`_KINDS` order, each in the
    order of :func:`_children_query`), so a detail is ONE statement and a page one statement less. The arrays are
    text: no uuid objects to build for ids that only go into URLs."""
    deelzaak = Z.__table__.alias("deelzaak")

    def ids(id_: Any, zaak_id: Any, key: Any) -> Any:
        aggregated = func.array_agg(aggregate_order_by(cast(id_, Text), key, id_))
        return select(aggregated).where(zaak_id == Z.id).scalar_subquery()

    e, r, zio, o = m.ZaakEigenschap, m.Rol, m.ZaakInformatieObject, m.ZaakObject
    return zaak_query().add_columns(
        ids(deelzaak.c.id, deelzaak.c.hoofdzaak_id, deelzaak.c.identificatie).label("_deelzaken"),
        ids(e.id, e.zaak_id, e.naam).label("_eigenschappen"),
        ids(r.id, r.zaak_id, r.omschrijving).label("_rollen"),
        ids(zio.id, zio.zaak_id, zio.informatieobject).label("_zaakinformatieobjecten"),
        ids(o.id, o.zaak_id, o.object_type).label("_zaakobjecten"),
    )


_KEYS = tuple(c.key for c in ZAAK_COLUMNS)
_N = len(_KEYS)


def _values(row: Any) -> Sequence[Any]:
    """The :data:`ZAAK_COLUMNS` values of a row, by position (a Row's attribute access by name costs several
    times more, measured at 100 zaken a page); a write renders ORM objects and snapshots by attribute."""
    if isinstance(row, Row):
        return row[:_N]
    return tuple(getattr(row, key) for key in _KEYS)


async def render_zaken(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    """``rows`` from :func:`zaak_query`, in order; one statement for all related URL lists."""
    if not rows:
        return []
    zaken = ctx.zaken
    values = [_values(r) for r in rows]
    # zaak id (text) → kind → the URLs of that list, in the statement's order.
    children: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    result = await conn.execute(_children_query(native_ids(conn)), {"ids": [v[0] for v in values]})
    # All rows at once (iterating the result fetches them one call each), URLs built inline: a page of 100 zaken
    # has some 450 children.
    collection = _COLLECTION
    for kind, zaak_id, child_id in result.all():
        key = str(zaak_id)
        if kind == "eigenschappen":
            url = f"{zaken}/zaken/{key}/zaakeigenschappen/{child_id}"
        else:
            url = f"{zaken}/{collection[kind]}/{child_id}"
        children[key][kind].append(url)
    return _render(values, children, ctx)


def render_zaken_embedded(rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    """``rows`` from :func:`zaak_query_embedded` (PostgreSQL): the URL lists came with the zaken, no statement."""
    zaken = ctx.zaken
    values: list[Sequence[Any]] = []
    children: dict[str, dict[str, list[str]]] = {}
    for row in rows:
        zid = str(row[0])
        values.append(row[:_N])
        children[zid] = {
            kind: [_child_url(zaken, kind, zid, c) for c in ids]
            for kind, ids in zip(_KINDS, row[_N : _N + len(_KINDS)], strict=True)
            if ids
        }
    return _render(values, children, ctx)


def _child_url(zaken: str, kind: str, zaak_id: Any, child_id: Any) -> str:
    if kind == "eigenschappen":
        return f"{zaken}/zaken/{zaak_id}/zaakeigenschappen/{child_id}"
    return f"{zaken}/{_COLLECTION[kind]}/{child_id}"


_NONE: dict[str, list[str]] = {}


def _render(
    values: Sequence[Sequence[Any]], children: dict[str, dict[str, list[str]]], ctx: ReadCtx
) -> list[dict[str, Any]]:
    """Dates stay ``date`` objects: orjson writes them as ISO 8601 (``YYYY-MM-DD``) itself, cheaper than a call
    per date in Python (eight per zaak)."""
    zaken, catalogi = ctx.zaken, ctx.catalogi
    out: list[dict[str, Any]] = []
    for (
        zid,
        identificatie,
        bronorganisatie,
        omschrijving,
        toelichting,
        zaaktype_id,
        registratiedatum,
        verantwoordelijke_organisatie,
        startdatum,
        einddatum,
        einddatum_gepland,
        uiterlijke_einddatum_afdoening,
        publicatiedatum,
        communicatiekanaal,
        producten_of_diensten,
        vertrouwelijkheidaanduiding,
        betalingsindicatie,
        laatste_betaaldatum,
        zaakgeometrie,
        verlenging_reden,
        verlenging_duur,
        opschorting_indicatie,
        opschorting_reden,
        selectielijstklasse,
        hoofdzaak_id,
        relevante_andere_zaken,
        kenmerken,
        archiefnominatie,
        archiefstatus,
        archiefactiedatum,
        opdrachtgevende_organisatie,
        processobjectaard,
        startdatum_bewaartermijn,
        processobject,
        status_id,
        resultaat_id,
    ) in values:
        sid = str(zid)
        lists = children.get(sid, _NONE)
        out.append(
            {
                "url": f"{zaken}/zaken/{sid}",
                "uuid": sid,
                "identificatie": identificatie,
                "bronorganisatie": bronorganisatie,
                "omschrijving": omschrijving,
                "toelichting": toelichting,
                "zaaktype": f"{catalogi}/zaaktypen/{zaaktype_id}",
                "registratiedatum": registratiedatum,
                "verantwoordelijkeOrganisatie": verantwoordelijke_organisatie,
                "startdatum": startdatum,
                "einddatum": einddatum,
                "einddatumGepland": einddatum_gepland,
                "uiterlijkeEinddatumAfdoening": uiterlijke_einddatum_afdoening,
                "publicatiedatum": publicatiedatum,
                "communicatiekanaal": communicatiekanaal,
                "productenOfDiensten": producten_of_diensten or [],
                "vertrouwelijkheidaanduiding": vertrouwelijkheidaanduiding,
                "betalingsindicatie": betalingsindicatie,
                "betalingsindicatieWeergave": BETALINGSINDICATIE_WEERGAVE.get(betalingsindicatie, ""),
                "laatsteBetaaldatum": iso_datetime(laatste_betaaldatum),
                "zaakgeometrie": zaakgeometrie,
                "verlenging": {"reden": verlenging_reden, "duur": verlenging_duur} if verlenging_duur else None,
                "opschorting": {"indicatie": opschorting_indicatie, "reden": opschorting_reden},
                "selectielijstklasse": selectielijstklasse,
                "hoofdzaak": f"{zaken}/zaken/{hoofdzaak_id}" if hoofdzaak_id else None,
                "deelzaken": lists.get("deelzaken") or [],
                "relevanteAndereZaken": relevante_andere_zaken or [],
                "eigenschappen": lists.get("eigenschappen") or [],
                "rollen": lists.get("rollen") or [],
                "status": f"{zaken}/statussen/{status_id}" if status_id else None,
                "zaakinformatieobjecten": lists.get("zaakinformatieobjecten") or [],
                "zaakobjecten": lists.get("zaakobjecten") or [],
                "kenmerken": kenmerken or [],
                "archiefnominatie": archiefnominatie or None,
                "archiefstatus": archiefstatus,
                "archiefactiedatum": archiefactiedatum,
                "resultaat": f"{zaken}/resultaten/{resultaat_id}" if resultaat_id else None,
                "opdrachtgevendeOrganisatie": opdrachtgevende_organisatie,
                "processobjectaard": processobjectaard,
                "startdatumBewaartermijn": startdatum_bewaartermijn,
                "processobject": processobject,
            }
        )
    return out
