"""Selectielijst and referentielijsten lookups (ztc-001, ztc-002), through the Referentielijsten service."""

from __future__ import annotations

from typing import Any

from zaakwerk.catalogi._context import Ctx
from zaakwerk.core.errors import Invalid


async def resolve(ctx: Ctx, kind: str, url: str) -> dict[str, Any] | None:
    from zaakwerk.referentielijsten.service import resolve as _resolve

    return await _resolve(ctx.settings, kind, url)


async def check_procestype(ctx: Ctx, url: str, inv: Invalid) -> dict[str, Any] | None:
    """ztc-001: ``selectielijstProcestype``, when given, is a procestype of the selectielijst."""
    if not url:
        return None
    procestype = await resolve(ctx, "procestypen", url)
    if procestype is None:
        inv.add(
            "selectielijstProcestype",
            "invalid-resource",
            "De URL verwijst niet naar een procestype van de selectielijst.",
        )
    return procestype
