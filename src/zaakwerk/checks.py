"""``zaakwerk check``: is this installation configured and connected as it should be?"""

from __future__ import annotations

import asyncio

from sqlalchemy import inspect, text

from zaakwerk.config import Settings
from zaakwerk.core.db import Database

CheckResult = tuple[str, bool, str]


async def run_checks(settings: Settings) -> list[CheckResult]:
    results: list[CheckResult] = [("modus", True, settings.mode.value)]
    problems = settings.production_problems()
    results.append(("productie-instellingen", not problems, "; ".join(problems) or "geen bezwaren"))
    results.append(await _database(settings))
    results.append(await _migrations(settings))
    results.append(await _referentielijsten(settings))
    return results


async def _database(settings: Settings) -> CheckResult:
    db = Database(settings.database_url)
    try:
        async with db.reader.connect() as conn:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=5)
        return ("database", True, _masked(settings.database_url))
    except Exception as exc:
        return ("database", False, f"{_masked(settings.database_url)}: {exc.__class__.__name__}: {exc}")
    finally:
        await db.dispose()


async def _migrations(settings: Settings) -> CheckResult:
    from alembic.script import ScriptDirectory

    from zaakwerk.migrations import alembic_config

    heads = set(ScriptDirectory.from_config(alembic_config(settings.database_url)).get_heads())
    db = Database(settings.database_url)
    current: set[str] = set()
    try:
        async with db.reader.connect() as conn:
            # Ask before selecting: a failed statement on an empty database is noise, not information.
            if await conn.run_sync(lambda c: inspect(c).has_table("alembic_version")):
                rows = await conn.execute(text("SELECT version_num FROM alembic_version"))
                current = {r[0] for r in rows}
    except Exception as exc:
        return ("migraties", False, f"niet leesbaar ({exc.__class__.__name__}); voer `zaakwerk migrate` uit")
    finally:
        await db.dispose()
    if current == heads:
        return ("migraties", True, "schema is bijgewerkt")
    return ("migraties", False, "voer `zaakwerk migrate` uit")


async def _referentielijsten(settings: Settings) -> CheckResult:
    if not settings.referentielijsten_url:
        return ("referentielijsten", True, "ingebouwd (/referentielijsten/api/v1)")
    from zaakwerk.core.koppelingen import check_reachable

    ok, detail = await check_reachable(settings, settings.referentielijsten_url)
    return ("referentielijsten", ok, detail)


def _masked(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
