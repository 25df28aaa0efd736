"""problem+json rendering (ZGW ``Fout`` / ``ValidatieFout``) and the exception handlers that produce it.

FastAPI's own validation errors become 400 ``ValidatieFout`` (never 422), with camelCase field names.
"""

from __future__ import annotations

from typing import Any

import orjson
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from zaakwerk.core.errors import InvalidParam, ZGWError

log = structlog.get_logger(__name__)

PROBLEM_JSON = "application/problem+json"

# pydantic error type -> ZGW/DRF-style error code
_PYDANTIC_CODES = {
    "missing": "required",
    "string_too_long": "max_length",
    "string_too_short": "min_length",
    "too_long": "max_length",
    "too_short": "min_length",
    "enum": "invalid_choice",
    "literal_error": "invalid_choice",
    "string_pattern_mismatch": "invalid",
    "url_parsing": "bad-url",
    "url_type": "bad-url",
    "url_scheme": "bad-url",
    "uuid_parsing": "invalid",
    "date_from_datetime_parsing": "invalid",
    "date_parsing": "invalid",
    "datetime_parsing": "invalid",
    "datetime_from_date_parsing": "invalid",
    "bool_parsing": "invalid",
    "int_parsing": "invalid",
    "int_type": "invalid",
    "string_type": "invalid",
    "list_type": "not_a_list",
    "dict_type": "invalid",
    "model_type": "invalid",
    "json_invalid": "parse_error",
    "extra_forbidden": "unknown-field",
    "null": "null",
    "none_required": "invalid",
    "value_error": "invalid",
    "greater_than_equal": "min_value",
    "less_than_equal": "max_value",
    "greater_than": "min_value",
    "less_than": "max_value",
}

_DUTCH_REASONS = {
    "required": "Dit veld is vereist.",
    "null": "Dit veld mag niet leeg zijn.",
    "invalid_choice": "Ongeldige keuze.",
    "parse_error": "De request body is geen geldige JSON.",
}


def problem_body(request: Request | None, err: ZGWError) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://zaakwerk.nl/fouten/{err.code}/",
        "code": err.code,
        "title": err.title,
        "status": err.status,
        "detail": err.detail or err.title,
        "instance": f"urn:uuid:{request.state.request_id}"
        if request is not None and hasattr(request.state, "request_id")
        else "urn:zaakwerk:fout",
    }
    if err.status == 400 or err.invalid_params:
        body["invalidParams"] = [p.as_dict() for p in err.invalid_params]
    return body


def problem_response(request: Request | None, err: ZGWError, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(problem_body(request, err)),
        status_code=err.status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


def _loc_to_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    if not parts:
        return "nonFieldErrors"
    return ".".join(parts)


def pydantic_invalid_params(errors: list[Any]) -> list[InvalidParam]:
    params: list[InvalidParam] = []
    for e in errors:
        code = _PYDANTIC_CODES.get(e.get("type", ""), "invalid")
        if e.get("type") == "model_attributes_type" or (e.get("type") == "dict_type" and e["loc"] == ("body",)):
            code = "parse_error"
        reason = _DUTCH_REASONS.get(code) or str(e.get("msg", "Ongeldige waarde."))
        if e.get("type") in ("value_error", "assertion_error"):
            reason = str(e.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        params.append(InvalidParam(_loc_to_name(tuple(e.get("loc", ()))), code, reason))
    return params


async def _zgw_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ZGWError)
    return problem_response(request, exc)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    params = pydantic_invalid_params(list(exc.errors()))
    detail = params[0].reason if len(params) == 1 else "Meerdere velden zijn ongeldig."
    return problem_response(request, ZGWError(400, "invalid", "Invalid input.", detail, params))


_HTTP_CODES = {
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "request_entity_too_large",
    415: "unsupported_media_type",
}


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "error")
    detail = str(exc.detail) if exc.detail else code
    if exc.status_code == 404:
        detail = "Niet gevonden."
    elif exc.status_code == 405:
        detail = f'Methode "{request.method}" niet toegestaan.'
    return problem_response(
        request, ZGWError(exc.status_code, code, detail, detail), headers=getattr(exc, "headers", None)
    )


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error", path=request.url.path, exc_info=exc)
    return problem_response(
        request, ZGWError(500, "error", "Er is een serverfout opgetreden.", "Er is een serverfout opgetreden.")
    )


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ZGWError, _zgw_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
