"""``zaakwerk catalogus import|export`` (the Typer app the main CLI mounts), run as a user would."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.conftest import empty_database
from zaakwerk.catalogusbeheer.cli import app
from zaakwerk.demo.loader import DATA_DIR

DEMO = DATA_DIR / "catalogus.yaml"


@pytest.fixture
def runner(database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CliRunner]:
    monkeypatch.chdir(tmp_path)  # no .env of the developer
    monkeypatch.setenv("ZAAKWERK_DATABASE_URL", database_url)
    monkeypatch.setenv("ZAAKWERK_BASE_URL", "http://testserver")
    monkeypatch.setenv("ZAAKWERK_MODE", "demo")
    yield CliRunner()
    asyncio.run(empty_database(database_url))


def test_import_publishes_and_export_writes_the_same_catalogus(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(DEMO), "--publiceren"])
    assert result.exit_code == 0, result.output
    assert "Catalogus geïmporteerd" in result.output
    assert "nieuw aangemaakt" in result.output

    out = tmp_path / "export.yaml"
    exported = runner.invoke(app, ["export", "--domein", "VBG", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["formaat"] == "zaakwerk-catalogus/1"
    assert {z["identificatie"] for z in data["zaaktypen"]} == {
        z["identificatie"] for z in yaml.safe_load(DEMO.read_text(encoding="utf-8"))["zaaktypen"]
    }
    assert all("concept" not in z for z in data["zaaktypen"])

    to_stdout = runner.invoke(app, ["export"])
    assert to_stdout.exit_code == 0
    assert yaml.safe_load(to_stdout.stdout) == data


def test_import_of_a_broken_file_lists_the_places_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data["zaaktypen"][2]["statustypen"][0]["volgnummer"] = "eerste"
    data["zaaktypen"][4]["resultaattypen"][1]["selectielijstklasse"] = "8.9"
    broken = tmp_path / "kapot.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["import", str(broken)])
    assert result.exit_code == 1
    assert "er is niets opgeslagen" in result.output
    assert "zaaktypen[2].statustypen[0].volgnummer" in result.output
    assert "zaaktypen[4].resultaattypen[1].selectielijstklasse" in result.output
    nothing = runner.invoke(app, ["export"])
    assert nothing.exit_code == 1
    assert "Geen catalogus gevonden" in nothing.output


def test_import_of_something_that_is_no_yaml(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.yaml"
    bad.write_text("catalogus: [niet: gesloten", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad)])
    assert result.exit_code == 1
    assert "geen geldig YAML" in result.output
