"""Rules of /rollen: who is involved in a zaak, and in what role.

- zrc-019: the roltype belongs to the zaak's zaaktype.
- ``omschrijving`` and ``omschrijvingGeneriek`` are copied from the roltype.
- a rol names its betrokkene by URL (``betrokkene``) or by ``betrokkeneIdentificatie`` (or both); the
  identificatie is checked against the spec's schema for the ``betrokkeneType`` (a BSN must pass the 11-proef)
  and copied into the search columns the rollen and zaken filters use.
- writes on a closed zaak need ``zaken.geforceerd-bijwerken`` (zrc-007).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as ztc
from zaakwerk.core.errors import Invalid
from zaakwerk.core.ids import elfproef
from zaakwerk.zaken import access, events
from zaakwerk.zaken._context import ROLLEN, Ctx
from zaakwerk.zaken._identificatie_check import clean
from zaakwerk.zaken._identificatie_schemas import BETROKKENE_IDENTIFICATIE
from zaakwerk.zaken._read_rollen import render_rol
from zaakwerk.zaken._read_zaken import ReadCtx
from zaakwerk.zaken._schemas_rollen import RolIn
from zaakwerk.zaken._service_common import (
    BAD_URL,
    DOES_NOT_EXIST,
    check_zaak_write,
    get_or_404,
    zaak_for_child_write,
)
from zaakwerk.zaken.models import Rol, Zaak

ZAAKTYPE_MISMATCH = "zaaktype-mismatch"

# Search column ← key in betrokkeneIdentificatie, per betrokkeneType.
SEARCH_COLUMNS: dict[str, dict[str, str]] = {
    "natuurlijk_persoon": {"inp_bsn": "inpBsn", "anp_identificatie": "anpIdentificatie", "inp_a_nummer": "inpA_nummer"},
    "niet_natuurlijk_persoon": {"inn_nnp_id": "innNnpId", "ann_identificatie": "annIdentificatie"},
    "vestiging": {"vestigings_nummer": "vestigingsNummer", "kvk_nummer": "kvkNummer"},
    "organisatorische_eenheid": {"organisatorische_eenheid_identificatie": "identificatie"},
    "medewerker": {"medewerker_identificatie": "identificatie"},
}
_ALL_SEARCH_COLUMNS = sorted({c for columns in SEARCH_COLUMNS.values() for c in columns})


def betrokkene_identificatie(betrokkene_type: str, value: dict[str, Any] | None, inv: Invalid) -> dict[str, Any] | None:
    """The identificatie as stored: checked against the spec's schema of ``betrokkene_type``, unknown keys dropped."""
    if value is None:
        return None
    schema = BETROKKENE_IDENTIFICATIE[betrokkene_type]
    assert schema is not None
    cleaned: dict[str, Any] = clean(value, schema, "betrokkeneIdentificatie", inv)
    bsn = cleaned.get("inpBsn") if betrokkene_type == "natuurlijk_persoon" else None
    if bsn and not elfproef(bsn):
        inv.add(
            "betrokkeneIdentificatie.inpBsn",
            "invalid",
            "Onjuist BSN: het moet 9 cijfers zijn en de 11-proef doorstaan.",
        )
    return cleaned


def search_values(betrokkene_type: str, identificatie: dict[str, Any] | None) -> dict[str, str | None]:
    """Every search column of a rol: the identificatie's value where its type has one, else empty."""
    values: dict[str, str | None] = dict.fromkeys(_ALL_SEARCH_COLUMNS)
    for column, key in SEARCH_COLUMNS[betrokkene_type].items():
        value = (identificatie or {}).get(key)
        values[column] = value or None
    return values


async def _roltype(session: AsyncSession, ctx: Ctx, url: str, zaak: Zaak, inv: Invalid) -> ztc.RolType | None:
    """zrc-019: the roltype must exist in our catalogue and belong to the zaak's zaaktype."""
    id_ = ctx.catalogi_uuid(url, "roltypen")
    if id_ is None:
        inv.add("roltype", BAD_URL, "De URL verwijst niet naar een roltype van deze Catalogi API.")
        return None
    roltype: ztc.RolType | None = await session.get(ztc.RolType, id_)
    if roltype is None:
        inv.add("roltype", DOES_NOT_EXIST, "Het roltype bestaat niet.")
    elif roltype.zaaktype_id != zaak.zaaktype_id:
        inv.add("roltype", ZAAKTYPE_MISMATCH, "Het roltype hoort niet bij het zaaktype van de zaak.")
        return None
    return roltype


async def create_rol(session: AsyncSession, ctx: Ctx, data: RolIn) -> Rol:
    zaak = await zaak_for_child_write(session, ctx, data.zaak)
    inv = Invalid()
    roltype = await _roltype(session, ctx, data.roltype, zaak, inv)
    betrokkene_type = data.betrokkene_type.value
    identificatie = betrokkene_identificatie(betrokkene_type, data.betrokkene_identificatie, inv)
    if not data.betrokkene and not identificatie:
        inv.add(
            "nonFieldErrors",
            "invalid-betrokkene",
            "Geef de betrokkene op: een URL in 'betrokkene' of gegevens in 'betrokkeneIdentificatie'.",
        )
    inv.raise_if_any()
    assert roltype is not None
    rol = Rol(
        id=uuid.uuid4(),
        rsin=zaak.bronorganisatie,
        zaak_id=zaak.id,
        betrokkene=data.betrokkene or "",
        betrokkene_type=betrokkene_type,
        afwijkende_naam_betrokkene=data.afwijkende_naam_betrokkene,
        roltype_id=roltype.id,
        omschrijving=roltype.omschrijving,
        omschrijving_generiek=roltype.omschrijving_generiek,
        roltoelichting=data.roltoelichting,
        indicatie_machtiging=data.indicatie_machtiging.value,
        contactpersoon_rol=data.contactpersoon_rol.model_dump() if data.contactpersoon_rol else None,
        betrokkene_identificatie=identificatie,
        **search_values(betrokkene_type, identificatie),
    )
    session.add(rol)
    await session.flush()
    url = ctx.url(ROLLEN, rol.id)
    nieuw = render_rol(rol, ReadCtx(ctx.base_url))
    events.zaak_changed(session, ctx, zaak, collection=ROLLEN, resource_url=url, actie="create", nieuw=nieuw)
    return rol


async def delete_rol(session: AsyncSession, ctx: Ctx, id_: uuid.UUID) -> None:
    rol: Rol = await get_or_404(session, Rol, id_)
    zaak: Zaak = await get_or_404(session, Zaak, rol.zaak_id)
    check_zaak_write(ctx, zaak, access.BIJWERKEN)
    oud = render_rol(rol, ReadCtx(ctx.base_url))
    await session.delete(rol)
    url = ctx.url(ROLLEN, rol.id)
    events.zaak_changed(session, ctx, zaak, collection=ROLLEN, resource_url=url, actie="destroy", oud=oud)
