"""HTTP plumbing shared by the Documenten endpoints: the write context, expand (drc-011..014), the access check
of a rendered row, audit toelichting."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request

from zaakwerk.autorisaties.auth import Principal
from zaakwerk.core.errors import Invalid, permission_denied
from zaakwerk.core.zgw.expand import parse_expand
from zaakwerk.core.zgw.urls import base_url, local_uuid
from zaakwerk.documenten import access
from zaakwerk.documenten._context import ENKELVOUDIGINFORMATIEOBJECTEN, PREFIX, Ctx

# drc-012: an expand goes at most three levels deep; deeper parts of a path are left out, not refused.
MAX_EXPAND_DEPTH = 3


def write_ctx(request: Request, principal: Principal) -> Ctx:
    return Ctx(
        base_url=base_url(request),
        settings=request.app.state.settings,
        principal=principal,
        own_hosts=frozenset(request.app.state.own_hosts),
        toelichting=request.headers.get("X-Audit-Toelichting", ""),
    )


def expand_arg(raw: str | None, allowed: frozenset[str]) -> str | None:
    """The ``expand`` value checked (drc-011/drc-013: only attributes of this resource, 400 otherwise) and cut to
    :data:`MAX_EXPAND_DEPTH` levels (drc-012)."""
    paths = parse_expand(raw, allowed)
    if not paths:
        return None
    return ",".join(dict.fromkeys(".".join(path[:MAX_EXPAND_DEPTH]) for path in paths))


def check_read(principal: Principal, scope: str, row: Any) -> None:
    """403 unless ``principal`` may read the document version ``row`` (or the object judged by it)."""
    if hasattr(row, "_type_id"):
        type_id, level, gereed = row._type_id, row._vertrouwelijkheid, row._gereed
    else:
        type_id, level, gereed = (
            row.informatieobjecttype_id,
            row.vertrouwelijkheidaanduiding,
            row.is_gereed_voor_publicatie,
        )
    if not access.may(principal, scope, type_id, level, gereed):
        raise permission_denied("U heeft geen leesrechten op dit document (informatieobjecttype of vertrouwelijkheid).")


def document_uuid(request: Request, value: str, name: str, inv: Invalid) -> uuid.UUID | None:
    """A filter value that must be the URL of one of our documents."""
    id_ = local_uuid(request, value, f"{PREFIX}/{ENKELVOUDIGINFORMATIEOBJECTEN}")
    if id_ is None:
        inv.add(name, "invalid", f"'{value}' is geen URL van een informatieobject in deze Documenten API.")
    return id_
