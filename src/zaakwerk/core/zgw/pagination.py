"""ZGW pagination: ``{count, next, previous, results}``, ``page`` starts at 1."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from zaakwerk.core.zgw.query import raise_not_found_page


def page_bounds(page: int, page_size: int) -> tuple[int, int]:
    """(offset, limit) of a page."""
    return (page - 1) * page_size, page_size


def _page_url(request: Request, page: int) -> str:
    url = request.url.include_query_params(page=page)
    base: str | None = getattr(request.state, "base_url", None)
    if base:
        return base + url.path + ("?" + url.query if url.query else "")
    return str(url)


def paginated(request: Request, results: list[Any], count: int, page: int, page_size: int) -> dict[str, Any]:
    """The paginated envelope; a page past the end is 404 (except page 1 of an empty list)."""
    if page > 1 and (page - 1) * page_size >= count:
        raise raise_not_found_page()
    return {
        "count": count,
        "next": _page_url(request, page + 1) if page * page_size < count else None,
        "previous": _page_url(request, page - 1) if page > 1 else None,
        "results": results,
    }
