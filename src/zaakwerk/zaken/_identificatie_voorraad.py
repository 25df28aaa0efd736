"""A process's supply of zaak volgnummers, taken from the teller a block at a time (PostgreSQL).

Advancing ``zrc_identificatie_teller`` inside the create transaction locks that one row per bronorganisatie and
year until the commit: every create of the organisation then waits for the one before it (measured: POST zaak
stuck near 230 req/s with the machine a third idle). Instead a process takes a block of numbers in a short
transaction of its own (one statement, committed at once), checks the whole block against the numbers clients
chose by hand, and hands them out from memory. The teller still guarantees that no two processes get the same
number; the unique constraint on ``zrc_zaakidentificatie`` catches a number a client took by hand after the block
was checked (the create is then retried with the next number, see :class:`IdentificatieBezet`).

The price: numbers are in creation order per process, not across processes, and a stopped process leaves the
rest of its block unused (a gap, as a rolled-back create leaves one). ``ZAAKWERK_ZAAK_IDENTIFICATIE_VOORRAAD``
sets the block size; 1 keeps gaps to rollbacks and still avoids the wait.

SQLite has one writer at a time anyway, and a second connection would wait for the create's own write lock: there
the number is taken inside the create transaction (:func:`zaakwerk.zaken._service_zaken_identificatie.genereer`).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from functools import cache
from typing import Any, cast

from sqlalchemy import Insert, Table, bindparam, select, union
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from zaakwerk.zaken.models import Zaak, ZaakIdentificatie, ZaakIdentificatieTeller

_T = cast(Table, ZaakIdentificatieTeller.__table__)
_ZI = cast(Table, ZaakIdentificatie.__table__)
_Z = cast(Table, Zaak.__table__)


class IdentificatieBezet(Exception):
    """A number from the supply was taken by hand after its block was checked: retry the create."""


@cache
def _advance() -> Insert:
    stmt = pg_insert(_T).values(bronorganisatie=bindparam("bron"), jaar=bindparam("jaar"), laatste=bindparam("aantal"))
    return stmt.on_conflict_do_update(
        index_elements=[_T.c.bronorganisatie, _T.c.jaar], set_={"laatste": _T.c.laatste + stmt.excluded.laatste}
    ).returning(_T.c.laatste)


@cache
def _taken() -> Any:
    ids: Any = bindparam("ids", expanding=True)
    return union(
        select(_ZI.c.identificatie).where(_ZI.c.bronorganisatie == bindparam("bron"), _ZI.c.identificatie.in_(ids)),
        select(_Z.c.identificatie).where(_Z.c.bronorganisatie == bindparam("bron"), _Z.c.identificatie.in_(ids)),
    )


class Voorraad:
    """Free identificaties per (bronorganisatie, jaar), refilled from the teller in blocks of ``blok``."""

    def __init__(self, engine: AsyncEngine, blok: int) -> None:
        # Autocommit: the block is taken and committed in one round trip, outside any create transaction.
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._blok = max(1, blok)
        self._vrij: dict[tuple[str, int], deque[str]] = {}
        self._locks: dict[tuple[str, int], asyncio.Lock] = {}

    async def neem(self, bronorganisatie: str, jaar: int, maak: Callable[[int], str]) -> str:
        """The next free identificatie; ``maak`` turns a volgnummer into one by the organisation's pattern."""
        key = (bronorganisatie, jaar)
        vrij = self._vrij.setdefault(key, deque())
        if vrij:
            return vrij.popleft()
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            while not vrij:  # a whole block can be taken by hand, however unlikely
                vrij.extend(await self._vul(bronorganisatie, jaar, maak))
            return vrij.popleft()

    async def _vul(self, bronorganisatie: str, jaar: int, maak: Callable[[int], str]) -> list[str]:
        async with self._engine.connect() as conn:
            params = {"bron": bronorganisatie, "jaar": jaar, "aantal": self._blok}
            laatste = int((await conn.execute(_advance(), params)).scalar_one())
            nieuw = [maak(n) for n in range(laatste - self._blok + 1, laatste + 1)]
            bezet = set((await conn.execute(_taken(), {"bron": bronorganisatie, "ids": nieuw})).scalars())
        return [i for i in nieuw if i not in bezet]
