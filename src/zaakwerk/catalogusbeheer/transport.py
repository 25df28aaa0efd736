"""Catalogus export and import in the readable YAML exchange format (``docs/catalogus-yaml.md``).

Both go through the Catalogi service layer only: the export reads each type in the services' input shape, the
import creates and publishes through the same service functions the API uses, so every ztc rule applies. The
import first checks the whole file (:mod:`._controle`), then writes in the caller's unit of work; each object is
written under a savepoint so a rule that fails is reported with its place and the rest is still checked. On any
problem :class:`ImportFailed` is raised, which rolls the caller's unit of work back: nothing is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from zaakwerk.catalogi import models as m
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
    BESLUITTYPE,
    CATALOGUS,
    CHILDREN,
    FORMAT,
    INFORMATIEOBJECTTYPE,
    ZAAKTYPE,
    ZAAKTYPE_CHILDREN,
    Part,
    Problem,
    join,
    prune,
    validation_problems,
)
from zaakwerk.core.errors import ZGWError, not_found
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.referentielijsten.service import resolve_local

__all__ = [
    "FORMAT",
    "ImportFailed",
    "ImportReport",
    "Problem",
    "Progress",
    "dump_yaml",
    "export_catalogus",
    "import_catalogus",
    "load_yaml",
]

T = TypeVar("T")

# (what is being done, steps done, steps in total)
Progress = Callable[[str, int, int], None]

# File key under a zaaktype -> the Catalogi collection (the service's child kinds and the report use these names).
_COLLECTIONS = {name: name for name in CHILDREN} | {"informatieobjecttypen": "zaaktype-informatieobjecttypen"}
_KINDS: dict[str, Any] = {name: catalogi.KINDS[collection] for name, collection in _COLLECTIONS.items()}
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


# --- import ------------------------------------------------------------------------------------------------------


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

        iots: list[tuple[Entry, uuid.UUID]] = []
        for entry in plan.informatieobjecttypen:
            values = {**entry.values, "catalogus": catalogus_url}
            iot = await self.attempt(
                entry.place, self.create, catalogi.create_informatieobjecttype, InformatieObjectTypeIn, values
            )
            if iot is not None:
                iots.append((entry, iot.id))
                report.count(report.created, "informatieobjecttypen")
            self.step(f"informatieobjecttype {entry.values.get('omschrijving')}")

        besluittypen: list[tuple[Entry, uuid.UUID]] = []
        for entry in plan.besluittypen:
            values = {**entry.values, "catalogus": catalogus_url}
            besluittype = await self.attempt(
                entry.place, self.create, catalogi.create_besluittype, BesluitTypeIn, values
            )
            if besluittype is not None:
                besluittypen.append((entry, besluittype.id))
                report.count(report.created, "besluittypen")
            self.step(f"besluittype {entry.values.get('omschrijving')}")

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
            for entry, id_ in created_list:
                if entry.concept:
                    continue
                done = await self.attempt(entry.place, publisher, uow, ctx, id_)
                if done is not None:
                    report.count(report.published, kind)
            if kind == "zaaktypen":
                self.step("publiceren")

    async def write_children(self, entry: ZaaktypeEntry, zaaktype_id: uuid.UUID) -> None:
        ctx = self.ctx
        zaaktype_url = ctx.url("zaaktypen", zaaktype_id)
        statustypen: dict[int, uuid.UUID] = {}
        for name in _WRITE_ORDER:
            part: Part = ZAAKTYPE_CHILDREN[name]
            kind = _KINDS[name]
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
                    self.report.count(self.report.created, _COLLECTIONS[name])
                    if name == "statustypen":
                        statustypen[int(child.values["volgnummer"])] = created.id
                self.step(f"{part.name} {child.values.get('omschrijving') or child.values.get('naam') or ''}")


# --- export ------------------------------------------------------------------------------------------------------


def _file_values(part: Part, values: dict[str, Any]) -> dict[str, Any]:
    """The service's input shape restricted to what the file holds, without defaults."""
    kept = {k: v for k, v in values.items() if k in part.allowed()}
    return prune(part.schema, kept)


def _procestype_ref(ctx: Ctx, url: str) -> Any:
    if not url or ctx.settings.referentielijsten_url:
        return url
    found = resolve_local("procestypen", url)
    return {"jaar": found["jaar"], "nummer": found["nummer"]} if found else url


def _klasse_ref(ctx: Ctx, url: str, procestype_url: str) -> Any:
    if ctx.settings.referentielijsten_url:
        return url
    found = resolve_local("resultaten", url)
    if found is None or not procestype_url or found["procesType"] != procestype_url:
        return url
    return found["volledigNummer"]


def _omschrijving_ref(ctx: Ctx, url: str) -> Any:
    if ctx.settings.referentielijsten_url:
        return url
    found = resolve_local("resultaattypeomschrijvingen", url)
    return found["omschrijving"] if found else url


