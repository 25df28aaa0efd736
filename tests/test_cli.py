"""The `zaakwerk` command as an operator uses it: migrate, check, demo, applicatie add — against a fresh database."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tests.conftest import TEST_DB
from tests.helpers import auth_header, create_database, drop_database
from zaakwerk.cli import _mount_subcommands, cli

runner = CliRunner()
_mount_subcommands()


@pytest.fixture
def fresh_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Environment for a brand-new, empty database on the engine under test."""
    env = {"ZAAKWERK_DATA_DIR": str(tmp_path / "var"), "ZAAKWERK_MODE": "demo"}
    url = ""
    if TEST_DB != "sqlite":
        url = asyncio.run(create_database(TEST_DB, f"zaakwerk_cli_{uuid.uuid4().hex[:8]}"))
        env["ZAAKWERK_DATABASE_URL"] = url
    else:
        monkeypatch.delenv("ZAAKWERK_DATABASE_URL", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    yield env
    if url:
        asyncio.run(drop_database(TEST_DB, url))


def test_check_reports_missing_migrations_then_migrate_fixes_it(fresh_env: dict[str, str]) -> None:
    before = runner.invoke(cli, ["check"])
    assert before.exit_code == 1
    assert "zaakwerk migrate" in before.output
    migrated = runner.invoke(cli, ["migrate"])
    assert migrated.exit_code == 0, migrated.output
    after = runner.invoke(cli, ["check"])
    assert after.exit_code == 0, after.output
    assert "schema is bijgewerkt" in after.output


def test_demo_without_serving_loads_once_and_is_idempotent(fresh_env: dict[str, str]) -> None:
    first = runner.invoke(cli, ["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "zaakwerk-demo" in first.output
    assert "/catalogi/api/v1/" in first.output
    assert "Authorization: Bearer ey" in first.output
    second = runner.invoke(cli, ["demo", "--no-serve"])
    assert second.exit_code == 0, second.output


def test_applicatie_add_prints_credentials_once(fresh_env: dict[str, str]) -> None:
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    result = runner.invoke(cli, ["applicatie", "add", "--label", "Zaaksysteem", "--alle-autorisaties"])
    assert result.exit_code == 0, result.output
    assert re.search(r"[Ss]ecret", result.output)


def test_demo_refuses_production_mode(fresh_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZAAKWERK_MODE", "production")
    result = runner.invoke(cli, ["demo", "--no-serve"])
    assert result.exit_code == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.mark.multiprocess
@pytest.mark.skipif(TEST_DB != "sqlite", reason="the demo runs on its embedded SQLite default")
def test_demo_command_serves_the_apis_with_the_printed_client(tmp_path: Path) -> None:
    """What a newcomer does: `zaakwerk demo`, then call the API with the printed credentials."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZAAKWERK_")}
    env.update({"ZAAKWERK_PORT": str(port), "ZAAKWERK_DATA_DIR": str(tmp_path / "var")})
    proc = subprocess.Popen(
        [sys.executable, "-m", "zaakwerk", "demo"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/catalogi/api/v1/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("demo did not come up within 90 s")
        headers = auth_header("zaakwerk-demo", "zaakwerk-demo-geheim-niet-voor-productie")
        zaaktypen = httpx.get(f"{base}/catalogi/api/v1/zaaktypen", headers=headers, timeout=10)
        assert zaaktypen.status_code == 200
        omschrijvingen = {z["omschrijving"].lower() for z in zaaktypen.json()["results"]}
        assert any("kwijtschelding" in o for o in omschrijvingen)
        assert zaaktypen.json()["count"] >= 9
        assert httpx.get(f"{base}/catalogi/api/v1/zaaktypen", timeout=10).status_code in (401, 403)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
