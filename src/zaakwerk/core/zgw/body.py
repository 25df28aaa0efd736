"""Request bodies of the ZGW APIs: JSON parsed into a schema, every problem a 400 naming the field."""

from __future__ import annotations

from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from zaakwerk.core.errors import InvalidParam, validation_error, validation_errors
from zaakwerk.core.zgw.problem import pydantic_invalid_params

M = TypeVar("M", bound=BaseModel)


async def parse_body(request: Request, model: type[M]) -> M:
    """The JSON body as ``model``; malformed JSON, wrong types and unknown enum values are 400s."""
    body = await request.body()
    return parse_json(body, model)


def parse_json(body: bytes, model: type[M]) -> M:
    try:
        return model.model_validate_json(body or b"null")
    except ValidationError as exc:
        raise validation_errors(_body_errors(exc)) from None


async def parse_patch(request: Request) -> dict[str, Any]:
    """A partial update body: a JSON object (its fields are checked by the service against the full schema)."""
    body = await request.body()
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise validation_error("nonFieldErrors", "parse_error", "De request body is geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise validation_error("nonFieldErrors", "parse_error", "De request body moet een JSON-object zijn.")
    return data


def _body_errors(exc: ValidationError) -> list[InvalidParam]:
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return [InvalidParam("nonFieldErrors", "parse_error", "De request body is geen geldige JSON.")]
    if any(e.get("type") == "model_type" and not e.get("loc") for e in errors):
        return [InvalidParam("nonFieldErrors", "parse_error", "De request body moet een JSON-object zijn.")]
    return pydantic_invalid_params(errors)


def merge_patch(model: type[M], current: dict[str, Any], patch: dict[str, Any]) -> M:
    """PATCH as a full update: the resource's current input shape with the given fields laid over it, validated
    whole (every problem a 400 naming the field)."""
    try:
        return model.model_validate({**current, **patch})
    except ValidationError as exc:
        raise validation_errors(pydantic_invalid_params(list(exc.errors()))) from None
