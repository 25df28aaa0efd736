"""The Dutch working-day calendar (Algemene termijnenwet) and ISO 8601 duration arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from zaakwerk.core import duur, kalender

D = dt.date


def test_easter_is_computed_for_known_years() -> None:
    assert [kalender.pasen(j) for j in (2024, 2025, 2026, 2027, 2038)] == [
        D(2024, 3, 31),
        D(2025, 4, 20),
        D(2026, 4, 5),
        D(2027, 3, 28),
        D(2038, 4, 25),
    ]


def test_feestdagen_2026_are_the_atw_list_without_goede_vrijdag() -> None:
    assert kalender.feestdagen(2026) == {
        D(2026, 1, 1): "Nieuwjaarsdag",
        D(2026, 4, 6): "Tweede Paasdag",
        D(2026, 4, 27): "Koningsdag",
        D(2026, 5, 5): "Bevrijdingsdag",
        D(2026, 5, 14): "Hemelvaartsdag",
        D(2026, 5, 25): "Tweede Pinksterdag",
        D(2026, 12, 25): "Eerste Kerstdag",
        D(2026, 12, 26): "Tweede Kerstdag",
    }
    goede_vrijdag = D(2026, 4, 3)
    assert kalender.is_werkdag(goede_vrijdag)


def test_feestdagen_2027() -> None:
    assert sorted(kalender.feestdagen(2027)) == [
        D(2027, 1, 1),
        D(2027, 3, 29),
        D(2027, 4, 27),
        D(2027, 5, 5),
        D(2027, 5, 6),
        D(2027, 5, 17),
        D(2027, 12, 25),
        D(2027, 12, 26),
    ]


def test_koningsdag_on_a_sunday_is_celebrated_on_saturday_26_april() -> None:
    assert kalender.koningsdag(2025) == D(2025, 4, 26)  # 27 April 2025 is a Sunday
    assert kalender.koningsdag(2031) == D(2031, 4, 26)
    assert kalender.koningsdag(2026) == D(2026, 4, 27)
    assert kalender.koningsdag(2012) == D(2012, 4, 30)  # Koninginnedag


@pytest.mark.parametrize(
    ("dag", "werkdag"),
    [
        (D(2026, 3, 13), True),  # Friday
        (D(2026, 3, 14), False),  # Saturday
        (D(2026, 3, 15), False),  # Sunday
        (D(2026, 5, 14), False),  # Hemelvaartsdag (Thursday)
        (D(2026, 5, 15), True),  # the Friday after: no bridge day in the law
        (D(2027, 5, 5), False),  # Bevrijdingsdag counts every year
        (D(2027, 1, 1), False),
    ],
)
def test_is_werkdag(dag: dt.date, werkdag: bool) -> None:
    assert kalender.is_werkdag(dag) is werkdag


def test_volgende_werkdag_skips_weekend_and_holidays() -> None:
    assert kalender.volgende_werkdag(D(2026, 3, 13)) == D(2026, 3, 13)
    assert kalender.volgende_werkdag(D(2026, 3, 14)) == D(2026, 3, 16)
    assert kalender.volgende_werkdag(D(2026, 4, 4)) == D(2026, 4, 7)  # Saturday, Easter, Tweede Paasdag
    assert kalender.volgende_werkdag(D(2026, 12, 25)) == D(2026, 12, 28)  # Christmas Friday + weekend
    assert kalender.volgende_werkdag(D(2027, 12, 25)) == D(2027, 12, 27)  # Christmas on Saturday/Sunday


def test_werkdagen_tussen_counts_the_half_open_interval() -> None:
    # 1 May 2026 (Friday) .. 8 May: Mon 4, Tue 5 (Bevrijdingsdag), Wed 6, Thu 7, Fri 8
    assert kalender.werkdagen_tussen(D(2026, 5, 1), D(2026, 5, 8)) == 4
    assert kalender.werkdagen_tussen(D(2026, 5, 8), D(2026, 5, 1)) == 0


def test_atw_art_2_a_term_of_three_days_contains_two_working_days() -> None:
    # Thursday 24 Dec 2026 + 3 days = Sunday 27 Dec → Monday 28 Dec has only one working day in the term
    # (25 and 26 are Kerstdagen), so it is extended to Tuesday 29 Dec.
    assert kalender.termijn_einde(D(2026, 12, 24), D(2026, 12, 27)) == D(2026, 12, 29)
    # Short terms (under three days) only get the art. 1 move.
    assert kalender.termijn_einde(D(2026, 12, 24), D(2026, 12, 25)) == D(2026, 12, 28)


@pytest.mark.parametrize(
    ("start", "tekst", "eind"),
    [
        (D(2026, 3, 2), "P10D", D(2026, 3, 12)),
        (D(2026, 3, 2), "P6W", D(2026, 4, 13)),
        (D(2026, 3, 2), "P8W", D(2026, 4, 27)),
        (D(2026, 1, 31), "P1M", D(2026, 2, 28)),
        (D(2028, 1, 31), "P1M", D(2028, 2, 29)),
        (D(2026, 11, 30), "P3M", D(2027, 2, 28)),
        (D(2028, 2, 29), "P1Y", D(2029, 2, 28)),
        (D(2026, 3, 2), "P1Y2M3D", D(2027, 5, 5)),
        (D(2026, 3, 2), "PT48H", D(2026, 3, 4)),
    ],
)
def test_duur_plus(start: dt.date, tekst: str, eind: dt.date) -> None:
    assert duur.plus(start, tekst) == eind


@pytest.mark.parametrize("tekst", ["", "P", "6W", "P-1D", "PT", "P1.5D", "1 week"])
def test_duur_parse_refuses_non_iso_text(tekst: str) -> None:
    assert not duur.is_geldig(tekst)
    with pytest.raises(ValueError, match="ISO 8601"):
        duur.parse(tekst)


def test_duur_sum_and_canonical_text() -> None:
    totaal = duur.parse("P2W") + duur.parse("P1M3D")
    assert totaal == duur.Duur(maanden=1, dagen=17)
    assert totaal.iso() == "P1M17D"
    assert duur.Duur().iso() == "P0D"
    assert duur.past_binnen(duur.parse("P30D"), duur.parse("P1M"), D(2026, 1, 1))
    assert not duur.past_binnen(duur.parse("P30D"), duur.parse("P1M"), D(2026, 2, 1))
