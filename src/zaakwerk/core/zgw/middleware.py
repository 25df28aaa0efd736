"""Pure ASGI middleware (cheap on the hot path): request id, API-version header, body size limit."""

from __future__ import annotations

import uuid
from typing import Any

import orjson
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zaakwerk.core.errors import ZGWError


class ZGWMiddleware:
    def __init__(
        self, app: ASGIApp, versions: dict[str, str], max_body_size: int, body_limits: dict[str, int] | None = None
    ) -> None:
        self.app = app
        # Longest prefix first so nested prefixes resolve to the most specific component.
        self.versions = sorted(versions.items(), key=lambda kv: -len(kv[0]))
        self.max_body_size = max_body_size
        # Components whose bodies may be larger than JSON metadata (documents sent as base64), by path prefix.
        self.body_limits = sorted((body_limits or {}).items(), key=lambda kv: -len(kv[0]))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        version = next((v for p, v in self.versions if path.startswith(p)), None)
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = uuid.uuid4()

        limit = next((n for p, n in self.body_limits if path.startswith(p)), self.max_body_size)
        length = _content_length(scope)
        if length is not None and length > limit:
            await _too_large(send, version, limit)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # An HTTPException passes FastAPI's body parsing untouched and is rendered as problem+json.
                    raise HTTPException(413, f"De request body is groter dan het maximum van {limit} bytes.")
            return message

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start" and version is not None:
                headers = list(message.get("headers", []))
                headers.append((b"api-version", version.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, limited_receive, send_with_version)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, version: str | None, limit: int) -> None:
    err = ZGWError(
        413,
        "request_entity_too_large",
        "Request body te groot.",
        f"De request body is groter dan het maximum van {limit} bytes.",
    )
    body = orjson.dumps(
        {
            "type": "https://zaakwerk.nl/fouten/request_entity_too_large/",
            "code": err.code,
            "title": err.title,
            "status": 413,
            "detail": err.detail,
            "instance": "urn:zaakwerk:fout",
        }
    )
    headers = [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())]
    if version:
        headers.append((b"api-version", version.encode()))
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
