"""The outgoing client layer against a real HTTP server on a free loopback port (a thread in this process)."""

from __future__ import annotations

import asyncio
import collections
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import structlog

from zaakwerk.config import Mode, Settings
from zaakwerk.core import koppelingen as koppelingen_module
from zaakwerk.core.koppelingen import (
    CircuitOpen,
    HostNotAllowed,
    Koppelingen,
    KoppelingUnavailable,
    check_reachable,
    host_allowed,
    koppelingen,
    statistics,
)


class Proefserver:
    """Paths: /ok, /traag/<s>, /wankel/<naam>/<n> (503 the first n times), /stuk (500), /druk (429), /omleiding."""

    def __init__(self) -> None:
        self.hits: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def _answer(self) -> None:
                path = self.path.split("?")[0]
                with server.lock:
                    server.hits[path] += 1
                    count = server.hits[path]
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                parts = path.strip("/").split("/")
                status, headers = 200, {"Content-Type": "application/json"}
                if parts[0] == "traag":
                    time.sleep(float(parts[1]))
                elif parts[0] == "wankel" and count <= int(parts[2]):
                    status = 503
                elif parts[0] == "stuk":
                    status = 500
                elif parts[0] == "druk" and count == 1:
                    status, headers["Retry-After"] = 429, "0"
                elif parts[0] == "omleiding":
                    status, headers["Location"] = 302, "/doel"
                body = b'{"ok": true}' if status == 200 else b"{}"
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> Proefserver:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Proefserver]:
    with Proefserver() as s:
        yield s


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "outgoing_timeout": 2.0,
        "outgoing_retries": 2,
        "circuit_failures": 3,
        "circuit_reset_seconds": 0.3,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def client(**overrides: Any) -> Koppelingen:
    return Koppelingen(make_settings(**overrides), backoff_base=0.01, backoff_max=0.02)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens here once the socket is closed


def only(k: Koppelingen) -> dict[str, Any]:
    [row] = k.statistics()
    return row


async def test_a_call_and_its_statistics(server: Proefserver) -> None:
    k = client()
    response = await k.get(server.url + "/ok")
    assert response.status_code == 200 and response.json() == {"ok": True}
    row = only(k)
    assert row["endpoint"] == server.url
    assert (row["calls"], row["errors"], row["retries"], row["refused"]) == (1, 0, 0, 0)
    assert row["last_status"] == 200 and row["circuit"] == "closed" and row["last_error"] is None
    assert 0 < row["latency_max_ms"] <= row["latency_sum_ms"] and row["latency_avg_ms"] == row["latency_sum_ms"]


async def test_endpoint_names_group_calls(server: Proefserver) -> None:
    k = client()
    await k.get(server.url + "/ok", endpoint="BRP")
    await k.get(server.url + "/ok", endpoint="BRP")
    await k.get(server.url + "/ok", endpoint="KvK")
    assert [(r["endpoint"], r["calls"]) for r in k.statistics()] == [("BRP", 2), ("KvK", 1)]


async def test_idempotent_calls_retry_on_5xx(server: Proefserver) -> None:
    k = client()
    response = await k.get(server.url + "/wankel/a/2")
    assert response.status_code == 200
    assert server.hits["/wankel/a/2"] == 3
    row = only(k)
    assert (row["calls"], row["errors"], row["retries"]) == (3, 2, 2)
    assert row["last_error"] == "HTTP 503" and row["failures_in_row"] == 0


async def test_retries_are_bounded_and_the_last_answer_returned(server: Proefserver) -> None:
    k = client(outgoing_retries=1, circuit_failures=10)
    response = await k.put(server.url + "/wankel/b/5", json={"x": 1})
    assert response.status_code == 503
    assert server.hits["/wankel/b/5"] == 2


async def test_post_is_not_repeated_once_it_may_have_been_processed(server: Proefserver) -> None:
    k = client()
    response = await k.post(server.url + "/wankel/c/1", json={"x": 1})
    assert response.status_code == 503
    assert server.hits["/wankel/c/1"] == 1
    # ... unless the caller knows the POST is safe to repeat.
    response = await k.post(server.url + "/wankel/d/1", json={"x": 1}, idempotent=True)
    assert response.status_code == 200 and server.hits["/wankel/d/1"] == 2


