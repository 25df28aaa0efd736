"""Resultaattypen: the selectielijst rules ztc-002 and the brondatumArchiefprocedure rules ztc-003 … ztc-008."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi import models as m
from zaakwerk.catalogi._context import RESULTAATTYPEN, Ctx
from zaakwerk.catalogi._selectielijst import resolve
from zaakwerk.catalogi._service_children import ChildKind
from zaakwerk.catalogi._service_common import check_same_catalogus, resolve_names
from zaakwerk.catalogi._service_types import unique_in_zaaktype
from zaakwerk.catalogi.schemas import BrondatumArchiefprocedureIn, ResultaatTypeIn
from zaakwerk.core.errors import Invalid

_B = "brondatumArchiefprocedure."


@dataclass
class _Resolved:
    omschrijving_generiek: str = ""
    archiefnominatie: str = ""
    archiefactietermijn: str | None = None
    besluittypen: list[str] = field(default_factory=list)
    informatieobjecttypen: list[str] = field(default_factory=list)


def check_brondatum(inv: Invalid, brondatum: BrondatumArchiefprocedureIn, procestermijn: str) -> None:
    """ztc-003 … ztc-008: which parts of brondatumArchiefprocedure go with which afleidingswijze."""
    wijze = brondatum.afleidingswijze.value
    # ztc-003: the selectielijstklasse's procestermijn fixes the afleidingswijze (an empty one allows all).
    if procestermijn == "nihil" and wijze != "afgehandeld":
        inv.add(
            _B + "afleidingswijze",
            "invalid-afleidingswijze-for-procestermijn",
            "Bij procestermijn 'nihil' van de selectielijstklasse moet de afleidingswijze 'afgehandeld' zijn.",
        )
    elif procestermijn == "ingeschatte_bestaansduur_procesobject" and wijze != "termijn":
        inv.add(
            _B + "afleidingswijze",
            "invalid-afleidingswijze-for-procestermijn",
            "Bij procestermijn 'ingeschatte_bestaansduur_procesobject' moet de afleidingswijze 'termijn' zijn.",
        )
    rules = (
        # (field, value present, afleidingswijzen where it is required, ... where it may be given)
        ("datumkenmerk", bool(brondatum.datumkenmerk), {"eigenschap", "zaakobject", "ander_datumkenmerk"}),  # 004
        ("objecttype", bool(brondatum.objecttype.value), {"zaakobject", "ander_datumkenmerk"}),  # ztc-006
        ("registratie", bool(brondatum.registratie), {"ander_datumkenmerk"}),  # ztc-007
        ("procestermijn", brondatum.procestermijn is not None, {"termijn"}),  # ztc-008
    )
    for name, present, required_for in rules:
        if wijze in required_for and not present:
            inv.add(_B + name, "required", f"'{name}' is vereist bij afleidingswijze '{wijze}'.")
        elif wijze not in required_for and present:
            inv.add(_B + name, "must-be-empty", f"'{name}' mag geen waarde hebben bij afleidingswijze '{wijze}'.")
    # ztc-005
    if wijze in ("afgehandeld", "termijn") and brondatum.einddatum_bekend:
        inv.add(
            _B + "einddatumBekend",
            "must-be-empty",
            f"'einddatumBekend' mag geen waarde hebben bij afleidingswijze '{wijze}'.",
        )


class ResultaatTypeKind(ChildKind[ResultaatTypeIn]):
    model = m.ResultaatType
    schema = ResultaatTypeIn
    collection = RESULTAATTYPEN
    plain = (
        "omschrijving",
        "resultaattypeomschrijving",
        "selectielijstklasse",
        "toelichting",
        "brondatum_archiefprocedure",
        "procesobjectaard",
        "indicatie_specifiek",
        "procestermijn",
    )
    extend_only = ("besluittypen", "informatieobjecttypen")
    fixed = ("omschrijving",)

    async def validate(
        self,
        session: AsyncSession,
        ctx: Ctx,
        data: ResultaatTypeIn,
        zaaktype: m.ZaakType,
        inv: Invalid,
        obj: Any | None,
    ) -> _Resolved:
        check_same_catalogus(inv, ctx, data.catalogus, zaaktype)
        await unique_in_zaaktype(
            session, inv, m.ResultaatType, "omschrijving", data.omschrijving, zaaktype, obj, "omschrijving"
        )
        out = _Resolved(
            archiefnominatie=data.archiefnominatie.value if data.archiefnominatie else "",
            archiefactietermijn=data.archiefactietermijn,
        )
        # ztc-002: the omschrijving generiek comes from the referentielijst.
        generiek = await resolve(ctx, "resultaattypeomschrijvingen", data.resultaattypeomschrijving)
        if generiek is None:
            inv.add(
                "resultaattypeomschrijving",
                "invalid-resource",
                "De URL verwijst niet naar een resultaattypeomschrijving van de referentielijsten.",
            )
        else:
            out.omschrijving_generiek = str(generiek.get("omschrijving", ""))[:80]
        # ztc-002: the selectielijstklasse is a resultaat of the zaaktype's procestype.
        klasse = await resolve(ctx, "resultaten", data.selectielijstklasse)
        if klasse is None:
            inv.add(
                "selectielijstklasse",
                "invalid-resource",
                "De URL verwijst niet naar een resultaat van de selectielijst.",
            )
        else:
            procestype = zaaktype.selectielijst_procestype
            if procestype and klasse.get("procesType") != procestype:
                inv.add(
                    "selectielijstklasse",
                    "procestype-mismatch",
                    "De selectielijstklasse hoort niet bij het selectielijstProcestype van het zaaktype.",
                )
            if not out.archiefnominatie:
                out.archiefnominatie = str(klasse.get("waardering") or "")
            if out.archiefactietermijn is None and klasse.get("bewaartermijn"):
                out.archiefactietermijn = str(klasse["bewaartermijn"])
            if data.brondatum_archiefprocedure is not None:
                check_brondatum(inv, data.brondatum_archiefprocedure, str(klasse.get("procestermijn") or ""))
        if klasse is None and data.brondatum_archiefprocedure is not None:
            check_brondatum(inv, data.brondatum_archiefprocedure, "")
        out.besluittypen = await resolve_names(
            session, ctx, data.besluittypen, zaaktype.catalogus_id, "besluittypen", "besluittypen", inv
        )
        out.informatieobjecttypen = await resolve_names(
            session,
            ctx,
            data.informatieobjecttypen,
            zaaktype.catalogus_id,
            "informatieobjecttypen",
            "informatieobjecttypen",
            inv,
        )
        return out

    def apply(self, obj: Any, data: ResultaatTypeIn, extra: Any) -> None:
        super().apply(obj, data, extra)
        obj.omschrijving_generiek = extra.omschrijving_generiek
        obj.archiefnominatie = extra.archiefnominatie
        obj.archiefactietermijn = extra.archiefactietermijn

    async def after_write(self, session: AsyncSession, obj: Any, extra: Any) -> None:
        for model, names in (
            (m.ResultaatTypeBesluitType, extra.besluittypen),
            (m.ResultaatTypeInformatieObjectType, extra.informatieobjecttypen),
        ):
            await session.execute(delete(model).where(model.resultaattype_id == obj.id))
            session.add_all(model(resultaattype_id=obj.id, omschrijving=n, positie=i) for i, n in enumerate(names))
        await session.flush()

    async def current(self, session: AsyncSession, ctx: Ctx, obj: Any) -> dict[str, Any]:
        values = await super().current(session, ctx, obj)
        values["archiefnominatie"] = obj.archiefnominatie
        values["archiefactietermijn"] = obj.archiefactietermijn
        for name, model in (
            ("besluittypen", m.ResultaatTypeBesluitType),
            ("informatieobjecttypen", m.ResultaatTypeInformatieObjectType),
        ):
            values[name] = list(
                (
                    await session.execute(
                        select(model.omschrijving).where(model.resultaattype_id == obj.id).order_by(model.positie)
                    )
                ).scalars()
            )
        return values


RESULTAATTYPE = ResultaatTypeKind()
