"""SQLite keeps planner statistics because the app refreshes them at start-up (PostgreSQL: autovacuum does)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from tests.zaken.conftest import Catalogus, insert_zaak
from zaakwerk.app import create_app
from zaakwerk.config import Settings


async def test_sqlite_statistics_are_refreshed_at_start(app: FastAPI, settings: Settings, catalogus: Catalogus) -> None:
    if not app.state.db.is_sqlite:
        pytest.skip("PostgreSQL keeps its statistics with autovacuum")
    for _ in range(3):
        await insert_zaak(app, catalogus["VBG-KLACHT"])
    async with app.state.db.writer.begin() as conn:
        await conn.exec_driver_sql("DELETE FROM sqlite_stat1")
    again = create_app(settings)
    async with again.router.lifespan_context(again), again.state.db.reader.connect() as conn:
        tables = set((await conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))).scalars())
    assert "zrc_zaak" in tables
