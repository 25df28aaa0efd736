"""The write path shared by the types that belong to one zaaktype version: statustypen, roltypen,
eigenschappen, resultaattypen, zaakobjecttypen and zaaktype-informatieobjecttypen.

ztc-010 (nothing changes under a published zaaktype except a correctie), ztc-011a (no new relation to a published
zaaktype), ztc-013 (same catalogus) and the geldigheid derived from the zaaktype are checked here once; each type
adds its own rules through a :class:`ChildKind`.
"""

from __future__ import annotations

import uuid
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import events
from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import ZAAKTYPEN, Ctx
from zaakwerk.catalogi._service_common import (
    NON_CONCEPT_RELATION,
    changed_fields,
    check_child_geldigheid,
    get_or_404,
    guard_zaaktype_child,
    zaaktype_from_url,
)
from zaakwerk.core.errors import Invalid
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.zgw.body import merge_patch

S = TypeVar("S", bound=BaseModel)

_GELDIGHEID = ("beginGeldigheid", "eindeGeldigheid", "beginObject", "eindeObject")


class ChildKind(Generic[S]):
    """One type under a zaaktype; subclasses set the class attributes and override the hooks they need."""

    model: type[Any]
    schema: type[S]
    collection: str
    # Plain input fields copied to the row as they are.
    plain: tuple[str, ...] = ()
    # Fields a correctie may only extend.
    extend_only: tuple[str, ...] = ()
    # Fields a correctie may not change.
    fixed: tuple[str, ...] = ()

    async def validate(
        self, session: AsyncSession, ctx: Ctx, data: S, zaaktype: m.ZaakType, inv: Invalid, obj: Any | None
    ) -> Any:
        """Type-specific rules; returns whatever :meth:`after_write` needs (resolved references)."""
        return None

    def apply(self, obj: Any, data: S, extra: Any) -> None:
        # Nested JSON (checklist items, brondatumArchiefprocedure) is stored in wire shape, ready to render.
        dumped = data.model_dump(mode="json", by_alias=True)
        fields = type(data).model_fields
        for key in self.plain:
            setattr(obj, key, dumped[fields[key].alias or key])

    async def after_write(self, session: AsyncSession, obj: Any, extra: Any) -> None:
        return None

    async def current(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        """The row's state in input shape, without the zaaktype."""
        return {key: getattr(obj, key) for key in self.plain}


async def _input_of(kind: ChildKind[S], session: AsyncSession, ctx: Ctx, obj: Any) -> S:
    values = await kind.current(session, ctx, obj)
    values["zaaktype"] = ctx.url(ZAAKTYPEN, obj.zaaktype_id)
    return kind.schema.model_validate(values)


async def current_input(kind: ChildKind[S], session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
    data = await _input_of(kind, session, ctx, obj)
    return data.model_dump(by_alias=True, mode="json", exclude_none=False)


async def create_child(uow: UnitOfWork, ctx: Ctx, kind: ChildKind[S], data: S) -> Any:
    session = uow.session
    inv = Invalid()
    zaaktype = await zaaktype_from_url(session, ctx, getattr(data, "zaaktype"), inv)  # noqa: B009
    inv.raise_if_any()
    assert zaaktype is not None
    guard_zaaktype_child(zaaktype, ctx, "create", field="zaaktype")
    check_child_geldigheid(
        inv, zaaktype, getattr(data, "begin_geldigheid", None), getattr(data, "einde_geldigheid", None)
    )
    extra = await kind.validate(session, ctx, data, zaaktype, inv, None)
    inv.raise_if_any()
    obj = kind.model(id=uuid.uuid4(), zaaktype_id=zaaktype.id, rsin=zaaktype.rsin)
    kind.apply(obj, data, extra)
    session.add(obj)
    await session.flush()
    await kind.after_write(session, obj, extra)
    events.zaaktype_changed(
        session, ctx, zaaktype.id, zaaktype.catalogus_id, "create", collection=kind.collection, id_=obj.id
    )
    return obj


async def update_child(
    uow: UnitOfWork, ctx: Ctx, kind: ChildKind[S], id_: uuid.UUID, data: S, *, partial: bool = False
) -> Any:
    session = uow.session
    obj = await get_or_404(session, kind.model, id_)
    old_zaaktype: m.ZaakType = await get_or_404(session, m.ZaakType, obj.zaaktype_id)
    guard_zaaktype_child(old_zaaktype, ctx, "update")
    inv = Invalid()
    zaaktype = await zaaktype_from_url(session, ctx, getattr(data, "zaaktype"), inv)  # noqa: B009
    inv.raise_if_any()
    assert zaaktype is not None
    if zaaktype.id != old_zaaktype.id:
        if not zaaktype.concept:
            inv.add(
                "zaaktype", NON_CONCEPT_RELATION, "Er mag geen relatie gelegd worden naar een gepubliceerd zaaktype."
            )
        elif not old_zaaktype.concept:
            inv.add("zaaktype", "wijzigen-niet-toegestaan", "Een correctie kan het zaaktype niet wijzigen.")
    if not old_zaaktype.concept:
        _check_correctie(kind, inv, await _input_of(kind, session, ctx, obj), data)
    check_child_geldigheid(
        inv, zaaktype, getattr(data, "begin_geldigheid", None), getattr(data, "einde_geldigheid", None)
    )
    inv.raise_if_any()
    extra = await kind.validate(session, ctx, data, zaaktype, inv, obj)
    inv.raise_if_any()
    obj.zaaktype_id = zaaktype.id
    obj.rsin = zaaktype.rsin
    kind.apply(obj, data, extra)
    await session.flush()
    await kind.after_write(session, obj, extra)
    events.zaaktype_changed(
        session,
        ctx,
        zaaktype.id,
        zaaktype.catalogus_id,
        "partial_update" if partial else "update",
        collection=kind.collection,
        id_=obj.id,
    )
    return obj


def _check_correctie(kind: ChildKind[S], inv: Invalid, old: S, new: S) -> None:
    """A correctie under a published zaaktype extends; it does not take relations away."""
    before = old.model_dump(by_alias=True, mode="json")
    after = new.model_dump(by_alias=True, mode="json")
    for name in kind.extend_only:
        present = {repr(v) for v in after[name] or []}
        if any(repr(v) not in present for v in before[name] or []):
            inv.add(
                name,
                "correctie-verwijdert",
                "Een correctie mag alleen uitbreiden; bestaande waarden mogen niet verdwijnen.",
            )
    for name in changed_fields(old, new):
        if name in kind.fixed:
            inv.add(name, "wijzigen-niet-toegestaan", f"Een correctie kan '{name}' niet wijzigen.")


async def patch_child(uow: UnitOfWork, ctx: Ctx, kind: ChildKind[S], id_: uuid.UUID, patch: dict[str, Any]) -> Any:
    obj = await get_or_404(uow.session, kind.model, id_)
    current = await current_input(kind, uow.session, ctx, obj)
    # Geldigheid of these types is the zaaktype's; echoing it back must not count as setting it.
    for name in _GELDIGHEID:
        current.pop(name, None)
    data = merge_patch(kind.schema, current, patch)
    return await update_child(uow, ctx, kind, id_, data, partial=True)


async def delete_child(uow: UnitOfWork, ctx: Ctx, kind: ChildKind[S], id_: uuid.UUID) -> None:
    session = uow.session
    obj = await get_or_404(session, kind.model, id_)
    zaaktype: m.ZaakType = await get_or_404(session, m.ZaakType, obj.zaaktype_id)
    guard_zaaktype_child(zaaktype, ctx, "delete")
    await session.delete(obj)
    await session.flush()
    events.zaaktype_changed(
        session, ctx, zaaktype.id, zaaktype.catalogus_id, "destroy", collection=kind.collection, id_=id_
    )
