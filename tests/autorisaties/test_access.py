"""The access choke-point as a matrix: ``can`` for one object and ``predicate`` in SQL must agree on every row.

A throwaway table stands in for zaken/documenten/besluiten: every type × every vertrouwelijkheidaanduiding.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Uuid, insert, select

from zaakwerk.autorisaties.access import VERTROUWELIJKHEID_ORDER, allowed_levels, can, predicate, rank
from zaakwerk.autorisaties.auth import Principal, Recht
from zaakwerk.core.db import Database

TYPE_A = "https://catalogi.example.nl/catalogi/api/v1/zaaktypen/aaaaaaaa-0000-4000-8000-000000000001"
TYPE_B = "https://catalogi.example.nl/catalogi/api/v1/zaaktypen/bbbbbbbb-0000-4000-8000-000000000002"
TYPE_C = "https://catalogi.example.nl/catalogi/api/v1/zaaktypen/cccccccc-0000-4000-8000-000000000003"
ELDERS = "https://elders.example.nl/catalogi/api/v1/zaaktypen/dddddddd-0000-4000-8000-000000000004"
IDS = {TYPE_A: uuid.uuid4(), TYPE_B: uuid.uuid4(), TYPE_C: uuid.uuid4()}
URL_OF = {v: k for k, v in IDS.items()}

metadata = MetaData()
objecten = Table(
    "test_access_objecten",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("type_id", Uuid),
    Column("vertrouwelijkheid", String(20)),
)
ROWS: list[dict[str, Any]] = [
    {"id": i, "type_id": IDS[t], "vertrouwelijkheid": v}
    for i, (t, v) in enumerate(itertools.product((TYPE_A, TYPE_B, TYPE_C), VERTROUWELIJKHEID_ORDER))
]


def principal(*rechten: Recht, alle: bool = False) -> Principal:
    return Principal(
        client_id="matrix",
        applicatie=uuid.uuid4(),
        label="Matrix",
        user_id="",
        user_representation="",
        heeft_alle_autorisaties=alle,
        autorisaties=tuple(rechten),
    )


def zrc(scopes: set[str], type_url: str | None, maximum: str | None) -> Recht:
    return Recht("zrc", frozenset(scopes), type_url, maximum)


PRINCIPALS = {
    "alle": principal(alle=True),
    "geen": principal(),
    "alleen ztc": principal(Recht("ztc", frozenset({"zaken.lezen"}))),
    "per type": principal(
        zrc({"zaken.lezen"}, TYPE_A, "intern"),
        zrc({"zaken.lezen", "zaken.bijwerken"}, TYPE_B, "geheim"),
        zrc({"zaken.bijwerken"}, TYPE_A, "openbaar"),
    ),
    "zelfde type twee niveaus": principal(
        zrc({"zaken.lezen"}, TYPE_A, "openbaar"), zrc({"zaken.lezen"}, TYPE_A, "confidentieel")
    ),
    "zonder type": principal(zrc({"zaken.lezen"}, None, "zaakvertrouwelijk")),
    "zonder maximum": principal(zrc({"zaken.lezen"}, TYPE_C, None)),
    "onbekend type": principal(zrc({"zaken.lezen"}, ELDERS, "zeer_geheim")),
    "alles open": principal(zrc({"zaken.lezen"}, None, None)),
}
SCOPES = ["zaken.lezen", "zaken.bijwerken", "zaken.verwijderen"]


@pytest.fixture
async def table(db: Database) -> AsyncIterator[Table]:
    async with db.writer.begin() as conn:
        await conn.run_sync(metadata.create_all)
        await conn.execute(insert(objecten), ROWS)
    try:
        yield objecten
    finally:
        async with db.writer.begin() as conn:
            await conn.run_sync(metadata.drop_all)


def expected(p: Principal, scope: str) -> set[int]:
    return {
        row["id"]
        for row in ROWS
        if can(p, "zrc", scope, type_url=URL_OF[row["type_id"]], vertrouwelijkheid=row["vertrouwelijkheid"])
    }


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("name", list(PRINCIPALS))
async def test_predicate_selects_exactly_what_can_allows(db: Database, table: Table, name: str, scope: str) -> None:
    p = PRINCIPALS[name]
    where = predicate(
        p,
        "zrc",
        scope,
        type_column=table.c.type_id,
        vertrouwelijkheid_column=table.c.vertrouwelijkheid,
        type_url_to_id=IDS,
    )
    async with db.reader.connect() as conn:
        found = set((await conn.scalars(select(table.c.id).where(where))).all())
    assert found == expected(p, scope)


def ids(type_url: str, levels: tuple[str, ...]) -> set[int]:
    return {r["id"] for r in ROWS if r["type_id"] == IDS[type_url] and r["vertrouwelijkheid"] in levels}


def test_the_matrix_itself() -> None:
    """What the rule means, spelled out, so the agreement above is not two equal mistakes."""
    up_to = allowed_levels
    assert expected(PRINCIPALS["alle"], "zaken.verwijderen") == {r["id"] for r in ROWS}
    assert expected(PRINCIPALS["geen"], "zaken.lezen") == set()
    assert expected(PRINCIPALS["alleen ztc"], "zaken.lezen") == set()
    per_type = PRINCIPALS["per type"]
    assert expected(per_type, "zaken.lezen") == ids(TYPE_A, up_to("intern")) | ids(TYPE_B, up_to("geheim"))
    assert expected(per_type, "zaken.bijwerken") == ids(TYPE_A, ("openbaar",)) | ids(TYPE_B, up_to("geheim"))
    assert expected(per_type, "zaken.verwijderen") == set()
    assert expected(PRINCIPALS["zelfde type twee niveaus"], "zaken.lezen") == ids(TYPE_A, up_to("confidentieel"))
    assert expected(PRINCIPALS["zonder type"], "zaken.lezen") == set().union(
        *(ids(t, up_to("zaakvertrouwelijk")) for t in (TYPE_A, TYPE_B, TYPE_C))
    )
    assert expected(PRINCIPALS["zonder maximum"], "zaken.lezen") == ids(TYPE_C, VERTROUWELIJKHEID_ORDER)
    assert expected(PRINCIPALS["onbekend type"], "zaken.lezen") == set()


def test_can_on_single_objects() -> None:
    p = PRINCIPALS["per type"]
    assert can(p, "zrc", "zaken.lezen", type_url=TYPE_A, vertrouwelijkheid="intern")
    assert not can(p, "zrc", "zaken.lezen", type_url=TYPE_A, vertrouwelijkheid="zaakvertrouwelijk")
    assert not can(p, "zrc", "zaken.lezen", type_url=TYPE_C, vertrouwelijkheid="openbaar")
    assert not can(p, "zrc", "zaken.lezen", type_url=TYPE_A, vertrouwelijkheid="onbekend")
    assert not can(p, "drc", "zaken.lezen", type_url=TYPE_A, vertrouwelijkheid="openbaar")
    # Creating: the scope for the type is enough before a vertrouwelijkheid is known.
    assert can(p, "zrc", "zaken.bijwerken", type_url=TYPE_A)
    assert can(PRINCIPALS["alle"], "brc", "besluiten.verwijderen", type_url=ELDERS)


async def test_predicate_without_vertrouwelijkheid_and_with_a_resolver_function(db: Database, table: Table) -> None:
    """Besluiten have a type but no vertrouwelijkheidaanduiding; types may be resolved by a function."""
    p = principal(Recht("brc", frozenset({"besluiten.lezen"}), TYPE_B, None))
    where = predicate(
        p,
        "brc",
        "besluiten.lezen",
        type_column=table.c.type_id,
        vertrouwelijkheid_column=None,
        type_url_to_id=lambda url: IDS.get(url),
    )
    async with db.reader.connect() as conn:
        found = set((await conn.scalars(select(table.c.id).where(where))).all())
    assert found == ids(TYPE_B, VERTROUWELIJKHEID_ORDER)


async def test_predicate_is_one_in_per_level_not_one_clause_per_type(table: Table) -> None:
    p = principal(*(zrc({"zaken.lezen"}, t, "intern") for t in (TYPE_A, TYPE_B, TYPE_C)))
    where = predicate(
        p,
        "zrc",
        "zaken.lezen",
        type_column=table.c.type_id,
        vertrouwelijkheid_column=table.c.vertrouwelijkheid,
        type_url_to_id=IDS,
    )
    sql = str(where.compile(compile_kwargs={"literal_binds": True}))
    assert sql.count(" IN ") == 2
    assert " OR " not in sql


def test_rank_order() -> None:
    assert [rank(v) for v in VERTROUWELIJKHEID_ORDER] == list(range(8))
    assert rank("onbekend") == -1
    assert allowed_levels("openbaar") == ("openbaar",)
    assert allowed_levels("onbekend") == ()
