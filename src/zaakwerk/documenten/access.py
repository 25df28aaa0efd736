"""Who may do what with documents: the one authorisation choke-point of the Documenten API.

A document is guarded by the autorisaties on component ``drc``: the scope, the informatieobjecttype of its latest
version (when the autorisatie names one) and that version's vertrouwelijkheidaanduiding (at most the autorisatie's
maximum). Objectinformatieobjecten and gebruiksrechten are judged by their document: :func:`document_predicate` is
joined into every list, so a list never returns what a detail GET would refuse.

An applicatie with ``alleenIsGereedVoorPublicatie`` reads only documents whose latest version is
``isGereedVoorPublicatie`` (Autorisaties API 1.1); its other scopes are not narrowed by it.

Autorisaties name informatieobjecttypen by URL; they are compared by uuid, so a client configured with another host
name of this installation is judged the same.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy import ColumnElement, and_
from starlette.requests import Request

from zaakwerk.autorisaties.access import Predicates, allows, predicate, type_uuid
from zaakwerk.autorisaties.auth import Principal, require_any
from zaakwerk.autorisaties.auth import request_principal as request_principal
from zaakwerk.core.errors import permission_denied
from zaakwerk.documenten.models import InformatieObjectVersie

COMPONENT = "drc"

LEZEN = "documenten.lezen"
AANMAKEN = "documenten.aanmaken"
BIJWERKEN = "documenten.bijwerken"
VERWIJDEREN = "documenten.verwijderen"
LOCK = "documenten.lock"
GEFORCEERD_UNLOCK = "documenten.geforceerd-unlock"
GEFORCEERD_BIJWERKEN = "documenten.geforceerd-bijwerken"

_INFORMATIEOBJECTTYPEN = "/catalogi/api/v1/informatieobjecttypen"


def informatieobjecttype_uuid(url: str) -> uuid.UUID | None:
    """The informatieobjecttype uuid an autorisatie names (any host: it was made for this installation)."""
    return type_uuid(url, _INFORMATIEOBJECTTYPEN)


_V = InformatieObjectVersie.__table__.c


def _document_predicate(principal: Principal, scope: str) -> ColumnElement[bool]:
    found = predicate(
        principal,
        COMPONENT,
        scope,
        type_column=_V.informatieobjecttype_id,
        vertrouwelijkheid_column=_V.vertrouwelijkheidaanduiding,
        type_url_to_id=informatieobjecttype_uuid,
    )
    return and_(found, _V.is_gereed_voor_publicatie.is_(True)) if _only_ready(principal, scope) else found


document_predicate = Predicates(_document_predicate, LEZEN)
"""The SQL condition on :class:`InformatieObjectVersie` columns selecting the documents a principal may use a scope
on (applied to the latest version)."""


def _only_ready(principal: Principal, scope: str) -> bool:
    return principal.alleen_is_gereed_voor_publicatie and scope == LEZEN


def may(
    principal: Principal,
    scope: str,
    informatieobjecttype_id: uuid.UUID,
    vertrouwelijkheid: str,
    gereed_voor_publicatie: bool | None = None,
) -> bool:
    """The rule of :func:`document_predicate` for one document (``gereed_voor_publicatie``: its latest version's
    ``isGereedVoorPublicatie``, needed for reading)."""
    if _only_ready(principal, scope) and gereed_voor_publicatie is not True:
        return False
    return allows(principal, COMPONENT, scope, informatieobjecttype_id, vertrouwelijkheid, informatieobjecttype_uuid)


def may_any(principal: Principal, scopes: tuple[str, ...], informatieobjecttype_id: uuid.UUID, level: str) -> bool:
    return any(may(principal, s, informatieobjecttype_id, level) for s in scopes)


def check(principal: Principal, scopes: tuple[str, ...], informatieobjecttype_id: uuid.UUID, level: str) -> None:
    """403 unless one of ``scopes`` is allowed on a document of this type and vertrouwelijkheid."""
    if not may_any(principal, scopes, informatieobjecttype_id, level):
        names = " of ".join(f"'{s}'" for s in scopes)
        raise permission_denied(
            f"De scope {names} ontbreekt voor dit document (informatieobjecttype of vertrouwelijkheid)."
        )


def scope(*scopes: str) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A FastAPI dependency: the request's principal, holding one of ``scopes`` on ``drc`` for at least one
    informatieobjecttype (the document itself is checked with :func:`check` or :func:`document_predicate`)."""
    return require_any(COMPONENT, *scopes)


lezen = scope(LEZEN)
aanmaken = scope(AANMAKEN)
bijwerken = scope(BIJWERKEN, GEFORCEERD_BIJWERKEN)
verwijderen = scope(VERWIJDEREN)
lock = scope(LOCK)
unlock = scope(LOCK, GEFORCEERD_UNLOCK)
