"""Accept-Crs / Content-Crs: lenient when no geometry is involved, required where it is."""

from __future__ import annotations

from starlette.requests import Request

from zaakwerk.core.errors import ZGWError

SUPPORTED_CRS = "EPSG:4326"


def check_accept_crs(request: Request, *, geometry: bool) -> dict[str, str]:
    """Validate Accept-Crs; returns the Content-Crs header to send (empty when no geometry)."""
    value = request.headers.get("accept-crs")
    if value is None:
        if geometry:
            raise ZGWError(
                412,
                "precondition_failed",
                "Accept-Crs header ontbreekt.",
                "De 'Accept-Crs' header is vereist bij geometrie (gebruik EPSG:4326).",
            )
        return {}
    if value.strip() != SUPPORTED_CRS:
        raise ZGWError(
            406,
            "not_acceptable",
            "CRS niet ondersteund.",
            f"CRS '{value}' wordt niet ondersteund; gebruik {SUPPORTED_CRS}.",
        )
    return {"Content-Crs": SUPPORTED_CRS} if geometry else {}


def check_content_crs(request: Request, *, geometry: bool) -> None:
    value = request.headers.get("content-crs")
    if value is None:
        if geometry:
            raise ZGWError(
                412,
                "precondition_failed",
                "Content-Crs header ontbreekt.",
                "De 'Content-Crs' header is vereist bij geometrie (gebruik EPSG:4326).",
            )
        return
    if value.strip() != SUPPORTED_CRS:
        raise ZGWError(
            415,
            "unsupported_media_type",
            "CRS niet ondersteund.",
            f"CRS '{value}' wordt niet ondersteund; gebruik {SUPPORTED_CRS}.",
        )
