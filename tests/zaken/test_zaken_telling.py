"""The exact ``count`` of the zaken list: the triggers keep ``zrc_zaak_telling`` equal to the zaken in every write
path (API, direct inserts, changes of bronorganisatie or vertrouwelijkheid, deletes with deelzaken), and a list
filtered on only its columns takes its count from there while every other list counts the zaken themselves."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections import Counter

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select, update

from tests.zaken.conftest import RSIN, Api, Catalogus, client_with, insert_zaak, zaak_body, zrc_rechten
from zaakwerk.config import Settings
from zaakwerk.migrations import downgrade, upgrade
from zaakwerk.zaken import models as zrc

OTHER_RSIN = "002220647"


async def _telling(app: FastAPI) -> Counter[tuple[str, str, str]]:
    t = zrc.ZaakTelling
    query = select(t.bronorganisatie, t.zaaktype_id, t.vertrouwelijkheidaanduiding, func.sum(t.aantal)).group_by(
        t.bronorganisatie, t.zaaktype_id, t.vertrouwelijkheidaanduiding
    )
    async with app.state.db.reader.connect() as conn:
        return Counter({(b, str(z), v): int(n) for b, z, v, n in await conn.execute(query) if n})


async def _werkelijk(app: FastAPI) -> Counter[tuple[str, str, str]]:
    z = zrc.Zaak
    query = select(z.bronorganisatie, z.zaaktype_id, z.vertrouwelijkheidaanduiding, func.count()).group_by(
        z.bronorganisatie, z.zaaktype_id, z.vertrouwelijkheidaanduiding
    )
    async with app.state.db.reader.connect() as conn:
        return Counter({(b, str(zt), v): int(n) for b, zt, v, n in await conn.execute(query)})


async def test_telling_follows_every_write(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht, melding = catalogus["VBG-KLACHT"], catalogus.zaaktypen[sorted(catalogus.zaaktypen)[0]]
    created = []
    for vertrouwelijk in ("openbaar", "intern", "intern", "geheim"):
        r = await api.post("/zaken", zaak_body(klacht, vertrouwelijkheidaanduiding=vertrouwelijk))
        assert r.status_code == 201, r.text
        created.append(r.json())
    await insert_zaak(app, melding, vertrouwelijkheidaanduiding="vertrouwelijk")
    assert await _telling(app) == await _werkelijk(app)
    assert sum((await _telling(app)).values()) == 5

    # A change of vertrouwelijkheid or bronorganisatie moves the zaak between counts; other changes leave them.
    r = await api.patch(created[1]["url"], {"vertrouwelijkheidaanduiding": "zeer_geheim"})
    assert r.status_code == 200, r.text
    r = await api.patch(created[2]["url"], {"bronorganisatie": OTHER_RSIN})
    assert r.status_code == 200, r.text
    r = await api.patch(created[3]["url"], {"omschrijving": "Anders"})
    assert r.status_code == 200, r.text
    assert await _telling(app) == await _werkelijk(app)
    assert (await _telling(app))[(OTHER_RSIN, str(klacht.id), "intern")] == 1

    # A hoofdzaak deleted with its deelzaak: both leave the count.
    deelzaak = await api.post("/zaken", zaak_body(klacht, hoofdzaak=created[0]["url"]))
    assert deelzaak.status_code == 201, deelzaak.text
    assert sum((await _telling(app)).values()) == 6
    r = await api.delete(created[0]["url"])
    assert r.status_code == 204, r.text
    assert await _telling(app) == await _werkelijk(app)
    assert sum((await _telling(app)).values()) == 4


async def _tamper(app: FastAPI, zaaktype_id: object, extra: int) -> None:
    """Make the count table disagree with the zaken, to see which one a list reads."""
    t = zrc.ZaakTelling
    async with app.state.db.writer.begin() as conn:
        await conn.execute(update(t).where(t.zaaktype_id == zaaktype_id).values(aantal=t.aantal + extra))


async def test_list_count_comes_from_the_telling_when_filters_allow(
    app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    for vertrouwelijk in ("openbaar", "intern", "geheim"):
        await insert_zaak(app, klacht, vertrouwelijkheidaanduiding=vertrouwelijk)
    beperkt = await client_with(
        app, client, "beperkt", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    query = {"bronorganisatie": RSIN, "zaaktype": klacht.url}
    r = await beperkt.get("/zaken", params=query)
    assert r.status_code == 200, r.text
    assert r.json()["count"] == 2  # geheim is above the client's maximum
    assert len(r.json()["results"]) == 2

    await _tamper(app, klacht.id, 5)
    # Only bronorganisatie, zaaktype and vertrouwelijkheid in the conditions: the count table answers.
    assert (await beperkt.get("/zaken", params=query)).json()["count"] == 12
    assert (await beperkt.get("/zaken", params={"maximaleVertrouwelijkheidaanduiding": "openbaar"})).json()[
        "count"
    ] == 6
    # Any other condition: the zaken themselves are counted.
    r = await beperkt.get("/zaken", params={**query, "startdatum__gte": "2000-01-01"})
    assert r.json()["count"] == 2
    r = await beperkt.post("/zaken/_zoek", {"identificatie": "NIET-BESTAAND"})
    assert r.json()["count"] == 0


async def test_migration_counts_the_zaken_that_exist(app: FastAPI, settings: Settings, catalogus: Catalogus) -> None:
    """An installation with zaken from before the count table: migration 0004 counts them (undone to 0003 and
    done again here, on a database holding zaken)."""
    klacht = catalogus["VBG-KLACHT"]
    for vertrouwelijk in ("openbaar", "openbaar", "geheim"):
        await insert_zaak(app, klacht, vertrouwelijkheidaanduiding=vertrouwelijk)
    await app.state.db.writer.dispose()  # no pooled connection holds a lock the migration waits for
    await asyncio.to_thread(downgrade, settings.database_url, "0003")
    await asyncio.to_thread(upgrade, settings.database_url)
    assert await _telling(app) == await _werkelijk(app)
    assert (await _telling(app))[(RSIN, str(klacht.id), "openbaar")] == 2
    # ... and the triggers are back.
    await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    assert (await _telling(app))[(RSIN, str(klacht.id), "geheim")] == 2


async def test_a_count_without_the_telling_is_exact_on_every_page(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    """A filter the count table cannot answer: the count comes from the page itself when the page is not full,
    else from a count of its own; both agree on every page."""
    klacht = catalogus["VBG-KLACHT"]
    async with app.state.db.writer.begin() as conn:
        rows = [
            {
                "id": uuid.uuid4(),
                "identificatie": f"T-{i:04d}",
                "bronorganisatie": RSIN,
                "verantwoordelijke_organisatie": RSIN,
                "zaaktype_id": klacht.id,
                "startdatum": dt.date(2026, 1, 1) + dt.timedelta(days=i % 50),
                "registratiedatum": dt.date(2026, 1, 1),
                "vertrouwelijkheidaanduiding": "openbaar",
            }
            for i in range(101)
        ]
        await conn.execute(zrc.Zaak.__table__.insert(), rows)
    query = {"startdatum__gte": "2026-01-01"}
    first = (await api.get("/zaken", params=query)).json()
    second = (await api.get("/zaken", params={**query, "page": 2})).json()
    assert (first["count"], len(first["results"])) == (101, 100)
    assert (second["count"], len(second["results"])) == (101, 1)
    assert first["next"] and second["next"] is None
    assert (await api.get("/zaken", params={**query, "page": 3})).status_code == 404
    narrow = (await api.get("/zaken", params={"startdatum__gte": "2026-02-19"})).json()
    assert narrow["count"] == len(narrow["results"]) == 2
