"""The read path of the Besluiten API: Core rows rendered straight to the spec's ``Besluit`` and
``BesluitInformatieObject`` (one statement a page; neither has URL lists to load).

The ``*_dict`` functions take anything with the model's attribute names (a Core row or the ORM object), so the
audit trail records exactly what a GET shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.besluiten._context import CATALOGI_PREFIX, PREFIX, ZAKEN_PREFIX
from zaakwerk.besluiten.models import Besluit, BesluitInformatieObject
from zaakwerk.besluiten.schemas import VERVALREDEN_WEERGAVE
from zaakwerk.core.zgw.rows import iso

B = Besluit
BIO = BesluitInformatieObject


@dataclass(frozen=True, slots=True)
class ReadCtx:
    """Where URLs point: the request's base URL (no trailing slash)."""

    base: str

    @property
    def besluiten(self) -> str:
        return f"{self.base}{PREFIX}"

    @property
    def catalogi(self) -> str:
        return f"{self.base}{CATALOGI_PREFIX}"

    @property
    def zaken(self) -> str:
        return f"{self.base}{ZAKEN_PREFIX}"


_BESLUIT_COLUMNS: tuple[Any, ...] = (
    B.id,
    B.identificatie,
    B.verantwoordelijke_organisatie,
    B.besluittype_id,
    B.zaak_id,
    B.datum,
    B.toelichting,
    B.bestuursorgaan,
    B.ingangsdatum,
    B.vervaldatum,
    B.vervalreden,
    B.publicatiedatum,
    B.verzenddatum,
    B.uiterlijke_reactiedatum,
)


def besluit_query() -> Select[Any]:
    """Besluit columns, with the besluittype labelled as every query of this API has it for the access check."""
    return select(*_BESLUIT_COLUMNS, B.besluittype_id.label("_besluittype_id"))


def besluit_dict(ctx: ReadCtx, r: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": f"{ctx.besluiten}/besluiten/{r.id}",
        "identificatie": r.identificatie,
        "verantwoordelijkeOrganisatie": r.verantwoordelijke_organisatie,
        "besluittype": f"{ctx.catalogi}/besluittypen/{r.besluittype_id}",
        # The spec's zaak is a string, not nullable: empty when the besluit belongs to no zaak.
        "zaak": f"{ctx.zaken}/zaken/{r.zaak_id}" if r.zaak_id else "",
        "datum": iso(r.datum),
        "toelichting": r.toelichting,
        "bestuursorgaan": r.bestuursorgaan,
        "ingangsdatum": iso(r.ingangsdatum),
        "vervaldatum": iso(r.vervaldatum),
    }
    # The 1.1.0 enum has no blank value and its weergave has minLength 1: without a vervalreden both are left out.
    if r.vervalreden:
        data["vervalreden"] = r.vervalreden
        data["vervalredenWeergave"] = VERVALREDEN_WEERGAVE[r.vervalreden]
    data["publicatiedatum"] = iso(r.publicatiedatum)
    data["verzenddatum"] = iso(r.verzenddatum)
    data["uiterlijkeReactiedatum"] = iso(r.uiterlijke_reactiedatum)
    return data


async def render_besluiten(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    return [besluit_dict(ctx, r) for r in rows]


_BIO_COLUMNS: tuple[Any, ...] = (
    BIO.id,
    BIO.besluit_id,
    BIO.informatieobject,
    B.besluittype_id.label("_besluittype_id"),
)


def bio_query() -> Select[Any]:
    """Besluitinformatieobjecten joined with their besluit (for the access predicate and check)."""
    return select(*_BIO_COLUMNS).select_from(BIO).join(B, B.id == BIO.besluit_id)


def bio_dict(ctx: ReadCtx, r: Any) -> dict[str, Any]:
    return {
        "url": f"{ctx.besluiten}/besluitinformatieobjecten/{r.id}",
        "informatieobject": r.informatieobject,
        "besluit": f"{ctx.besluiten}/besluiten/{r.besluit_id}",
    }


async def render_bios(conn: AsyncConnection, rows: Sequence[Any], ctx: ReadCtx) -> list[dict[str, Any]]:
    return [bio_dict(ctx, r) for r in rows]
