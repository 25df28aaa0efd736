"""``waarde`` against a specificatie, for the formats and lengths the demo catalogue does not have."""

from __future__ import annotations

import pytest

from zaakwerk.core.errors import Invalid
from zaakwerk.zaken._waarde import check_waarde


def codes(waarde: str, **specificatie: object) -> list[str]:
    inv = Invalid()
    check_waarde(waarde, {"kardinaliteit": "1", **specificatie}, inv)
    assert all(p.name == "waarde" for p in inv.params)
    return [p.code for p in inv.params]


@pytest.mark.parametrize(
    ("waarde", "lengte", "expected"),
    [
        ("123456,78", "8,2", []),
        ("-12.5", "8,2", []),
        ("1234567,8", "8,2", []),
        ("123456789", "8,2", ["max_length"]),
        ("1,234", "8,2", ["invalid-getal"]),
        ("12,5", "8", ["invalid-getal"]),
        ("1e5", "8", ["invalid-getal"]),
    ],
)
def test_getal(waarde: str, lengte: str, expected: list[str]) -> None:
    assert codes(waarde, formaat="getal", lengte=lengte) == expected


@pytest.mark.parametrize(
    ("waarde", "expected"),
    [
        ("20261102143000", []),
        ("2026-11-02T14:30:00Z", []),
        ("20261102", ["invalid-datum-tijd"]),
        ("20261102253000", ["invalid-datum-tijd"]),
    ],
)
def test_datum_tijd(waarde: str, expected: list[str]) -> None:
    assert codes(waarde, formaat="datum_tijd", lengte="14") == expected


def test_tekst_length_and_waardenverzameling_together() -> None:
    assert codes("misschien", formaat="tekst", lengte="3", waardenverzameling=["ja", "nee"]) == [
        "max_length",
        "invalid_choice",
    ]
