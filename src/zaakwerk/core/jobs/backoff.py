"""Exponential backoff with jitter, shared by job retries and outgoing-call retries."""

from __future__ import annotations

import random


def backoff_delay(attempt: int, *, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based): ``base·2^(attempt-1)`` capped at ``cap``.

    The delay is drawn from the upper half of that interval ("equal jitter"): retries of many jobs that failed
    together (a subscriber that was down) spread out instead of hitting the recovered endpoint at once, while
    each still waits at least half the nominal delay.
    """
    nominal: float = min(cap, base * 2.0 ** max(0, attempt - 1))
    draw = rng.random() if rng is not None else random.random()
    return nominal / 2 + draw * nominal / 2
