"""Rules shared by every catalogue type: publication guards (ztc-009/010), geldigheid, overlap (ztc-016),
name references within one catalogus (ztc-011a/b/c, ztc-013) and PATCH merging."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi._context import Ctx, looks_like_url
from zaakwerk.catalogi.models import BesluitType, Catalogus, InformatieObjectType, ZaakType
from zaakwerk.core.errors import Invalid, not_found, validation_error

M = TypeVar("M", bound=BaseModel)
Versioned = type[ZaakType] | type[InformatieObjectType] | type[BesluitType]

NON_CONCEPT_OBJECT = "non-concept-object"
NON_CONCEPT_ZAAKTYPE = "non-concept-zaaktype"
NON_CONCEPT_RELATION = "non-concept-relation"
DOES_NOT_EXIST = "does_not_exist"


async def get_or_404(session: AsyncSession, model: type[Any], id_: uuid.UUID) -> Any:
    obj = await session.get(model, id_)
    if obj is None:
        raise not_found()
    return obj


def changed_fields(old: BaseModel, new: BaseModel) -> list[str]:
    """The wire names of the fields whose value differs between two inputs of the same model."""
    before = old.model_dump(mode="json")
    after = new.model_dump(mode="json")
    fields = type(new).model_fields
    return [fields[name].alias or name for name in fields if before.get(name) != after.get(name)]


def check_geldigheid(inv: Invalid, begin: dt.date, einde: dt.date | None) -> None:
    if einde is not None and einde < begin:
        inv.add("eindeGeldigheid", "date-mismatch", "'eindeGeldigheid' moet op of na 'beginGeldigheid' liggen.")


async def catalogus_from_url(session: AsyncSession, ctx: Ctx, url: str, inv: Invalid) -> Catalogus | None:
    id_ = ctx.uuid_of(url, "catalogussen")
    catalogus = await session.get(Catalogus, id_) if id_ else None
    if catalogus is None:
        inv.add("catalogus", DOES_NOT_EXIST, "De URL verwijst niet naar een catalogus van deze Catalogi API.")
    return catalogus


async def zaaktype_from_url(
    session: AsyncSession, ctx: Ctx, url: str, inv: Invalid, name: str = "zaaktype"
) -> ZaakType | None:
    id_ = ctx.uuid_of(url, "zaaktypen")
    zaaktype = await session.get(ZaakType, id_) if id_ else None
    if zaaktype is None:
        inv.add(name, DOES_NOT_EXIST, "De URL verwijst niet naar een zaaktype van deze Catalogi API.")
    return zaaktype


def guard_published(obj: Any, ctx: Ctx, changed: list[str] | None) -> None:
    """ztc-009: a published type is not updated (PUT), only ``eindeGeldigheid`` is patched, unless the caller
    makes a correctie (``catalogi.geforceerd-schrijven``). ``changed`` is ``None`` for a PUT."""
    if obj.concept or ctx.correctie:
        return
    if changed is None:
        raise validation_error(
            "nonFieldErrors",
            NON_CONCEPT_OBJECT,
            "Het object is gepubliceerd en kan niet meer geheel bijgewerkt worden; maak een nieuwe versie.",
        )
    inv = Invalid()
    for name in changed:
        if name != "eindeGeldigheid":
            inv.add(
                name,
                NON_CONCEPT_OBJECT,
                "Het object is gepubliceerd; alleen 'eindeGeldigheid' mag nog gewijzigd worden.",
            )
    inv.raise_if_any()


def guard_delete_published(obj: Any, ctx: Ctx) -> None:
    """ztc-009: a published type is not deleted, unless with ``catalogi.geforceerd-verwijderen``."""
    if not obj.concept and not ctx.geforceerd_verwijderen:
        raise validation_error(
            "nonFieldErrors", NON_CONCEPT_OBJECT, "Een gepubliceerd object kan niet verwijderd worden."
        )


def guard_zaaktype_child(zaaktype: ZaakType, ctx: Ctx, action: str, field: str = "nonFieldErrors") -> None:
    """ztc-010: the types of a published zaaktype are not created, changed or deleted; a correctie
    (``catalogi.geforceerd-schrijven``) may create and change, ``catalogi.geforceerd-verwijderen`` delete."""
    if zaaktype.concept:
        return
    allowed = ctx.geforceerd_verwijderen if action == "delete" else ctx.correctie
    if not allowed:
        raise validation_error(
            field,
            NON_CONCEPT_ZAAKTYPE,
            "Het zaaktype is gepubliceerd; de onderliggende typen kunnen niet meer gewijzigd worden.",
        )


def require_superset(inv: Invalid, name: str, old: Iterable[Any], new: Iterable[Any]) -> None:
    """A correctie may only extend: nothing that was related may disappear."""
    present = {_hashable(n) for n in new}
    if any(_hashable(o) not in present for o in old):
        inv.add(
            name,
            "correctie-verwijdert",
            "Een correctie mag alleen uitbreiden; bestaande waarden mogen niet verdwijnen.",
        )


def _hashable(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def check_child_geldigheid(inv: Invalid, zaaktype: ZaakType, begin: dt.date | None, einde: dt.date | None) -> None:
    """A statustype/roltype/... is valid exactly as its zaaktype: a given beginGeldigheid must match the
    zaaktype's beginGeldigheid or versiedatum, a given eindeGeldigheid its eindeGeldigheid."""
    if begin is not None and begin not in (zaaktype.begin_geldigheid, zaaktype.versiedatum):
        inv.add(
            "beginGeldigheid",
            "geldigheid-zaaktype",
            "'beginGeldigheid' moet gelijk zijn aan de beginGeldigheid of versiedatum van het zaaktype.",
        )
    if einde is not None and einde != zaaktype.einde_geldigheid:
        inv.add(
            "eindeGeldigheid",
            "geldigheid-zaaktype",
            "'eindeGeldigheid' moet gelijk zijn aan de eindeGeldigheid van het zaaktype.",
        )


