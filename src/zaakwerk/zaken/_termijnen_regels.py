"""The day rules of a zaak's deadlines, in one place (pure functions, no database).

A deadline the service derives is ``kalender.termijn_einde(startdatum, nominaal)``: the *nominal* end counts
calendar days (startdatum + the zaaktype's term, + the total verlenging, + the days of every ended opschorting) and
only the final date moves off a Saturday, Sunday or feestdag (Algemene termijnenwet). Moving the already-moved date
again would count a weekend twice, so a change recomputes from the nominal end whenever the stored date is the one
the service derived; a date the client set itself is taken as the nominal end and moved from there.
"""

from __future__ import annotations

import datetime as dt

from zaakwerk.core import duur, kalender

MAANDEN = (
    "januari februari maart april mei juni juli augustus september oktober november december".split()  # noqa: SIM905
)


def datum_tekst(datum: dt.date) -> str:
    """A date as Dutch text: ``2 maart 2026``."""
    return f"{datum.day} {MAANDEN[datum.month - 1]} {datum.year}"


def einddatum(startdatum: dt.date, termijn: str | None) -> dt.date | None:
    """The legal end of a term of ``termijn`` (ISO 8601 duration) starting at ``startdatum``; None without a term."""
    if not termijn:
        return None
    return kalender.termijn_einde(startdatum, duur.plus(startdatum, termijn))


def nominaal(startdatum: dt.date, termijn: str | None, verlenging: str | None, opgeschort: int) -> dt.date | None:
    """The nominal (calendar-day) end: start + term, + verlenging, + suspended days; None without a term."""
    if not termijn:
        return None
    einde = duur.plus(startdatum, termijn)
    if verlenging:
        einde = duur.plus(einde, verlenging)
    return einde + dt.timedelta(days=opgeschort)


def verschuif(
    startdatum: dt.date, huidig: dt.date | None, oud: dt.date | None, nieuw: dt.date | None, dagen: int
) -> dt.date | None:
    """The new stored deadline when its nominal end goes from ``oud`` to ``nieuw`` (``dagen`` later).

    ``huidig`` is the stored date: when it is what the service derived from ``oud`` it is recomputed from ``nieuw``
    exactly; otherwise (set by the client, or the zaaktype has no such term) it moves by ``dagen`` and, if needed,
    on to the next working day. No stored date stays none.
    """
    if huidig is None:
        return None
    if oud is not None and nieuw is not None and huidig == kalender.termijn_einde(startdatum, oud):
        return kalender.termijn_einde(startdatum, nieuw)
    if dagen == 0:
        return huidig
    return kalender.volgende_werkdag(huidig + dt.timedelta(days=dagen))
