"""CPU accounting from /proc: the server's processes, the PostgreSQL processes that serve it, the whole machine.

Server CPU per request is what the project's targets are stated in, so it is measured from the kernel's own
counters (utime + stime in ``/proc/<pid>/stat``, which cover every thread of a process) instead of being guessed
from wall-clock throughput on a machine the load generator shares.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
CLK_TCK = os.sysconf("SC_CLK_TCK")

# Titles of PostgreSQL's shared helper processes ("postgres: 15/main: walwriter"). They work for every database,
# so they are counted apart from the backends of the benchmark database.
_PG_SHARED = (
    "checkpointer",
    "background writer",
    "walwriter",
    "autovacuum launcher",
    "logical replication launcher",
    "archiver",
    "stats collector",
    "startup",
)
# "postgres: [cluster: ]<what>"; cluster_name is optional in the process title.
_PG_TITLE = re.compile(r"^postgres: (?:\S+: )?(?P<what>.*)$")
# <what> of a backend: "user database host(port) state"; of a vacuum worker: "autovacuum worker database".
_PG_BACKEND = re.compile(r"^(?P<user>\S+) (?P<db>\S+) ")
_PG_AUTOVACUUM = re.compile(r"^autovacuum worker (?P<db>\S+)")


@dataclass(frozen=True, slots=True)
class ProcStat:
    pid: int
    ppid: int
    comm: str
    ticks: int  # utime + stime in clock ticks
    sys_ticks: int  # stime alone: kernel work such as loopback socket I/O
    start: int  # start time in ticks after boot; with pid it identifies a process across pid reuse


def read_stat(pid: int) -> ProcStat | None:
    """One process's counters; ``None`` when it has gone."""
    try:
        raw = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # comm sits in parentheses and may itself contain spaces or parentheses, so split after the last ')'.
    head, _, rest = raw.rpartition(")")
    comm = head.partition("(")[2]
    fields = rest.split()
    # fields[0] is field 3 (state) of proc(5): ppid is field 4, utime 14, stime 15, starttime 22.
    return ProcStat(
        pid=pid,
        ppid=int(fields[1]),
        comm=comm,
        ticks=int(fields[11]) + int(fields[12]),
        sys_ticks=int(fields[12]),
        start=int(fields[19]),
    )


def read_cmdline(pid: int) -> str:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace").strip()


def all_stats() -> dict[int, ProcStat]:
    stats: dict[int, ProcStat] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = read_stat(int(entry.name))
            if stat is not None:
                stats[stat.pid] = stat
    return stats


def descendants(root: int, stats: dict[int, ProcStat]) -> set[int]:
    """``root`` and every process below it (uvicorn's supervisor and its worker processes)."""
    if root not in stats:
        return set()
    children: dict[int, list[int]] = {}
    for stat in stats.values():
        children.setdefault(stat.ppid, []).append(stat.pid)
    found: set[int] = set()
    todo = [root]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, ()))
    return found


def postgres_pids(database: str, stats: dict[int, ProcStat]) -> tuple[set[int], set[int]]:
    """(backends of ``database``, PostgreSQL's shared processes). Backends of other databases are left out:
    other people's test runs may use the same cluster at the same time."""
    own: set[int] = set()
    shared: set[int] = set()
    for stat in stats.values():
        if stat.comm != "postgres":
            continue
        title = _PG_TITLE.match(read_cmdline(stat.pid))
        if title is None:
            shared.add(stat.pid)  # the postmaster keeps its real command line
            continue
        what = title.group("what")
        vacuum = _PG_AUTOVACUUM.match(what)
        backend = _PG_BACKEND.match(what)
        if vacuum:
            if vacuum.group("db") == database:
                own.add(stat.pid)
        elif what.startswith(_PG_SHARED):
            shared.add(stat.pid)
        elif backend and backend.group("db") == database:
            own.add(stat.pid)
    return own, shared


