"""``zaakwerk applicatie add``: the first API client comes from the command line."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI
from typer.testing import CliRunner, Result

from tests.autorisaties.test_api import BASE
from tests.helpers import auth_header
from zaakwerk.autorisaties.cli import app as cli
from zaakwerk.config import Settings


async def invoke(settings: Settings, *args: str) -> Result:
    env = {"ZAAKWERK_DATABASE_URL": settings.database_url, "ZAAKWERK_BASE_URL": "http://testserver"}
    # The command runs its own event loop, so it gets a thread of its own.
    return await asyncio.to_thread(CliRunner().invoke, cli, list(args), env=env)


def value(output: str, key: str) -> str:
    return next(line.split(":", 1)[1].strip() for line in output.splitlines() if line.startswith(key + ":"))


async def test_add_prints_client_id_and_secret_that_work(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    result = await invoke(
        settings,
        "add",
        "--label",
        "Zaakafhandelcomponent",
        "--scope",
        "ac:autorisaties.lezen",
        "--scope",
        "ztc:catalogi.lezen",
    )
    assert result.exit_code == 0, result.output
    client_id = value(result.output, "client id")
    secret = value(result.output, "secret")
    assert client_id.startswith("zaakafhandelcomponent-")
    assert len(secret) >= 32
    assert "niet opnieuw getoond" in result.output

    r = await client.get(f"{BASE}/applicaties/consumer?clientId={client_id}", headers=auth_header(client_id, secret))
    assert r.status_code == 200, r.text
    assert r.json()["label"] == "Zaakafhandelcomponent"
    assert [(a["component"], a["scopes"]) for a in r.json()["autorisaties"]] == [
        ("ac", ["autorisaties.lezen"]),
        ("ztc", ["catalogi.lezen"]),
    ]
    denied = await client.post(f"{BASE}/applicaties", json={}, headers=auth_header(client_id, secret))
    assert denied.status_code == 403


async def test_add_with_given_id_secret_and_all_rights(
    app: FastAPI, client: httpx.AsyncClient, settings: Settings
) -> None:
    secret = "[een-eigen-geheim-met-haken-en-meer-dan-32-tekens]"
    result = await invoke(
        settings, "add", "--label", "Beheer", "--client-id", "beheer", "--secret", secret, "--alle-autorisaties"
    )
    assert result.exit_code == 0, result.output
    assert value(result.output, "client id") == "beheer"
    assert value(result.output, "secret") == secret
    r = await client.post(
        f"{BASE}/applicaties",
        json={"clientIds": ["x"], "label": "X", "heeftAlleAutorisaties": True},
        headers=auth_header("beheer", secret),
    )
    assert r.status_code == 201

    again = await invoke(settings, "add", "--label", "Nog een", "--client-id", "beheer", "--alle-autorisaties")
    assert again.exit_code == 1
    assert "clientIds" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "zrc:zaken.lezen"], "autorisaties.0.zaaktype"),  # ac-003: the CLI gives no zaaktype
        ([], "nonFieldErrors"),  # ac-002: no rights at all
    ],
)
async def test_add_refuses_what_the_rules_refuse(
    app: FastAPI, settings: Settings, args: list[str], message: str
) -> None:
    result = await invoke(settings, "add", "--label", "Fout", *args)
    assert result.exit_code == 1
    assert message in result.output


async def test_add_refuses_a_malformed_scope(app: FastAPI, settings: Settings) -> None:
    result = await invoke(settings, "add", "--label", "Fout", "--scope", "catalogi.lezen")
    assert result.exit_code == 2
    assert "COMPONENT:SCOPE" in result.output
