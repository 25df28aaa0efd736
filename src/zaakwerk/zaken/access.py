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
from typing import Any

from starlette.requests import Request

from zaakwerk.autorisaties.access import Predicates, allowed_levels, allows, predicate, type_uuid
from zaakwerk.autorisaties.auth import Principal, require_any
from zaakwerk.autorisaties.auth import request_principal as request_principal
from zaakwerk.core.errors import permission_denied
from zaakwerk.core.zgw.urls import base_url
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


def zaaktype_uuid(url: str) -> uuid.UUID | None:
    """The zaaktype uuid an autorisatie names (any host: the autorisatie was made for this installation)."""
    return type_uuid(url, _ZAAKTYPEN)


zaak_predicate = Predicates(
    lambda principal, scope: predicate(
        principal,
        COMPONENT,
        scope,
        type_column=Zaak.__table__.c.zaaktype_id,
        vertrouwelijkheid_column=Zaak.__table__.c.vertrouwelijkheidaanduiding,
        type_url_to_id=zaaktype_uuid,
    ),
    LEZEN,
)
"""The SQL condition on :class:`Zaak` columns selecting exactly the zaken a principal may use a scope on."""


def may(principal: Principal, scope: str, zaaktype_id: uuid.UUID, vertrouwelijkheid: str) -> bool:
    """May ``principal`` use ``scope`` on a zaak of ``zaaktype_id`` with ``vertrouwelijkheid``? (the same rule as
    :func:`zaak_predicate`, for one object)."""
    return allows(principal, COMPONENT, scope, zaaktype_id, vertrouwelijkheid, zaaktype_uuid)


def check(principal: Principal, scope: str, zaaktype_id: uuid.UUID, vertrouwelijkheid: str) -> None:
    """403 unless :func:`may`."""
    if not may(principal, scope, zaaktype_id, vertrouwelijkheid):
        raise permission_denied(f"De scope '{scope}' ontbreekt voor deze zaak (zaaktype of vertrouwelijkheid).")


def scope(*scopes: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, holding one of ``scopes`` on ``zrc`` for at least one
    zaaktype (the object itself is checked with :func:`check` or :func:`zaak_predicate`)."""
    return require_any(COMPONENT, *scopes)


lezen = scope(LEZEN)
aanmaken = scope(AANMAKEN)
bijwerken = scope(BIJWERKEN, GEFORCEERD_BIJWERKEN)
verwijderen = scope(VERWIJDEREN)


def write_ctx(request: Request, principal: Principal) -> Ctx:
    return Ctx(
        base_url=base_url(request),
        settings=request.app.state.settings,
        principal=principal,
        own_hosts=frozenset(request.app.state.own_hosts),
        toelichting=request.headers.get("X-Audit-Toelichting", ""),
    )
