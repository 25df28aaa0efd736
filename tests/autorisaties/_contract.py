"""Responses of the Autorisaties API checked against its VNG spec file.

Successful responses go through the shared validator; problem responses (``application/problem+json``, which
that validator cannot parse) are checked here against the spec's ``Fout`` / ``ValidatieFout`` schemas, and the
consumer lookup against ``Applicatie``.
"""

from __future__ import annotations

from typing import Any

import httpx
from openapi_schema_validator import OAS30Validator

from tests.contract.openapi import validate_response
from zaakwerk.core.zgw.component import load_spec

SPEC = "autorisaties-api-1.1.0.yaml"


def _schema(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}", "components": load_spec(SPEC)["components"]}


def check(response: httpx.Response) -> None:
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        name = "ValidatieFout" if response.status_code == 400 else "Fout"
        OAS30Validator(_schema(name)).validate(response.json())
        assert response.json()["status"] == response.status_code
        assert response.headers["api-version"] == "1.1.0"
        return
    if response.request.url.path.endswith("/applicaties/consumer") and response.status_code == 200:
        # A deliberate deviation (see the api module): one Applicatie where the spec file says array.
        OAS30Validator(_schema("Applicatie")).validate(response.json())
        return
    validate_response(SPEC, response)
