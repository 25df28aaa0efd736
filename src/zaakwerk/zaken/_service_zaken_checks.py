"""The rules a zaak's own fields must meet on create and update (zrc-001, 010, 011, 013, 014, 015, 022).

Every check adds to an :class:`Invalid` collector, so a client hears about all bad fields at once. References are
checked with as few statements as possible: the zaaktype is one primary-key lookup (none when the process has it
cached), hoofdzaak and relevanteAndereZaken together one query, Referentielijsten URLs are resolved in-process (or
through the cached koppeling when another Referentielijsten API is configured). On update only references that
change are checked, so a zaak whose relevante andere zaak was removed since can still be edited.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid
from zaakwerk.referentielijsten import service as referentielijsten
from zaakwerk.zaken._context import ZAKEN, Ctx
from zaakwerk.zaken._service_common import BAD_URL, DOES_NOT_EXIST
from zaakwerk.zaken._typen import Typen, ZaakTypeInfo
from zaakwerk.zaken.models import Zaak
from zaakwerk.zaken.schemas import Archiefstatus, Betalingsindicatie, ZaakIn

NIET_GEWIJZIGD = "wijzigen-niet-toegelaten"


async def zaaktype_of(
    session: AsyncSession, ctx: Ctx, url: str, startdatum: dt.date, inv: Invalid, typen: Typen | None = None
) -> ZaakTypeInfo | None:
    """zrc-001: the zaaktype ``url`` names must be a published zaaktype of our Catalogi API, valid on the
    zaak's startdatum (looked up in ``typen``, the process's cache, when given)."""
    id_ = ctx.catalogi_uuid(url, "zaaktypen")
    if id_ is None:
        inv.add("zaaktype", BAD_URL, "De URL verwijst niet naar een zaaktype van de Catalogi API van deze installatie.")
        return None
    zaaktype = await (typen or Typen()).zaaktype(session, id_)
    if zaaktype is None:
        inv.add("zaaktype", DOES_NOT_EXIST, "Het zaaktype bestaat niet.")
        return None
    if zaaktype.concept:
        inv.add("zaaktype", "not-published", "Het zaaktype is nog niet gepubliceerd (concept).")
        return None
    if startdatum < zaaktype.begin_geldigheid or (
        zaaktype.einde_geldigheid is not None and startdatum > zaaktype.einde_geldigheid
    ):
        inv.add("zaaktype", "zaaktype-niet-geldig", "Het zaaktype is niet geldig op de startdatum van de zaak.")
        return None
    return zaaktype


def check_values(data: ZaakIn, inv: Invalid) -> None:
    """Rules on the values alone: zrc-014 (betaling), zrc-022 (archiefstatus) and a betaaldatum not in the future."""
    if data.laatste_betaaldatum is not None:
        if data.betalingsindicatie == Betalingsindicatie.nvt:
            inv.add(
                "laatsteBetaaldatum",
                "betaling-nvt",
                "Een laatste betaaldatum kan niet gezet worden als de betalingsindicatie 'nvt' is.",
            )
        elif data.laatste_betaaldatum > clock.now():
            inv.add(
                "laatsteBetaaldatum", "future-not-allowed", "De laatste betaaldatum mag niet in de toekomst liggen."
            )
    if data.archiefstatus != Archiefstatus.nog_te_archiveren:
        if not data.archiefnominatie:
            inv.add(
                "archiefnominatie",
                "archiefnominatie-not-set",
                "De archiefnominatie moet gezet zijn als de archiefstatus niet 'nog_te_archiveren' is.",
            )
        if data.archiefactiedatum is None:
            inv.add(
                "archiefactiedatum",
                "archiefactiedatum-not-set",
                "De archiefactiedatum moet gezet zijn als de archiefstatus niet 'nog_te_archiveren' is.",
            )


def check_producten(data: ZaakIn, zaaktype: ZaakType | ZaakTypeInfo, inv: Invalid) -> None:
    """zrc-015: the zaak's producten of diensten are a subset of its zaaktype's."""
    allowed = set(zaaktype.producten_of_diensten or ())
    if any(p not in allowed for p in data.producten_of_diensten):
        inv.add(
            "productenOfDiensten",
            "invalid-products-services",
            "Niet alle producten of diensten komen voor bij het zaaktype.",
        )


async def check_referentielijsten(ctx: Ctx, data: ZaakIn, current: Zaak | None, inv: Invalid) -> None:
    """zrc-010 (communicatiekanaal) and the selectielijstklasse: URLs of the Referentielijsten API."""
    checks = (
        ("communicatiekanaal", "communicatiekanalen", data.communicatiekanaal, "een communicatiekanaal"),
        ("selectielijstklasse", "resultaten", data.selectielijstklasse, "een selectielijstklasse (resultaat)"),
    )
    for name, kind, url, wat in checks:
        if not url or (current is not None and getattr(current, name) == url):
            continue
        if await referentielijsten.resolve(ctx.settings, kind, url) is None:
            inv.add(name, BAD_URL, f"De URL verwijst niet naar {wat} van de Referentielijsten API.")


async def check_zaak_refs(
    session: AsyncSession, ctx: Ctx, data: ZaakIn, current: Zaak | None, inv: Invalid
) -> uuid.UUID | None:
    """zrc-013 (hoofdzaak) and zrc-011 (relevanteAndereZaken) in one query; the hoofdzaak's uuid."""
    hoofdzaak_id: uuid.UUID | None = None
    if data.hoofdzaak is not None:
        hoofdzaak_id = ctx.uuid_of(data.hoofdzaak, ZAKEN)
        if hoofdzaak_id is None:
            inv.add("hoofdzaak", BAD_URL, "De URL verwijst niet naar een zaak van deze Zaken API.")
    known = {r["url"] for r in current.relevante_andere_zaken} if current is not None else set()
    relevant: dict[int, uuid.UUID] = {}
    for i, relatie in enumerate(data.relevante_andere_zaken):
        if relatie.url in known:
            continue
        id_ = ctx.uuid_of(relatie.url, ZAKEN)
        if id_ is None:
            inv.add(f"relevanteAndereZaken.{i}", BAD_URL, "De URL verwijst niet naar een zaak van deze Zaken API.")
        else:
            relevant[i] = id_
    check_hoofdzaak = hoofdzaak_id is not None and (current is None or current.hoofdzaak_id != hoofdzaak_id)
    ids = {*relevant.values(), *([hoofdzaak_id] if check_hoofdzaak and hoofdzaak_id else [])}
    if not ids:
        return hoofdzaak_id
    rows = (await session.execute(select(Zaak.id, Zaak.hoofdzaak_id).where(Zaak.id.in_(ids)))).all()
    found = {row.id: row.hoofdzaak_id for row in rows}
    for i, id_ in relevant.items():
        if id_ not in found:
            inv.add(f"relevanteAndereZaken.{i}", DOES_NOT_EXIST, "De zaak bestaat niet.")
    if check_hoofdzaak and hoofdzaak_id is not None:
        if current is not None and hoofdzaak_id == current.id:
            inv.add("hoofdzaak", "self-forbidden", "Een zaak kan geen deelzaak van zichzelf zijn.")
        elif hoofdzaak_id not in found:
            inv.add("hoofdzaak", DOES_NOT_EXIST, "De zaak bestaat niet.")
        elif found[hoofdzaak_id] is not None:
            inv.add("hoofdzaak", "deelzaak-als-hoofdzaak", "De hoofdzaak is zelf een deelzaak.")
        elif current is not None and await _has_deelzaken(session, current.id):
            inv.add("hoofdzaak", "hoofdzaak-als-deelzaak", "Deze zaak heeft zelf deelzaken en kan geen deelzaak zijn.")
    return hoofdzaak_id


async def _has_deelzaken(session: AsyncSession, zaak_id: uuid.UUID) -> bool:
    query = select(Zaak.id).where(Zaak.hoofdzaak_id == zaak_id).limit(1)
    return (await session.execute(query)).first() is not None


def check_immutable(ctx: Ctx, data: ZaakIn, zaak: Zaak, inv: Invalid) -> None:
    """On update the zaaktype and the identificatie stay what they are (the identificatie may be left empty)."""
    if ctx.catalogi_uuid(data.zaaktype, "zaaktypen") != zaak.zaaktype_id:
        inv.add("zaaktype", NIET_GEWIJZIGD, "Het zaaktype van een zaak kan niet gewijzigd worden.")
    if data.identificatie and data.identificatie != zaak.identificatie:
        inv.add("identificatie", NIET_GEWIJZIGD, "De identificatie van een zaak kan niet gewijzigd worden.")