async def test_429_is_retried_even_for_post(server: Proefserver) -> None:
    k = client()
    response = await k.post(server.url + "/druk", json={})
    assert response.status_code == 200 and server.hits["/druk"] == 2


async def test_connection_refused_is_retried_then_reported() -> None:
    k = client(circuit_failures=10)
    url = f"http://127.0.0.1:{free_port()}/ok"
    with pytest.raises(KoppelingUnavailable, match="niet bereikbaar") as info:
        await k.post(url, json={})
    row = only(k)
    # Nothing left the machine, so even a POST was tried 1 + outgoing_retries times.
    assert (row["calls"], row["errors"], row["retries"]) == (3, 3, 2)
    assert info.value.endpoint == row["endpoint"]


async def test_timeout_per_call(server: Proefserver) -> None:
    k = client(outgoing_timeout=0.1, outgoing_retries=1, circuit_failures=10)
    started = time.monotonic()
    with pytest.raises(KoppelingUnavailable, match=r"Time-out na 0\.1 s"):
        await k.get(server.url + "/traag/0.5")
    assert time.monotonic() - started < 0.45
    assert server.hits["/traag/0.5"] == 2
    # A per-call timeout overrides the setting.
    response = await k.get(server.url + "/traag/0.2", timeout=2.0)
    assert response.status_code == 200


async def test_circuit_opens_fails_fast_and_recovers(server: Proefserver) -> None:
    k = client(outgoing_retries=0, circuit_failures=3, circuit_reset_seconds=0.3)
    for _ in range(3):
        assert (await k.get(server.url + "/stuk")).status_code == 500
    assert only(k)["circuit"] == "open"

    started = time.monotonic()
    with pytest.raises(CircuitOpen, match="tijdelijk afgesloten na 3 mislukte pogingen") as info:
        await k.get(server.url + "/ok")
    assert time.monotonic() - started < 0.05
    assert "HTTP 500" in str(info.value)
    assert server.hits["/ok"] == 0  # failing fast means: no traffic at all
    assert only(k)["refused"] == 1

    # After the rest period one trial call goes out; it fails, so the circuit opens again at once.
    await asyncio.sleep(0.35)
    assert only(k)["circuit"] == "half-open"
    assert (await k.get(server.url + "/stuk")).status_code == 500
    with pytest.raises(CircuitOpen):
        await k.get(server.url + "/ok")

    # The next trial succeeds and closes it.
    await asyncio.sleep(0.35)
    assert (await k.get(server.url + "/ok")).status_code == 200
    row = only(k)
    assert row["circuit"] == "closed" and row["failures_in_row"] == 0
    assert (await k.get(server.url + "/ok")).status_code == 200


async def test_retries_stop_when_the_circuit_opens(server: Proefserver) -> None:
    k = client(outgoing_retries=5, circuit_failures=2)
    response = await k.get(server.url + "/stuk")
    assert response.status_code == 500
    assert server.hits["/stuk"] == 2


async def test_circuits_are_per_endpoint(server: Proefserver) -> None:
    k = client(outgoing_retries=0, circuit_failures=1)
    await k.get(server.url + "/stuk", endpoint="BAG")
    with pytest.raises(CircuitOpen):
        await k.get(server.url + "/ok", endpoint="BAG")
    assert (await k.get(server.url + "/ok", endpoint="BRP")).status_code == 200


async def test_loopback_only_in_demo_mode(server: Proefserver) -> None:
    k = client(mode=Mode.production, allowed_hosts=["127.0.0.1", "localhost"])
    with pytest.raises(HostNotAllowed, match="loopback is alleen toegestaan in demomodus"):
        await k.get(server.url + "/ok")
    assert server.hits["/ok"] == 0
    assert k.statistics() == []


