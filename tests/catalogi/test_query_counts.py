"""No N+1: the number of statements of every list endpoint does not grow with the number of rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from tests.catalogi.conftest import (
    Api,
    besluittype_body,
    catalogus_body,
    eigenschap_body,
    iot_body,
    resultaattype_body,
    roltype_body,
    statustype_body,
    zaakobjecttype_body,
    zaaktype_body,
    ztiot_body,
)
from zaakwerk.core.db import Database


@contextmanager
def count_statements(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def listener(*args: Any) -> None:
        statements.append(args[2])

    engine = db.reader.sync_engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)


async def _add_zaaktype(api: Api, catalogus: str, n: int) -> None:
    await api.create("besluittypen", besluittype_body(catalogus, omschrijving=f"B{n}", informatieobjecttypen=[f"D{n}"]))
    zt = await api.create(
        "zaaktypen",
        zaaktype_body(
            catalogus,
            identificatie=f"Z{n}",
            besluittypen=[f"B{n}"],
            deelzaaktypen=["Z0"],
            gerelateerdeZaaktypen=[{"zaaktype": "Z0", "aardRelatie": "vervolg"}],
        ),
    )
    url = zt["url"]
    eig = await api.create("eigenschappen", eigenschap_body(url))
    await api.create("statustypen", statustype_body(url, 1, eigenschappen=[eig["url"]]))
    await api.create("statustypen", statustype_body(url, 2))
    await api.create("roltypen", roltype_body(url))
    await api.create("resultaattypen", resultaattype_body(url, besluittypen=[f"B{n}"], informatieobjecttypen=[f"D{n}"]))
    await api.create("zaakobjecttypen", zaakobjecttype_body(url, catalogus))
    await api.create("zaaktype-informatieobjecttypen", ztiot_body(url, f"D{n}"))


LISTS = [
    "/catalogussen",
    "/zaaktypen?status=alles",
    "/statustypen?status=alles",
    "/roltypen?status=alles",
    "/eigenschappen?status=alles",
    "/resultaattypen?status=alles",
    "/zaakobjecttypen",
    "/zaaktype-informatieobjecttypen?status=alles",
    "/informatieobjecttypen?status=alles",
    "/besluittypen?status=alles",
]


@pytest.mark.parametrize("path", LISTS)
async def test_list_query_count_does_not_grow(api: Api, db: Database, path: str) -> None:
    catalogus = (await api.create("catalogussen", catalogus_body()))["url"]

    async def grow(start: int, stop: int) -> None:
        for n in range(start, stop):
            await api.create("informatieobjecttypen", iot_body(catalogus, omschrijving=f"D{n}"))
            await _add_zaaktype(api, catalogus, n)
            await api.create("catalogussen", catalogus_body(domein=f"C{n}"))

    async def statements() -> int:
        # Warm the authentication caches first: only the endpoint's own statements count.
        await api.get(path)
        with count_statements(db) as seen:
            r = await api.get(path)
        assert r.status_code == 200, r.text
        return len(seen)

    await grow(0, 2)
    few = await statements()
    await grow(2, 8)
    many = await statements()
    assert many == few, f"{path}: {few} statements for a few rows, {many} for more"
    assert many <= 4, path
