"""The one deadline service of a zaak: planned and final end dates, suspensions and extensions.

Everything that shows or acts on a zaak's deadlines (the Zaken API, portal, werkplek, automation, dashboard) goes
through this module, so the day rules are applied in one place:

- ``einddatumGepland`` = startdatum + servicenorm, ``uiterlijkeEinddatumAfdoening`` = startdatum + doorlooptijd
  (both from the zaaktype); legal terms count calendar days and a date on a Saturday, Sunday or erkende feestdag
  moves to the next working day (Algemene termijnenwet, ``core.kalender``).
"""

from __future__ import annotations

import datetime as dt

from zaakwerk.catalogi.models import ZaakType
from zaakwerk.core import duur, kalender


def einddatum(startdatum: dt.date, termijn: str | None) -> dt.date | None:
    """The legal end of a term of ``termijn`` (ISO 8601 duration) starting at ``startdatum``; None without a term."""
    if not termijn:
        return None
    return kalender.termijn_einde(startdatum, duur.plus(startdatum, termijn))


def geplande_data(zaaktype: ZaakType, startdatum: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """(einddatumGepland from the servicenorm or None, uiterlijkeEinddatumAfdoening from the doorlooptijd) of a
    new zaak, with the working-day rule."""
    return einddatum(startdatum, zaaktype.servicenorm), einddatum(startdatum, zaaktype.doorlooptijd)
