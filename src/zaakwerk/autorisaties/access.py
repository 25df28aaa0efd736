"""The authorisation choke-point for ZGW resources: one rule, asked in two forms.

``can`` answers for one object (detail, create, update); ``predicate`` compiles the same rule into a SQL condition
for lists, so a list never loads what the client may not see. Zaken, Documenten and Besluiten call these with their
own component code, scope, type and vertrouwelijkheid; the tests hold both forms to the same matrix.

The rule: an applicatie with ``heeftAlleAutorisaties`` may do everything; otherwise one of its autorisaties must be
for the component, include the scope, be for the object's type (when the autorisatie names one) and allow the
object's vertrouwelijkheidaanduiding (at most the autorisatie's maximum, inclusive).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from zaakwerk.autorisaties.auth import Principal, Recht
from zaakwerk.autorisaties.models import VERTROUWELIJKHEID_ORDER
from zaakwerk.core.zgw.urls import parse_url

__all__ = [
    "VERTROUWELIJKHEID_ORDER",
    "Predicates",
    "allowed_levels",
    "allows",
    "can",
    "predicate",
    "rank",
    "type_uuid",
]

_RANK = {level: i for i, level in enumerate(VERTROUWELIJKHEID_ORDER)}


def rank(vertrouwelijkheid: str) -> int:
    """Position in the order openbaar (0) … zeer_geheim (7); -1 for an unknown value."""
    return _RANK.get(vertrouwelijkheid, -1)


def allowed_levels(maximum: str) -> tuple[str, ...]:
    """Every level up to and including ``maximum``."""
    r = rank(maximum)
    return VERTROUWELIJKHEID_ORDER[: r + 1] if r >= 0 else ()


def _relevant(principal: Principal, component: str, scope: str) -> list[Recht]:
    return [r for r in principal.autorisaties if r.component == component and scope in r.scopes]


def can(
    principal: Principal,
    component: str,
    scope: str,
    *,
    type_url: str | None = None,
    vertrouwelijkheid: str | None = None,
) -> bool:
    """May ``principal`` use ``scope`` on one object of ``component``?

    ``type_url`` is the object's zaaktype/informatieobjecttype/besluittype URL and ``vertrouwelijkheid`` its
    vertrouwelijkheidaanduiding; leave one out only when the resource has no such property.
    """
    if principal.heeft_alle_autorisaties:
        return True
    for recht in _relevant(principal, component, scope):
        if type_url is not None and recht.type_url is not None and recht.type_url != type_url:
            continue
        if vertrouwelijkheid is not None and recht.max_vertrouwelijkheidaanduiding is not None:
            level = rank(vertrouwelijkheid)
            if level < 0 or level > rank(recht.max_vertrouwelijkheidaanduiding):
                continue
        return True
    return False


def predicate(
    principal: Principal,
    component: str,
    scope: str,
    *,
    type_column: ColumnElement[Any] | None,
    vertrouwelijkheid_column: ColumnElement[Any] | None,
    type_url_to_id: Mapping[str, Any] | Callable[[str], Any],
) -> ColumnElement[bool]:
    """The SQL condition selecting exactly the rows ``can`` would allow.

    ``type_column`` holds the row's type as stored (e.g. the zaaktype uuid); ``type_url_to_id`` turns an
    autorisatie's type URL into that stored value (a mapping, or a function returning ``None`` for a type this
    database does not hold, which then matches nothing). A row whose vertrouwelijkheid is NULL or unknown matches
    only autorisaties without a maximum.
    """
    if principal.heeft_alle_autorisaties:
        return true()
    resolve: Callable[[str], Any] = type_url_to_id.get if isinstance(type_url_to_id, Mapping) else type_url_to_id
    # Group the autorisaties by maximum level so the condition stays small: one IN per level, not per type.
    by_level: dict[str | None, set[Any]] = {}
    untyped: set[str | None] = set()
    for recht in _relevant(principal, component, scope):
        maximum = recht.max_vertrouwelijkheidaanduiding if vertrouwelijkheid_column is not None else None
        if recht.type_url is None or type_column is None:
            untyped.add(maximum)
            continue
        stored = resolve(recht.type_url)
        if stored is not None:
            by_level.setdefault(maximum, set()).add(stored)

    if None in untyped:
        return true()
    clauses: list[ColumnElement[bool]] = []
    for maximum in sorted(untyped, key=lambda m: rank(m or "")):
        assert maximum is not None and vertrouwelijkheid_column is not None
        clauses.append(vertrouwelijkheid_column.in_(allowed_levels(maximum)))
    for maximum, ids in sorted(by_level.items(), key=lambda kv: rank(kv[0] or "")):
        assert type_column is not None
        type_clause = type_column.in_(sorted(ids, key=str))
        if maximum is None or vertrouwelijkheid_column is None:
            clauses.append(type_clause)
        else:
            clauses.append(and_(type_clause, vertrouwelijkheid_column.in_(allowed_levels(maximum))))
    if not clauses:
        return false()
    return or_(*clauses) if len(clauses) > 1 else clauses[0]


@lru_cache(maxsize=4096)
def type_uuid(url: str, path: str) -> uuid.UUID | None:
    """The uuid of the type an autorisatie names by URL under ``path`` (any host: the autorisatie was made for this
    installation); cached, as every detail read asks it for each of the client's autorisaties."""
    ref = parse_url(url)
    if ref is None or ref.uuid is None or ref.path != path:
        return None
    return ref.uuid


def allows(
    principal: Principal,
    component: str,
    scope: str,
    type_id: Any,
    vertrouwelijkheid: str | None,
    type_url_to_id: Callable[[str], Any],
) -> bool:
    """The rule of :func:`predicate` for one stored object: its type as stored (``type_id``) and its
    vertrouwelijkheid (``None`` for a resource without one)."""
    if principal.heeft_alle_autorisaties:
        return True
    level = rank(vertrouwelijkheid) if vertrouwelijkheid is not None else 0
    for recht in _relevant(principal, component, scope):
        if recht.type_url is not None and type_url_to_id(recht.type_url) != type_id:
            continue
        maximum = recht.max_vertrouwelijkheidaanduiding
        if vertrouwelijkheid is not None and maximum is not None and (level < 0 or level > rank(maximum)):
            continue
        return True
    return False


class Predicates:
    """The list conditions of one resource, built once per set of rights and scope: building one cost a list
    request more CPU than its count query. Keyed by the rights themselves (not the client), so a changed
    autorisatie is a new key."""

    def __init__(self, build: Callable[[Principal, str], ColumnElement[bool]], default_scope: str) -> None:
        self._build = build
        self._default = default_scope
        self._built: dict[tuple[bool, bool, tuple[Recht, ...], str], ColumnElement[bool]] = {}

    def __call__(self, principal: Principal, scope: str | None = None) -> ColumnElement[bool]:
        scope = scope or self._default
        key = (
            principal.heeft_alle_autorisaties,
            principal.alleen_is_gereed_voor_publicatie,
            principal.autorisaties,
            scope,
        )
        found = self._built.get(key)
        if found is None:
            if len(self._built) >= 1024:
                self._built.clear()
            found = self._built[key] = self._build(principal, scope)
        return found
