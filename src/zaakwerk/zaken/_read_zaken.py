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

from sqlalchemy import Select, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.core.zgw.rows import in_ids, iso, iso_datetime, native_ids
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
    return select(union).order_by(union.c.kind, union.c.zaak_id, union.c.k, union.c.id)


async def render_zaken(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    """``rows`` from :func:`zaak_query`, in order; one statement for all related URL lists."""
    if not rows:
        return []
    children: dict[tuple[str, uuid.UUID], list[Any]] = defaultdict(list)
    result = await conn.execute(_children_query(native_ids(conn)), {"ids": [r.id for r in rows]})
    for child in result:
        children[(child.kind, child.zaak_id)].append(child)
    zaken, catalogi = ctx.zaken, ctx.catalogi
    out: list[dict[str, Any]] = []
    for r in rows:
        zid = r.id
        url = f"{zaken}/zaken/{zid}"

        def urls(kind: str, collection: str) -> list[str]:
            return [f"{zaken}/{collection}/{c.id}" for c in children.get((kind, zid), ())]  # noqa: B023

        out.append(
            {
                "url": url,
                "uuid": str(zid),
                "identificatie": r.identificatie,
                "bronorganisatie": r.bronorganisatie,
                "omschrijving": r.omschrijving,
                "toelichting": r.toelichting,
                "zaaktype": f"{catalogi}/zaaktypen/{r.zaaktype_id}",
                "registratiedatum": iso(r.registratiedatum),
                "verantwoordelijkeOrganisatie": r.verantwoordelijke_organisatie,
                "startdatum": iso(r.startdatum),
                "einddatum": iso(r.einddatum),
                "einddatumGepland": iso(r.einddatum_gepland),
                "uiterlijkeEinddatumAfdoening": iso(r.uiterlijke_einddatum_afdoening),
                "publicatiedatum": iso(r.publicatiedatum),
                "communicatiekanaal": r.communicatiekanaal,
                "productenOfDiensten": r.producten_of_diensten or [],
                "vertrouwelijkheidaanduiding": r.vertrouwelijkheidaanduiding,
                "betalingsindicatie": r.betalingsindicatie,
                "betalingsindicatieWeergave": BETALINGSINDICATIE_WEERGAVE.get(r.betalingsindicatie, ""),
                "laatsteBetaaldatum": iso_datetime(r.laatste_betaaldatum),
                "zaakgeometrie": r.zaakgeometrie,
                "verlenging": {"reden": r.verlenging_reden, "duur": r.verlenging_duur} if r.verlenging_duur else None,
                "opschorting": {"indicatie": r.opschorting_indicatie, "reden": r.opschorting_reden},
                "selectielijstklasse": r.selectielijstklasse,
                "hoofdzaak": f"{zaken}/zaken/{r.hoofdzaak_id}" if r.hoofdzaak_id else None,
                "deelzaken": urls("deelzaken", "zaken"),
                "relevanteAndereZaken": r.relevante_andere_zaken or [],
                "eigenschappen": [f"{url}/zaakeigenschappen/{c.id}" for c in children.get(("eigenschappen", zid), ())],
                "rollen": urls("rollen", "rollen"),
                "status": f"{zaken}/statussen/{r.status_id}" if r.status_id else None,
                "zaakinformatieobjecten": urls("zaakinformatieobjecten", "zaakinformatieobjecten"),
                "zaakobjecten": urls("zaakobjecten", "zaakobjecten"),
                "kenmerken": r.kenmerken or [],
                "archiefnominatie": r.archiefnominatie or None,
                "archiefstatus": r.archiefstatus,
                "archiefactiedatum": iso(r.archiefactiedatum),
                "resultaat": f"{zaken}/resultaten/{r.resultaat_id}" if r.resultaat_id else None,
                "opdrachtgevendeOrganisatie": r.opdrachtgevende_organisatie,
                "processobjectaard": r.processobjectaard,
                "startdatumBewaartermijn": iso(r.startdatum_bewaartermijn),
                "processobject": r.processobject,
            }
        )
    return out
