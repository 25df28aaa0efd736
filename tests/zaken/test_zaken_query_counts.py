"""No N+1 on the zaak read path: a page of 1 or 20 zaken with children (and their expand) costs the same number of
statements; so does ``_zoek``, also with a geometry."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from tests.catalogi.test_query_counts import count_statements
from tests.zaken._lezen import CRS, add, geometrie, rol, status, zaakeigenschap, zaakobject
from tests.zaken.conftest import Api, Catalogus, insert_zaak
from zaakwerk.core.db import Database

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}


async def _zaken(app: FastAPI, catalogus: Catalogus, n: int) -> None:
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await insert_zaak(app, klacht)
    for i in range(n):
        zaak = await insert_zaak(
            app, klacht, hoofdzaak_id=hoofd.id, **geometrie({"type": "Point", "coordinates": [1 + i % 5, 1]})
        )
        await add(app, rol(zaak, klacht), zaakobject(zaak), zaakeigenschap(zaak, klacht), status(zaak, klacht))


# (method, path, body, at most this many statements): count + rows + URL lists; a geometry search: candidates +
# rows + URL lists; each expanded collection its loader's fixed batch (the zaaktype's loader is the Catalogi one).
REQUESTS: list[tuple[str, str, Any, int]] = [
    ("GET", "/zaken", None, 3),
    ("GET", "/zaken?bronorganisatie=812345678&ordering=-identificatie", None, 3),
    ("GET", "/zaken?rol__betrokkeneType=natuurlijk_persoon&expand=hoofdzaak,rollen,zaakobjecten,zaaktype", None, 11),
    ("POST", "/zaken/_zoek", {"rol__omschrijvingGeneriek": "initiator"}, 3),
    ("POST", "/zaken/_zoek", {"zaakgeometrie": {"within": SQUARE}, "expand": "rollen"}, 5),
    ("POST", "/zaken/_zoek", {"zaakgeometrie": {"within": SQUARE}, "fields": ["url", {"hoofdzaak": ["url"]}]}, 5),
]


@pytest.mark.parametrize(("method", "path", "body", "most"), REQUESTS, ids=[f"{m} {p} {b}" for m, p, b, _ in REQUESTS])
async def test_statements_do_not_grow_with_the_page(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, method: str, path: str, body: Any, most: int
) -> None:
    async def statements() -> int:
        await api.request(method, path, body, headers=CRS)  # warm the authentication caches
        with count_statements(db) as seen:
            r = await api.request(method, path, body, headers=CRS)
        assert r.status_code == 200, r.text
        return len(seen)

    await _zaken(app, catalogus, 1)
    few = await statements()
    await _zaken(app, catalogus, 19)
    many = await statements()
    assert many == few, f"{path}: {few} statements for a page of 1, {many} for a page of 20"
    assert many <= most


async def test_detail_costs_one_statement_on_postgresql_two_on_sqlite(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    await add(app, rol(zaak, klacht), zaakobject(zaak))
    url = f"/zaken/{zaak.id}"
    await api.get(url)
    with count_statements(db) as seen:
        assert (await api.get(url)).status_code == 200
    # PostgreSQL aggregates the URL lists into the zaak row; SQLite reads them in a second statement.
    assert len(seen) == (1 if db.reader.dialect.name == "postgresql" else 2)
