"""Rules of statustypen, roltypen, eigenschappen (ztc-015), zaakobjecttypen and zaaktype-informatieobjecttypen."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import EIGENSCHAPPEN, STATUSTYPEN, Ctx
from zaakwerk.catalogi._service_children import ChildKind
from zaakwerk.catalogi._service_common import DOES_NOT_EXIST, check_same_catalogus, resolve_names
from zaakwerk.catalogi.schemas import (
    EigenschapIn,
    RolTypeIn,
    StatusTypeIn,
    ZaakObjectTypeIn,
    ZaakTypeInformatieObjectTypeIn,
)
from zaakwerk.core.errors import Invalid

OTHER_ZAAKTYPE = "relations-incorrect-zaaktype"


async def unique_in_zaaktype(
    session: AsyncSession,
    inv: Invalid,
    model: Any,
    column: str,
    value: Any,
    zaaktype: m.ZaakType,
    obj: Any | None,
    name: str,
) -> None:
    query = select(model.id).where(model.zaaktype_id == zaaktype.id, getattr(model, column) == value)
    if obj is not None:
        query = query.where(model.id != obj.id)
    if (await session.execute(query.limit(1))).first() is not None:
        inv.add(name, "unique", f"Er is al een {model.__name__.lower()} met deze {name} bij dit zaaktype.")


async def statustype_of_zaaktype(
    session: AsyncSession, ctx: Ctx, url: str | None, zaaktype: m.ZaakType, inv: Invalid, name: str = "statustype"
) -> uuid.UUID | None:
    """A statustype reference must be a statustype of the same zaaktype (ztc-011a, ztc-013)."""
    if not url:
        return None
    id_ = ctx.uuid_of(url, STATUSTYPEN)
    statustype = await session.get(m.StatusType, id_) if id_ else None
    if statustype is None:
        inv.add(name, DOES_NOT_EXIST, "De URL verwijst niet naar een statustype van deze Catalogi API.")
        return None
    if statustype.zaaktype_id != zaaktype.id:
        inv.add(name, OTHER_ZAAKTYPE, "Het statustype moet bij hetzelfde zaaktype horen.")
        return None
    return statustype.id


class StatusTypeKind(ChildKind[StatusTypeIn]):
    model = m.StatusType
    schema = StatusTypeIn
    collection = STATUSTYPEN
    plain = (
        "omschrijving",
        "omschrijving_generiek",
        "statustekst",
        "volgnummer",
        "informeren",
        "doorlooptijd",
        "toelichting",
        "checklistitem_statustype",
    )
    extend_only = ("eigenschappen", "checklistitemStatustype")
    fixed = ("volgnummer",)

    async def validate(
        self,
        session: AsyncSession,
        ctx: Ctx,
        data: StatusTypeIn,
        zaaktype: m.ZaakType,
        inv: Invalid,
        obj: Any | None,
    ) -> list[uuid.UUID]:
        await unique_in_zaaktype(session, inv, m.StatusType, "volgnummer", data.volgnummer, zaaktype, obj, "volgnummer")
        if obj is None and not zaaktype.concept:
            # A correctie adds a statustype at the end, so zaken that are under way stay valid.
            highest = (
                await session.execute(
                    select(func.max(m.StatusType.volgnummer)).where(m.StatusType.zaaktype_id == zaaktype.id)
                )
            ).scalar()
            if highest is not None and data.volgnummer <= highest:
                inv.add(
                    "volgnummer",
                    "correctie-niet-aan-eind",
                    "Een correctie mag alleen een statustype na de bestaande statustypen toevoegen.",
                )
        ids: list[uuid.UUID] = []
        for url in dict.fromkeys(data.eigenschappen):
            id_ = ctx.uuid_of(url, EIGENSCHAPPEN)
            eigenschap = await session.get(m.Eigenschap, id_) if id_ else None
            if eigenschap is None:
                inv.add("eigenschappen", DOES_NOT_EXIST, f"De URL '{url}' verwijst niet naar een eigenschap.")
            elif eigenschap.zaaktype_id != zaaktype.id:
                inv.add("eigenschappen", OTHER_ZAAKTYPE, "De eigenschappen moeten bij hetzelfde zaaktype horen.")
            else:
                ids.append(eigenschap.id)
        return ids

    async def after_write(self, session: AsyncSession, obj: Any, extra: Any) -> None:
        # StatusType.eigenschappen and Eigenschap.statustype are one relation seen from both sides.
        await session.execute(
            update(m.Eigenschap)
            .where(m.Eigenschap.statustype_id == obj.id, m.Eigenschap.id.not_in(extra or [uuid.UUID(int=0)]))
            .values(statustype_id=None)
            .execution_options(synchronize_session="fetch")
        )
        if extra:
            await session.execute(
                update(m.Eigenschap)
                .where(m.Eigenschap.id.in_(extra))
                .values(statustype_id=obj.id)
                .execution_options(synchronize_session="fetch")
            )
        # A statustype moved to another zaaktype no longer fits the old zaaktype's references.
        await session.execute(
            update(m.ZaakTypeInformatieObjectType)
            .where(
                m.ZaakTypeInformatieObjectType.statustype_id == obj.id,
                m.ZaakTypeInformatieObjectType.zaaktype_id != obj.zaaktype_id,
            )
            .values(statustype_id=None)
            .execution_options(synchronize_session="fetch")
        )

    async def current(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        values = await super().current(session, ctx, obj)
        ids = (
            await session.execute(
                select(m.Eigenschap.id).where(m.Eigenschap.statustype_id == obj.id).order_by(m.Eigenschap.naam)
            )
        ).scalars()
        values["eigenschappen"] = [ctx.url(EIGENSCHAPPEN, i) for i in ids]
        return values


class RolTypeKind(ChildKind[RolTypeIn]):
    model = m.RolType
    schema = RolTypeIn
    collection = "roltypen"
    plain = ("omschrijving", "omschrijving_generiek")

    async def validate(
        self,
        session: AsyncSession,
        ctx: Ctx,
        data: RolTypeIn,
        zaaktype: m.ZaakType,
        inv: Invalid,
        obj: Any | None,
    ) -> None:
        check_same_catalogus(inv, ctx, data.catalogus, zaaktype)


def check_specificatie(inv: Invalid, formaat: str, lengte: str) -> None:
    """ztc-015: a datum eigenschap has lengte 8 (YYYYMMDD), a datum_tijd eigenschap lengte 14
    (YYYYMMDDhhmmss)."""
    required = {"datum": "8", "datum_tijd": "14"}.get(formaat)
    if required is not None and lengte.strip() != required:
        inv.add("specificatie.lengte", "invalid-length", f"Bij formaat '{formaat}' moet de lengte {required} zijn.")
    elif required is None and formaat == "getal" and not lengte.replace(",", "").replace(".", "").isdigit():
        inv.add("specificatie.lengte", "invalid", "De lengte van een getal moet numeriek zijn (bijv. 8 of 8,2).")


class EigenschapKind(ChildKind[EigenschapIn]):
    model = m.Eigenschap
    schema = EigenschapIn
    collection = EIGENSCHAPPEN
    plain = ("naam", "definitie", "specificatie", "toelichting")
    fixed = ("naam",)

    async def validate(
        self,
        session: AsyncSession,
        ctx: Ctx,
        data: EigenschapIn,
        zaaktype: m.ZaakType,
        inv: Invalid,
        obj: Any | None,
    ) -> uuid.UUID | None:
        await unique_in_zaaktype(session, inv, m.Eigenschap, "naam", data.naam, zaaktype, obj, "naam")
        check_specificatie(inv, data.specificatie.formaat.value, data.specificatie.lengte)
        return await statustype_of_zaaktype(session, ctx, data.statustype, zaaktype, inv)

    def apply(self, obj: Any, data: EigenschapIn, extra: Any) -> None:
        super().apply(obj, data, extra)
        obj.statustype_id = extra

    async def current(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        values = await super().current(session, ctx, obj)
        values["statustype"] = ctx.url(STATUSTYPEN, obj.statustype_id) if obj.statustype_id else None
        return values


class ZaakObjectTypeKind(ChildKind[ZaakObjectTypeIn]):
    model = m.ZaakObjectType
    schema = ZaakObjectTypeIn
    collection = "zaakobjecttypen"
    plain = ("ander_objecttype", "objecttype", "relatie_omschrijving")

    async def validate(
        self,
        session: AsyncSession,
        ctx: Ctx,
        data: ZaakObjectTypeIn,
        zaaktype: m.ZaakType,
        inv: Invalid,
        obj: Any | None,
    ) -> None:
        check_same_catalogus(inv, ctx, data.catalogus, zaaktype)

    async def current(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        values = await super().current(session, ctx, obj)
        zaaktype = await session.get(m.ZaakType, obj.zaaktype_id)
        assert zaaktype is not None
        values["catalogus"] = ctx.url("catalogussen", zaaktype.catalogus_id)
        return values


class ZaakTypeInformatieObjectTypeKind(ChildKind[ZaakTypeInformatieObjectTypeIn]):
    model = m.ZaakTypeInformatieObjectType
    schema = ZaakTypeInformatieObjectTypeIn
    collection = "zaaktype-informatieobjecttypen"
    plain = ("volgnummer", "richting")
    fixed = ("informatieobjecttype",)

    async def validate(
        self,
        session: AsyncSession,
        ctx: Ctx,
        data: ZaakTypeInformatieObjectTypeIn,
        zaaktype: m.ZaakType,
        inv: Invalid,
        obj: Any | None,
    ) -> tuple[str, uuid.UUID | None]:
        # ztc-011c: the relation is by informatieobjecttype.omschrijving; a published one may be used.
        names = await resolve_names(
            session,
            ctx,
            [data.informatieobjecttype],
            zaaktype.catalogus_id,
            "informatieobjecttypen",
            "informatieobjecttype",
            inv,
        )
        await unique_in_zaaktype(
            session, inv, m.ZaakTypeInformatieObjectType, "volgnummer", data.volgnummer, zaaktype, obj, "volgnummer"
        )
        statustype = await statustype_of_zaaktype(session, ctx, data.statustype, zaaktype, inv)
        return (names[0] if names else "", statustype)

    def apply(self, obj: Any, data: ZaakTypeInformatieObjectTypeIn, extra: Any) -> None:
        super().apply(obj, data, extra)
        obj.informatieobjecttype, obj.statustype_id = extra

    async def current(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        values = await super().current(session, ctx, obj)
        values["informatieobjecttype"] = obj.informatieobjecttype
        values["statustype"] = ctx.url(STATUSTYPEN, obj.statustype_id) if obj.statustype_id else None
        return values


STATUSTYPE = StatusTypeKind()
ROLTYPE = RolTypeKind()
EIGENSCHAP = EigenschapKind()
ZAAKOBJECTTYPE = ZaakObjectTypeKind()
ZAAKTYPE_INFORMATIEOBJECTTYPE = ZaakTypeInformatieObjectTypeKind()