async def test_unlisted_hosts_and_other_schemes_are_refused_before_any_traffic() -> None:
    k = client(allowed_hosts=["brp.example.nl"])
    with pytest.raises(HostNotAllowed, match=r"'kvk\.example\.nl' geweigerd: de host staat niet in"):
        await k.get("https://kvk.example.nl/api/v1/zoeken")
    with pytest.raises(HostNotAllowed, match="geen http"):
        await k.get("file:///etc/passwd")
    assert k.statistics() == []


@pytest.mark.parametrize(
    ("mode", "allowed", "host", "expected"),
    [
        (Mode.demo, [], "127.0.0.1", True),
        (Mode.demo, [], "localhost", True),
        (Mode.demo, [], "::1", True),
        (Mode.demo, [], "[::1]", True),
        (Mode.demo, [], "127.0.0.2", True),
        (Mode.production, ["localhost"], "localhost", False),
        (Mode.production, [], "::1", False),
        (Mode.production, ["brp.example.nl"], "BRP.example.nl.", True),
        (Mode.production, ["brp.example.nl"], "brp.example.nl.evil.nl", False),
        (Mode.production, ["brp.example.nl"], "example.nl", False),
        (Mode.production, ["*.haalcentraal.nl"], "brp.haalcentraal.nl", True),
        (Mode.production, ["*.haalcentraal.nl"], "haalcentraal.nl", False),
        (Mode.production, ["*.haalcentraal.nl"], "evilhaalcentraal.nl", False),
        (Mode.production, ["10.0.0.5"], "10.0.0.5", True),
        (Mode.production, [], "10.0.0.5", False),
        (Mode.demo, [], "", False),
    ],
)
def test_host_allowed(mode: Mode, allowed: list[str], host: str, expected: bool) -> None:
    assert host_allowed(make_settings(mode=mode, allowed_hosts=allowed), host) is expected


async def test_redirects_are_not_followed(server: Proefserver) -> None:
    k = client()
    response = await k.get(server.url + "/omleiding")
    assert response.status_code == 302 and server.hits["/doel"] == 0


async def test_protocol_log_has_no_secrets(server: Proefserver) -> None:
    k = client()
    with structlog.testing.capture_logs() as logs:
        await k.post(
            server.url + "/ok?burgerservicenummer=999993653",
            headers={"Authorization": "Bearer geheim-token"},
            json={"geheim": "inhoud"},
        )
    [entry] = [e for e in logs if e["event"] == "uitgaand verzoek"]
    assert entry["method"] == "POST" and entry["host"] == "127.0.0.1" and entry["path"] == "/ok"
    assert entry["status"] == 200 and entry["duration_ms"] >= 0
    text = repr(logs)
    for secret in ("geheim-token", "Bearer", "999993653", "inhoud", "burgerservicenummer"):
        assert secret not in text


@pytest.fixture
def shared_reset() -> Iterator[None]:
    koppelingen_module._shared = None
    yield
    koppelingen_module._shared = None


async def test_one_shared_client_layer_per_process(server: Proefserver, shared_reset: None) -> None:
    assert statistics() == []
    with pytest.raises(RuntimeError):
        koppelingen()
    first = koppelingen(make_settings())
    assert koppelingen() is first
    await first.get(server.url + "/ok")
    assert [r["calls"] for r in statistics()] == [1]
    # New settings apply to the same instance; its statistics stay.
    assert koppelingen(make_settings(mode=Mode.production)) is first
    with pytest.raises(HostNotAllowed):
        await first.get(server.url + "/ok")
    assert [r["calls"] for r in statistics()] == [1]
    await koppelingen_module.close()


async def test_check_reachable(server: Proefserver, shared_reset: None) -> None:
    assert await check_reachable(make_settings(), server.url + "/ok") == (True, "bereikbaar (HTTP 200)")
    assert await check_reachable(make_settings(), server.url + "/stuk") == (False, "HTTP 500")
    ok, detail = await check_reachable(make_settings(), f"http://127.0.0.1:{free_port()}/")
    assert not ok and "niet bereikbaar" in detail
