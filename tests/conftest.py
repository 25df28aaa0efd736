"""Test fixtures: one fresh database per test session (SQLite file or a new PostgreSQL database), migrated with
the real migrations, emptied after every test; an app with its lifespan running; an HTTP client against it.

``ZAAKWERK_TEST_DATABASE_URL`` chooses the engine: empty/``sqlite`` for SQLite, or a PostgreSQL URL such as
``postgresql+asyncpg://postgres@127.0.0.1:5432/test`` (a new database is created next to it and dropped after).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.helpers import create_database, drop_database, migrate_database
from zaakwerk.app import create_app
from zaakwerk.config import Settings
from zaakwerk.core.db import Base, Database
from zaakwerk.models import load_all_models

TEST_DB = os.environ.get("ZAAKWERK_TEST_DATABASE_URL", "sqlite") or "sqlite"


def pytest_report_header() -> str:
    return f"zaakwerk test database: {TEST_DB}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if TEST_DB == "sqlite":
        path: Path = tmp_path_factory.mktemp("db") / "zaakwerk.db"
        url = f"sqlite+aiosqlite:///{path}"
        migrate_database(url)
        yield url
        return
    url = asyncio.run(create_database(TEST_DB, f"zaakwerk_t_{uuid.uuid4().hex[:10]}"))
    try:
        migrate_database(url)
        yield url
    finally:
        asyncio.run(drop_database(TEST_DB, url))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        data_dir=tmp_path,
        base_url="http://testserver",
        worker_in_process=False,
    )


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application
        await _empty(application.state.db)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
async def db(app: FastAPI) -> Database:
    database: Database = app.state.db
    return database


async def empty_database(url: str) -> None:
    database = Database(url)
    try:
        await _empty(database)
    finally:
        await database.dispose()


async def _empty(database: Database) -> None:
    """Every table emptied, children first. DELETE, not TRUNCATE: the tables hold a few rows per test, and TRUNCATE
    of some fifty tables costs PostgreSQL about a second (new files per table)."""
    load_all_models()
    async with database.writer.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in ("alembic_version", "zrc_zaak_telling"):
                await conn.execute(table.delete())
        # Last: deleting the zaken made their triggers count them down in it.
        await conn.execute(text("DELETE FROM zrc_zaak_telling"))
