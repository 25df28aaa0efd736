"""Migrations from empty, on the engine under test: they build exactly the models' schema and can be undone."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from tests.conftest import TEST_DB
from tests.helpers import create_database, drop_database, schema_differences
from zaakwerk.core.db import Database
from zaakwerk.migrations import downgrade, upgrade


@pytest.fixture
def empty_url(tmp_path: Path) -> Iterator[str]:
    if TEST_DB == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'leeg.db'}"
        return
    url = asyncio.run(create_database(TEST_DB, f"zaakwerk_mig_{uuid.uuid4().hex[:8]}"))
    yield url
    asyncio.run(drop_database(TEST_DB, url))


def _tables(url: str) -> set[str]:
    async def run() -> set[str]:
        db = Database(url)
        try:
            async with db.reader.connect() as conn:
                return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        finally:
            await db.dispose()

    return asyncio.run(run())


def test_upgrade_from_empty_matches_the_models(empty_url: str) -> None:
    upgrade(empty_url)
    assert asyncio.run(schema_differences(empty_url)) == []
    tables = _tables(empty_url)
    assert {"job", "audittrail", "ac_applicatie", "ztc_zaaktype"} <= tables


def test_downgrade_to_empty_and_up_again(empty_url: str) -> None:
    upgrade(empty_url)
    downgrade(empty_url, "base")
    assert _tables(empty_url) <= {"alembic_version"}
    upgrade(empty_url)
    assert asyncio.run(schema_differences(empty_url)) == []