async def export_catalogus(uow: UnitOfWork, ctx: Ctx, catalogus_uuid: uuid.UUID) -> dict[str, Any]:
    """The catalogus with all its types (every version, concept ones marked) in the exchange format."""
    session = uow.session
    catalogus = await session.get(m.Catalogus, catalogus_uuid)
    if catalogus is None:
        raise not_found("Catalogus niet gevonden.")
    out: dict[str, Any] = {
        "formaat": FORMAT,
        "catalogus": _file_values(CATALOGUS, catalogi.catalogus_input(ctx, catalogus)),
    }

    def marked(values: dict[str, Any], concept: bool) -> dict[str, Any]:
        return {**values, "concept": True} if concept else values

    iots = (
        (
            await session.execute(
                select(m.InformatieObjectType)
                .where(m.InformatieObjectType.catalogus_id == catalogus_uuid)
                .order_by(m.InformatieObjectType.omschrijving, m.InformatieObjectType.begin_geldigheid)
            )
        )
        .scalars()
        .all()
    )
    out["informatieobjecttypen"] = [
        marked(_file_values(INFORMATIEOBJECTTYPE, catalogi.informatieobjecttype_input(ctx, iot)), iot.concept)
        for iot in iots
    ]
    besluittypen = (
        (
            await session.execute(
                select(m.BesluitType)
                .where(m.BesluitType.catalogus_id == catalogus_uuid)
                .order_by(m.BesluitType.omschrijving, m.BesluitType.begin_geldigheid)
            )
        )
        .scalars()
        .all()
    )
    out["besluittypen"] = [
        marked(_file_values(BESLUITTYPE, await catalogi.besluittype_input(session, ctx, bt)), bt.concept)
        for bt in besluittypen
    ]
    zaaktypen = (
        (
            await session.execute(
                select(m.ZaakType)
                .where(m.ZaakType.catalogus_id == catalogus_uuid)
                .order_by(m.ZaakType.identificatie, m.ZaakType.begin_geldigheid)
            )
        )
        .scalars()
        .all()
    )
    out["zaaktypen"] = [await _export_zaaktype(uow, ctx, zaaktype) for zaaktype in zaaktypen]
    return out


async def _export_zaaktype(uow: UnitOfWork, ctx: Ctx, zaaktype: m.ZaakType) -> dict[str, Any]:
    session = uow.session
    values = await catalogi.zaaktype_input(session, ctx, zaaktype)
    procestype_url = str(values.get("selectielijstProcestype") or "")
    data = _file_values(ZAAKTYPE, values)
    if procestype_url:
        data["selectielijstProcestype"] = _procestype_ref(ctx, procestype_url)
    if zaaktype.concept:
        data["concept"] = True
    statustypen = (
        (
            await session.execute(
                select(m.StatusType).where(m.StatusType.zaaktype_id == zaaktype.id).order_by(m.StatusType.volgnummer)
            )
        )
        .scalars()
        .all()
    )
    volgnummer = {ctx.url("statustypen", s.id): s.volgnummer for s in statustypen}
    order: dict[str, tuple[Any, Any]] = {
        "statustypen": (m.StatusType, m.StatusType.volgnummer),
        "roltypen": (m.RolType, m.RolType.omschrijving),
        "resultaattypen": (m.ResultaatType, m.ResultaatType.omschrijving),
        "eigenschappen": (m.Eigenschap, m.Eigenschap.naam),
        "zaakobjecttypen": (m.ZaakObjectType, m.ZaakObjectType.relatie_omschrijving),
        "informatieobjecttypen": (m.ZaakTypeInformatieObjectType, m.ZaakTypeInformatieObjectType.volgnummer),
    }
    for name in CHILDREN:
        model, column = order[name]
        rows = (
            (await session.execute(select(model).where(model.zaaktype_id == zaaktype.id).order_by(column, model.id)))
            .scalars()
            .all()
        )
        part = ZAAKTYPE_CHILDREN[name]
        items: list[dict[str, Any]] = []
        for row in rows:
            child = await catalogi.current_input(_KINDS[name], session, ctx, row)
            item = _file_values(part, child)
            if item.get("statustype"):
                item["statustype"] = volgnummer.get(str(item["statustype"]), item["statustype"])
            if name == "resultaattypen":
                item["resultaattypeomschrijving"] = _omschrijving_ref(ctx, str(child["resultaattypeomschrijving"]))
                item["selectielijstklasse"] = _klasse_ref(ctx, str(child["selectielijstklasse"]), procestype_url)
            items.append(item)
        if items:
            data[name] = items
    return data


def parts() -> dict[str, Part]:
    """Every part of the format by its place name (documentation and tests)."""
    return {
        "catalogus": CATALOGUS,
        "informatieobjecttypen": INFORMATIEOBJECTTYPE,
        "besluittypen": BESLUITTYPE,
        "zaaktypen": ZAAKTYPE,
        **{f"zaaktypen.{k}": v for k, v in ZAAKTYPE_CHILDREN.items()},
    }


# --- YAML ----------------------------------------------------------------------------------------------------------

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_DATE_KEYS = frozenset({"beginGeldigheid", "eindeGeldigheid", "versiedatum", "begindatumVersie"})


def _dates(value: Any) -> Any:
    """ISO date strings of the date fields as dates again, so the YAML shows them unquoted."""
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in _DATE_KEYS and isinstance(item, str):
                with contextlib.suppress(ValueError):
                    item = dt.date.fromisoformat(item)
            out[key] = _dates(item)
        return out
    return value


def dump_yaml(data: dict[str, Any]) -> str:
    """The exchange format as YAML text (UTF-8, keys in the API's order)."""
    header = "# Zaakwerk catalogus-export; formaat: docs/catalogus-yaml.md\n"
    body = yaml.dump(_dates(data), Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120)
    return header + body


def load_yaml(text: str) -> Any:
    """Parse a file in the exchange format (any YAML; the import reports what does not fit)."""
    return yaml.load(text, Loader=_LOADER)  # a safe loader (the C one when libyaml is there)
