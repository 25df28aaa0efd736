"""The import side of the transport: the whole file is checked first (:mod:`._controle`), then written in the
caller's unit of work, each object under a savepoint so every failing rule is reported."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from zaakwerk.catalogi._context import Ctx
from zaakwerk.catalogi.schemas import (
    BesluitTypeIn,
    CatalogusIn,
    InformatieObjectTypeIn,
    ZaakTypeIn,
)
from zaakwerk.catalogusbeheer import _catalogi as catalogi
from zaakwerk.catalogusbeheer._controle import Checker, Entry, Plan, ZaaktypeEntry
from zaakwerk.catalogusbeheer._formaat import (
    ZAAKTYPE_CHILDREN,
    Part,
    Problem,
    join,
    validation_problems,
)
from zaakwerk.core.errors import ZGWError
from zaakwerk.core.uow import UnitOfWork

T = TypeVar("T")

# (what is being done, steps done, steps in total)
Progress = Callable[[str, int, int], None]

# Write order under a zaaktype: eigenschappen and zaaktype-informatieobjecttypen refer to statustypen.
_WRITE_ORDER = (
    "statustypen",
    "roltypen",
    "eigenschappen",
    "resultaattypen",
    "zaakobjecttypen",
    "informatieobjecttypen",
)


@dataclass
class ImportReport:
    """What an import did (or, with problems, would have done: then nothing was written)."""

    catalogus: uuid.UUID | None = None
    catalogus_created: bool = False
    created: dict[str, int] = field(default_factory=dict)
    published: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, table: dict[str, int], kind: str) -> None:
        table[kind] = table.get(kind, 0) + 1


class ImportFailed(Exception):
    """The file has problems; nothing was written. ``report.problems`` lists each with its place."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(f"De import heeft {len(report.problems)} probleem/problemen; er is niets opgeslagen.")


async def import_catalogus(
    uow: UnitOfWork, ctx: Ctx, data: Any, *, publish: bool, progress: Progress | None = None
) -> ImportReport:
    """Import a catalogus from the exchange format (parsed YAML) in ``uow``; publish its types when ``publish``
    (except those marked ``concept: true``). Raises :class:`ImportFailed` (nothing written) on any problem."""
    report = ImportReport()
    checker = Checker(uow.session, ctx)
    plan = await checker.plan(data)
    if checker.problems or plan is None:
        report.problems = checker.problems
        raise ImportFailed(report)
    writer = _Writer(uow, ctx, plan, report, progress)
    await writer.write(publish=publish)
    if report.problems:
        raise ImportFailed(report)
    return report


