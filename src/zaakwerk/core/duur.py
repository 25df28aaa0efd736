"""ISO 8601 durations (as the ZGW standards use them: P6W, P8W, P3M, P1Y, P10D, P1Y2M...) applied to calendar dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_RE = re.compile(
    r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$"
)


@dataclass(frozen=True, slots=True)
class Duur:
    """A parsed duration; hours/minutes/seconds are kept as whole seconds."""

    jaren: int = 0
    maanden: int = 0
    dagen: int = 0
    seconden: int = 0

    def __add__(self, other: Duur) -> Duur:
        return Duur(
            self.jaren + other.jaren,
            self.maanden + other.maanden,
            self.dagen + other.dagen,
            self.seconden + other.seconden,
        )

    def iso(self) -> str:
        """Canonical text (P1Y2M10D); weeks are written as days, ``P0D`` for nothing."""
        deel = "".join(f"{n}{e}" for n, e in ((self.jaren, "Y"), (self.maanden, "M"), (self.dagen, "D")) if n)
        if self.seconden:
            uren, rest = divmod(self.seconden, 3600)
            minuten, sec = divmod(rest, 60)
            deel += "T" + "".join(f"{n}{e}" for n, e in ((uren, "H"), (minuten, "M"), (sec, "S")) if n)
        return "P" + (deel or "0D")


def parse(tekst: str) -> Duur:
    """Parse an ISO 8601 duration; ``ValueError`` on anything else (including negative durations)."""
    m = _RE.match(tekst.strip()) if tekst else None
    if m is None:
        raise ValueError(f"geen geldige ISO 8601-duur: {tekst!r}")
    jaar, maand, week, dag, uur, minuut, seconde = m.groups()
    seconden = int(uur or 0) * 3600 + int(minuut or 0) * 60 + int(float((seconde or "0").replace(",", ".")))
    return Duur(int(jaar or 0), int(maand or 0), int(week or 0) * 7 + int(dag or 0), seconden)


def is_geldig(tekst: str) -> bool:
    try:
        parse(tekst)
    except ValueError:
        return False
    return True


def plus(datum: dt.date, duur: Duur | str) -> dt.date:
    """``datum`` + ``duur``: years and months first (a day past the month's end becomes its last day, so
    31 January + P1M = 28/29 February), then days; a time part counts only in whole days."""
    if isinstance(duur, str):
        duur = parse(duur)
    maanden = datum.month - 1 + duur.maanden + 12 * duur.jaren
    jaar, maand = datum.year + maanden // 12, maanden % 12 + 1
    dag = min(datum.day, calendar.monthrange(jaar, maand)[1])
    return dt.date(jaar, maand, dag) + dt.timedelta(days=duur.dagen + duur.seconden // 86400)


def past_binnen(duur: Duur, maximum: Duur, vanaf: dt.date) -> bool:
    """Whether ``duur`` is no longer than ``maximum`` when both run from ``vanaf`` (months differ in length, so
    durations compare only against a date)."""
    return plus(vanaf, duur) <= plus(vanaf, maximum)
