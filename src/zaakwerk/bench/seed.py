"""``zaakwerk bench seed``: a realistic data set in bulk for load tests and demos at scale.

Catalogues go through the catalogue import (every ztc rule holds); zaken with their identificatie, rollen,
statussen, resultaat and zaakeigenschappen are written in bulk (COPY on PostgreSQL, ``executemany`` on SQLite),
chunk by chunk, each chunk in one transaction. The next chunk is generated in a thread while the database takes
the current one, so Python and PostgreSQL work at the same time.

Seeded zaken get no audit trail and no notifications: they are test data, not events that happened. The seed
refuses a database that already holds seeded data unless asked to replace it (``opnieuw``).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy import Table, delete, func, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection

from zaakwerk.bench import _catalogus, _gegevens
from zaakwerk.bench._schrijven import PostgresWriter, SqliteWriter, Writer
from zaakwerk.bench._zaken import TABLES, Generator
from zaakwerk.catalogi import models as ztc
from zaakwerk.catalogi._context import Ctx
from zaakwerk.config import Settings
from zaakwerk.core import clock
from zaakwerk.core.db import Base, Database
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker
from zaakwerk.zaken import models as zrc
from zaakwerk.zaken._service_zaken_identificatie import maak as zaak_identificatie

DEFAULT_ZAKEN_POSTGRESQL = 1_000_000
DEFAULT_ZAKEN_SQLITE = 100_000
MEDEWERKERS_PER_ORGANISATIE = 50
# Expected rows per zaak (for progress totals before the exact counts are known).
PER_ZAAK = {
    "zrc_zaak": 1.0,
    "zrc_zaakidentificatie": 1.0,
    "zrc_rol": 2.5,
    "zrc_status": 4.5,
    "zrc_resultaat": 0.6,
    "zrc_zaakeigenschap": 2.0,
}
TELLER = "zrc_identificatie_teller"

# (step, rows of that table written now, expected total of that table)
Progress = Callable[[str, int, int], None]


class SeedRefused(Exception):
    """The database is not fit for seeding (not migrated, or already seeded without ``opnieuw``)."""


@dataclass(frozen=True)
class SeedOptions:
    zaken: int
    zaaktypen: int = 100
    organisaties: int = 3
    personen: int = 200_000
    seed: int | None = None
    opnieuw: bool = False
    chunk: int = 10_000

    def problems(self) -> list[str]:
        out = []
        if self.zaken < 1 or self.personen < 1 or self.organisaties < 1:
            out.append("--zaken, --personen en --organisaties moeten minstens 1 zijn.")
        if self.zaaktypen < self.organisaties:
            out.append("Elke organisatie heeft minstens één zaaktype nodig: --zaaktypen ≥ --organisaties.")
        if self.zaaktypen > 9999:
            out.append("Hoogstens 9999 zaaktypen.")
        return out


@dataclass
class SeedReport:
    rows: dict[str, int] = field(default_factory=dict)
    catalogus_seconds: float = 0.0
    seconds: float = 0.0
    organisaties: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def check_database_exists(settings: Settings) -> None:
    """A SQLite file that is not there yet would be created empty: refuse that before starting."""
    path = make_url(settings.database_url).database if settings.is_sqlite else None
    if path and path != ":memory:" and not Path(path).exists():
        raise SeedRefused(f"De database {path} bestaat nog niet: draai eerst `zaakwerk migrate`.")


def default_zaken(database_url: str) -> int:
    return DEFAULT_ZAKEN_SQLITE if database_url.startswith("sqlite") else DEFAULT_ZAKEN_POSTGRESQL


async def seed(settings: Settings, options: SeedOptions, progress: Progress | None = None) -> SeedReport:
    """Seed the database of ``settings``; returns what was written. Raises :class:`SeedRefused`."""
    report = SeedReport()
    started = time.perf_counter()
    rng = random.Random(options.seed)
    rsins = [_catalogus.organisatie_rsin(n) for n in range(1, options.organisaties + 1)]
    report.organisaties = rsins
    db = Database(settings.database_url)
    try:
        async with db.writer.begin() as conn:
            await _check(conn, rsins, options.opnieuw)
        if progress is not None:
            progress("ztc_zaaktype", 0, options.zaaktypen)
        async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
            await _catalogus.import_catalogi(
                uow, Ctx.for_base_url(settings), rng, options.organisaties, options.zaaktypen
            )
        async with db.reader.connect() as conn:
            zaaktypen = await _catalogus.read_zaaktypen(conn, rsins)
        report.catalogus_seconds = time.perf_counter() - started
        if progress is not None:
            progress("ztc_zaaktype", options.zaaktypen, options.zaaktypen)
        generator = Generator(
            rng=rng,
            zaaktypen=zaaktypen,
            personen=_gegevens.personen(rng, options.personen),
            medewerkers={
                rsin: _gegevens.medewerkers(rng, n, MEDEWERKERS_PER_ORGANISATIE) for n, rsin in enumerate(rsins, 1)
            },
            now=clock.now(),
            identificatie=partial(zaak_identificatie, settings),
        )
        writer: Writer = await PostgresWriter.connect(settings.database_url) if not db.is_sqlite else SqliteWriter(db)
        try:
            await _write_zaken(writer, generator, options, report, progress)
            await _write_tellers(writer, db, generator.tellers)
            report.rows[TELLER] = len(generator.tellers)
            # The count table, counted afresh: COPY as a superuser runs without triggers (replica role).
            for statement in _RECOUNT:
                await writer.execute(statement)
            if not db.is_sqlite:
                # Planner statistics now, not when autovacuum gets round to a million new rows.
                await writer.execute("ANALYZE " + ", ".join((*TABLES, TELLER)))
        finally:
            await writer.close()
    finally:
        await db.dispose()
    report.seconds = time.perf_counter() - started
    return report


async def _check(conn: AsyncConnection, rsins: list[str], opnieuw: bool) -> None:
    tables = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    if not {*TABLES, TELLER, "ztc_zaaktype"} <= tables:
        raise SeedRefused("De database heeft nog niet alle tabellen: draai eerst `zaakwerk migrate`.")
    zaken = (await conn.execute(select(func.count()).where(zrc.Zaak.bronorganisatie.in_(rsins)))).scalar_one()
    catalogi = (
        await conn.execute(
            select(func.count()).where(ztc.Catalogus.domein == _catalogus.DOMEIN, ztc.Catalogus.rsin.in_(rsins))
        )
    ).scalar_one()
    if not zaken and not catalogi:
        return
    if not opnieuw:
        raise SeedRefused(
            f"Deze database heeft al benchmarkgegevens ({zaken} zaken, {catalogi} catalogi van de "
            "benchmarkorganisaties). Gebruik --opnieuw om ze eerst te verwijderen."
        )
    await _remove(conn, rsins)


async def _remove(conn: AsyncConnection, rsins: list[str]) -> None:
    """Empty the Zaken tables and drop the seeded catalogi. Only when every zaak is seeded data: deleting a
    million zaken row by row (with the foreign-key checks of every child table) takes far longer than seeding."""
    others = (await conn.execute(select(func.count()).where(zrc.Zaak.bronorganisatie.not_in(rsins)))).scalar_one()
    if others:
        raise SeedRefused(
            f"--opnieuw maakt de Zaken-tabellen leeg, maar er staan ook {others} zaken van andere organisaties in."
        )
    tables = _zaak_tables()
    if conn.dialect.name == "postgresql":
        await conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables)))
    else:
        for table in tables:
            await conn.execute(delete(table))
    await conn.execute(
        delete(ztc.Catalogus).where(ztc.Catalogus.domein == _catalogus.DOMEIN, ztc.Catalogus.rsin.in_(rsins))
    )


def _zaak_tables() -> list[Table]:
    """The Zaken tables and every table that refers to them (besluiten, documents of those zaken, ...),
    children first; the count table last (on SQLite the triggers count the deleted zaken down in it)."""
    found = {t for t in Base.metadata.sorted_tables if t.name.startswith("zrc_")}
    grown = True
    while grown:
        refers = {
            t
            for t in Base.metadata.sorted_tables
            if t not in found and any(fk.column.table in found for fk in t.foreign_keys)
        }
        found |= refers
        grown = bool(refers)
    return [t for t in reversed(Base.metadata.sorted_tables) if t in found and t.name != "zrc_zaak_telling"] + [
        zrc.ZaakTelling.__table__
    ]


_KEY = "bronorganisatie, zaaktype_id, vertrouwelijkheidaanduiding"
_RECOUNT = (
    "DELETE FROM zrc_zaak_telling",
    f"INSERT INTO zrc_zaak_telling ({_KEY}, deel, aantal) SELECT {_KEY}, 0, count(*) FROM zrc_zaak GROUP BY {_KEY}",
)


async def _write_zaken(
    writer: Writer, generator: Generator, options: SeedOptions, report: SeedReport, progress: Progress | None
) -> None:
    sizes = [min(options.chunk, options.zaken - start) for start in range(0, options.zaken, options.chunk)]
    expected = {t: int(options.zaken * PER_ZAAK[t]) for t in TABLES}
    report.rows.update(dict.fromkeys(TABLES, 0))
    pending = asyncio.create_task(asyncio.to_thread(generator.chunk, sizes[0]))
    for i in range(len(sizes)):
        chunk = await pending
        if i + 1 < len(sizes):
            pending = asyncio.create_task(asyncio.to_thread(generator.chunk, sizes[i + 1]))
        await writer.write(chunk)
        for table, rows in chunk.items():
            report.rows[table] += len(rows)
            if progress is not None:
                last = i + 1 == len(sizes)
                progress(table, len(rows), report.rows[table] if last else max(expected[table], report.rows[table]))


async def _write_tellers(writer: Writer, db: Database, tellers: dict[tuple[str, int], int]) -> None:
    """The last number per bronorganisatie and year, so identificaties generated later continue the sequence."""
    rows = [{"bronorganisatie": rsin, "jaar": jaar, "laatste": n} for (rsin, jaar), n in sorted(tellers.items())]
    if rows:
        async with db.writer.begin() as conn:
            await conn.execute(insert(zrc.ZaakIdentificatieTeller), rows)
