"""One injectable clock: everything that needs 'now' or 'today' asks here, so tests can move time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

NL = ZoneInfo("Europe/Amsterdam")

_now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)  # noqa: E731


def now() -> dt.datetime:
    """Timezone-aware UTC now."""
    return _now()


def today() -> dt.date:
    """The calendar date in the Netherlands (legal terms count Dutch calendar days)."""
    return _now().astimezone(NL).date()


def set_clock(fn: Callable[[], dt.datetime] | None) -> None:
    """Replace the clock (tests); ``None`` restores the real one."""
    global _now
    _now = fn if fn is not None else (lambda: dt.datetime.now(dt.UTC))
