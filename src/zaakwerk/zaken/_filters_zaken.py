"""The filters of the zaken list (``GET /zaken``) and of ``POST /zaken/_zoek``, compiled to SQL conditions.

Both endpoints share one table of filters. A query string carries text (``__in`` lists comma separated, booleans as
``true``/``false``); a ``_zoek`` body carries JSON (lists as arrays, booleans as booleans): :class:`Values` reads
either. Every malformed value is collected in one :class:`Invalid` under the parameter's name.

The ``rol__…`` filters become ONE ``id IN (SELECT zaak_id FROM zrc_rol …)``: a zaak matches when one of its
rollen satisfies all given rol conditions together (so "BSN 123 as initiator" means the same rol), and a zaak with
several matching rollen still appears once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, cast

from sqlalchemy import ColumnElement, bindparam, false, select
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
        # The filter values, bound at execution to the conditions' parameters (see :func:`zaak_filters`).
        self.params: dict[str, Any] = {}

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


def zaaktype_ids(request: Request, urls: list[str], name: str, inv: Invalid) -> list[uuid.UUID] | None:
    """Zaaktype URLs → the uuids of ours; ``None`` when one is not a zaaktype URL at all (an error in ``inv``).
    A URL of another installation is valid but matches nothing (our zaken only have zaaktypen of this
    catalogue)."""
    ids: list[uuid.UUID] = []
    valid = True
    for url in urls:
        ref = parse_url(url)
        if ref is None or ref.uuid is None or not ref.path.endswith("/zaaktypen"):
            inv.add(name, "invalid", f"'{url}' is geen geldige zaaktype-URL.")
            valid = False
            continue
        local = local_uuid(request, url, f"{CATALOGI_PREFIX}/zaaktypen")
        if local is not None:
            ids.append(local)
    return ids if valid else None


def zaaktype_condition(request: Request, urls: list[str], name: str, inv: Invalid) -> ColumnElement[bool] | None:
    """Zaaktype URLs → a condition on ``zaaktype_id`` (nothing matches when none is ours)."""
    ids = zaaktype_ids(request, urls, name, inv) or []
    if not ids:
        return false()
    return Z.zaaktype_id == ids[0] if len(ids) == 1 else Z.zaaktype_id.in_(ids)


# Every condition :func:`zaak_filters` returns is built once per filter (and rol filter combination) with a named
# parameter, its value going to ``Values.params``: the same filters give the same objects, so the endpoint can
# keep the whole statement built and SQLAlchemy-compiled per filter combination instead of per request (building
# and cache-keying the statement cost more CPU than the database's work for a BSN query).


@cache
def _equals(name: str, column: Any) -> ColumnElement[bool]:
    return cast("ColumnElement[bool]", column == bindparam(f"f_{name}"))


@cache
def _one_of(name: str, column: Any) -> ColumnElement[bool]:
    return cast("ColumnElement[bool]", column.in_(bindparam(f"f_{name}", expanding=True)))


@cache
def _date(name: str) -> ColumnElement[bool]:
    column, op = DATE_FILTERS[name]
    return op(column, bindparam(f"f_{name}"))  # type: ignore[arg-type]


@cache
def _isnull(name: str, isnull: bool) -> ColumnElement[bool]:
    column = ISNULL_FILTERS[name]
    return cast("ColumnElement[bool]", column.is_(None) if isnull else column.is_not(None))


def zaak_filters(request: Request, values: Values) -> list[ColumnElement[bool]]:
    """The conditions of every filter present in ``values`` (check ``values.inv`` afterwards); execute them with
    ``values.params``."""
    where: list[ColumnElement[bool]] = []
    params = values.params
    if (text := values.text("identificatie")) is not None:
        where.append(_equals("identificatie", Z.identificatie))
        params["f_identificatie"] = text
    if (text := values.text("bronorganisatie")) is not None:
        where.append(_equals("bronorganisatie", Z.bronorganisatie))
        params["f_bronorganisatie"] = text
    if (items := values.items("bronorganisatie__in")) is not None:
        where.append(_one_of("bronorganisatie__in", Z.bronorganisatie))
        params["f_bronorganisatie__in"] = items
    if (text := values.text("zaaktype")) is not None:
        ids = zaaktype_ids(request, [text], "zaaktype", values.inv)
        if ids:
            where.append(_equals("zaaktype", Z.zaaktype_id))
            params["f_zaaktype"] = ids[0]
        elif ids is not None:
            where.append(false())
    for name, column, choices in (
        ("archiefnominatie", Z.archiefnominatie, ARCHIEFNOMINATIE),
        ("archiefstatus", Z.archiefstatus, ARCHIEFSTATUS),
    ):
        if (choice := values.choice(name, choices)) is not None:
            where.append(_equals(name, column))
            params[f"f_{name}"] = choice
        if (chosen := values.choices(f"{name}__in", choices)) is not None:
            where.append(_one_of(f"{name}__in", column))
            params[f"f_{name}__in"] = chosen
    for name in DATE_FILTERS:
        if (date := values.date(name)) is not None:
            where.append(_date(name))
            params[f"f_{name}"] = date
    for name in ISNULL_FILTERS:
        if (isnull := values.boolean(name)) is not None:
            where.append(_isnull(name, isnull))
    if (maximum := values.choice("maximaleVertrouwelijkheidaanduiding", VERTROUWELIJKHEID_ORDER)) is not None:
        where.append(_one_of("maximaleVertrouwelijkheidaanduiding", Z.vertrouwelijkheidaanduiding))
        params["f_maximaleVertrouwelijkheidaanduiding"] = list(allowed_levels(maximum))
    if (rol := _rol_conditions(values)) is not None:
        where.append(rol)
    return where


def _rol_conditions(values: Values) -> ColumnElement[bool] | None:
    present: dict[str, Any] = {}
    if (choice := values.choice("rol__betrokkeneType", BETROKKENE_TYPE)) is not None:
        present["rol__betrokkeneType"] = choice
    if (url := values.url("rol__betrokkene")) is not None:
        present["rol__betrokkene"] = url
    if (choice := values.choice("rol__omschrijvingGeneriek", OMSCHRIJVING_GENERIEK)) is not None:
        present["rol__omschrijvingGeneriek"] = choice
    for name in ROL_IDENTIFICATIE_FILTERS:
        if (text := values.text(name)) is not None:
            present[name] = text
    if not present:
        return None
    values.params.update({f"f_{name}": value for name, value in present.items()})
    return _rol_exists(tuple(present))


_ROL_COLUMNS = {
    "rol__betrokkeneType": R.betrokkene_type,
    "rol__betrokkene": R.betrokkene,
    "rol__omschrijvingGeneriek": R.omschrijving_generiek,
    **ROL_IDENTIFICATIE_FILTERS,
}


@cache
def _rol_exists(names: tuple[str, ...]) -> ColumnElement[bool]:
    """ONE rol satisfying all given rol filters together (bound as ``f_<name>``).

    ``IN`` rather than a correlated ``EXISTS``: the same semi-join on PostgreSQL, but SQLite then evaluates the
    rollen once and, with statistics, reads the zaken by primary key instead of testing every readable zaak
    (measured at 40,000 zaken: BSN query 43 → 1.7 ms; without statistics 46 → 32 ms)."""
    conditions = [_ROL_COLUMNS[name] == bindparam(f"f_{name}") for name in names]
    return Z.id.in_(select(R.zaak_id).where(*conditions))


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
