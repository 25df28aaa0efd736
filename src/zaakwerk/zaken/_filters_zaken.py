"""The filters of the zaken list (``GET /zaken``) and of ``POST /zaken/_zoek``, compiled to SQL conditions.

Both endpoints share one table of filters. A query string carries text (``__in`` lists comma separated, booleans as
``true``/``false``); a ``_zoek`` body carries JSON (lists as arrays, booleans as booleans): :class:`Values` reads
either. Every malformed value is collected in one :class:`Invalid` under the parameter's name.

The ``rol__…`` filters become ONE ``EXISTS`` on ``zrc_rol``: a zaak matches when one of its rollen satisfies all
given rol conditions together (so "BSN 123 as initiator" means the same rol), and a zaak with several matching
rollen still appears once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, exists, false, select
from starlette.requests import Request

from zaakwerk.autorisaties.access import VERTROUWELIJKHEID_ORDER, allowed_levels
from zaakwerk.core.errors import Invalid
from zaakwerk.core.zgw.urls import local_uuid, parse_url
from zaakwerk.zaken import models as m
from zaakwerk.zaken._context import CATALOGI_PREFIX

Z = m.Zaak
R = m.Rol

ARCHIEFNOMINATIE = ("blijvend_bewaren", "vernietigen")
ARCHIEFSTATUS = ("nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen")
BETROKKENE_TYPE = (
    "natuurlijk_persoon",
    "niet_natuurlijk_persoon",
    "vestiging",
    "organisatorische_eenheid",
    "medewerker",
)
OMSCHRIJVING_GENERIEK = (
    "adviseur",
    "behandelaar",
    "belanghebbende",
    "beslisser",
    "initiator",
    "klantcontacter",
    "zaakcoordinator",
    "mede_initiator",
)

# Date filters: parameter → (column, comparison).
_OPS: dict[str, Callable[[Any, dt.date], ColumnElement[bool]]] = {
    "": lambda c, v: c == v,
    "__gt": lambda c, v: c > v,
    "__gte": lambda c, v: c >= v,
    "__lt": lambda c, v: c < v,
    "__lte": lambda c, v: c <= v,
}
_DATE_FIELDS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("archiefactiedatum", Z.archiefactiedatum, ("", "__lt", "__gt")),
    ("startdatum", Z.startdatum, ("", "__gt", "__gte", "__lt", "__lte")),
    ("registratiedatum", Z.registratiedatum, ("", "__gt", "__lt")),
    ("einddatum", Z.einddatum, ("", "__gt", "__lt")),
    ("einddatumGepland", Z.einddatum_gepland, ("", "__gt", "__lt")),
    ("uiterlijkeEinddatumAfdoening", Z.uiterlijke_einddatum_afdoening, ("", "__gt", "__lt")),
)
DATE_FILTERS = {f"{name}{op}": (column, _OPS[op]) for name, column, ops in _DATE_FIELDS for op in ops}
ISNULL_FILTERS = {"archiefactiedatum__isnull": Z.archiefactiedatum, "einddatum__isnull": Z.einddatum}

_BI = "rol__betrokkeneIdentificatie__"
# The search columns of a rol, copied from its betrokkeneIdentificatie when it is written.
ROL_IDENTIFICATIE_FILTERS = {
    f"{_BI}natuurlijkPersoon__inpBsn": R.inp_bsn,
    f"{_BI}natuurlijkPersoon__anpIdentificatie": R.anp_identificatie,
    f"{_BI}natuurlijkPersoon__inpA_nummer": R.inp_a_nummer,
    f"{_BI}nietNatuurlijkPersoon__innNnpId": R.inn_nnp_id,
    f"{_BI}nietNatuurlijkPersoon__annIdentificatie": R.ann_identificatie,
    f"{_BI}vestiging__vestigingsNummer": R.vestigings_nummer,
    f"{_BI}medewerker__identificatie": R.medewerker_identificatie,
    f"{_BI}organisatorischeEenheid__identificatie": R.organisatorische_eenheid_identificatie,
}

FILTERS = frozenset(
    {
        "identificatie",
        "bronorganisatie",
        "bronorganisatie__in",
        "zaaktype",
        "archiefnominatie",
        "archiefnominatie__in",
        "archiefstatus",
        "archiefstatus__in",
        "rol__betrokkeneType",
        "rol__betrokkene",
        "rol__omschrijvingGeneriek",
        "maximaleVertrouwelijkheidaanduiding",
        *DATE_FILTERS,
        *ISNULL_FILTERS,
        *ROL_IDENTIFICATIE_FILTERS,
    }
)

ORDERING = ("startdatum", "einddatum", "publicatiedatum", "archiefactiedatum", "registratiedatum", "identificatie")
_ORDER_COLUMNS = {name: Z.__table__.c[name] for name in ORDERING}
# Newest first; the id makes the order total, so pages never overlap or skip a zaak.
DEFAULT_ORDER = (Z.startdatum.desc(), Z.id.desc())


class Values:
    """Typed access to raw filter values from a query string or a JSON body, errors collected in ``inv``."""

    def __init__(self, raw: Mapping[str, Any], inv: Invalid) -> None:
        self.raw = raw
        self.inv = inv

    def present(self, name: str) -> bool:
        value = self.raw.get(name)
        return value is not None and value != "" and value != []

    def text(self, name: str) -> str | None:
        if not self.present(name):
            return None
        value = self.raw[name]
        if not isinstance(value, str):
            self.inv.add(name, "invalid", "Ongeldige waarde: een tekst is vereist.")
            return None
        return value

    def items(self, name: str) -> list[str] | None:
        """A list: an array in JSON, comma separated in a query string (``style: form, explode: false``)."""
        if not self.present(name):
            return None
        value = self.raw[name]
        if isinstance(value, str):
            return [part for part in value.split(",") if part]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self.inv.add(name, "invalid", "Ongeldige waarde: een lijst van teksten is vereist.")
        return None

    def choice(self, name: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(name)
        if value is not None and value not in choices:
            self.inv.add(name, "invalid_choice", f"'{value}' is geen geldige keuze.")
            return None
        return value

    def choices(self, name: str, choices: tuple[str, ...]) -> list[str] | None:
        values = self.items(name)
        if values is None:
            return None
        wrong = [v for v in values if v not in choices]
        if wrong:
            self.inv.add(name, "invalid_choice", f"'{wrong[0]}' is geen geldige keuze.")
            return None
        return values

    def date(self, name: str) -> dt.date | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.inv.add(name, "invalid", "Ongeldige datum: gebruik JJJJ-MM-DD.")
            return None

    def boolean(self, name: str) -> bool | None:
        if not self.present(name):
            return None
        value = self.raw[name]
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "1", "false", "0"):
            return value.lower() in ("true", "1")
        self.inv.add(name, "invalid", "Ongeldige waarde: gebruik true of false.")
        return None

    def url(self, name: str) -> str | None:
        value = self.text(name)
        if value is not None and parse_url(value) is None:
            self.inv.add(name, "invalid", f"'{value}' is geen geldige URL.")
            return None
        return value


def zaaktype_condition(request: Request, urls: list[str], name: str, inv: Invalid) -> ColumnElement[bool] | None:
    """Zaaktype URLs → a condition on ``zaaktype_id``. A URL of another installation is valid but matches nothing
    (our zaken only have zaaktypen of this catalogue)."""
    ids: list[uuid.UUID] = []
    for url in urls:
        ref = parse_url(url)
        if ref is None or ref.uuid is None or not ref.path.endswith("/zaaktypen"):
            inv.add(name, "invalid", f"'{url}' is geen geldige zaaktype-URL.")
            continue
        local = local_uuid(request, url, f"{CATALOGI_PREFIX}/zaaktypen")
        if local is not None:
            ids.append(local)
    if not ids:
        return false()
    return Z.zaaktype_id == ids[0] if len(ids) == 1 else Z.zaaktype_id.in_(ids)


def zaak_filters(request: Request, values: Values) -> list[ColumnElement[bool]]:
    """The conditions of every filter present in ``values`` (check ``values.inv`` afterwards)."""
    where: list[ColumnElement[bool]] = []
    if (text := values.text("identificatie")) is not None:
        where.append(Z.identificatie == text)
    if (text := values.text("bronorganisatie")) is not None:
        where.append(Z.bronorganisatie == text)
    if (items := values.items("bronorganisatie__in")) is not None:
        where.append(Z.bronorganisatie.in_(items))
    if (text := values.text("zaaktype")) is not None:
        condition = zaaktype_condition(request, [text], "zaaktype", values.inv)
        if condition is not None:
            where.append(condition)
    for name, column, choices in (
        ("archiefnominatie", Z.archiefnominatie, ARCHIEFNOMINATIE),
        ("archiefstatus", Z.archiefstatus, ARCHIEFSTATUS),
    ):
        if (choice := values.choice(name, choices)) is not None:
            where.append(column == choice)
        if (chosen := values.choices(f"{name}__in", choices)) is not None:
            where.append(column.in_(chosen))
    for name, (column, op) in DATE_FILTERS.items():
        if (date := values.date(name)) is not None:
            where.append(op(column, date))
    for name, nullable in ISNULL_FILTERS.items():
        if (isnull := values.boolean(name)) is not None:
            where.append(nullable.is_(None) if isnull else nullable.is_not(None))
    if (maximum := values.choice("maximaleVertrouwelijkheidaanduiding", VERTROUWELIJKHEID_ORDER)) is not None:
        where.append(Z.vertrouwelijkheidaanduiding.in_(allowed_levels(maximum)))
    if (rol := _rol_conditions(values)) is not None:
        where.append(rol)
    return where


def _rol_conditions(values: Values) -> ColumnElement[bool] | None:
    conditions: list[ColumnElement[bool]] = []
    if (choice := values.choice("rol__betrokkeneType", BETROKKENE_TYPE)) is not None:
        conditions.append(R.betrokkene_type == choice)
    if (url := values.url("rol__betrokkene")) is not None:
        conditions.append(R.betrokkene == url)
    if (choice := values.choice("rol__omschrijvingGeneriek", OMSCHRIJVING_GENERIEK)) is not None:
        conditions.append(R.omschrijving_generiek == choice)
    for name, column in ROL_IDENTIFICATIE_FILTERS.items():
        if (text := values.text(name)) is not None:
            conditions.append(column == text)
    if not conditions:
        return None
    return exists(select(R.id).where(R.zaak_id == Z.id, *conditions))


def ordering(values: Values, name: str = "ordering") -> tuple[Any, ...]:
    """``ordering`` (comma separated, ``-`` for descending) → ORDER BY, always ending in the id (a total order)."""
    fields = values.items(name)
    if fields is None:
        return DEFAULT_ORDER
    order: list[Any] = []
    for field in fields:
        column = _ORDER_COLUMNS.get(field.removeprefix("-"))
        if column is None:
            allowed = ", ".join(ORDERING)
            values.inv.add(name, "invalid_choice", f"'{field}' is geen geldige sortering (kies uit {allowed}).")
            return DEFAULT_ORDER
        term = column.desc() if field.startswith("-") else column.asc()
        # One NULL placement on every engine (SQLite and PostgreSQL differ by default).
        order.append(term.nulls_last() if column.nullable else term)
    last_desc = fields[-1].startswith("-")
    order.append(Z.id.desc() if last_desc else Z.id.asc())
    return tuple(order)
