"""Who may do what with zaken: the one authorisation choke-point of the Zaken API.

A zaak is guarded by the autorisaties on component ``zrc``: the scope, the zaak's zaaktype (when the autorisatie
names one) and its vertrouwelijkheidaanduiding (at most the autorisatie's maximum). Everything below a zaak
(statussen, rollen, resultaten, ...) is guarded by its zaak: :func:`zaak_predicate` is joined into every list, so a
list never returns what a detail GET would refuse, and expanded objects pass the same check.

Autorisaties name zaaktypen by URL; they are compared by uuid, so a client configured with another host name of
this installation is judged the same.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement
from starlette.requests import Request

from zaakwerk.autorisaties.access import allowed_levels, predicate, rank
from zaakwerk.autorisaties.auth import Principal, Recht, authenticate
from zaakwerk.core.errors import permission_denied
from zaakwerk.core.zgw.urls import base_url, parse_url
from zaakwerk.zaken._context import CATALOGI_PREFIX, Ctx
from zaakwerk.zaken.models import Zaak

COMPONENT = "zrc"

LEZEN = "zaken.lezen"
AANMAKEN = "zaken.aanmaken"
BIJWERKEN = "zaken.bijwerken"
VERWIJDEREN = "zaken.verwijderen"
STATUSSEN_TOEVOEGEN = "zaken.statussen.toevoegen"
HEROPENEN = "zaken.heropenen"
GEFORCEERD_BIJWERKEN = "zaken.geforceerd-bijwerken"

_ZAAKTYPEN = f"{CATALOGI_PREFIX}/zaaktypen"

__all__ = ["allowed_levels"]


@lru_cache(maxsize=4096)
def zaaktype_uuid(url: str) -> uuid.UUID | None:
    """The zaaktype uuid an autorisatie names (any host: the autorisatie was made for this installation); cached,
    as every detail read asks it for each of the client's autorisaties."""
    ref = parse_url(url)
    if ref is None or ref.uuid is None or ref.path != _ZAAKTYPEN:
        return None
    return ref.uuid


# The predicates built so far, keyed by the rights themselves (not the client), so a changed autorisatie is a new
# key; building the condition cost a list request more CPU than its count query (measured at 100,000 zaken).
_PREDICATES: dict[tuple[bool, tuple[Recht, ...], str], ColumnElement[bool]] = {}
_PREDICATES_MAX = 1024


def zaak_predicate(principal: Principal, scope: str = LEZEN) -> ColumnElement[bool]:
    """The SQL condition on :class:`Zaak` columns selecting exactly the zaken ``principal`` may use ``scope`` on."""
    key = (principal.heeft_alle_autorisaties, principal.autorisaties, scope)
    found = _PREDICATES.get(key)
    if found is None:
        if len(_PREDICATES) >= _PREDICATES_MAX:
            _PREDICATES.clear()
        found = _PREDICATES[key] = predicate(
            principal,
            COMPONENT,
            scope,
            type_column=Zaak.__table__.c.zaaktype_id,
            vertrouwelijkheid_column=Zaak.__table__.c.vertrouwelijkheidaanduiding,
            type_url_to_id=zaaktype_uuid,
        )
    return found


def may(principal: Principal, scope: str, zaaktype_id: uuid.UUID, vertrouwelijkheid: str) -> bool:
    """May ``principal`` use ``scope`` on a zaak of ``zaaktype_id`` with ``vertrouwelijkheid``? (the same rule as
    :func:`zaak_predicate`, for one object)."""
    if principal.heeft_alle_autorisaties:
        return True
    level = rank(vertrouwelijkheid)
    for recht in principal.autorisaties:
        if recht.component != COMPONENT or scope not in recht.scopes:
            continue
        if recht.type_url is not None and zaaktype_uuid(recht.type_url) != zaaktype_id:
            continue
        maximum = recht.max_vertrouwelijkheidaanduiding
        if maximum is not None and (level < 0 or level > rank(maximum)):
            continue
        return True
    return False


def check(principal: Principal, scope: str, zaaktype_id: uuid.UUID, vertrouwelijkheid: str) -> None:
    """403 unless :func:`may`."""
    if not may(principal, scope, zaaktype_id, vertrouwelijkheid):
        raise permission_denied(f"De scope '{scope}' ontbreekt voor deze zaak (zaaktype of vertrouwelijkheid).")


def scope(*scopes: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, holding one of ``scopes`` on ``zrc`` for at least one
    zaaktype (the object itself is checked with :func:`check` or :func:`zaak_predicate`)."""

    async def dependency(request: Request) -> Principal:
        principal = await authenticate(request)
        if not any(principal.has_scope(COMPONENT, s) for s in scopes):
            names = " of ".join(f"'{s}'" for s in scopes)
            raise permission_denied(f"De scope {names} ontbreekt.")
        return principal

    dependency.__name__ = "require_" + "_or_".join(s.replace(".", "_").replace("-", "_") for s in scopes)
    return dependency


lezen = scope(LEZEN)
aanmaken = scope(AANMAKEN)
bijwerken = scope(BIJWERKEN, GEFORCEERD_BIJWERKEN)
verwijderen = scope(VERWIJDEREN)


def request_principal(request: Request) -> Principal | None:
    """The principal authenticated earlier in this request (expand loaders run after the endpoint's check)."""
    principal: Principal | None = request.scope.get("zaakwerk.principal")
    return principal


def write_ctx(request: Request, principal: Principal) -> Ctx:
    return Ctx(
        base_url=base_url(request),
        settings=request.app.state.settings,
        principal=principal,
        own_hosts=frozenset(request.app.state.own_hosts),
        toelichting=request.headers.get("X-Audit-Toelichting", ""),
    )
