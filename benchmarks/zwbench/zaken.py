"""The Zaken suite: data by ``zaakwerk bench seed`` (as an operator runs it), a client with restricted rights
(5 of the zaaktypen, up to ``zaakvertrouwelijk``), and the request patterns measured against it.

Samples (zaken, BSNs, open zaken for new statussen) are taken from the database within that client's rights, so
every measured request returns data and no request is a 403.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork, make_sessionmaker

ZAKEN = "/zaken/api/v1"
CATALOGI = "/catalogi/api/v1"
CLIENT_ZAAKTYPEN = 5
MAX_VERTROUWELIJK = "zaakvertrouwelijk"
TOEGESTAAN = ("openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk")
SCOPES = ["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.statussen.toevoegen"]
SAMPLE = 2_000
LIST_PAGE = 100
BSN_FILTER = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"


@dataclass
class ZakenData:
    base: str
    zaaktypen: list[tuple[str, str]] = field(default_factory=list)  # (zaaktype uuid, bronorganisatie)
    zaken: list[str] = field(default_factory=list)  # uuids within the client's rights
    open_zaken: list[tuple[str, str]] = field(default_factory=list)  # (zaak uuid, statustype uuid not the end)
    bsns: list[str] = field(default_factory=list)


def seed(database_url: str, workdir: Path, port: int, zaken: int | None, timeout_s: float = 1800.0) -> str:
    """``zaakwerk bench seed`` in a subprocess with the server's settings; returns its summary line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZAAKWERK_")}
    env.update(
        ZAAKWERK_DATABASE_URL=database_url,
        ZAAKWERK_DATA_DIR=str(workdir),
        ZAAKWERK_HOST="127.0.0.1",
        ZAAKWERK_PORT=str(port),  # catalogue URLs (selectielijst) point at the server under test
        COLUMNS="120",
    )
    cmd = [sys.executable, "-m", "zaakwerk", "bench", "seed", "--seed", "1"]
    if zaken is not None:
        cmd += ["--zaken", str(zaken)]
    done = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, timeout=timeout_s, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"zaakwerk bench seed failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    lines = done.stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("✓")), max(len(lines) - 2, 0))
    return " ".join(" ".join(lines[start:]).split())


async def _samples(database_url: str, base: str) -> ZakenData:
    data = ZakenData(base=base)
    db = Database(database_url)
    try:
        async with db.reader.connect() as conn:
            rows = await conn.execute(
                text(
                    "SELECT zaaktype_id, bronorganisatie, count(*) AS n FROM zrc_zaak "
                    "GROUP BY zaaktype_id, bronorganisatie ORDER BY n DESC, zaaktype_id LIMIT :n"
                ),
                {"n": CLIENT_ZAAKTYPEN},
            )
            data.zaaktypen = [(str(r.zaaktype_id), r.bronorganisatie) for r in rows]
            ids = [uuid for uuid, _ in data.zaaktypen]
            where = "z.zaaktype_id IN :types AND z.vertrouwelijkheidaanduiding IN :levels"
            params: dict[str, Any] = {"types": tuple(ids), "levels": TOEGESTAAN, "n": SAMPLE}
            q = text(f"SELECT z.id FROM zrc_zaak z WHERE {where} ORDER BY z.id LIMIT :n")
            data.zaken = [str(r.id) for r in await conn.execute(_expanding(q), params)]
            q = text(
                "SELECT z.id, s.id AS statustype FROM zrc_zaak z JOIN ztc_statustype s "
                f"ON s.zaaktype_id = z.zaaktype_id AND s.volgnummer = 2 WHERE {where} AND z.einddatum IS NULL "
                "ORDER BY z.id LIMIT :n"
            )
            data.open_zaken = [(str(r.id), str(r.statustype)) for r in await conn.execute(_expanding(q), params)]
            q = text(
                "SELECT DISTINCT r.inp_bsn FROM zrc_rol r JOIN zrc_zaak z ON z.id = r.zaak_id "
                f"WHERE {where} AND r.inp_bsn IS NOT NULL ORDER BY r.inp_bsn LIMIT :n"
            )
            data.bsns = [r.inp_bsn for r in await conn.execute(_expanding(q), params)]
    finally:
        await db.dispose()
    if not (data.zaken and data.open_zaken and data.bsns):
        raise RuntimeError("the seeded data has no zaken within the benchmark client's rights")
    return data


def _expanding(q: Any) -> Any:
    from sqlalchemy import bindparam

    return q.bindparams(bindparam("types", expanding=True), bindparam("levels", expanding=True))


def samples(database_url: str, base: str) -> ZakenData:
    return asyncio.run(_samples(database_url, base))


