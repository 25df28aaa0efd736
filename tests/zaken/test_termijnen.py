"""The deadline service: planned and final end dates of a zaak with the Algemene termijnenwet's day rules."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.catalogi.models import ZaakType
from zaakwerk.zaken import termijnen

D = dt.date


def _zaaktype(doorlooptijd: str, servicenorm: str | None = None) -> ZaakType:
    return ZaakType(doorlooptijd=doorlooptijd, servicenorm=servicenorm)


@pytest.mark.parametrize(
    ("start", "doorlooptijd", "servicenorm", "gepland", "uiterlijk"),
    [
        # 30 March 2026 + 8 weeks = Tweede Pinksterdag (Monday 25 May) → Tuesday 26 May; + 6 weeks = Monday 11 May.
        (D(2026, 3, 30), "P8W", "P6W", D(2026, 5, 11), D(2026, 5, 26)),
        # + 6 weeks lands on Koningsdag (Monday 27 April 2026).
        (D(2026, 3, 16), "P6W", "P4W", D(2026, 4, 13), D(2026, 4, 28)),
        # Eerste Kerstdag 2026 is a Friday: Kerst + weekend → Monday 28 December.
        (D(2026, 11, 13), "P6W", None, None, D(2026, 12, 28)),
        # Saturday → Monday; Goede Vrijdag (26 March 2027) is a working day.
        (D(2027, 2, 26), "P4W", "P8D", D(2027, 3, 8), D(2027, 3, 26)),
        # Friday 26 March 2027 + 3 days = Tweede Paasdag → Tuesday 30 March, but then the term holds one working
        # day; art. 2 Atw wants two → Wednesday 31 March. + 3 months = Saturday 26 June → Monday 28 June.
        (D(2027, 3, 26), "P3M", "P3D", D(2027, 3, 31), D(2027, 6, 28)),
    ],
)
def test_geplande_data_uses_servicenorm_and_doorlooptijd_with_the_working_day_rule(
    start: dt.date, doorlooptijd: str, servicenorm: str | None, gepland: dt.date | None, uiterlijk: dt.date
) -> None:
    assert termijnen.geplande_data(_zaaktype(doorlooptijd, servicenorm), start) == (gepland, uiterlijk)


def test_geplande_data_follows_the_month_end() -> None:
    # 30 November 2026 + 3 months = 28 February 2027 (Sunday) → Monday 1 March.
    assert termijnen.geplande_data(_zaaktype("P3M"), D(2026, 11, 30)) == (None, D(2027, 3, 1))
