"""Zaak identificaties: generated per bronorganisatie and year, reserved ahead, never handed out twice (zrc-002).

The sequence lives in :class:`ZaakIdentificatieTeller`, one row per bronorganisatie and year, advanced with one
``INSERT ... ON CONFLICT DO UPDATE ... RETURNING``: on PostgreSQL the row lock makes concurrent creates wait for
each other's commit, on SQLite the writer lock (``BEGIN IMMEDIATE``) already serialises them. Every number handed
out, generated, reserved or chosen by a client, is recorded in :class:`ZaakIdentificatie`; a generated number
that a client took by hand earlier is skipped, and a reserved one is only ever used by a zaak that names it.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.errors import Invalid, validation_error
from zaakwerk.core.ids import new_uuid
from zaakwerk.zaken._identificatie_voorraad import Voorraad
from zaakwerk.zaken.models import Zaak, ZaakIdentificatie, ZaakIdentificatieTeller

NIET_UNIEK = "identificatie-niet-uniek"
MAX_LENGTH = 40

_TELLER = ZaakIdentificatieTeller
_ZI = ZaakIdentificatie


def patroon(settings: Settings, bronorganisatie: str) -> str:
    return settings.zaak_identificatie_patronen.get(bronorganisatie, settings.zaak_identificatie_patroon)


def maak(settings: Settings, bronorganisatie: str, jaar: int, volgnummer: int) -> str:
    """The identificatie for ``volgnummer`` by the organisation's pattern."""
    value = patroon(settings, bronorganisatie).format(jaar=jaar, volgnummer=volgnummer, rsin=bronorganisatie)
    if len(value) > MAX_LENGTH:
        raise validation_error(
            "identificatie", "max_length", f"De gegenereerde identificatie '{value}' is langer dan 40 tekens."
        )
    return value


async def _advance(session: AsyncSession, bronorganisatie: str, jaar: int, aantal: int) -> int:
    """Take ``aantal`` numbers from the sequence in one statement; the last one taken."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(_TELLER)
        .values(bronorganisatie=bronorganisatie, jaar=jaar, laatste=aantal)
        .on_conflict_do_update(
            index_elements=[_TELLER.bronorganisatie, _TELLER.jaar],
            set_={"laatste": _TELLER.laatste + aantal},
        )
        .returning(_TELLER.laatste)
    )
    return int((await session.execute(stmt)).scalar_one())


async def taken(session: AsyncSession, bronorganisatie: str, identificaties: list[str]) -> set[str]:
    """Which of ``identificaties`` exist already for the organisation (handed out, reserved or on a zaak)."""
    query = union(
        select(_ZI.identificatie).where(_ZI.bronorganisatie == bronorganisatie, _ZI.identificatie.in_(identificaties)),
        select(Zaak.identificatie).where(
            Zaak.bronorganisatie == bronorganisatie, Zaak.identificatie.in_(identificaties)
        ),
    )
    return set((await session.execute(query)).scalars())


async def genereer(
    session: AsyncSession, settings: Settings, bronorganisatie: str, jaar: int, aantal: int = 1
) -> list[str]:
    """``aantal`` new identificaties (not yet recorded: the caller adds the :class:`ZaakIdentificatie` rows in
    the same transaction)."""
    out: list[str] = []
    while len(out) < aantal:
        nodig = aantal - len(out)
        laatste = await _advance(session, bronorganisatie, jaar, nodig)
        nieuw = [maak(settings, bronorganisatie, jaar, n) for n in range(laatste - nodig + 1, laatste + 1)]
        bezet = await taken(session, bronorganisatie, nieuw)
        out.extend(i for i in nieuw if i not in bezet)
    return out


async def reserveer(session: AsyncSession, settings: Settings, bronorganisatie: str, aantal: int = 1) -> list[str]:
    """Reserve ``aantal`` identificaties (``/zaaknummer_reserveren``): recorded without a zaak, so they are never
    generated again and a later create that names one claims it."""
    nummers = await genereer(session, settings, bronorganisatie, clock.today().year, aantal)
    session.add_all(ZaakIdentificatie(bronorganisatie=bronorganisatie, identificatie=i) for i in nummers)
    return nummers


async def ken_toe(
    session: AsyncSession,
    settings: Settings,
    zaak_id: uuid.UUID,
    bronorganisatie: str,
    identificatie: str,
    jaar: int,
    inv: Invalid,
    voorraad: Voorraad | None = None,
) -> tuple[str, dict[str, Any] | None]:
    """The identificatie of a new zaak: the given one when free or reserved (then claimed), else a new one (from
    the process's ``voorraad`` when there is one); with the values of its new :class:`ZaakIdentificatie` record,
    which the caller inserts after the zaak (``None`` when a reserved record was claimed)."""
    if not identificatie:
        if voorraad is not None:
            identificatie = await voorraad.neem(
                bronorganisatie, jaar, lambda n: maak(settings, bronorganisatie, jaar, n)
            )
        else:
            (identificatie,) = await genereer(session, settings, bronorganisatie, jaar)
        return identificatie, _record(bronorganisatie, identificatie, zaak_id)
    query = select(_ZI).where(_ZI.bronorganisatie == bronorganisatie, _ZI.identificatie == identificatie)
    bestaand = (await session.execute(query.with_for_update())).scalar_one_or_none()
    if bestaand is None:
        return identificatie, _record(bronorganisatie, identificatie, zaak_id)
    if bestaand.zaak_id is None:
        bestaand.zaak_id = zaak_id
    else:
        inv.add("identificatie", NIET_UNIEK, "Deze identificatie bestaat al binnen de bronorganisatie.")
    return identificatie, None


def _record(bronorganisatie: str, identificatie: str, zaak_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": new_uuid(),
        "bronorganisatie": bronorganisatie,
        "identificatie": identificatie,
        "zaak_id": zaak_id,
        "aangemaakt": clock.now(),
    }