def create_restricted_client(database_url: str, base: str, zaaktypen: list[str], client_id: str, secret: str) -> None:
    """An applicatie with the Zaken scopes on ``zaaktypen`` only, up to zaakvertrouwelijk."""
    from zaakwerk.autorisaties import service
    from zaakwerk.autorisaties.service import AutorisatieData

    rechten = [
        AutorisatieData(
            component="zrc",
            scopes=SCOPES,
            zaaktype=f"{base}{CATALOGI}/zaaktypen/{uuid}",
            max_vertrouwelijkheidaanduiding=MAX_VERTROUWELIJK,
        )
        for uuid in zaaktypen
    ]

    async def _create() -> None:
        db = Database(database_url)
        try:
            async with UnitOfWork(make_sessionmaker(db.writer)) as uow:
                await service.create_applicatie(
                    uow, label="Zaakwerk benchmark (beperkt)", client_ids=[client_id], autorisaties=rechten
                )
                await service.set_credentials(uow, client_id, secret)
        finally:
            await db.dispose()

    asyncio.run(_create())


# --- request patterns -----------------------------------------------------------------------------------------


def _detail(d: ZakenData) -> tuple[list[str], list[str] | None]:
    return [f"{ZAKEN}/zaken/{z}" for z in d.zaken], None


def _list(d: ZakenData) -> tuple[list[str], list[str] | None]:
    paths = []
    for uuid, org in d.zaaktypen:
        zaaktype = f"{d.base}{CATALOGI}/zaaktypen/{uuid}"
        paths.append(f"{ZAKEN}/zaken?{httpx.QueryParams({'bronorganisatie': org, 'zaaktype': zaaktype})}")
    return paths, None


def _bsn(d: ZakenData) -> tuple[list[str], list[str] | None]:
    return [f"{ZAKEN}/zaken?{BSN_FILTER}={bsn}" for bsn in d.bsns], None


def _create_zaak(d: ZakenData) -> tuple[list[str], list[str] | None]:
    uuid, org = d.zaaktypen[0]
    body = {
        "bronorganisatie": org,
        "verantwoordelijkeOrganisatie": org,
        "zaaktype": f"{d.base}{CATALOGI}/zaaktypen/{uuid}",
        "startdatum": dt.date.today().isoformat(),
        "omschrijving": "Benchmark __UNIQUE__",
        "vertrouwelijkheidaanduiding": "intern",
    }
    return [f"{ZAKEN}/zaken"], [json.dumps(body)]


def _create_status(d: ZakenData) -> tuple[list[str], list[str] | None]:
    # One body per open zaak, sent round-robin: status writes lock their zaak, so they must not all hit one.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    bodies = [
        json.dumps(
            {
                "zaak": f"{d.base}{ZAKEN}/zaken/{zaak}",
                "statustype": f"{d.base}{CATALOGI}/statustypen/{statustype}",
                "datumStatusGezet": now,
            }
        )
        for zaak, statustype in d.open_zaken
    ]
    return [f"{ZAKEN}/statussen"], bodies


def _full_page(resp: httpx.Response) -> str | None:
    data = resp.json()
    if len(data.get("results", [])) < LIST_PAGE or data.get("count", 0) < LIST_PAGE:
        return f"the list returned {len(data.get('results', []))} of {data.get('count')} zaken, not a page of 100"
    return None


def _some(resp: httpx.Response) -> str | None:
    return None if resp.json().get("count", 0) > 0 else "the BSN query found no zaken"


@dataclass(frozen=True, slots=True)
class ZakenScenario:
    key: str
    label: str
    method: str
    expect: int
    build: Callable[[ZakenData], tuple[list[str], list[str] | None]]
    check: Callable[[httpx.Response], str | None] | None = None


ZAKEN_SCENARIOS: dict[str, ZakenScenario] = {
    s.key: s
    for s in (
        ZakenScenario("zaak-detail", "GET zaak", "GET", 200, _detail),
        ZakenScenario("zaken-list", "GET zaken list (100, exact count)", "GET", 200, _list, _full_page),
        ZakenScenario("zaken-bsn", "GET zaken of one BSN", "GET", 200, _bsn, _some),
        ZakenScenario("zaak-create", "POST zaak", "POST", 201, _create_zaak),
        ZakenScenario("status-create", "POST status", "POST", 201, _create_status),
    )
}

# label -> (max server CPU ms/request at the latency concurrency, max p99 ms or None, min req/s at the throughput
# concurrency), from the issue; checked on PostgreSQL.
ZAKEN_TARGETS: dict[str, tuple[float, float | None, float]] = {
    "GET zaak": (1.0, None, 1_300.0),
    "POST zaak": (2.5, None, 500.0),
    "POST status": (3.0, None, 500.0),
    "GET zaken list (100, exact count)": (5.0, 100.0, 250.0),
    "GET zaken of one BSN": (1.5, None, 1_000.0),
}
