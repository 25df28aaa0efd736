"""Helpers shared by tests: test databases, JWTs for API clients."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import asyncpg
import jwt
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import make_url

from zaakwerk.core.db import Base, Database
from zaakwerk.migrations import upgrade
from zaakwerk.models import load_all_models


def _dsn(url: str) -> str:
    u = make_url(url)
    return u.set(drivername="postgresql").render_as_string(hide_password=False)


async def create_database(admin_url: str, name: str) -> str:
    conn = await asyncpg.connect(_dsn(admin_url))
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


async def drop_database(admin_url: str, url: str) -> None:
    name = make_url(url).database
    conn = await asyncpg.connect(_dsn(admin_url))
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def migrate_database(url: str) -> None:
    """The real migrations, then a check that they produce exactly the models' schema."""
    upgrade(url)
    diffs = asyncio.run(schema_differences(url))
    if diffs:
        raise RuntimeError(
            "The models differ from the migrations; add a migration "
            f"(alembic revision --autogenerate, see docs/architecture.md): {diffs[:5]}"
        )


async def schema_differences(url: str) -> list[Any]:
    load_all_models()
    database = Database(url)
    try:
        async with database.reader.connect() as conn:
            return await conn.run_sync(
                lambda sync_conn: compare_metadata(
                    MigrationContext.configure(sync_conn, opts={"compare_type": True}), Base.metadata
                )
            )
    finally:
        await database.dispose()


def make_jwt(client_id: str, secret: str, **claims: Any) -> str:
    payload: dict[str, Any] = {
        "iss": client_id,
        "iat": int(time.time()),
        "client_id": client_id,
        "user_id": "test-gebruiker",
        "user_representation": "Test Gebruiker",
    }
    payload.update(claims)
    return jwt.encode(payload, secret, algorithm="HS256")


def auth_header(client_id: str, secret: str, **claims: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_jwt(client_id, secret, **claims)}"}