@dataclass
class CpuGroup:
    """Highest tick count seen per process of one group, so a process that exits between two polls keeps the
    CPU it used up to the last poll."""

    ticks: dict[tuple[int, int], int] = field(default_factory=dict)
    sys_ticks: dict[tuple[int, int], int] = field(default_factory=dict)

    def update(self, pids: set[int], stats: dict[int, ProcStat]) -> None:
        for pid in pids:
            stat = stats.get(pid)
            if stat is not None:
                key = (stat.pid, stat.start)
                self.ticks[key] = max(self.ticks.get(key, 0), stat.ticks)
                self.sys_ticks[key] = max(self.sys_ticks.get(key, 0), stat.sys_ticks)

    def total(self) -> int:
        return sum(self.ticks.values())

    def sys_total(self) -> int:
        return sum(self.sys_ticks.values())


@dataclass
class CpuSnapshot:
    """Ticks per group at one moment."""

    groups: dict[str, int]
    sys: dict[str, int]  # the kernel part of each group
    machine_busy: int
    machine_total: int


def machine_ticks() -> tuple[int, int]:
    """(busy, total) ticks over all CPUs from /proc/stat."""
    with (PROC / "stat").open() as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    total = sum(values[:8])  # user nice system idle iowait irq softirq steal; guest time is already in user
    return total - values[3] - values[4], total


class CpuMeter:
    """Counts the CPU of the server (a process tree) and, on PostgreSQL, of the database that serves it.

    ``poll()`` during a run catches processes that start and stop within it (new pool connections);
    ``snapshot()`` before and after gives the totals.
    """

    def __init__(self, server_pid: int, pg_database: str | None) -> None:
        self.server_pid = server_pid
        self.pg_database = pg_database
        self.groups: dict[str, CpuGroup] = {"server": CpuGroup(), "pg_backends": CpuGroup(), "pg_shared": CpuGroup()}

    def poll(self) -> None:
        stats = all_stats()
        self.groups["server"].update(descendants(self.server_pid, stats), stats)
        if self.pg_database:
            own, shared = postgres_pids(self.pg_database, stats)
            self.groups["pg_backends"].update(own, stats)
            self.groups["pg_shared"].update(shared, stats)

    def snapshot(self) -> CpuSnapshot:
        self.poll()
        busy, total = machine_ticks()
        groups = self.groups.items()
        return CpuSnapshot({k: g.total() for k, g in groups}, {k: g.sys_total() for k, g in groups}, busy, total)

    def server_pids(self) -> set[int]:
        return descendants(self.server_pid, all_stats())


@dataclass(frozen=True, slots=True)
class CpuDelta:
    """CPU seconds per group between two snapshots, and the machine's busy share (all CPUs = 100 %)."""

    seconds: dict[str, float]
    sys_seconds: dict[str, float]  # the kernel part of ``seconds``
    machine_busy_pct: float | None
    machine_busy_seconds: float

    @property
    def server_total(self) -> float:
        return sum(self.seconds.values())


def delta(before: CpuSnapshot, after: CpuSnapshot) -> CpuDelta:
    seconds = {k: (after.groups[k] - before.groups.get(k, 0)) / CLK_TCK for k in after.groups}
    sys_seconds = {k: (after.sys[k] - before.sys.get(k, 0)) / CLK_TCK for k in after.sys}
    busy = after.machine_busy - before.machine_busy
    total = after.machine_total - before.machine_total
    return CpuDelta(
        seconds=seconds,
        sys_seconds=sys_seconds,
        machine_busy_pct=round(100.0 * busy / total, 1) if total > 0 else None,
        machine_busy_seconds=busy / CLK_TCK,
    )


def wait_quiet(max_busy_pct: float, window_s: float = 2.0, max_wait_s: float = 90.0) -> float | None:
    """Wait (bounded) until the machine's other load is at most ``max_busy_pct`` of all CPUs.

    Called while the server is idle, so what is busy is someone else (other people's tests on a shared machine).
    Returns the last busy share measured; ``max_busy_pct <= 0`` skips the wait.
    """
    if max_busy_pct <= 0:
        return None
    deadline = time.monotonic() + max_wait_s
    while True:
        busy0, total0 = machine_ticks()
        time.sleep(window_s)
        busy1, total1 = machine_ticks()
        pct = 100.0 * (busy1 - busy0) / max(1, total1 - total0)
        if pct <= max_busy_pct or time.monotonic() > deadline:
            return round(pct, 1)
