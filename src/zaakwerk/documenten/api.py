"""Documenten API 1.7.0 at /documenten/api/v1.

Endpoints live per resource in ``_api_*.py``; this module assembles them on the component, registers the expand
loader of enkelvoudiginformatieobjecten and, at start-up, the in-process Documenten interface the Zaken API uses.
"""

from __future__ import annotations

from fastapi import FastAPI

from zaakwerk.config import Settings
from zaakwerk.core.zgw.component import Component
from zaakwerk.documenten import _api_documenten, _api_documenten_write
from zaakwerk.documenten._context import PREFIX

# The JSON around the base64 content of the largest document.
_METADATA = 1024 * 1024


def _max_body_size(settings: Settings) -> int:
    return max(settings.max_body_size, (settings.documenten_max_size + 2) // 3 * 4 + _METADATA)


component = Component("documenten", PREFIX, "1.7.0", "documenten-api-1.7.0.yaml", max_body_size=_max_body_size)

# The write router first: its fixed path (/_zoek is the read router's POST) never clashes with {uuid}.
for _module in (_api_documenten, _api_documenten_write):
    component.router.include_router(_module.router)


async def _startup(app: FastAPI) -> None:
    pass


component.on_startup.append(_startup)
