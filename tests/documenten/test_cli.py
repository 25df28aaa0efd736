"""``zaakwerk documenten opruimen``: an operator removes stored content no document version refers to."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zaakwerk.documenten.cli import app
from zaakwerk.documenten.storage import LocalStorage


def test_opruimen_removes_content_without_a_version(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZAAKWERK_DATABASE_URL", database_url)
    monkeypatch.setenv("ZAAKWERK_DOCUMENTEN_DIR", str(tmp_path / "opslag"))
    storage = LocalStorage(tmp_path / "opslag")
    blob = asyncio.run(storage.store([b"verweesd"], max_size=100))

    kept = CliRunner().invoke(app, ["opruimen"])
    assert kept.exit_code == 0, kept.output
    assert "0 bestand(en)" in kept.output  # younger than the waiting time
    removed = CliRunner().invoke(app, ["opruimen", "--wachttijd", "-1"])
    assert removed.exit_code == 0, removed.output
    assert "1 bestand(en)" in removed.output
    assert not (tmp_path / "opslag" / blob.key).exists()
