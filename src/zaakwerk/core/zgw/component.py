"""A ZGW API component: its base path, version, router and the VNG OpenAPI file it serves (contract-first)."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import yaml
from fastapi import APIRouter, FastAPI
from starlette.requests import Request
from starlette.responses import Response

from zaakwerk.core.zgw.urls import base_url

SPEC_DIR = Path(__file__).resolve().parents[2] / "specs"


@dataclass
class Component:
    name: str
    prefix: str
    version: str
    spec_file: str
    router: APIRouter = field(default_factory=APIRouter)
    # Run in the app's lifespan after the database is up (e.g. register kanalen, start cache listeners).
    on_startup: list[Callable[[FastAPI], Awaitable[None]]] = field(default_factory=list)
    on_shutdown: list[Callable[[FastAPI], Awaitable[None]]] = field(default_factory=list)
    # The largest request body this component accepts, from the settings (None: the general max_body_size).
    max_body_size: Callable[[Any], int] | None = None
    # Our own additions to the VNG spec (path → path item, marked ``x-zaakwerk-extensie``), served with it so a
    # client sees them documented; the VNG file itself stays as published.
    extra_paths: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.router.add_api_route("/openapi.yaml", self._spec_yaml, methods=["GET"], include_in_schema=False)
        self.router.add_api_route("/openapi.json", self._spec_json, methods=["GET"], include_in_schema=False)
        self.router.add_api_route("/schema/openapi.yaml", self._spec_yaml, methods=["GET"], include_in_schema=False)

    def spec(self, request: Request) -> dict[str, Any]:
        served = copy.copy(load_spec(self.spec_file))
        served["servers"] = [{"url": base_url(request) + self.prefix}]
        if self.extra_paths:
            served["paths"] = {**served["paths"], **self.extra_paths}
        return served

    async def _spec_yaml(self, request: Request) -> Response:
        body = yaml.safe_dump(self.spec(request), allow_unicode=True, sort_keys=False)
        return Response(body, media_type="application/vnd.oai.openapi;charset=utf-8")

    async def _spec_json(self, request: Request) -> Response:
        return Response(orjson.dumps(self.spec(request)), media_type="application/vnd.oai.openapi+json")


@cache
def load_spec(spec_file: str) -> dict[str, Any]:
    with (SPEC_DIR / spec_file).open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data
