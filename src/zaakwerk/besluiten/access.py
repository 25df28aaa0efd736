"""Who may do what with besluiten: the one authorisation choke-point of the Besluiten API.

A besluit is guarded by the autorisaties on component ``brc``: the scope and the besluit's besluittype (when the
autorisatie names one). Besluiten have no vertrouwelijkheidaanduiding, so no maximum applies. Besluitinformatie-
objecten are guarded by their besluit: :func:`besluit_predicate` is joined into every list, so a list never returns
what a detail GET would refuse, and expanded objects pass the same check.

Autorisaties name besluittypen by URL; they are compared by uuid, so a client configured with another host name of
this installation is judged the same.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement
from starlette.requests import Request

from zaakwerk.autorisaties.access import predicate
from zaakwerk.autorisaties.auth import Principal, Recht, authenticate
from zaakwerk.besluiten._context import CATALOGI_PREFIX, Ctx
from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.errors import permission_denied
from zaakwerk.core.zgw.urls import base_url, parse_url

COMPONENT = "brc"

LEZEN = "besluiten.lezen"
AANMAKEN = "besluiten.aanmaken"
BIJWERKEN = "besluiten.bijwerken"
VERWIJDEREN = "besluiten.verwijderen"
AUDITTRAILS_LEZEN = "audittrails.lezen"

_BESLUITTYPEN = f"{CATALOGI_PREFIX}/besluittypen"


@lru_cache(maxsize=4096)
def besluittype_uuid(url: str) -> uuid.UUID | None:
    """The besluittype uuid an autorisatie names (any host: the autorisatie was made for this installation)."""
    ref = parse_url(url)
    if ref is None or ref.uuid is None or ref.path != _BESLUITTYPEN:
        return None
    return ref.uuid


# Keyed by the rights themselves (not the client), so a changed autorisatie is a new key.
_PREDICATES: dict[tuple[bool, tuple[Recht, ...], str], ColumnElement[bool]] = {}
_PREDICATES_MAX = 1024


def besluit_predicate(principal: Principal, scope: str = LEZEN) -> ColumnElement[bool]:
    """The SQL condition on :class:`Besluit` columns selecting exactly the besluiten ``principal`` may use
    ``scope`` on."""
    key = (principal.heeft_alle_autorisaties, principal.autorisaties, scope)
    found = _PREDICATES.get(key)
    if found is None:
        if len(_PREDICATES) >= _PREDICATES_MAX:
            _PREDICATES.clear()
        found = _PREDICATES[key] = predicate(
            principal,
            COMPONENT,
            scope,
            type_column=Besluit.__table__.c.besluittype_id,
            vertrouwelijkheid_column=None,
            type_url_to_id=besluittype_uuid,
        )
    return found


def may(principal: Principal, scope: str, besluittype_id: uuid.UUID) -> bool:
    """May ``principal`` use ``scope`` on a besluit of ``besluittype_id``? (the rule of :func:`besluit_predicate`
    for one object)."""
    if principal.heeft_alle_autorisaties:
        return True
    return any(
        recht.component == COMPONENT
        and scope in recht.scopes
        and (recht.type_url is None or besluittype_uuid(recht.type_url) == besluittype_id)
        for recht in principal.autorisaties
    )


def check(principal: Principal, scope: str, besluittype_id: uuid.UUID) -> None:
    """403 unless :func:`may`."""
    if not may(principal, scope, besluittype_id):
        raise permission_denied(f"De scope '{scope}' ontbreekt voor het besluittype van dit besluit.")


def scope(*scopes: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, holding one of ``scopes`` on ``brc`` for at least one
    besluittype (the object itself is checked with :func:`check` or :func:`besluit_predicate`)."""

    async def dependency(request: Request) -> Principal:
        principal = await authenticate(request)
        if not any(principal.has_scope(COMPONENT, s) for s in scopes):
            names = " of ".join(f"'{s}'" for s in scopes)
            raise permission_denied(f"De scope {names} ontbreekt.")
        return principal

    dependency.__name__ = "require_" + "_or_".join(s.replace(".", "_") for s in scopes)
    return dependency


lezen = scope(LEZEN)
aanmaken = scope(AANMAKEN)
bijwerken = scope(BIJWERKEN)
verwijderen = scope(VERWIJDEREN)
audittrails_lezen = scope(AUDITTRAILS_LEZEN)


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
