"""Contract checks: real responses validated against the VNG OpenAPI files the components serve.

The files are the ones shipped in ``src/zaakwerk/specs`` (the same the API serves), so a response that passes here
is what a standard client reading the VNG spec expects.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import httpx
import orjson
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from zaakwerk.core.zgw.component import SPEC_DIR


@cache
def _openapi(spec_file: str) -> OpenAPI:
    with (SPEC_DIR / spec_file).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    _nullable_all_of(data)
    # problem+json bodies are JSON too; openapi-core only knows application/json by default.
    config = Config(extra_media_type_deserializers={"application/problem+json": orjson.loads})
    return OpenAPI.from_dict(data, base_uri=(SPEC_DIR / spec_file).as_uri(), config=config)


def _nullable_all_of(node: Any) -> None:
    """``nullable: true`` next to ``allOf`` (e.g. ``Zaak.zaakgeometrie``) means the property may be null; openapi-core
    applies the ``allOf`` to null too and refuses it. Spelled as ``anyOf`` [the schema, null] the intent validates."""
    if isinstance(node, dict):
        if node.get("nullable") is True and isinstance(node.get("allOf"), list) and len(node["allOf"]) == 1:
            node["anyOf"] = [node.pop("allOf")[0], {"nullable": True, "enum": [None]}]
        for value in node.values():
            _nullable_all_of(value)
    elif isinstance(node, list):
        for value in node:
            _nullable_all_of(value)


def validate_response(spec_file: str, response: httpx.Response) -> None:
    """Validate an httpx response (of the test client) against ``spec_file``; raises on any mismatch.

    The request's URL, method and headers come from ``response.request``; the server URL in the spec is
    replaced by the test server's, as the component does when it serves the file.
    """
    api = _openapi(spec_file)
    request = response.request
    server_url = str(next(iter(api.spec / "servers"))["url"])
    full_path = request.url.path
    if "://" in server_url:
        scheme, _, rest = server_url.partition("://")
        host, _, server_path = rest.partition("/")
        host_url = f"{scheme}://{host}"
    else:
        # A relative server URL (``/api/v1``: Autorisaties, Besluiten, Notificaties) lives on the request's host.
        host_url = f"{request.url.scheme}://{request.url.netloc.decode()}"
        server_path = server_url.strip("/")
    mock_request = MockRequest(
        host_url=host_url,
        method=request.method.lower(),
        path=("/" + server_path if server_path else "") + full_path.removeprefix(_component_prefix(full_path)),
        args=dict(request.url.params),
        headers=dict(request.headers),
    )
    body: Any = response.content
    mock_response = MockResponse(
        data=body,
        status_code=response.status_code,
        headers=dict(response.headers),
        content_type=response.headers.get("content-type", "application/json").split(";")[0],
    )
    api.validate_response(mock_request, mock_response)


def _component_prefix(path: str) -> str:
    parts = path.split("/")
    # /<component>/api/v1/...
    return "/".join(parts[:4]) if len(parts) >= 4 and parts[2] == "api" else ""
