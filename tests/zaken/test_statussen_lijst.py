"""/statussen as a list: filters, the zaak access rule (never a leak), expand and a fixed number of statements."""

from __future__ import annotations

import uuid

import httpx
from fastapi import FastAPI

from tests.catalogi.test_query_counts import count_statements
from tests.contract.openapi import validate_response
from tests.zaken._overig import only_readable_listed
from tests.zaken.conftest import Api, Catalogus, insert_zaak, zaak_url
from tests.zaken.test_statussen import set_status
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken import models as zrc

SPEC = "zaken-api-1.7.0.yaml"


async def test_list_filters_and_never_leaks(
    app: FastAPI, client: httpx.AsyncClient, api: Api, catalogus: Catalogus
) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    mijn = await insert_zaak(app, klacht)
    geheim = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    ander = await insert_zaak(app, bezwaar)
    zichtbaar = await set_status(api, mijn, klacht.statustypen[0])
    verborgen = [
        await set_status(api, geheim, klacht.statustypen[0]),
        await set_status(api, ander, bezwaar.statustypen[0]),
    ]
    await only_readable_listed(app, client, klacht, "statussen", zichtbaar["url"], [v["url"] for v in verborgen])
    r = await api.get("/statussen", params={"statustype": bezwaar.statustypen[0]})
    assert [s["url"] for s in r.json()["results"]] == [verborgen[1]["url"]]
    r = await api.get("/statussen", params={"zaak": zaak_url(geheim)})
    assert [s["url"] for s in r.json()["results"]] == [verborgen[0]["url"]]
    for params, name in (
        ({"onbekend": "1"}, "nonFieldErrors"),
        ({"zaak": "geen-url"}, "zaak"),
        ({"indicatieLaatstGezetteStatus": "misschien"}, "indicatieLaatstGezetteStatus"),
    ):
        r = await api.get("/statussen", params=params)
        assert r.status_code == 400, (params, r.text)
        validate_response(SPEC, r)
        assert name in [p["name"] for p in r.json()["invalidParams"]]


async def test_expand_zaak_passes_the_same_access_rule(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    status = await set_status(api, zaak, klacht.statustypen[0])
    r = await api.get(status["url"], params={"expand": "zaak,statustype"})
    assert r.status_code == 200, r.text
    assert r.json()["_expand"]["zaak"]["url"] == zaak_url(zaak)
    assert r.json()["_expand"]["statustype"]["url"] == klacht.statustypen[0]
    assert (await api.get(status["url"], params={"expand": "resultaat"})).status_code == 404


async def test_list_query_count_does_not_grow(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]

    async def grow(n: int) -> None:
        for _ in range(n):
            zaak = await insert_zaak(app, klacht)
            status = await set_status(api, zaak, klacht.statustypen[0])
            async with UnitOfWork(app.state.sessionmaker) as uow:
                uow.session.add(
                    zrc.ZaakInformatieObject(
                        rsin=zaak.bronorganisatie,
                        zaak_id=zaak.id,
                        informatieobject=f"http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/{n}",
                        status_id=uuid.UUID(status["uuid"]),
                    )
                )

    async def statements() -> int:
        await api.get("/statussen")
        with count_statements(db) as seen:
            r = await api.get("/statussen")
        assert r.status_code == 200, r.text
        assert all(s["zaakinformatieobjecten"] for s in r.json()["results"])
        return len(seen)

    await grow(2)
    few = await statements()
    await grow(8)
    many = await statements()
    assert many == few
    assert many <= 3
