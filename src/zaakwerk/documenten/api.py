"""Documenten API 1.7.0 at /documenten/api/v1.

Endpoints live per resource in ``_api_*.py``; this module assembles them on the component, registers the expand
loader of enkelvoudiginformatieobjecten (used by objectinformatieobjecten and gebruiksrechten, and by other
components embedding documents) and, for the app's lifetime, the in-process Documenten interface the Zaken and
Besluiten APIs use.
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request

from zaakwerk.config import Settings
from zaakwerk.core.zgw.component import Component
from zaakwerk.core.zgw.expand import register_loader
from zaakwerk.core.zgw.http import reader
from zaakwerk.core.zgw.urls import base_url
from zaakwerk.documenten import (
    _api_documenten,
    _api_documenten_write,
    _api_gebruiksrechten,
    _api_objecten,
    access,
    koppelvlak,
)
from zaakwerk.documenten._context import ENKELVOUDIGINFORMATIEOBJECTEN, PREFIX
from zaakwerk.documenten._read import D, document_query, render_documenten

# The JSON around the base64 content of the largest document.
_METADATA = 1024 * 1024


def _max_body_size(settings: Settings) -> int:
    return max(settings.max_body_size, (settings.documenten_max_size + 2) // 3 * 4 + _METADATA)


component = Component("documenten", PREFIX, "1.7.0", "documenten-api-1.7.0.yaml", max_body_size=_max_body_size)

for _module in (_api_documenten, _api_documenten_write, _api_objecten, _api_gebruiksrechten):
    component.router.include_router(_module.router)

component.on_startup.append(koppelvlak.registreer)
component.on_shutdown.append(koppelvlak.afmelden)


async def _load_documenten(request: Request, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Expanded documents: only those the caller may read (the same predicate as the list)."""
    principal = access.request_principal(request)
    if principal is None:
        return {}
    query = document_query().where(D.id.in_(ids), access.document_predicate(principal))
    async with reader(request).connect() as conn:
        rows = (await conn.execute(query)).all()
    return {
        row.informatieobject_id: data
        for row, data in zip(rows, render_documenten(base_url(request), rows), strict=True)
    }


register_loader(f"{PREFIX}/{ENKELVOUDIGINFORMATIEOBJECTEN}", _load_documenten)
