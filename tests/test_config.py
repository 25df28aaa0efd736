"""Settings, modes and the generated configuration reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from zaakwerk.app import ConfigurationError, create_app
from zaakwerk.config import Settings
from zaakwerk.configdocs import configuration_markdown

ROOT = Path(__file__).resolve().parents[1]


def test_configuration_docs_list_every_variable_and_are_current() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`ZAAKWERK_{name.upper()}`" in text
    assert text == configuration_markdown(), "run: zaakwerk check --config-docs > docs/configuration.md"


def test_default_is_demo_mode_on_sqlite_under_var(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("ZAAKWERK_MODE", "ZAAKWERK_DATABASE_URL", "ZAAKWERK_DATA_DIR"):
        monkeypatch.delenv(key, raising=False)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.mode.value == "demo"
    assert s.database_url == "sqlite+aiosqlite:///var/zaakwerk.db"
    assert s.run_worker_in_process is True


def test_production_refuses_demo_secret_sqlite_and_missing_base_url() -> None:
    s = Settings(_env_file=None, mode="production")  # type: ignore[call-arg]
    problems = s.production_problems()
    assert any("SECRET_KEY" in p for p in problems)
    assert any("PostgreSQL" in p for p in problems)
    assert any("BASE_URL" in p for p in problems)
    with pytest.raises(ConfigurationError):
        create_app(s)


def test_production_accepts_a_complete_configuration() -> None:
    s = Settings(
        _env_file=None,  # type: ignore[call-arg]
        mode="production",
        secret_key="x" * 40,
        database_url="postgresql+asyncpg://zaakwerk@db/zaakwerk",
        base_url="https://zaken.voorbeeld.nl",
    )
    assert s.production_problems() == []
    assert s.run_worker_in_process is False
    create_app(s)


def test_public_dict_masks_secrets() -> None:
    s = Settings(_env_file=None, secret_key="geheim" * 10)  # type: ignore[call-arg]
    assert s.public_dict()["secret_key"] == "***"
