"""Optional sampling profile of the web processes (py-spy), taken in an extra run so measured runs stay clean.

py-spy writes collapsed stacks ("frame;frame;... count"); they are summarised into where the CPU goes: self time
per function and inclusive time per function, as shares of all sampled CPU-active stacks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<func>.+?) \((?P<file>[^():]+)(?::\d+)?\)$")


def py_spy() -> str | None:
    """py-spy from this venv (``pip install py-spy``), else from PATH."""
    venv = Path(sys.executable).with_name("py-spy")
    return str(venv) if venv.exists() else shutil.which("py-spy")


def start(pids: list[int], out_dir: Path, name: str, duration: float) -> list[tuple[subprocess.Popen[bytes], Path]]:
    """One py-spy per web process, recording ``duration`` seconds of CPU-active stacks (idle is left out)."""
    binary = py_spy()
    if binary is None:
        raise RuntimeError("py-spy not found; install it in the venv: .venv/bin/pip install py-spy")
    out_dir.mkdir(parents=True, exist_ok=True)
    procs = []
    for pid in pids:
        out = out_dir / f"{name}-{pid}.txt"
        cmd = [binary, "record", "--pid", str(pid), "--duration", f"{int(duration)}", "--rate", "200"]
        cmd += ["--format", "raw", "--output", str(out), "--nonblocking"]
        procs.append((subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), out))
    return procs


def finish(procs: list[tuple[subprocess.Popen[bytes], Path]], timeout_s: float) -> list[Path]:
    files = []
    for proc, out in procs:
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if out.exists():
            files.append(out)
    return files


def _short(frame: str) -> str:
    """``func (path/to/site-packages/pkg/mod.py:12)`` -> ``pkg/mod.py:func``."""
    found = _FRAME.match(frame)
    if not found:
        return frame
    path = found.group("file")
    for marker in ("site-packages/", "/src/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{found.group('func')}"


# Frames every stack passes through (process start-up, event loop): their inclusive share says nothing.
_OUTER: tuple[str, ...] = (
    "<frozen runpy>",
    "typer/",
    "zaakwerk/__main__.py",
    "zaakwerk/cli.py",
    "uvicorn/main.py",
    "uvicorn/server.py",
    "uvicorn/_compat.py",
    "asyncio/runners.py",
    "asyncio/base_events.py",
    "asyncio/events.py",
    "multiprocessing/",
    "uvicorn/_subprocess.py",
    "uvicorn/supervisors/",
    "<string>",
)


def _package(frame: str) -> str:
    path = frame.split(":", 1)[0]
    return path.split("/", 1)[0] if "/" in path else path


def _table(title: str, counts: Counter[str], total: int, top: int) -> list[str]:
    return ["", title, *(f"  {100 * n / total:5.1f}%  {f}" for f, n in counts.most_common(top))]


def summarise(files: list[Path], top: int = 30) -> str:
    self_time: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for file in files:
        for line in file.read_text(errors="replace").splitlines():
            stack, _, count_raw = line.rpartition(" ")
            if not stack or not count_raw.isdigit():
                continue
            count = int(count_raw)
            frames = [_short(f) for f in stack.split(";")]
            total += count
            self_time[frames[-1]] += count
            # A package's self time includes the C code it calls (py-spy samples Python frames only).
            packages[_package(frames[-1])] += count
            for frame in set(frames):
                if not frame.startswith(_OUTER):
                    inclusive[frame] += count
    if total == 0:
        return "no samples\n"
    lines = [f"{total} samples of CPU-active stacks (shares of the web processes' sampled CPU)"]
    lines += _table("self time by package:", packages, total, top)
    lines += _table("self time by function:", self_time, total, top)
    own = Counter({f: n for f, n in inclusive.items() if f.startswith("zaakwerk/")})
    lines += _table("inclusive time of zaakwerk's own functions:", own, total, top)
    lines += _table("inclusive time (function and everything it calls):", inclusive, total, top * 2)
    return "\n".join(lines) + "\n"
