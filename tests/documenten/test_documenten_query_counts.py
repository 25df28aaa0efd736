"""No N+1 on the Documenten read path: every list costs the same number of statements for a few rows or many."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from tests.catalogi.test_query_counts import count_statements
from tests.documenten.conftest import Api, Catalogus, create_document, iot_url
from tests.zaken.conftest import BASE as ZRC
from tests.zaken.conftest import insert_zaak, zaak_url
from zaakwerk.core.db import Database

# (method, path, body, at most this many statements): a page is its count and its rows; a plain array one
# statement; expanded documents one batch; expanded informatieobjecttypen the Catalogi loader's fixed two.
REQUESTS: list[tuple[str, str, Any, int]] = [
    ("GET", "/enkelvoudiginformatieobjecten", None, 2),
    ("GET", "/enkelvoudiginformatieobjecten?trefwoorden=klacht&expand=informatieobjecttype", None, 4),
    ("GET", "/enkelvoudiginformatieobjecten?objectinformatieobjecten_objectType=zaak", None, 2),
    ("POST", "/enkelvoudiginformatieobjecten/_zoek", "uuids", 2),
    ("GET", "/objectinformatieobjecten", None, 1),
    ("GET", "/objectinformatieobjecten?expand=informatieobject", None, 2),
    ("GET", "/gebruiksrechten", None, 1),
    ("GET", "/gebruiksrechten?expand=informatieobject", None, 2),
]


@pytest.mark.parametrize(("method", "path", "body", "most"), REQUESTS, ids=[f"{m} {p}" for m, p, _, _ in REQUESTS])
async def test_statements_do_not_grow_with_the_list(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, method: str, path: str, body: Any, most: int
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    zaak = zaak_url(await insert_zaak(app, catalogus["VBG-KLACHT"]))
    ids: list[str] = []

    async def grow(n: int) -> None:
        for _ in range(n):
            document = await create_document(api, iot, trefwoorden=["klacht"])
            ids.append(document["url"].rsplit("/", 1)[1])
            r = await api.post(f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak, "informatieobject": document["url"]})
            assert r.status_code == 201, r.text
            r = await api.post(
                "/gebruiksrechten",
                {
                    "informatieobject": document["url"],
                    "startdatum": "2026-11-02T00:00:00Z",
                    "omschrijvingVoorwaarden": "x",
                },
            )
            assert r.status_code == 201, r.text

    async def statements() -> int:
        json = {"uuid__in": ids} if body == "uuids" else body
        await api.request(method, path, json)  # warm the authentication caches
        with count_statements(db) as seen:
            r = await api.request(method, path, json)
        assert r.status_code == 200, r.text
        return len(seen)

    await grow(1)
    few = await statements()
    await grow(6)
    many = await statements()
    assert many == few, f"{path}: {few} statements for one row, {many} for seven"
    assert many <= most, (path, many)
