"""Rights changes take effect at once in every process: two real uvicorn servers on one PostgreSQL database.

Each server keeps tokens and rights in memory for an hour here; a change made through one server (or by any other
process) is honoured by the process that made it on the next request, and by the others as soon as PostgreSQL has
delivered the NOTIFY (milliseconds).
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from tests.autorisaties.conftest import ac, register
from tests.helpers import auth_header
from zaakwerk.autorisaties import service
from zaakwerk.config import Settings
from zaakwerk.core.uow import UnitOfWork

pytestmark = pytest.mark.multiprocess

BASE = "/autorisaties/api/v1"
GEHEIM = "een-geheim-van-minstens-32-tekens-lang"
START_TIMEOUT = 30.0
# NOTIFY is delivered to each listening process asynchronously, within milliseconds of the commit; a request that
# reaches another process in that instant may still be served with the old rights. The bound is generous for busy
# CI machines and still far below the cache lifetime the servers run with.
PROPAGATION_BOUND = 2.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(settings: Settings, tmp_path: Path, name: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "ZAAKWERK_DATABASE_URL": settings.database_url,
        "ZAAKWERK_DATA_DIR": str(tmp_path / name),
        "ZAAKWERK_WORKER_IN_PROCESS": "false",
        "ZAAKWERK_PORT": str(port),
        "ZAAKWERK_LOG_LEVEL": "warning",
        # Far beyond the test's bounds: whatever the test sees is invalidation, never the cache expiring.
        "ZAAKWERK_AUTH_CACHE_SECONDS": "3600",
    }
    log = (tmp_path / f"{name}.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "zaakwerk.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


async def _wait_until_up(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    async with httpx.AsyncClient(timeout=2) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"server gestopt:\n{_tail(log)}")
            try:
                if (await client.get(f"{url}{BASE}/openapi.json")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError(f"server niet op tijd gestart:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:]


@pytest.fixture
async def servers(app: FastAPI, settings: Settings, tmp_path: Path) -> AsyncIterator[tuple[str, str]]:
    if settings.is_sqlite:
        pytest.skip("several server processes share one database only on PostgreSQL")
    procs = [_start(settings, tmp_path, name) for name in ("a", "b")]
    try:
        for (proc, url), name in zip(procs, ("a", "b"), strict=True):
            await _wait_until_up(proc, url, tmp_path / f"{name}.log")
        yield procs[0][1], procs[1][1]
    finally:
        for proc, _ in procs:
            proc.terminate()
        for proc, _ in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


async def test_rights_changes_apply_at_once_in_every_process(app: FastAPI, servers: tuple[str, str]) -> None:
    a, b = servers
    beheerder = await register(app, "beheerder", secret=GEHEIM, alle=True)
    lezer = await register(app, "lezer", secret=GEHEIM, autorisaties=[ac("autorisaties.lezen")])
    attempts: list[int] = []

    async with httpx.AsyncClient(timeout=10) as http:

        async def status_on(server: str, headers: dict[str, str]) -> int:
            return (await http.get(f"{server}{BASE}/applicaties", headers=headers)).status_code

        async def becomes(server: str, headers: dict[str, str], expected: int) -> None:
            """The change reaches ``server``: at once, or within the NOTIFY delivery time (milliseconds)."""
            start = time.monotonic()
            tries = 1
            while (status := await status_on(server, headers)) != expected:
                assert time.monotonic() - start < PROPAGATION_BOUND, f"{server}: {status}, verwacht {expected}"
                await asyncio.sleep(0.002)
                tries += 1
            attempts.append(tries)

        # Both servers now hold the lezer's token and rights in their caches.
        assert await status_on(a, lezer) == 200
        assert await status_on(b, lezer) == 200
        url = (await http.get(f"{a}{BASE}/applicaties/consumer?clientId=lezer", headers=beheerder)).json()["url"]
        path = url.removeprefix(url.split(BASE)[0])

        for _ in range(5):
            taken = await http.patch(
                a + path,
                json={"autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}]},
                headers=beheerder,
            )
            assert taken.status_code == 200, taken.text
            assert await status_on(a, lezer) == 403  # the writing process itself: strictly at once
            await becomes(b, lezer, 403)
            given = await http.patch(
                a + path,
                json={"autorisaties": [{"component": "ac", "scopes": ["autorisaties.lezen"]}]},
                headers=beheerder,
            )
            assert given.status_code == 200
            assert await status_on(a, lezer) == 200
            await becomes(b, lezer, 200)

        # A third process (this one) rotates the secret: both servers refuse the old token.
        async with UnitOfWork(app.state.sessionmaker) as uow:
            new_secret = await service.set_credentials(uow, "lezer")
        await becomes(b, lezer, 401)
        await becomes(a, lezer, 401)
        fresh = auth_header("lezer", new_secret)
        assert await status_on(b, fresh) == 200

        # Deleted through b: a no longer knows the applicatie.
        assert (await http.delete(b + path, headers=beheerder)).status_code == 204
        assert await status_on(b, fresh) == 403
        await becomes(a, fresh, 403)

    # Mostly the very first request after the change already sees it: NOTIFY is rarely behind the next request.
    assert attempts.count(1) * 2 >= len(attempts), attempts
