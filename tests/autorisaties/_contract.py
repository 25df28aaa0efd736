"""Responses of the Autorisaties API checked against its VNG spec file (the shared contract validator).

One deliberate deviation is checked differently: ``GET /applicaties/consumer`` answers with one ``Applicatie``
where the spec file declares an array (see the api module).
"""

from __future__ import annotations

import httpx
from openapi_schema_validator import OAS30Validator

from tests.contract.openapi import validate_response
from zaakwerk.core.zgw.component import load_spec

SPEC = "autorisaties-api-1.1.0.yaml"


def check(response: httpx.Response) -> None:
    if response.request.url.path.endswith("/applicaties/consumer") and response.status_code == 200:
        schema = {"$ref": "#/components/schemas/Applicatie", "components": load_spec(SPEC)["components"]}
        OAS30Validator(schema).validate(response.json())
        return
    validate_response(SPEC, response)
    if response.headers.get("content-type", "").startswith("application/problem+json"):
        assert response.json()["status"] == response.status_code
