"""Results as a Markdown table, and their dated section in BENCHMARKS.md (newest first, one per day and setup)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SECTION_PREFIX = "## Run "
INTRO = """# Benchmarks

Measured by `benchmarks/run.py` (`make bench`); see `benchmarks/README.md` for the method. Each run starts
`zaakwerk serve` on a fresh database on 127.0.0.1, seeds it through the Autorisaties service and the Catalogi API,
and drives it with `wrk` (a static ZGW JWT, keep-alive connections). **Server CPU per request** is the CPU time
(utime + stime from `/proc/<pid>/stat`) of the server's processes and, on PostgreSQL, of the benchmark database's
backends and PostgreSQL's shared processes, measured over the run and divided by the requests served. It does not
depend on how much CPU the load generator takes from the same machine; req/s does.

Targets (PostgreSQL, 2 cores, load generator on the same machine, concurrency 8): zaaktype detail ≤ 1.0 ms server
CPU per request and ≥ 1,000 req/s; a list page of 100 zaaktypen ≤ 3 ms server CPU per request. For comparison, the
widely used Django implementation spends 29 ms per zaaktypen request.
"""


@dataclass(frozen=True, slots=True)
class Row:
    scenario: str
    database: str
    workers: int
    requests: int
    rps: float
    cpu_ms: float  # server CPU per request, all server and database processes
    web_ms: float  # of which the web processes (uvicorn)
    pg_ms: float  # of which the backends of the benchmark database
    pg_shared_ms: float  # of which PostgreSQL's shared processes (postmaster, walwriter, ...)
    web_sys_ms: float  # of web_ms, kernel time (socket I/O on loopback, for a large part)
    pg_sys_ms: float  # of pg_ms, kernel time
    p50_ms: float
    p99_ms: float
    errors: int
    machine_busy_pct: float | None
    loadgen_cpu_pct: float  # wrk's share of all CPUs
    connections: int = 0  # wrk's concurrency in this run (0: not recorded)


def _pg(row: Row, value: float) -> str:
    return "-" if row.database == "sqlite" else f"{value:.2f}"


def markdown_table(rows: list[Row]) -> str:
    lines = [
        "| scenario | database | workers | conc. | req/s | server CPU ms/req | web | PG backends | PG shared "
        "| p50 ms | p99 ms | errors | machine busy % | wrk CPU % |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        busy = "-" if r.machine_busy_pct is None else f"{r.machine_busy_pct:.0f}"
        lines.append(
            f"| {r.scenario} | {r.database} | {r.workers} | {r.connections or '-'} | {r.rps:,.0f} "
            f"| **{r.cpu_ms:.2f}** | {r.web_ms:.2f} "
            f"| {_pg(r, r.pg_ms)} | {_pg(r, r.pg_shared_ms)} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | {busy} "
            f"| {r.loadgen_cpu_pct:.0f} |"
        )
    return "\n".join(lines)


# The project's targets, checked on PostgreSQL: scenario label -> (max server CPU ms/request, min req/s).
TARGETS: dict[str, tuple[float, float | None]] = {
    "GET zaaktype detail": (1.0, 1000.0),
    "GET zaaktypen list (100)": (3.0, None),
}


def target_notes(rows: list[Row]) -> list[str]:
    notes = _zaken_target_notes(rows)
    for r in rows:
        target = TARGETS.get(r.scenario)
        if target is None or r.database != "postgresql":
            continue
        max_ms, min_rps = target
        met = r.cpu_ms <= max_ms and (min_rps is None or r.rps >= min_rps)
        want = f"≤ {max_ms:g} ms" + (f" and ≥ {min_rps:,.0f} req/s" if min_rps else "")
        notes.append(
            f"target {r.scenario} on PostgreSQL ({want}): **{'met' if met else 'missed'}** "
            f"({r.cpu_ms:.2f} ms, {r.rps:,.0f} req/s)"
        )
    return notes


def _zaken_target_notes(rows: list[Row]) -> list[str]:
    """Zaken targets: CPU (and p99) from the run at the lowest concurrency, req/s from the highest."""
    from zwbench.zaken import ZAKEN_TARGETS

    notes = []
    for label, (max_ms, max_p99, min_rps) in ZAKEN_TARGETS.items():
        runs = sorted(
            (r for r in rows if r.scenario == label and r.database == "postgresql"), key=lambda r: r.connections
        )
        if not runs:
            continue
        latency, throughput = runs[0], runs[-1]
        met = latency.cpu_ms <= max_ms and throughput.rps >= min_rps and (max_p99 is None or latency.p99_ms < max_p99)
        want = f"≤ {max_ms:g} ms" + (f", p99 < {max_p99:g} ms" if max_p99 else "") + f", ≥ {min_rps:,.0f} req/s"
        got = f"{latency.cpu_ms:.2f} ms" + (f", p99 {latency.p99_ms:.0f} ms" if max_p99 else "")
        notes.append(
            f"target {label} on PostgreSQL ({want}): **{'met' if met else 'not met'}** "
            f"({got} at c={latency.connections}, {throughput.rps:,.0f} req/s at c={throughput.connections})"
        )
    return notes


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip() or "unknown"


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        meminfo = Path("/proc/meminfo").read_text()
        if found := re.search(r"MemTotal:\s+(\d+) kB", meminfo):
            ram = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    dirty = " (with uncommitted changes)" if _git("status", "--porcelain", "--", "src") not in ("", "unknown") else ""
    return {
        "cpus": str(os.cpu_count() or 0),
        "cpu_model": model,
        "ram": ram,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "commit": _git("rev-parse", "--short", "HEAD") + dirty,
    }


def section(rows: list[Row], key: str, command: str, notes: list[str]) -> str:
    m = machine()
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        f"{SECTION_PREFIX}{key}",
        "",
        f"- date: {today}",
        f"- machine: {m['cpus']} CPUs ({m['cpu_model']}), {m['ram']} RAM, Linux {m['kernel']}, Python {m['python']}",
        f"- git commit: {m['commit']}",
        f"- command: `{command}`",
        *(f"- {note}" for note in [*notes, *target_notes(rows)]),
        "",
        markdown_table(rows),
        "",
    ]
    return "\n".join(parts)


def record(path: Path, key: str, text: str) -> None:
    """Put ``text`` in BENCHMARKS.md as the section ``key``: replaced when it exists, else first after the intro."""
    current = path.read_text(encoding="utf-8") if path.exists() else INTRO
    heading = f"{SECTION_PREFIX}{key}\n"
    blocks = re.split(rf"(?m)^(?={re.escape(SECTION_PREFIX)})", current)
    intro, sections = blocks[0], [b for b in blocks[1:] if not b.startswith(heading)]
    body = intro.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"
    for old in sections:
        body += "\n" + old.rstrip("\n") + "\n"
    path.write_text(body, encoding="utf-8")
