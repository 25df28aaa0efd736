"""The Dutch working-day calendar of the Algemene termijnenwet (Atw).

Art. 3 Atw names the *algemeen erkende feestdagen*: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede
Pinksterdag, eerste en tweede Kerstdag, the day the King's birthday is celebrated (Koningsdag) and 5 May
(Bevrijdingsdag, every year). Goede Vrijdag is *not* on the list, so it is a working day here. Days that the
government declares equal to a feestdag by decree (art. 3 lid 2) are not known to this module.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

_DAG = dt.timedelta(days=1)


def pasen(jaar: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    # Golden number, century corrections (solar and lunar), epact and weekday offset, in that order.
    g = jaar % 19
    eeuw, rest = divmod(jaar, 100)
    schrikkel_eeuw, eeuw_rest = divmod(eeuw, 4)
    maan_correctie = (eeuw - (eeuw + 8) // 25 + 1) // 3
    epacta = (19 * g + eeuw - schrikkel_eeuw - maan_correctie + 15) % 30
    jaar4, jaar_rest = divmod(rest, 4)
    weekdag = (32 + 2 * eeuw_rest + 2 * jaar4 - epacta - jaar_rest) % 7
    correctie = (g + 11 * epacta + 22 * weekdag) // 451
    maand, dag = divmod(epacta + weekdag - 7 * correctie + 114, 31)
    return dt.date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> dt.date:
    """The day the King's (until 2013 the Queen's) birthday is celebrated; never on a Sunday."""
    gewoon = dt.date(jaar, 4, 27) if jaar >= 2014 else dt.date(jaar, 4, 30)
    return gewoon - _DAG if gewoon.isoweekday() == 7 else gewoon


@lru_cache(maxsize=256)
def feestdagen(jaar: int) -> dict[dt.date, str]:
    """The erkende feestdagen of art. 3 Atw in a year, date → Dutch name."""
    paasdag = pasen(jaar)
    return {
        dt.date(jaar, 1, 1): "Nieuwjaarsdag",
        paasdag + _DAG: "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        dt.date(jaar, 5, 5): "Bevrijdingsdag",
        paasdag + 39 * _DAG: "Hemelvaartsdag",
        paasdag + 50 * _DAG: "Tweede Pinksterdag",
        dt.date(jaar, 12, 25): "Eerste Kerstdag",
        dt.date(jaar, 12, 26): "Tweede Kerstdag",
    }


def is_feestdag(dag: dt.date) -> bool:
    return dag in feestdagen(dag.year)


def is_werkdag(dag: dt.date) -> bool:
    """Not a Saturday, Sunday or erkende feestdag."""
    return dag.isoweekday() < 6 and not is_feestdag(dag)


def volgende_werkdag(dag: dt.date) -> dt.date:
    """``dag`` itself when it is a working day, else the first working day after it (art. 1 Atw)."""
    while not is_werkdag(dag):
        dag += _DAG
    return dag


def werkdagen_tussen(van: dt.date, tot: dt.date) -> int:
    """Working days in ``(van, tot]`` — the days a term running from ``van`` to ``tot`` contains; 0 if tot <= van."""
    aantal = 0
    dag = van + _DAG
    while dag <= tot:
        aantal += is_werkdag(dag)
        dag += _DAG
    return aantal


def termijn_einde(begin: dt.date, einde: dt.date) -> dt.date:
    """The legal end of a term that starts the day after ``begin`` and would end on ``einde``.

    Art. 1 Atw: an end on a Saturday, Sunday or feestdag moves to the next working day. Art. 2 Atw: a term of at
    least three days is extended, if needed, until it contains at least two working days.
    """
    drie_dagen_of_meer = (einde - begin).days >= 3
    einde = volgende_werkdag(einde)
    if drie_dagen_of_meer:
        while werkdagen_tussen(begin, einde) < 2:
            einde = volgende_werkdag(einde + _DAG)
    return einde


def plus_werkdagen(dag: dt.date, aantal: int) -> dt.date:
    """The ``aantal``-th working day after ``dag`` (``dag`` itself for 0)."""
    while aantal > 0:
        dag += _DAG
        aantal -= is_werkdag(dag)
    return dag
