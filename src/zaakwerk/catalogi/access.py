"""Who may read and change the catalogue: the one authorisation choke-point of the Catalogi API.

Catalogue types carry no vertrouwelijkheid for their own reading and autorisaties on ``ztc`` name no types, so the
decision is the principal's scopes:

* read: ``catalogi.lezen``; and (ztc-014) a client that may read zaken, documenten or besluiten is treated as if
  it had ``catalogi.lezen`` — it needs the types to make sense of what it reads;
* write: ``catalogi.schrijven``; changing a published type (a correctie) needs ``catalogi.geforceerd-schrijven``,
  deleting one ``catalogi.geforceerd-verwijderen`` (which the spec also accepts for ordinary deletes).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy import ColumnElement, true
from starlette.requests import Request

from zaakwerk.autorisaties.auth import Principal, authenticate
from zaakwerk.autorisaties.auth import request_principal as request_principal
from zaakwerk.catalogi._context import Ctx
from zaakwerk.core.errors import permission_denied
from zaakwerk.core.zgw.urls import base_url

Scope = tuple[str, str]

LEZEN: Scope = ("ztc", "catalogi.lezen")
SCHRIJVEN: Scope = ("ztc", "catalogi.schrijven")
GEFORCEERD_SCHRIJVEN: Scope = ("ztc", "catalogi.geforceerd-schrijven")
GEFORCEERD_VERWIJDEREN: Scope = ("ztc", "catalogi.geforceerd-verwijderen")
# ztc-014: reading zaken, documenten or besluiten includes reading their types.
READ_SCOPES: tuple[Scope, ...] = (
    LEZEN,
    ("zrc", "zaken.lezen"),
    ("drc", "documenten.lezen"),
    ("brc", "besluiten.lezen"),
)
WRITE_SCOPES: tuple[Scope, ...] = (SCHRIJVEN,)
UPDATE_SCOPES: tuple[Scope, ...] = (SCHRIJVEN, GEFORCEERD_SCHRIJVEN)
DELETE_SCOPES: tuple[Scope, ...] = (SCHRIJVEN, GEFORCEERD_VERWIJDEREN)


def has_any(principal: Principal, scopes: tuple[Scope, ...]) -> bool:
    return any(principal.has_scope(component, scope) for component, scope in scopes)


def can_read(principal: Principal) -> bool:
    return has_any(principal, READ_SCOPES)


def read_predicate(principal: Principal) -> ColumnElement[bool]:
    """The list filter for a principal that may read: every catalogue row (types are not confidential)."""
    return true()


def any_of(*scopes: Scope) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, holding at least one of ``scopes``."""

    async def dependency(request: Request) -> Principal:
        principal = await authenticate(request)
        if not has_any(principal, scopes):
            names = " of ".join(f"'{scope}'" for _, scope in scopes)
            raise permission_denied(f"De scope {names} ontbreekt.")
        return principal

    dependency.__name__ = "require_" + "_or_".join(s.replace(".", "_").replace("-", "_") for _, s in scopes)
    return dependency


lezen = any_of(*READ_SCOPES)
wijzigen = any_of(*UPDATE_SCOPES)
verwijderen = any_of(*DELETE_SCOPES)


def write_ctx(request: Request, principal: Principal) -> Ctx:
    """The service context of a write by ``principal``: what it may force follows from its scopes."""
    return Ctx(
        base_url=base_url(request),
        settings=request.app.state.settings,
        own_hosts=frozenset(request.app.state.own_hosts),
        correctie=principal.has_scope(*GEFORCEERD_SCHRIJVEN),
        geforceerd_verwijderen=principal.has_scope(*GEFORCEERD_VERWIJDEREN),
    )