def check_same_catalogus(inv: Invalid, ctx: Ctx, url: str | None, zaaktype: ZaakType) -> None:
    """ztc-013: the (deprecated) catalogus field, when given, must be the zaaktype's catalogus."""
    if url is not None and ctx.uuid_of(url, "catalogussen") != zaaktype.catalogus_id:
        inv.add(
            "catalogus", "relations-incorrect-catalogus", "De catalogus moet dezelfde zijn als die van het zaaktype."
        )


_NAME_COLUMNS: dict[str, tuple[Versioned, str, str]] = {
    "besluittypen": (BesluitType, "omschrijving", "besluittype"),
    "informatieobjecttypen": (InformatieObjectType, "omschrijving", "informatieobjecttype"),
    "zaaktypen": (ZaakType, "identificatie", "zaaktype"),
}


async def resolve_names(
    session: AsyncSession,
    ctx: Ctx,
    values: list[str],
    catalogus_id: uuid.UUID,
    collection: str,
    field: str,
    inv: Invalid,
    itself: str | None = None,
) -> list[str]:
    """Turn references to version-independent types into their names (omschrijving/identificatie).

    A value is a name, or (for clients of earlier versions) a URL of one of our types; either must exist in the
    same catalogus (ztc-013). ``itself`` is the writer's own name (a zaaktype may name its own identificatie
    before its first version exists). Order is kept, duplicates dropped.
    """
    model, column, label = _NAME_COLUMNS[collection]
    names: list[str] = []
    urls = {v: ctx.uuid_of(v, collection) for v in values if looks_like_url(v)}
    by_id: dict[uuid.UUID, tuple[str, uuid.UUID]] = {}
    if any(urls.values()):
        rows = await session.execute(
            select(model.id, getattr(model, column), model.catalogus_id).where(
                model.id.in_([i for i in urls.values() if i])
            )
        )
        by_id = {r[0]: (r[1], r[2]) for r in rows}
    for value in values:
        if looks_like_url(value):
            id_ = urls[value]
            found = by_id.get(id_) if id_ else None
            if found is None:
                inv.add(field, DOES_NOT_EXIST, f"De URL '{value}' verwijst niet naar een {label} van deze API.")
                continue
            if found[1] != catalogus_id:
                inv.add(
                    field, "relations-incorrect-catalogus", f"Het {label} '{value}' hoort bij een andere catalogus."
                )
                continue
            value = found[0]
        if value not in names:
            names.append(value)
    plain = [n for n in names if n and n != itself]
    if plain:
        existing = set(
            (
                await session.execute(
                    select(getattr(model, column)).where(
                        model.catalogus_id == catalogus_id, getattr(model, column).in_(plain)
                    )
                )
            ).scalars()
        )
        for name in plain:
            if name not in existing:
                inv.add(field, DOES_NOT_EXIST, f"Er is geen {label} '{name}' in de catalogus.")
    return names


async def check_overlap(session: AsyncSession, obj: Any, key: str, name: str = "beginGeldigheid") -> None:
    """ztc-016 (and the same for informatieobjecttypen and besluittypen): published versions with the same
    identificatie/omschrijving in a catalogus do not overlap; an empty eindeGeldigheid means 'no end'."""
    model = type(obj)
    column = getattr(model, key)
    conditions = [
        model.catalogus_id == obj.catalogus_id,
        column == getattr(obj, key),
        model.id != obj.id,
        model.concept.is_(False),
        or_(model.einde_geldigheid.is_(None), model.einde_geldigheid >= obj.begin_geldigheid),
    ]
    if obj.einde_geldigheid is not None:
        conditions.append(model.begin_geldigheid <= obj.einde_geldigheid)
    clash = (await session.execute(select(model.id).where(and_(*conditions)).limit(1))).first()
    if clash is not None:
        raise validation_error(
            name,
            "overlap",
            "De geldigheidsperiode overlapt met een andere gepubliceerde versie met dezelfde "
            f"{'identificatie' if key == 'identificatie' else 'omschrijving'}.",
        )


async def recompute_object_dates(
    session: AsyncSession, model: Versioned, catalogus_id: uuid.UUID, key: str, value: str
) -> None:
    """beginObject/eindeObject: the first beginGeldigheid and the last version's eindeGeldigheid of all
    versions with the same name, stored on each version so reads need no grouping."""
    column = getattr(model, key)
    rows = (
        await session.execute(
            select(model.begin_geldigheid, model.einde_geldigheid).where(
                model.catalogus_id == catalogus_id, column == value
            )
        )
    ).all()
    if not rows:
        return
    first = min(r[0] for r in rows)
    last = max(rows, key=lambda r: r[0])[1]
    await session.execute(
        update(model)
        .where(model.catalogus_id == catalogus_id, column == value)
        .values(begin_object=first, einde_object=last)
        .execution_options(synchronize_session="fetch")
    )
