"""ZGW JWT authentication and scope checks: the matrix on every endpoint, token rules, caches and invalidation."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import jwt
import pytest
from fastapi import Depends, FastAPI
from sqlalchemy import event, select, text
from starlette.responses import Response

from tests.autorisaties._contract import check
from tests.autorisaties.conftest import ac, register
from tests.autorisaties.test_api import BASE, body
from tests.conftest import empty_database
from tests.helpers import auth_header, make_jwt
from zaakwerk.app import create_app
from zaakwerk.autorisaties import _versie, service
from zaakwerk.autorisaties._versie import LISTENER_NAME
from zaakwerk.autorisaties.auth import Authenticator, Principal, require
from zaakwerk.autorisaties.models import ApplicatieClientId
from zaakwerk.autorisaties.service import AutorisatieData
from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.core.versioncache import sqlite_file
from zaakwerk.core.zgw.component import Component
from zaakwerk.core.zgw.responses import json_response

LEZER = "lezer"
SCHRIJVER = "schrijver"
ZONDER_APP = "zonder-applicatie"
GEHEIM = "een-geheim-van-minstens-32-tekens-lang"
LEZEN = "autorisaties.lezen"
BIJWERKEN = "autorisaties.bijwerken"


@pytest.fixture
async def clients(app: FastAPI) -> dict[str, str]:
    """A target applicatie to act on, a reader, a writer and a client id with a secret but no applicatie."""
    await register(app, LEZER, secret=GEHEIM, autorisaties=[ac(LEZEN)])
    await register(app, SCHRIJVER, secret=GEHEIM, autorisaties=[ac(BIJWERKEN)])
    async with UnitOfWork(app.state.sessionmaker) as uow:
        target = await service.create_applicatie(uow, label="Doel", client_ids=["doel"], heeft_alle_autorisaties=True)
        await service.set_credentials(uow, ZONDER_APP, GEHEIM)
    return {"detail": f"{BASE}/applicaties/{target}"}


ENDPOINTS: list[tuple[str, str, str, Any, int]] = [
    ("GET", "/applicaties", LEZEN, None, 200),
    ("POST", "/applicaties", BIJWERKEN, body(), 201),
    ("GET", "/applicaties/consumer?clientId=doel", LEZEN, None, 200),
    ("GET", "{detail}", LEZEN, None, 200),
    ("HEAD", "{detail}", LEZEN, None, 200),
    ("PUT", "{detail}", BIJWERKEN, {"clientIds": ["doel"], "label": "Doel 2"}, 200),
    ("PATCH", "{detail}", BIJWERKEN, {"label": "Doel 3"}, 200),
    ("DELETE", "{detail}", BIJWERKEN, None, 204),
]


def _headers(case: str, scope: str) -> dict[str, str]:
    right = LEZER if scope == LEZEN else SCHRIJVER
    wrong = SCHRIJVER if scope == LEZEN else LEZER
    match case:
        case "geen token":
            return {}
        case "foute handtekening":
            return auth_header(right, "een-ander-geheim-van-minstens-32-tekens")
        case "te oud":
            return auth_header(right, GEHEIM, iat=int(time.time()) - 3600 - 10 - 60)
        case "onbekende client":
            return auth_header("onbekend", GEHEIM)
        case "geen applicatie":
            return auth_header(ZONDER_APP, GEHEIM)
        case "scope ontbreekt":
            return auth_header(wrong, GEHEIM)
        case _:
            return auth_header(right, GEHEIM)


CASES = [
    ("geen token", 401, "not_authenticated"),
    ("foute handtekening", 401, "not_authenticated"),
    ("te oud", 401, "not_authenticated"),
    ("onbekende client", 401, "not_authenticated"),
    ("geen applicatie", 403, "permission_denied"),
    ("scope ontbreekt", 403, "permission_denied"),
    ("juiste scope", 0, ""),
]


@pytest.mark.parametrize(
    ("method", "path", "scope", "payload", "ok"), ENDPOINTS, ids=[f"{e[0]} {e[1]}" for e in ENDPOINTS]
)
@pytest.mark.parametrize(("case", "status", "code"), CASES, ids=[c[0] for c in CASES])
async def test_authorisation_matrix(
    client: httpx.AsyncClient,
    clients: dict[str, str],
    method: str,
    path: str,
    scope: str,
    payload: Any,
    ok: int,
    case: str,
    status: int,
    code: str,
) -> None:
    url = path.format(**clients) if path.startswith("{") else BASE + path
    r = await client.request(method, url, json=payload, headers=_headers(case, scope))
    assert r.status_code == (status or ok), r.text
    if method != "HEAD":
        check(r)
        if code:
            assert r.json()["code"] == code
            assert r.headers["content-type"] == "application/problem+json"


async def test_authentication_comes_before_reading_the_body(client: httpx.AsyncClient) -> None:
    r = await client.post(f"{BASE}/applicaties", content=b"{kapot", headers={"Content-Type": "application/json"})
    assert r.status_code == 401


@pytest.mark.parametrize(
    ("case", "token"),
    [
        ("ander schema", "Basic " + "YWRtaW46YWRtaW4="),
        ("leeg bearer", "Bearer "),
        ("geen jwt", "Bearer niet.een.jwt"),
        ("alg none", "Bearer " + jwt.encode({"client_id": LEZER, "iat": int(time.time())}, None, algorithm="none")),
        ("HS512", "Bearer " + jwt.encode({"client_id": LEZER, "iat": int(time.time())}, GEHEIM * 2, algorithm="HS512")),
        ("zonder iat", "Bearer " + jwt.encode({"client_id": LEZER}, GEHEIM, algorithm="HS256")),
        # Built at collection time: an hour ahead stays in the future however long the suite runs before it.
        ("iat in de toekomst", "Bearer " + make_jwt(LEZER, GEHEIM, iat=int(time.time()) + 3600)),
        ("exp verstreken", "Bearer " + make_jwt(LEZER, GEHEIM, exp=int(time.time()) - 60)),
        ("zonder client", "Bearer " + jwt.encode({"iat": int(time.time())}, GEHEIM, algorithm="HS256")),
    ],
)
async def test_bad_tokens_are_401(client: httpx.AsyncClient, clients: dict[str, str], case: str, token: str) -> None:
    r = await client.get(f"{BASE}/applicaties", headers={"Authorization": token})
    assert r.status_code == 401, r.text
    check(r)
    assert r.json()["code"] == "not_authenticated"


async def test_leeway_and_iss_as_client_id(client: httpx.AsyncClient, clients: dict[str, str]) -> None:
    slightly_future = auth_header(LEZER, GEHEIM, iat=int(time.time()) + 5)
    assert (await client.get(f"{BASE}/applicaties", headers=slightly_future)).status_code == 200
    # Older clients name themselves in ``iss`` only.
    token = jwt.encode({"iss": LEZER, "iat": int(time.time())}, GEHEIM, algorithm="HS256")
    r = await client.get(f"{BASE}/applicaties", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200


async def test_a_cached_token_still_ages(client: httpx.AsyncClient, clients: dict[str, str]) -> None:
    headers = auth_header(LEZER, GEHEIM)
    assert (await client.get(f"{BASE}/applicaties", headers=headers)).status_code == 200
    later = clock.now() + dt.timedelta(seconds=3600 + 11)
    clock.set_clock(lambda: later)
    try:
        r = await client.get(f"{BASE}/applicaties", headers=headers)
    finally:
        clock.set_clock(None)
    assert r.status_code == 401
    assert "verlopen" in r.json()["detail"]


async def test_rights_changed_through_the_api_apply_at_once(
    client: httpx.AsyncClient, clients: dict[str, str], beheerder: dict[str, str]
) -> None:
    lezer = auth_header(LEZER, GEHEIM)
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 200
    consumer = (await client.get(f"{BASE}/applicaties/consumer?clientId={LEZER}", headers=beheerder)).json()
    changed = await client.patch(
        consumer["url"], json={"autorisaties": [{"component": "ztc", "scopes": ["catalogi.lezen"]}]}, headers=beheerder
    )
    assert changed.status_code == 200
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 403
    await client.patch(consumer["url"], json={"heeftAlleAutorisaties": True, "autorisaties": []}, headers=beheerder)
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 200
    await client.delete(consumer["url"], headers=beheerder)
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 403


async def test_a_new_secret_refuses_old_tokens_at_once(
    client: httpx.AsyncClient, clients: dict[str, str], app: FastAPI
) -> None:
    old = auth_header(LEZER, GEHEIM)
    assert (await client.get(f"{BASE}/applicaties", headers=old)).status_code == 200
    async with UnitOfWork(app.state.sessionmaker) as uow:
        new_secret = await service.set_credentials(uow, LEZER)
    assert (await client.get(f"{BASE}/applicaties", headers=old)).status_code == 401
    assert (await client.get(f"{BASE}/applicaties", headers=auth_header(LEZER, new_secret))).status_code == 200
    async with UnitOfWork(app.state.sessionmaker) as uow:
        assert await service.delete_credentials(uow, LEZER)
    assert (await client.get(f"{BASE}/applicaties", headers=auth_header(LEZER, new_secret))).status_code == 401


async def _change_elsewhere(app: FastAPI, monkeypatch: pytest.MonkeyPatch, scopes: list[str]) -> None:
    """Change the lezer's rights as another process would: without this process's after-commit hook."""
    monkeypatch.setattr(_versie.RECHTEN, "listeners", [])
    async with UnitOfWork(app.state.sessionmaker) as uow:
        applicatie = await uow.session.scalar(
            select(ApplicatieClientId.applicatie_uuid).where(ApplicatieClientId.client_id == LEZER)
        )
        assert applicatie is not None
        await service.update_applicatie(uow, applicatie, autorisaties=[AutorisatieData(component="ac", scopes=scopes)])
    monkeypatch.undo()


async def _eventually(check_: Callable[[], Awaitable[bool]], seconds: float = 3.0) -> tuple[int, float]:
    """(attempts, seconds) until ``check_`` holds."""
    start = time.monotonic()
    attempts = 1
    while not await check_():
        if time.monotonic() - start > seconds:
            raise AssertionError("niet binnen de tijd")
        await asyncio.sleep(0.01)
        attempts += 1
    return attempts, time.monotonic() - start


async def test_changes_by_another_process_are_noticed(
    client: httpx.AsyncClient, clients: dict[str, str], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    lezer = auth_header(LEZER, GEHEIM)
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 200
    await _change_elsewhere(app, monkeypatch, [BIJWERKEN])

    async def refused() -> bool:
        return (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 403

    attempts, waited = await _eventually(refused)
    auth: Authenticator = app.state.autorisaties
    if app.state.db.is_sqlite:
        assert attempts == 1  # the version row is read on every request
    else:
        assert auth.watcher.listening
        assert waited < 1


async def test_without_listener_every_request_checks_the_version(
    client: httpx.AsyncClient, clients: dict[str, str], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth: Authenticator = app.state.autorisaties
    await auth.stop()  # PostgreSQL: as if the listener connection were down; SQLite: nothing changes
    lezer = auth_header(LEZER, GEHEIM)
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 200
    await _change_elsewhere(app, monkeypatch, [BIJWERKEN])
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 403
    await _change_elsewhere(app, monkeypatch, [LEZEN])
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 200


async def test_listener_reconnects_after_losing_its_connection(
    client: httpx.AsyncClient, clients: dict[str, str], app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    if app.state.db.is_sqlite:
        pytest.skip("LISTEN/NOTIFY is PostgreSQL only")
    auth: Authenticator = app.state.autorisaties
    assert auth.watcher.listening
    async with app.state.db.reader.connect() as conn:
        killed = await conn.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND application_name = :name"
            ).bindparams(name=LISTENER_NAME)
        )
    assert killed == 1

    async def down() -> bool:
        return not auth.watcher.listening

    await _eventually(down)
    lezer = auth_header(LEZER, GEHEIM)
    # While the listener is down the version check keeps changes immediate.
    await _change_elsewhere(app, monkeypatch, [BIJWERKEN])
    assert (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 403

    async def up() -> bool:
        return auth.watcher.listening

    await _eventually(up, seconds=10)
    await _change_elsewhere(app, monkeypatch, [LEZEN])

    async def allowed() -> bool:
        return (await client.get(f"{BASE}/applicaties", headers=lezer)).status_code == 200

    assert (await _eventually(allowed))[1] < 1


# --- require() for any component, the Principal, and the cost of a cached request ----------------------------


def _proef() -> Component:
    comp = Component("proefauth", "/proefauth/api/v1", "0.0.1", "catalogi-api-1.3.3.yaml")

    @comp.router.get("/wie")
    async def wie(principal: Principal = Depends(require("ztc", "catalogi.lezen"))) -> Response:
        return json_response(
            {
                "clientId": principal.client_id,
                "applicatie": str(principal.applicatie),
                "label": principal.label,
                "userId": principal.user_id,
                "userRepresentation": principal.user_representation,
                "alle": principal.heeft_alle_autorisaties,
                "schrijven": principal.has_scope("ztc", "catalogi.schrijven"),
            }
        )

    return comp


@pytest.fixture
async def proef(settings: Settings) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    application = create_app(settings, extra=[_proef()])
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield application, c
    await empty_database(settings.database_url)


async def test_require_gives_the_principal_of_any_component(proef: tuple[FastAPI, httpx.AsyncClient]) -> None:
    app, client = proef
    headers = await register(
        app,
        "zaakafhandelcomponent",
        secret=GEHEIM,
        autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen"])],
        label="ZAC",
    )
    headers = auth_header("zaakafhandelcomponent", GEHEIM, user_id="jdevries", user_representation="J. de Vries")
    r = await client.get("/proefauth/api/v1/wie", headers=headers)
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["clientId"] == "zaakafhandelcomponent"
    assert data["label"] == "ZAC"
    assert (data["userId"], data["userRepresentation"]) == ("jdevries", "J. de Vries")
    assert data["alle"] is False and data["schrijven"] is False
    # The user claims belong to the token, not to the cached client.
    other = auth_header("zaakafhandelcomponent", GEHEIM, user_id="pjansen", user_representation="P. Jansen")
    assert (await client.get("/proefauth/api/v1/wie", headers=other)).json()["userId"] == "pjansen"
    await register(app, "ac-only", secret=GEHEIM, autorisaties=[ac(LEZEN)])
    denied = await client.get("/proefauth/api/v1/wie", headers=auth_header("ac-only", GEHEIM))
    assert denied.status_code == 403
    assert "catalogi.lezen" in denied.json()["detail"]


async def test_a_cached_token_costs_no_pooled_query(
    proef: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = proef
    await register(
        app, "zac", secret=GEHEIM, autorisaties=[AutorisatieData(component="ztc", scopes=["catalogi.lezen"])]
    )
    headers = auth_header("zac", GEHEIM)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = app.state.db.reader.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert (await client.get("/proefauth/api/v1/wie", headers=headers)).status_code == 200
        first = len(statements)
        statements.clear()
        for _ in range(5):
            assert (await client.get("/proefauth/api/v1/wie", headers=headers)).status_code == 200
        cached = len(statements)
        # The safety net: past auth_cache_seconds the rights are read again.
        app.state.autorisaties.ttl = 0
        statements.clear()
        assert (await client.get("/proefauth/api/v1/wie", headers=headers)).status_code == 200
        expired = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert first >= 3
    # PostgreSQL: the listener says when to reload. SQLite: the version row is read per request, but through a
    # plain sqlite3 connection beside the pool (microseconds instead of an async round trip).
    assert cached == 0
    assert expired >= 3


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite+aiosqlite:///var/zaakwerk.db", "var/zaakwerk.db"),
        ("sqlite+aiosqlite:////tmp/z.db", "/tmp/z.db"),
        ("sqlite+aiosqlite:///:memory:", None),
        ("sqlite+aiosqlite:///file:z.db?mode=ro&uri=true", None),
    ],
)
def test_which_sqlite_databases_get_the_direct_version_read(url: str, expected: str | None) -> None:
    assert sqlite_file(url) == expected
