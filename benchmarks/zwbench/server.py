"""The server under test: ``zaakwerk serve`` on a free loopback port, started and stopped by this runner only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from zwbench.procstat import all_stats, descendants, read_stat

HOST = "127.0.0.1"
READY_PATH = "/catalogi/api/v1/openapi.json"


class ServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(database_url: str, data_dir: Path, port: int) -> dict[str, str]:
    """The environment of the server: a clean ZAAKWERK_* set, so a developer's own settings do not leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZAAKWERK_")}
    env.update(
        ZAAKWERK_DATABASE_URL=database_url,
        ZAAKWERK_DATA_DIR=str(data_dir),
        ZAAKWERK_HOST=HOST,
        # The port is also how the app recognises URLs that point at itself (catalogus in a POST zaaktype).
        ZAAKWERK_PORT=str(port),
        ZAAKWERK_WORKER_IN_PROCESS="false",
        # The token is signed once per run and sent unchanged by wrk, so it must stay valid for the whole run.
        ZAAKWERK_JWT_MAX_AGE=str(24 * 3600),
        ZAAKWERK_LOG_LEVEL="warning",
        ZAAKWERK_MODE="demo",
    )
    return env


class Server:
    """Context manager around one ``zaakwerk serve`` process tree."""

    def __init__(self, database_url: str, data_dir: Path, workers: int, log_file: Path) -> None:
        self.database_url = database_url
        self.data_dir = data_dir
        self.workers = workers
        self.log_file = log_file
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self.proc is None:
            raise ServerError("server not started")
        return self.proc.pid

    def __enter__(self) -> Server:
        cmd = [sys.executable, "-m", "zaakwerk", "serve", "--host", HOST, "--port", str(self.port)]
        cmd += ["--workers", str(self.workers)]
        with self.log_file.open("ab") as log:
            # cwd is the data dir so a .env file in the caller's folder is not read.
            self.proc = subprocess.Popen(
                cmd,
                cwd=self.data_dir,
                env=server_env(self.database_url, self.data_dir, self.port),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_ready(timeout_s=60.0)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise ServerError(f"server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base + READY_PATH, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise ServerError(f"server not ready after {timeout_s:g}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    def stop(self) -> None:
        """SIGTERM to the supervisor (it stops its workers), then SIGKILL to whatever of our tree is left.

        Only processes of this server's tree are signalled, each identified by pid and start time so a reused
        pid is never hit.
        """
        if self.proc is None:
            return
        tree = [s for pid in descendants(self.proc.pid, all_stats()) if (s := read_stat(pid)) is not None]
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stat in tree:
            now = read_stat(stat.pid)
            if now is not None and now.start == stat.start:
                os.kill(stat.pid, signal.SIGKILL)
        self.proc = None
