"""Identifiers: UUIDs for resources, checks for Dutch numbers (RSIN/BSN 11-proef)."""

from __future__ import annotations

import uuid


def new_uuid() -> uuid.UUID:
    return uuid.uuid4()


def elfproef(number: str) -> bool:
    """The 11-proef for a 9-digit BSN or RSIN: weights 9..2 and -1 on the last digit, sum divisible by 11."""
    if len(number) != 9 or not number.isdigit() or number == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(number, weights, strict=True)) % 11 == 0
