"""``resolve`` with ``ZAAKWERK_REFERENTIELIJSTEN_URL`` set: URLs under that API are fetched through
``core.koppelingen``; anything else does not resolve. The other side is a small real HTTP server on loopback
(allowed in demo mode) that answers like the VNG API."""

from __future__ import annotations

import http.server
import threading
import uuid
from collections.abc import Iterator

import orjson
import pytest

from zaakwerk.config import Settings
from zaakwerk.referentielijsten.service import clear_cache, get_local, resolve

RESULTAAT_1_1 = uuid.UUID("6711baff-798b-4c7f-9133-8ad02c8b7c6f")


class _Handler(http.server.BaseHTTPRequestHandler):
    calls: list[str] = []  # noqa: RUF012 - shared by the test server's requests

    def do_GET(self) -> None:
        _Handler.calls.append(self.path)
        base = f"http://{self.headers['Host']}/api/v1"
        kind, _, raw = self.path.removeprefix("/api/v1/").partition("/")
        try:
            found = get_local(kind, uuid.UUID(raw), base)
        except ValueError:
            found = None
        body = orjson.dumps(found or {"detail": "Niet gevonden."})
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.calls.clear()
    clear_cache()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()
        clear_cache()


@pytest.fixture
def remote(settings: Settings, server: str) -> Settings:
    return settings.model_copy(update={"referentielijsten_url": server, "outgoing_retries": 0})


async def test_fetches_from_the_configured_api_and_caches(remote: Settings, server: str) -> None:
    url = f"{server}/resultaten/{RESULTAAT_1_1}"
    found = await resolve(remote, "resultaten", url)
    assert found is not None
    assert found["url"] == url
    assert found["volledigNummer"] == "1.1"
    again = await resolve(remote, "resultaten", url)
    assert again == found
    assert _Handler.calls == [f"/api/v1/resultaten/{RESULTAAT_1_1}"]


async def test_unknown_resource_does_not_resolve(remote: Settings, server: str) -> None:
    assert await resolve(remote, "resultaten", f"{server}/resultaten/{uuid.uuid4()}") is None


async def test_urls_outside_the_configured_api_are_not_fetched(remote: Settings, server: str) -> None:
    own = f"http://testserver/referentielijsten/api/v1/resultaten/{RESULTAAT_1_1}"
    assert await resolve(remote, "resultaten", own) is None
    assert await resolve(remote, "procestypen", f"{server}/resultaten/{RESULTAAT_1_1}") is None
    assert await resolve(remote, "resultaten", f"{server}/resultaten/geen-uuid") is None
    assert _Handler.calls == []


async def test_unreachable_api_does_not_resolve(settings: Settings) -> None:
    clear_cache()
    down = settings.model_copy(
        update={"referentielijsten_url": "http://127.0.0.1:9/api/v1", "outgoing_retries": 0, "outgoing_timeout": 2}
    )
    assert await resolve(down, "resultaten", f"http://127.0.0.1:9/api/v1/resultaten/{RESULTAAT_1_1}") is None


async def test_hosts_outside_the_allow_list_are_refused(settings: Settings) -> None:
    clear_cache()
    production_like = settings.model_copy(
        update={"referentielijsten_url": "https://selectielijst.example.org/api/v1", "allowed_hosts": []}
    )
    url = f"https://selectielijst.example.org/api/v1/resultaten/{RESULTAAT_1_1}"
    assert await resolve(production_like, "resultaten", url) is None
