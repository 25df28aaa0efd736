"""The measured request patterns, and a one-request check of each before it is put under load."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from zwbench.seed import CATALOGI, Seeded, zaaktype_body
from zwbench.wrk import Load

LIST_PAGE = 100  # the ZGW page size; the list scenario must return a full page


@dataclass(frozen=True, slots=True)
class Scenario:
    key: str
    label: str
    method: str
    expect: int
    build: Callable[[Seeded], tuple[list[str], str | None]]  # (paths, body template) for a seeded catalogus
    check: Callable[[httpx.Response], str | None] | None = None  # returns a problem with a sample response


def _path(url: str) -> str:
    return urlsplit(url).path


def _list(seeded: Seeded) -> tuple[list[str], str | None]:
    return [f"{CATALOGI}/zaaktypen"], None


def _full_page(resp: httpx.Response) -> str | None:
    results = resp.json().get("results", [])
    if len(results) < LIST_PAGE:
        return f"the list returned {len(results)} zaaktypen, not a page of {LIST_PAGE}"
    return None


def _detail(seeded: Seeded) -> tuple[list[str], str | None]:
    return [_path(u) for u in seeded.zaaktypen], None


def _has_children(resp: httpx.Response) -> str | None:
    data: dict[str, Any] = resp.json()
    if not data.get("statustypen") or not data.get("roltypen"):
        return "the zaaktype detail shows no statustypen/roltypen"
    return None


# More distinct URLs than a process's catalogi read cache holds (2,000), visited round-robin: every request misses
# the cache and is rendered from the database. ``datumGeldigheid`` is a real filter whose value is part of the
# cache key; dates from tomorrow on keep every seeded zaaktype valid, so responses equal the hot ones.
COLD_VARIANTS = 2_500


def _dates(n: int) -> list[str]:
    start = dt.date.today() + dt.timedelta(days=1)
    return [(start + dt.timedelta(days=i)).isoformat() for i in range(n)]


def _detail_cold(seeded: Seeded) -> tuple[list[str], str | None]:
    paths = [_path(u) for u in seeded.zaaktypen]
    per_path = COLD_VARIANTS // len(paths) + 1
    return [f"{p}?datumGeldigheid={d}" for d in _dates(per_path) for p in paths], None


def _list_cold(seeded: Seeded) -> tuple[list[str], str | None]:
    return [f"{CATALOGI}/zaaktypen?datumGeldigheid={d}" for d in _dates(COLD_VARIANTS)], None


def _create(seeded: Seeded) -> tuple[list[str], str | None]:
    # wrk replaces __UNIQUE__ per request (run id, thread, counter): every POST is a new zaaktype.
    body = zaaktype_body(seeded.catalogus, "BENCH-__UNIQUE__", seeded.procestype, "Benchmark concept __UNIQUE__")
    return [f"{CATALOGI}/zaaktypen"], json.dumps(body)


SCENARIOS: dict[str, Scenario] = {
    s.key: s
    for s in (
        Scenario("detail", "GET zaaktype detail", "GET", 200, _detail, _has_children),
        Scenario("list", f"GET zaaktypen list ({LIST_PAGE})", "GET", 200, _list, _full_page),
        Scenario("detail-cold", "GET zaaktype detail, cache miss", "GET", 200, _detail_cold, _has_children),
        Scenario("list-cold", f"GET zaaktypen list ({LIST_PAGE}), cache miss", "GET", 200, _list_cold, _full_page),
        Scenario("create", "POST zaaktype (concept)", "POST", 201, _create),
    )
}


def make_load(scenario: Scenario, seeded: Seeded, base: str, headers: dict[str, str]) -> Load:
    paths, body = scenario.build(seeded)
    if body is not None:
        headers = {**headers, "Content-Type": "application/json"}
    return Load(base=base, method=scenario.method, paths=paths, headers=headers, body=body)


def probe(scenario: Scenario, load: Load) -> None:
    """Send one request as wrk will (first path, body with a probe id) and fail loudly when it is wrong."""
    templates = load.templates()
    body = templates[0].replace("__UNIQUE__", "probe") if templates else None
    with httpx.Client(base_url=load.base, headers=load.headers, timeout=30.0) as client:
        resp = client.request(load.method, load.paths[0], content=body)
    if resp.status_code != scenario.expect:
        raise RuntimeError(f"{scenario.label}: expected {scenario.expect}, got {resp.status_code}: {resp.text[:1500]}")
    problem = scenario.check(resp) if scenario.check is not None else None
    if problem:
        raise RuntimeError(f"{scenario.label}: {problem}")
