"""All settings of Zaakwerk, read from ``ZAAKWERK_*`` environment variables (or a ``.env`` file).

Every field carries its documentation in ``description``; ``docs/configuration.md`` is generated from it
(``zaakwerk check --docs``) and a test keeps the two in step.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Mode(StrEnum):
    demo = "demo"
    production = "production"


DEMO_SECRET = "demo-niet-voor-productie"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZAAKWERK_", env_file=".env", extra="ignore")

    mode: Mode = Field(
        Mode.demo,
        description="`demo` (embedded: test registries, test identity provider, demo data) or `production` "
        "(refuses to start with any demo-only part enabled and requires real secrets).",
    )
    data_dir: Path = Field(Path("var"), description="Folder for the SQLite file, documents and other local state.")
    database_url: str = Field(
        "",
        description="SQLAlchemy async URL. Empty: SQLite file `<data_dir>/zaakwerk.db`. PostgreSQL: "
        "`postgresql+asyncpg://user:pass@host:5432/zaakwerk`.",
    )
    database_pool_size: int = Field(
        24,
        description="Connections a process keeps open to PostgreSQL (it may open as many again for a burst). Set it "
        "at least to the concurrent requests one process serves: connections beyond it are closed after each "
        "request, and opening one costs more than the request.",
    )
    base_url: str = Field(
        "",
        description="Public base URL (e.g. `https://zaken.gemeente.nl`). Empty: taken from each request "
        "(Host header / X-Forwarded-*), which suits a single host.",
    )
    secret_key: str = Field(
        DEMO_SECRET,
        description="Secret for sessions and CSRF tokens. Must be set (at least 32 characters) in production.",
    )
    host: str = Field("127.0.0.1", description="Address `zaakwerk serve` and `demo` listen on.")
    port: int = Field(8000, description="Port `zaakwerk serve` and `demo` listen on.")
    workers: int = Field(1, description="Web processes started by `zaakwerk serve` (use one per core).")
    log_level: str = Field("info", description="Log level: debug, info, warning, error.")
    log_json: bool = Field(False, description="Write logs as JSON lines (recommended in production).")
    page_size: int = Field(100, description="Results per page on ZGW list endpoints.")
    max_body_size: int = Field(
        10 * 1024 * 1024, description="Largest accepted JSON request body in bytes; larger bodies get 413."
    )
    jwt_max_age: int = Field(
        3600, description="Maximum age in seconds of a ZGW JWT (from its `iat` claim) before it is refused."
    )
    jwt_leeway: int = Field(10, description="Clock skew in seconds tolerated on `iat` and `exp`.")
    auth_cache_seconds: float = Field(
        60.0,
        description="How long a process may keep an API client's rights without re-checking the database. "
        "Changes are announced to all processes at once (PostgreSQL LISTEN/NOTIFY, or a version row on "
        "SQLite); this is only the safety net.",
    )
    referentielijsten_url: str = Field(
        "",
        description="Referentielijsten/Selectielijst API used for the selectielijst and communicatiekanaal "
        "checks. Empty: the one Zaakwerk serves itself at `/referentielijsten/api/v1`.",
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description='Hosts outgoing connections may reach (JSON list, e.g. `["brp.example.nl"]`). '
        "Loopback addresses are allowed in demo mode only.",
    )
    outgoing_timeout: float = Field(10.0, description="Timeout in seconds for one outgoing HTTP call.")
    outgoing_retries: int = Field(2, description="Retries of a failed idempotent outgoing call.")
    circuit_failures: int = Field(
        5, description="Consecutive failures after which an outgoing endpoint's circuit opens."
    )
    circuit_reset_seconds: float = Field(30.0, description="How long an open circuit waits before a trial call.")
    worker_in_process: bool | None = Field(
        None,
        description="Run the job worker inside the web process. Empty: on in demo mode, off in production "
        "(run `zaakwerk worker` processes instead).",
    )
    worker_poll_seconds: float = Field(1.0, description="How often an idle job worker looks for new jobs.")
    worker_concurrency: int = Field(4, description="Jobs one worker process runs at the same time.")
    zaak_identificatie_patroon: str = Field(
        "ZAAK-{jaar}-{volgnummer:07d}",
        description="How generated zaak identificaties look: a Python format string with `{jaar}` (year of the "
        "registratiedatum), `{volgnummer}` (sequence per bronorganisatie and year, e.g. `{volgnummer:07d}`) and "
        "optionally `{rsin}` (the bronorganisatie). At most 40 characters once filled in.",
    )
    zaak_identificatie_patronen: dict[str, str] = Field(
        default_factory=dict,
        description="Per bronorganisatie (RSIN) a pattern that replaces `ZAAKWERK_ZAAK_IDENTIFICATIE_PATROON` "
        '(JSON object, e.g. `{"002220647": "BOX-{jaar}-{volgnummer:05d}"}`).',
    )
    besluit_identificatie_patroon: str = Field(
        "BESLUIT-{jaar}-{volgnummer:010d}",
        description="How generated besluit identificaties look (brc-002): a Python format string with `{jaar}` (the "
        "year the besluit is registered), `{volgnummer}` (sequence per verantwoordelijke organisatie and year) and "
        "optionally `{rsin}` (the verantwoordelijke organisatie). At most 50 characters once filled in.",
    )
    zaak_identificatie_voorraad: int = Field(
        10,
        ge=1,
        le=1000,
        description="PostgreSQL: how many zaak volgnummers a process takes from the counter at a time, so concurrent "
        "creates never wait for each other's number. Numbers are then in creation order per process, and a stopped "
        "process leaves the rest of its block unused (a gap in the numbering). 1: gaps only from failed creates.",
    )
    documenten_dir: Path | None = Field(
        None,
        description="Folder where the Documenten API stores document content (one file per distinct content, named "
        "by its SHA-256). Empty: `<data_dir>/documenten`.",
    )
    documenten_max_size: int = Field(
        100 * 1024 * 1024,
        description="Largest document content in bytes the Documenten API accepts; larger content gets a 400 naming "
        "`inhoud`. Request bodies to the Documenten API may be as large as this content in base64 plus 1 MiB.",
    )
    demo_client_id: str = Field("zaakwerk-demo", description="Client id of the demo API client (demo mode).")
    demo_secret: str = Field(
        "zaakwerk-demo-geheim-niet-voor-productie", description="Secret of the demo API client (demo mode only)."
    )

    @model_validator(mode="after")
    def _identificatie_patronen(self) -> Settings:
        for patroon in (
            self.zaak_identificatie_patroon,
            *self.zaak_identificatie_patronen.values(),
            self.besluit_identificatie_patroon,
        ):
            if "{volgnummer" not in patroon:
                raise ValueError(f"Identificatiepatroon '{patroon}' mist {{volgnummer}}.")
            try:
                patroon.format(jaar=2000, volgnummer=1, rsin="000000000")
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(f"Ongeldig identificatiepatroon '{patroon}': {exc}") from None
        return self

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'zaakwerk.db'}"
        return self

    @cached_property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def run_worker_in_process(self) -> bool:
        if self.worker_in_process is None:
            return self.mode is Mode.demo
        return self.worker_in_process

    def production_problems(self) -> list[str]:
        """What stops this configuration from running in production mode (empty when fine)."""
        problems: list[str] = []
        if self.mode is not Mode.production:
            return problems
        if self.secret_key == DEMO_SECRET or len(self.secret_key) < 32:
            problems.append("ZAAKWERK_SECRET_KEY must be set to a random value of at least 32 characters.")
        if self.is_sqlite:
            problems.append("ZAAKWERK_DATABASE_URL must point at PostgreSQL in production.")
        if not self.base_url:
            problems.append("ZAAKWERK_BASE_URL must be set in production (the public URL of this installation).")
        return problems

    def public_dict(self) -> dict[str, Any]:
        """Settings for display, secrets masked."""
        data = self.model_dump(mode="json")
        for key in ("secret_key", "demo_secret"):
            data[key] = "***"
        return data


def get_settings(**overrides: Any) -> Settings:
    return Settings(**overrides)