class _Writer:
    def __init__(self, uow: UnitOfWork, ctx: Ctx, plan: Plan, report: ImportReport, progress: Progress | None) -> None:
        self.uow = uow
        self.ctx = ctx
        self.plan = plan
        self.report = report
        self.progress = progress
        self.done = 0
        self.catalogus_url = ""
        children = sum(len(c) for z in plan.zaaktypen for c in z.children.values())
        types = len(plan.informatieobjecttypen) + len(plan.besluittypen) + len(plan.zaaktypen)
        self.total = 1 + types + children + len(plan.zaaktypen)

    def step(self, what: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(what, min(self.done, self.total), self.total)

    async def attempt(self, place: str, func: Callable[..., Awaitable[T]], *args: Any) -> T | None:
        """Run one service call under a savepoint; a broken rule becomes a problem at ``place``."""
        try:
            async with self.uow.session.begin_nested():
                return await func(*args)
        except ValidationError as exc:
            self.report.problems.extend(validation_problems(place, exc))
        except ZGWError as err:
            if err.invalid_params:
                self.report.problems.extend(Problem(join(place, p.name), p.code, p.reason) for p in err.invalid_params)
            else:
                self.report.problems.append(Problem(place, err.code, err.detail or err.title))
        return None

    async def create(self, service: Callable[..., Awaitable[Any]], schema: type[BaseModel], values: Any) -> Any:
        return await service(self.uow, self.ctx, schema.model_validate(values))

    async def create_child(self, kind: Any, schema: type[BaseModel], values: Any) -> Any:
        return await catalogi.create_child(self.uow, self.ctx, kind, schema.model_validate(values))

    async def write(self, *, publish: bool) -> None:
        ctx, uow, plan, report = self.ctx, self.uow, self.plan, self.report
        if plan.existing.catalogus_id is not None:
            catalogus_id = plan.existing.catalogus_id
        else:
            created = await self.attempt(
                "catalogus", self.create, catalogi.create_catalogus, CatalogusIn, plan.catalogus
            )
            if created is None:
                return
            catalogus_id = created.id
            report.catalogus_created = True
        report.catalogus = catalogus_id
        catalogus_url = self.catalogus_url = ctx.url("catalogussen", catalogus_id)
        self.step("catalogus")

        iots = await self.write_types(
            plan.informatieobjecttypen,
            catalogi.create_informatieobjecttype,
            InformatieObjectTypeIn,
            "informatieobjecttypen",
            "informatieobjecttype",
        )
        besluittypen = await self.write_types(
            plan.besluittypen, catalogi.create_besluittype, BesluitTypeIn, "besluittypen", "besluittype"
        )

        # Zaaktypen first without their relations to other zaaktypen, which may come later in the file.
        zaaktypen: list[tuple[ZaaktypeEntry, uuid.UUID]] = []
        for entry in plan.zaaktypen:
            values = {**entry.values, "catalogus": catalogus_url, "deelzaaktypen": [], "gerelateerdeZaaktypen": []}
            zaaktype = await self.attempt(entry.place, self.create, catalogi.create_zaaktype, ZaakTypeIn, values)
            self.step(f"zaaktype {entry.values.get('identificatie')}")
            if zaaktype is None:
                continue
            report.count(report.created, "zaaktypen")
            zaaktypen.append((entry, zaaktype.id))
            await self.write_children(entry, zaaktype.id)
        for entry, zaaktype_id in zaaktypen:
            relations = {k: entry.values.get(k) or [] for k in ("deelzaaktypen", "gerelateerdeZaaktypen")}
            if any(relations.values()):
                await self.attempt(entry.place, catalogi.patch_zaaktype, uow, ctx, zaaktype_id, relations)

        if not publish or report.problems:
            return
        for kind, created_list, publisher in (
            ("informatieobjecttypen", iots, catalogi.publish_informatieobjecttype),
            ("besluittypen", besluittypen, catalogi.publish_besluittype),
            ("zaaktypen", zaaktypen, catalogi.publish_zaaktype),
        ):
            for written, id_ in created_list:
                if written.concept:
                    continue
                done = await self.attempt(written.place, publisher, uow, ctx, id_)
                if done is not None:
                    report.count(report.published, kind)
            if kind == "zaaktypen":
                self.step("publiceren")

    async def write_types(
        self,
        entries: list[Entry],
        service: Callable[..., Awaitable[Any]],
        schema: type[BaseModel],
        kind: str,
        label: str,
    ) -> list[tuple[Entry, uuid.UUID]]:
        """Create the informatieobjecttypen or besluittypen (written alike) in the new catalogus; the created ones
        with their ids, for publishing."""
        created_list: list[tuple[Entry, uuid.UUID]] = []
        for entry in entries:
            values = {**entry.values, "catalogus": self.catalogus_url}
            created = await self.attempt(entry.place, self.create, service, schema, values)
            if created is not None:
                created_list.append((entry, created.id))
                self.report.count(self.report.created, kind)
            self.step(f"{label} {entry.values.get('omschrijving')}")
        return created_list

    async def write_children(self, entry: ZaaktypeEntry, zaaktype_id: uuid.UUID) -> None:
        ctx = self.ctx
        zaaktype_url = ctx.url("zaaktypen", zaaktype_id)
        statustypen: dict[int, uuid.UUID] = {}
        for name in _WRITE_ORDER:
            part: Part = ZAAKTYPE_CHILDREN[name]
            kind = catalogi.CHILD_KINDS[name]
            for child in entry.children.get(name, []):
                values = {**child.values, "zaaktype": zaaktype_url}
                if name == "zaakobjecttypen":
                    values["catalogus"] = self.catalogus_url
                if child.statustype is not None:
                    target = statustypen.get(child.statustype)
                    if target is None:
                        # The statustype itself failed and is reported; this reference cannot be made.
                        self.step(name)
                        continue
                    values["statustype"] = ctx.url("statustypen", target)
                created = await self.attempt(child.place, self.create_child, kind, part.schema, values)
                if created is not None:
                    self.report.count(self.report.created, catalogi.CHILD_COLLECTIONS[name])
                    if name == "statustypen":
                        statustypen[int(child.values["volgnummer"])] = created.id
                self.step(f"{part.name} {child.values.get('omschrijving') or child.values.get('naam') or ''}")
