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
from typing import Any

from starlette.requests import Request

from zaakwerk.autorisaties.access import Predicates, allows, predicate, type_uuid
from zaakwerk.autorisaties.auth import Principal, require_any
from zaakwerk.autorisaties.auth import request_principal as request_principal
from zaakwerk.besluiten._context import CATALOGI_PREFIX, Ctx
from zaakwerk.besluiten.models import Besluit
from zaakwerk.core.errors import permission_denied
from zaakwerk.core.zgw.urls import base_url

COMPONENT = "brc"

LEZEN = "besluiten.lezen"
AANMAKEN = "besluiten.aanmaken"
BIJWERKEN = "besluiten.bijwerken"
VERWIJDEREN = "besluiten.verwijderen"
AUDITTRAILS_LEZEN = "audittrails.lezen"

_BESLUITTYPEN = f"{CATALOGI_PREFIX}/besluittypen"


def besluittype_uuid(url: str) -> uuid.UUID | None:
    """The besluittype uuid an autorisatie names (any host: the autorisatie was made for this installation)."""
    return type_uuid(url, _BESLUITTYPEN)


besluit_predicate = Predicates(
    lambda principal, scope: predicate(
        principal,
        COMPONENT,
        scope,
        type_column=Besluit.__table__.c.besluittype_id,
        vertrouwelijkheid_column=None,
        type_url_to_id=besluittype_uuid,
    ),
    LEZEN,
)
"""The SQL condition on :class:`Besluit` columns selecting exactly the besluiten a principal may use a scope on."""


def may(principal: Principal, scope: str, besluittype_id: uuid.UUID) -> bool:
    """May ``principal`` use ``scope`` on a besluit of ``besluittype_id``? (the rule of :func:`besluit_predicate`
    for one object)."""
    return allows(principal, COMPONENT, scope, besluittype_id, None, besluittype_uuid)


def check(principal: Principal, scope: str, besluittype_id: uuid.UUID) -> None:
    """403 unless :func:`may`."""
    if not may(principal, scope, besluittype_id):
        raise permission_denied(f"De scope '{scope}' ontbreekt voor het besluittype van dit besluit.")


def scope(*scopes: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, holding one of ``scopes`` on ``brc`` for at least one
    besluittype (the object itself is checked with :func:`check` or :func:`besluit_predicate`)."""
    return require_any(COMPONENT, *scopes)


lezen = scope(LEZEN)
aanmaken = scope(AANMAKEN)
bijwerken = scope(BIJWERKEN)
verwijderen = scope(VERWIJDEREN)
audittrails_lezen = scope(AUDITTRAILS_LEZEN)


def write_ctx(request: Request, principal: Principal) -> Ctx:
    return Ctx(
        base_url=base_url(request),
        settings=request.app.state.settings,
        principal=principal,
        own_hosts=frozenset(request.app.state.own_hosts),
        toelichting=request.headers.get("X-Audit-Toelichting", ""),
    )
