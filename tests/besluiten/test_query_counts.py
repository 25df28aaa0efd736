"""No N+1 on the Besluiten read path: every list costs the same number of statements for a few rows as for many
(also with ``expand``)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.besluiten.conftest import Api, Catalogus, besluit_body, insert_zaak, zaak_url
from tests.besluiten.test_besluitinformatieobjecten import FakeDocumenten, drc, iot_url
from tests.catalogi.test_query_counts import count_statements
from zaakwerk.core.db import Database

__all__ = ["drc"]

# (path, at most this many statements): count + rows; each expanded collection its loader's fixed batch (zaken:
# rows + their URL lists; besluittypen: the Catalogi loader's two).
LISTS = [
    ("/besluiten", 2),
    ("/besluiten?verantwoordelijkeOrganisatie=812345678&expand=zaak,besluittype", 6),
    ("/besluitinformatieobjecten", 1),
    ("/besluitinformatieobjecten?expand=besluit", 2),
]


async def _grow(api: Api, app: FastAPI, catalogus: Catalogus, drc: FakeDocumenten, n: int) -> None:
    beschikking = await iot_url(app, "Beschikking")
    for _ in range(n):
        zaak = await insert_zaak(app, catalogus["VBG-BEZWAAR"])
        besluit = await api.create("besluiten", await besluit_body(app, zaak=zaak_url(zaak)))
        body = {"informatieobject": drc.add(beschikking), "besluit": besluit["url"]}
        await api.create("besluitinformatieobjecten", body)


@pytest.mark.parametrize(("path", "most"), LISTS)
async def test_list_statements_do_not_grow(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten, path: str, most: int
) -> None:
    async def statements() -> int:
        await api.get(path)  # warm the authentication caches: only the endpoint's own statements count
        with count_statements(db) as seen:
            r = await api.get(path)
        assert r.status_code == 200, r.text
        return len(seen)

    await _grow(api, app, catalogus, drc, 1)
    few = await statements()
    await _grow(api, app, catalogus, drc, 9)
    many = await statements()
    assert many == few, f"{path}: {few} statements for a page of 1, {many} for a page of 10"
    assert many <= most, (path, many)


async def test_audittrail_statements_do_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    path = f"{besluit['url']}/audittrail"

    async def statements() -> int:
        await api.get(path)
        with count_statements(db) as seen:
            assert (await api.get(path)).status_code == 200
        return len(seen)

    few = await statements()
    for i in range(5):
        assert (await api.patch(besluit["url"], {"toelichting": str(i)})).status_code == 200
    assert await statements() == few <= 2
