"""Contract checks of real Catalogi responses against the served VNG spec (catalogi-api-1.3.3.yaml).

Problem responses are checked against ``Fout``/``ValidatieFout``. Two places where the generated VNG file
disagrees with the reference implementation (and every client in use) are handled explicitly:
``POST /informatieobjecttypen`` is documented as 200 where a create answers 201, and ``DELETE`` of zaaktypen,
informatieobjecttypen and besluittypen is documented as 200 with a body where a delete answers 204 without one
(as it does for every other resource in the same file).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import httpx
import orjson
from openapi_schema_validator import OAS30Validator

from tests.contract.openapi import validate_response
from zaakwerk.core.zgw.component import load_spec

SPEC = "catalogi-api-1.3.3.yaml"


# Single embedded objects are ``oneOf: [XExpanded, EmptyObject]`` in the spec; EmptyObject (any object) matches
# every non-empty one too, so no filled-in object can pass that oneOf. They are checked against XExpanded
# separately and replaced by {} for the whole-response check.
_SINGLE = {
    "catalogus": "CatalogusExpanded",
    "zaaktype": "ZaakTypeExpanded",
    "statustype": "StatusTypeExpanded",
    "informatieobjecttype": "InformatieObjectTypeExpanded",
}


def _detach(obj: Any, found: list[tuple[str, Any]]) -> None:
    if isinstance(obj, list):
        for item in obj:
            _detach(item, found)
        return
    if not isinstance(obj, dict):
        return
    embedded = obj.get("_expand")
    if not isinstance(embedded, dict):
        return
    for key, value in embedded.items():
        _detach(value, found)
        if key in _SINGLE and isinstance(value, dict) and value:
            found.append((_SINGLE[key], value))
            embedded[key] = {}


@cache
def _validator(name: str) -> Any:
    spec = load_spec(SPEC)
    schema = {**spec["components"]["schemas"][name], "components": spec["components"]}
    return OAS30Validator(schema)


def check(response: httpx.Response) -> None:
    request = response.request
    path = request.url.path
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        # The shared validator has no deserializer for problem+json; the body is checked against the spec's
        # Fout/ValidatieFout schema directly.
        _validator("ValidatieFout" if response.status_code == 400 else "Fout").validate(response.json())
        return
    if request.method == "DELETE" and response.status_code == 204:
        assert response.content == b""
        return
    status = response.status_code
    if request.method == "POST" and path.endswith("/informatieobjecttypen") and status == 201:
        status = 200
    content = response.content
    if b'"_expand"' in content:
        body = response.json()
        detached: list[tuple[str, Any]] = []
        _detach(body.get("results", body), detached)
        for schema, value in detached:
            _validator(schema).validate(value)
        content = orjson.dumps(body)
    if status != response.status_code or content is not response.content:
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        response = httpx.Response(status, headers=headers, content=content, request=request)
    validate_response(SPEC, response)
