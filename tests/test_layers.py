"""The layer rules (DESIGN.md §5) are checked by import-linter in `make test`; this keeps its contracts complete:
a new package must be placed in them, or this test fails."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "zaakwerk"

DOMAIN = {"autorisaties", "catalogi", "referentielijsten", "zaken", "documenten", "besluiten"}
ON_TOP_OF_DOMAIN = {"catalogusbeheer", "bench"}
ENTRY_AND_DATA = {"demo", "migrations"}
CORE = {"core"}


def _contracts() -> list[dict[str, list[str]]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, list[str]]] = data["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_package_is_placed_in_a_layer() -> None:
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    unplaced = packages - DOMAIN - ON_TOP_OF_DOMAIN - ENTRY_AND_DATA - CORE
    assert not unplaced, f"place these packages in tests/test_layers.py and the import-linter contracts: {unplaced}"


def test_core_may_not_import_any_domain_package() -> None:
    core = next(c for c in _contracts() if c["source_modules"] == ["zaakwerk.core"])
    forbidden = set(core["forbidden_modules"])
    for name in DOMAIN | ON_TOP_OF_DOMAIN | {"demo", "migrations"}:
        assert f"zaakwerk.{name}" in forbidden


def test_every_domain_package_is_a_source_of_the_domain_contract() -> None:
    sources = set().union(*(set(c["source_modules"]) for c in _contracts()))
    for name in DOMAIN | ON_TOP_OF_DOMAIN:
        assert f"zaakwerk.{name}" in sources
