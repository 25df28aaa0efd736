"""brc-002: a besluit's identificatie is unique within its verantwoordelijke organisatie.

A given identificatie is checked; an empty one is generated from ``ZAAKWERK_BESLUIT_IDENTIFICATIE_PATROON`` with a
sequence per organisation and year (:mod:`zaakwerk.core.volgnummer`). A generated number a client already took by
hand is skipped. The unique constraint on the table is the last guard against a race between two given ones.
"""

from __future__ import annotations

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.besluiten.models import Besluit, BesluitIdentificatieTeller
from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.errors import validation_error
from zaakwerk.core.volgnummer import neem

NIET_UNIEK = "identificatie-niet-uniek"
MAX_LENGTH = 50


def maak(settings: Settings, organisatie: str, jaar: int, volgnummer: int) -> str:
    value = settings.besluit_identificatie_patroon.format(jaar=jaar, volgnummer=volgnummer, rsin=organisatie)
    if len(value) > MAX_LENGTH:
        raise validation_error(
            "identificatie", "max_length", f"De gegenereerde identificatie '{value}' is langer dan 50 tekens."
        )
    return value


async def bezet(session: AsyncSession, organisatie: str, identificatie: str) -> bool:
    query = select(Besluit.id).where(
        Besluit.verantwoordelijke_organisatie == organisatie, Besluit.identificatie == identificatie
    )
    return (await session.execute(query.limit(1))).first() is not None


async def genereer(session: AsyncSession, settings: Settings, organisatie: str) -> str:
    table = BesluitIdentificatieTeller.__table__
    assert isinstance(table, Table)
    jaar = clock.today().year
    key = {"verantwoordelijke_organisatie": organisatie, "jaar": jaar}
    while True:
        nummer = await neem(session, table, key)
        identificatie = maak(settings, organisatie, jaar, nummer)
        if not await bezet(session, organisatie, identificatie):
            return identificatie
