"""Benchmark runner: per database a fresh server and data set, then each scenario under wrk, bounded in time."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import signal
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from types import FrameType

from zwbench import databases, procstat, profile, report, seed, wrk, zaken
from zwbench.scenarios import SCENARIOS, make_load, probe
from zwbench.server import Server
from zwbench.zaken import ZAKEN_SCENARIOS

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__)
    p.add_argument("--databases", default="postgresql,sqlite", help="comma-separated: postgresql, sqlite")
    p.add_argument(
        "--suite",
        choices=("catalogi", "zaken"),
        default="catalogi",
        help="catalogi: zaaktypen seeded through the API; zaken: `zaakwerk bench seed` and a restricted client",
    )
    p.add_argument(
        "--scenarios",
        help=f"comma-separated; catalogi: {', '.join(SCENARIOS)}; zaken: {', '.join(ZAKEN_SCENARIOS)} (default: all)",
    )
    p.add_argument(
        "--zaken",
        type=int,
        help="zaken suite: zaken to seed (default that of `zaakwerk bench seed`: 1,000,000 on PostgreSQL, "
        "100,000 on SQLite)",
    )
    p.add_argument(
        "--throughput-concurrency",
        type=int,
        default=32,
        help="zaken suite: connections of the req/s run (CPU and latency are measured at --concurrency)",
    )
    p.add_argument("--duration", type=float, default=10.0, help="measured seconds per scenario")
    p.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds of the same load before each")
    p.add_argument("--concurrency", type=int, default=8, help="open connections wrk keeps busy")
    p.add_argument("--threads", type=int, default=1, help="wrk threads (one is plenty on loopback)")
    p.add_argument("--pg-workers", type=int, default=2, help="web processes on PostgreSQL")
    p.add_argument("--sqlite-workers", type=int, default=1, help="web processes on SQLite")
    p.add_argument("--zaaktypen", type=int, default=120, help="published zaaktypen to seed (at least 100)")
    p.add_argument("--pg-admin-url", default=os.environ.get("ZAAKWERK_BENCH_PG", DEFAULT_PG))
    p.add_argument(
        "--quiet-below",
        type=float,
        default=30.0,
        help="before each measured run wait (at most 90 s) until other load is below this %% of all CPUs; 0: off",
    )
    p.add_argument("--no-record", action="store_true", help="print only; leave BENCHMARKS.md alone")
    p.add_argument(
        "--existing-pg",
        metavar="NAME",
        help="zaken suite, for development: measure an existing PostgreSQL database already filled by `zaakwerk "
        "bench seed` (migrated, not seeded, not dropped; implies --no-record and --databases postgresql)",
    )
    p.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    p.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="after each measured run, an extra run under py-spy (pip install py-spy); summaries go to DIR",
    )
    args = p.parse_args(argv)
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    if args.existing_pg:
        if args.suite != "zaken":
            p.error("--existing-pg is for the zaken suite")
        args.databases, args.no_record = ["postgresql"], True
    known = ZAKEN_SCENARIOS if args.suite == "zaken" else SCENARIOS
    args.scenarios = [s.strip() for s in (args.scenarios or ",".join(known)).split(",") if s.strip()]
    for d in args.databases:
        if d not in ("postgresql", "sqlite"):
            p.error(f"unknown database {d!r}")
    for s in args.scenarios:
        if s not in known:
            p.error(f"unknown {args.suite} scenario {s!r}")
    if args.zaken is not None and args.zaken < 10_000:
        p.error("--zaken must be at least 10,000 (a full list page for each of the client's zaaktypen)")
    if args.suite == "catalogi" and args.zaaktypen < 100 and {"list", "list-cold"} & set(args.scenarios):
        p.error("the list scenario needs at least 100 zaaktypen")
    if args.duration <= 0 or args.duration > 600 or args.warmup < 0 or args.warmup > 120:
        p.error("--duration must be in (0, 600] and --warmup in [0, 120] seconds")
    return args


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def measure(args: argparse.Namespace, kind: str, server: Server, pg_name: str | None, token: str) -> list[report.Row]:
    log(f"{kind}: seeding {args.zaaktypen} zaaktypen through the Catalogi API")
    seeded = seed.seed_catalogi(server.base, token, args.zaaktypen)
    if pg_name:
        databases.analyze(databases.BenchDatabase(kind, server.database_url, pg_name))
    headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326"}
    meter = procstat.CpuMeter(server.pid, pg_name)
    rows: list[report.Row] = []
    for key in args.scenarios:
        scenario = SCENARIOS[key]
        load = make_load(scenario, seeded, server.base, headers)
        probe(scenario, load)
        if args.warmup > 0:
            wrk.run(load, duration=args.warmup, run_id=f"w{key[0]}{int(time.time()) % 100000}", **_common(args))
        rows.append(measured_run(args, kind, server, meter, load, scenario.label, key, args.concurrency))
        if args.profile:
            _profile(args, f"{kind}-{key}", load, meter)
    return rows


def _common(args: argparse.Namespace, connections: int | None = None) -> dict[str, int]:
    return {"connections": connections or args.concurrency, "threads": args.threads}


def measured_run(
    args: argparse.Namespace,
    kind: str,
    server: Server,
    meter: procstat.CpuMeter,
    load: wrk.Load,
    label: str,
    key: str,
    connections: int,
) -> report.Row:
    """One measured wrk run after a wait for a quiet machine: its row of the report."""
    quiet = procstat.wait_quiet(args.quiet_below)
    before = meter.snapshot()
    result = wrk.run(
        load,
        duration=args.duration,
        run_id=f"m{key[0]}{int(time.time()) % 100000}",
        while_running=meter.poll,
        **_common(args, connections),
    )
    cpu = procstat.delta(before, meter.snapshot())
    n = max(result.requests, 1)
    row = report.Row(
        scenario=label,
        database=kind,
        workers=server.workers,
        requests=result.requests,
        rps=result.rps,
        cpu_ms=1000 * cpu.server_total / n,
        web_ms=1000 * cpu.seconds["server"] / n,
        pg_ms=1000 * cpu.seconds["pg_backends"] / n,
        pg_shared_ms=1000 * cpu.seconds["pg_shared"] / n,
        web_sys_ms=1000 * cpu.sys_seconds["server"] / n,
        pg_sys_ms=1000 * cpu.sys_seconds["pg_backends"] / n,
        p50_ms=result.p50_ms,
        p99_ms=result.p99_ms,
        errors=result.errors,
        machine_busy_pct=cpu.machine_busy_pct,
        loadgen_cpu_pct=100 * result.loadgen_cpu_s / (result.seconds * (os.cpu_count() or 1)),
        connections=connections,
    )
    log(
        f"{kind} {key} (c={connections}): {row.requests} req of {result.bytes / n / 1024:.1f} KiB, "
        f"{row.rps:.0f} req/s, {row.cpu_ms:.2f} ms CPU/req "
        f"(web {row.web_ms:.2f} of which kernel {row.web_sys_ms:.2f}, PG backends {row.pg_ms:.2f} of which "
        f"kernel {row.pg_sys_ms:.2f}, PG shared {row.pg_shared_ms:.2f}), p50 {row.p50_ms:.1f} ms, "
        f"p99 {row.p99_ms:.1f} ms, errors {row.errors}, machine busy {row.machine_busy_pct}% "
        f"(other load before: {quiet}%)"
    )
    return row


def measure_zaken(
    args: argparse.Namespace, kind: str, server: Server, pg_name: str | None, token: str, data: zaken.ZakenData
) -> list[report.Row]:
    """Each Zaken scenario twice: CPU and latency at --concurrency, req/s at --throughput-concurrency."""
    headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
    meter = procstat.CpuMeter(server.pid, pg_name)
    rows: list[report.Row] = []
    for key in args.scenarios:
        scenario = ZAKEN_SCENARIOS[key]
        paths, bodies = scenario.build(data)
        load = wrk.Load(
            base=server.base,
            method=scenario.method,
            paths=paths,
            headers={**headers, "Content-Type": "application/json"} if bodies else headers,
            bodies=bodies or (),
        )
        probe(scenario, load)  # type: ignore[arg-type]
        if args.warmup > 0:
            run_id = f"w{key[0]}{int(time.time()) % 100000}"
            wrk.run(load, duration=args.warmup, run_id=run_id, **_common(args, args.throughput_concurrency))
        for connections in dict.fromkeys((args.concurrency, args.throughput_concurrency)):
            rows.append(measured_run(args, kind, server, meter, load, scenario.label, key, connections))
        if args.profile:
            _profile(args, f"{kind}-{key}", load, meter)
    return rows


def _profile(args: argparse.Namespace, name: str, load: wrk.Load, meter: procstat.CpuMeter) -> None:
    """A separate run with py-spy attached, so its overhead never touches the measured numbers."""
    seconds = min(args.duration, 10.0)
    procs = profile.start(sorted(meter.server_pids()), args.profile, name, seconds)
    run_id = f"p{name[0]}{int(time.time()) % 100000}"
    wrk.run(load, duration=seconds, connections=args.concurrency, threads=args.threads, run_id=run_id)
    summary = profile.summarise(profile.finish(procs, timeout_s=30))
    out = args.profile / f"{name}.txt"
    out.write_text(summary, encoding="utf-8")
    log(f"profile of {name} in {out}:\n" + "\n".join(summary.splitlines()[:16]))


def run_database(args: argparse.Namespace, kind: str) -> list[report.Row]:
    with tempfile.TemporaryDirectory(prefix="zwbench-") as tmp:
        workdir = Path(tmp)
        db = (
            databases.existing(args.existing_pg, args.pg_admin_url)
            if args.existing_pg
            else databases.create(kind, workdir, args.pg_admin_url)
        )
        try:
            how = databases.migrate(db, workdir)
            log(f"{kind}: schema by {how}")
            workers = args.pg_workers if kind == "postgresql" else args.sqlite_workers
            server = Server(db.url, workdir, workers, workdir / "server.log")
            data = None
            if args.existing_pg:
                data = zaken.samples(db.url, server.base)
            elif args.suite == "zaken":
                log(f"{kind}: zaakwerk bench seed --zaken {args.zaken or 'default'}")
                started = time.monotonic()
                summary = zaken.seed(db.url, workdir, server.port, args.zaken)
                log(f"{kind}: seeded in {time.monotonic() - started:.0f} s: {summary}")
                args.seed_summaries = [*getattr(args, "seed_summaries", []), f"{kind}: {summary}"]
                data = zaken.samples(db.url, server.base)
                databases.analyze(db)
            # A new client id each run: an existing database keeps the clients of earlier runs.
            client_id, secret = f"zaakwerk-bench-{secrets.token_hex(4)}", secrets.token_urlsafe(32)
            if data is not None:
                types = [uuid for uuid, _ in data.zaaktypen]
                zaken.create_restricted_client(db.url, server.base, types, client_id, secret)
            else:
                seed.create_api_client(db.url, client_id, secret)
            with server:
                log(f"{kind}: server pid {server.pid} on {server.base} with {workers} worker(s)")
                token = seed.make_token(client_id, secret)
                try:
                    if data is not None:
                        return measure_zaken(args, kind, server, db.pg_name, token, data)
                    return measure(args, kind, server, db.pg_name, token)
                except BaseException:
                    log(f"server log (last lines):\n{server.log_tail()}")
                    raise
        finally:
            if not args.existing_pg:
                databases.drop(db, args.pg_admin_url)


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM into an exception so every finally block runs: the server stops, the database is dropped.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    wrk.wrk_binary()
    rows: list[report.Row] = []
    for kind in args.databases:
        rows += run_database(args, kind)
    table = report.markdown_table(rows)
    print(table)
    for note in report.target_notes(rows):
        print(note)
    command = shlex.join([".venv/bin/python", "benchmarks/run.py", *(sys.argv[1:] if argv is None else argv)])
    if args.suite == "zaken":
        notes = [
            f"{args.duration:g} s per run after {args.warmup:g} s warm-up; wrk with {args.threads} thread(s); server "
            f"CPU, p50 and p99 at {args.concurrency} connections, req/s at {args.throughput_concurrency}",
            f"data by `zaakwerk bench seed --seed 1{f' --zaken {args.zaken}' if args.zaken else ''}`: "
            f"{'; '.join(getattr(args, 'seed_summaries', []))}",
            f"client with {', '.join(zaken.SCOPES)} on {zaken.CLIENT_ZAAKTYPEN} zaaktypen (those with the most "
            f"zaken), up to {zaken.MAX_VERTROUWELIJK}; samples of {zaken.SAMPLE:,} zaken, open zaken and BSNs "
            "within those rights, round-robin",
        ]
    else:
        notes = [
            f"{args.duration:g} s per scenario after {args.warmup:g} s warm-up; wrk with {args.threads} thread(s), "
            f"{args.concurrency} connections; {args.zaaktypen} published zaaktypen with 3 statustypen, 2 roltypen "
            "and a resultaattype each",
        ]
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2), encoding="utf-8")
    if not args.no_record:
        suite = "" if args.suite == "catalogi" else f", {args.suite}"
        key = f"{time.strftime('%Y-%m-%d', time.gmtime())} ({', '.join(args.databases)}{suite})"
        report.record(REPO / "BENCHMARKS.md", key, report.section(rows, key, command, notes))
        log("BENCHMARKS.md updated")
    return 0
