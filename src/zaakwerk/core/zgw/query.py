"""Query-string handling: unknown parameters are refused (400), typed parameters parsed with ZGW errors."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from starlette.requests import Request

from zaakwerk.core.errors import Invalid, ZGWError, validation_error

PAGINATION_PARAMS = frozenset({"page"})


def check_query(request: Request, allowed: Iterable[str]) -> None:
    """Refuse parameters the endpoint does not know: a typo must not silently widen a result."""
    allowed_set = allowed if isinstance(allowed, frozenset) else frozenset(allowed)
    unknown = sorted(k for k in request.query_params if k not in allowed_set)
    if unknown:
        reason = "Onbekende query parameters: " + ", ".join(unknown)
        raise validation_error("nonFieldErrors", "unknown-parameters", reason)


def get_page(request: Request) -> int:
    raw = request.query_params.get("page")
    if raw is None or raw == "":
        return 1
    if not raw.isdigit() or int(raw) < 1:
        raise validation_error("page", "invalid", "Een geldig paginanummer is vereist (1 of hoger).")
    return int(raw)


def get_bool(request: Request, name: str, invalid: Invalid | None = None) -> bool | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    _fail(invalid, name, "invalid", "Ongeldige waarde: gebruik true of false.")
    return None


def get_date(request: Request, name: str, invalid: Invalid | None = None) -> dt.date | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        _fail(invalid, name, "invalid", "Ongeldige datum: gebruik JJJJ-MM-DD.")
        return None


def get_datetime(request: Request, name: str, invalid: Invalid | None = None) -> dt.datetime | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = dt.datetime.combine(dt.date.fromisoformat(raw), dt.time())
        except ValueError:
            _fail(invalid, name, "invalid", "Ongeldige datum-tijd: gebruik ISO 8601.")
            return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def get_choice(request: Request, name: str, choices: Iterable[str], invalid: Invalid | None = None) -> str | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if raw not in choices:
        _fail(invalid, name, "invalid_choice", f"'{raw}' is geen geldige keuze.")
        return None
    return raw


def get_uuid(raw: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise validation_error(name, "invalid", "Ongeldige UUID.") from None


def get_list(request: Request, name: str) -> list[str] | None:
    """A comma-separated list parameter (``style: form, explode: false``)."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    return [part for part in raw.split(",") if part]


def _fail(invalid: Invalid | None, name: str, code: str, reason: str) -> None:
    if invalid is None:
        raise validation_error(name, code, reason)
    invalid.add(name, code, reason)


def raise_not_found_page() -> ZGWError:
    return ZGWError(404, "not_found", "Niet gevonden.", "Ongeldige pagina.")
