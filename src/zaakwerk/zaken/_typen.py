"""The published catalogue types a Zaken write checks against, kept per process until the catalogue changes.

Every POST /zaken looks up its zaaktype (zrc-001, 009, 015, the deadlines) and every POST /statussen its
statustype and the zaaktype's eindstatus (zrc-016, zrc-007). Types change only by a catalogue write, and every
catalogue write bumps the catalogi version: the signal that empties the Catalogi response cache (in the writing
process at commit, in others by NOTIFY, or by reading the version row on SQLite and while the listener is down)
empties this one too, because it is keyed by that cache's generation. Only found types are kept; a lookup that
raced an invalidation is used but not stored.

Callers outside a request (portal, automation) pass no cache: then every lookup reads the database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request

from zaakwerk.catalogi._cache import ResponseCache, response_cache
from zaakwerk.catalogi.models import StatusType, ZaakType


@dataclass(frozen=True, slots=True)
class ZaakTypeInfo:
    """What a zaak write needs of its zaaktype."""

    id: uuid.UUID
    concept: bool
    begin_geldigheid: dt.date
    einde_geldigheid: dt.date | None
    vertrouwelijkheidaanduiding: str
    producten_of_diensten: tuple[str, ...]
    servicenorm: str | None
    doorlooptijd: str


@dataclass(frozen=True, slots=True)
class StatusTypeInfo:
    """What a status write needs of its statustype: its zaaktype, volgnummer and the eindstatus's volgnummer."""

    id: uuid.UUID
    zaaktype_id: uuid.UUID
    volgnummer: int
    eind_volgnummer: int


_ZT = ZaakType
_ZAAKTYPE = select(
    _ZT.id,
    _ZT.concept,
    _ZT.begin_geldigheid,
    _ZT.einde_geldigheid,
    _ZT.vertrouwelijkheidaanduiding,
    _ZT.producten_of_diensten,
    _ZT.servicenorm,
    _ZT.doorlooptijd,
)


class Typen:
    """Zaaktypen and statustypen by id; with ``responses`` (the app's Catalogi cache) they are kept until it is
    invalidated, without it every lookup is one query."""

    def __init__(self, responses: ResponseCache | None = None) -> None:
        self._responses = responses
        self._generation = -1
        self._zaaktypen: dict[uuid.UUID, ZaakTypeInfo] = {}
        self._statustypen: dict[uuid.UUID, StatusTypeInfo] = {}

    async def _generation_now(self) -> int | None:
        responses = self._responses
        if responses is None:
            return None
        if not responses.watcher.listening:
            await responses.watcher.check()
        if responses.generation != self._generation:
            self._zaaktypen.clear()
            self._statustypen.clear()
            self._generation = responses.generation
        return self._generation

    def _still(self, generation: int | None) -> bool:
        return self._responses is not None and self._responses.generation == generation

    async def zaaktype(self, session: AsyncSession, id_: uuid.UUID) -> ZaakTypeInfo | None:
        generation = await self._generation_now()
        if (found := self._zaaktypen.get(id_)) is not None:
            return found
        row = (await session.execute(_ZAAKTYPE.where(_ZT.id == id_))).first()
        if row is None:
            return None
        info = ZaakTypeInfo(
            id=row.id,
            concept=row.concept,
            begin_geldigheid=row.begin_geldigheid,
            einde_geldigheid=row.einde_geldigheid,
            vertrouwelijkheidaanduiding=row.vertrouwelijkheidaanduiding,
            producten_of_diensten=tuple(row.producten_of_diensten or ()),
            servicenorm=row.servicenorm,
            doorlooptijd=row.doorlooptijd,
        )
        if self._still(generation):
            self._zaaktypen[id_] = info
        return info

    async def statustype(self, session: AsyncSession, id_: uuid.UUID) -> StatusTypeInfo | None:
        generation = await self._generation_now()
        if (found := self._statustypen.get(id_)) is not None:
            return found
        andere = StatusType.__table__.alias("eind")
        eind = select(func.max(andere.c.volgnummer)).where(andere.c.zaaktype_id == StatusType.zaaktype_id)
        query = select(StatusType.zaaktype_id, StatusType.volgnummer, eind.scalar_subquery().label("eind"))
        row = (await session.execute(query.where(StatusType.id == id_))).first()
        if row is None:
            return None
        info = StatusTypeInfo(id=id_, zaaktype_id=row.zaaktype_id, volgnummer=row.volgnummer, eind_volgnummer=row.eind)
        if self._still(generation):
            self._statustypen[id_] = info
        return info


def typen(request: Request) -> Typen:
    """The app's cache of types, tied to its Catalogi response cache."""
    responses = response_cache(request)
    found: Typen | None = getattr(request.app.state, "zaken_typen", None)
    if found is None or found._responses is not responses:
        found = Typen(responses)
        request.app.state.zaken_typen = found
    return found
