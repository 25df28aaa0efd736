"""JSON responses for ZGW resources: orjson bodies, ETag on details, HEAD without body, If-None-Match → 304."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

JSON = "application/json"


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type=JSON, headers=headers)


def etag_for(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def matches_etag(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


def detail_response(
    request: Request, data: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """A single resource: ETag over the JSON body; 304 when the client has it; no body for HEAD."""
    body = orjson.dumps(data)
    etag = etag_for(body)
    all_headers = {"ETag": etag}
    if headers:
        all_headers.update(headers)
    inm = request.headers.get("if-none-match")
    if inm and status == 200 and matches_etag(inm, etag):
        return Response(status_code=304, headers=all_headers)
    if request.method == "HEAD":
        all_headers["Content-Length"] = str(len(body))
        return Response(status_code=status, headers=all_headers, media_type=JSON)
    return Response(body, status_code=status, media_type=JSON, headers=all_headers)


def no_content() -> Response:
    return Response(status_code=204)
