"""Driving wrk: one bounded run of one request pattern, its result read from the Lua ``done()`` line."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

LUA = Path(__file__).with_name("scenario.lua")
MARKER = "ZWBENCH "


class WrkError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class Load:
    """What wrk sends: ``paths`` round-robin to ``base`` (http://127.0.0.1:port), optionally body templates (one
    line each, also round-robin)."""

    base: str
    method: str
    paths: Sequence[str]
    headers: dict[str, str]
    body: str | None = None
    bodies: Sequence[str] = ()

    def templates(self) -> list[str]:
        return list(self.bodies) if self.bodies else ([self.body] if self.body is not None else [])


@dataclass(frozen=True, slots=True)
class WrkResult:
    requests: int
    seconds: float
    bytes: int  # read by wrk: response headers and bodies
    errors: int  # connect/read/write errors, timeouts and responses with status >= 400
    status_errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    loadgen_cpu_s: float  # CPU wrk itself used; it shares the machine with the server

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise WrkError("wrk is not installed (Debian: apt-get install -y wrk)")
    return found


def parse_output(stdout: str, loadgen_cpu_s: float = 0.0) -> WrkResult:
    """The result from wrk's stdout; raises when the Lua summary line is missing (wrk failed early)."""
    for line in stdout.splitlines():
        if line.startswith(MARKER):
            data = json.loads(line[len(MARKER) :])
            break
    else:
        raise WrkError(f"no summary line in wrk output:\n{stdout[-2000:]}")
    errors = sum(int(data[k]) for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return WrkResult(
        requests=int(data["requests"]),
        bytes=int(data["bytes"]),
        seconds=data["duration_us"] / 1e6,
        errors=errors,
        status_errors=int(data["status_errors"]),
        p50_ms=data["lat_p50_us"] / 1000,
        p90_ms=data["lat_p90_us"] / 1000,
        p99_ms=data["lat_p99_us"] / 1000,
        mean_ms=data["lat_mean_us"] / 1000,
        max_ms=data["lat_max_us"] / 1000,
        loadgen_cpu_s=loadgen_cpu_s,
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(
    load: Load,
    *,
    duration: float,
    connections: int,
    threads: int,
    run_id: str,
    timeout_s: float = 10.0,
    while_running: Callable[[], None] | None = None,
) -> WrkResult:
    """Run wrk for ``duration`` seconds; ``while_running`` is called about every 0.25 s meanwhile.

    Bounded: wrk is killed (by its own pid) if it has not finished 30 s after ``duration``.
    """
    with tempfile.TemporaryDirectory(prefix="zwbench-wrk-") as tmp:
        paths_file = Path(tmp, "paths.txt")
        paths_file.write_text("\n".join(load.paths) + "\n", encoding="utf-8")
        body_file = ""
        if templates := load.templates():
            if any("\n" in t for t in templates):
                raise WrkError("a body template must be one line")
            body_file = str(Path(tmp, "bodies.txt"))
            Path(body_file).write_text("\n".join(templates) + "\n", encoding="utf-8")
        cmd = [wrk_binary(), "-t", str(threads), "-c", str(connections), "-d", f"{duration:g}s"]
        cmd += ["--timeout", f"{timeout_s:g}s", "--latency", "-s", str(LUA)]
        for name, value in load.headers.items():
            cmd += ["-H", f"{name}: {value}"]
        cmd += [load.base, "--", load.method, str(paths_file), body_file, run_id]
        cpu0 = _children_cpu()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + duration + 30
        try:
            while proc.poll() is None:
                if time.monotonic() > deadline:
                    raise WrkError(f"wrk did not finish within {duration + 30:g}s")
                if while_running is not None:
                    while_running()
                time.sleep(0.25)
            stdout, stderr = proc.communicate()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if proc.returncode != 0:
            raise WrkError(f"wrk exited with {proc.returncode}: {stderr.strip()[-2000:]}")
        return parse_output(stdout, _children_cpu() - cpu0)
