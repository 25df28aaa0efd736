"""/zaakinformatieobjecten: zrc-003 (the informatieobject exists), zrc-004 (relation set by the server, immutable),
zrc-005 (mirrored in the Documenten API in the same transaction), zrc-017 (informatieobjecttype of the zaaktype),
with the Documenten API faked through ``koppelvlak`` (the real one comes with the Documenten component)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.contract.openapi import validate_response
from tests.zaken._overig import SPEC, audit, codes, messages, nothing_written, rows, statements_stay_fixed
from tests.zaken.conftest import HOST, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.catalogi.models import InformatieObjectType
from zaakwerk.core.db import Database
from zaakwerk.core.errors import validation_error
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.zaken import koppelvlak
from zaakwerk.zaken.models import Status, ZaakInformatieObject

DRC = f"{HOST}/documenten/api/v1/enkelvoudiginformatieobjecten"


class FakeDocumenten:
    """A Documenten API of known documents (url → informatieobjecttype url) that records the mirrored links."""

    def __init__(self) -> None:
        self.documenten: dict[str, str] = {}
        self.links: set[tuple[str, str]] = set()
        self.refuse = False

    def add(self, iot_url: str) -> str:
        url = f"{DRC}/{uuid.uuid4()}"
        self.documenten[url] = iot_url
        return url

    async def informatieobject(self, session: AsyncSession, url: str) -> koppelvlak.InformatieObject | None:
        iot = self.documenten.get(url)
        return None if iot is None else koppelvlak.InformatieObject(url=url, informatieobjecttype=iot)

    async def zaak_gekoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        if self.refuse:
            raise validation_error("informatieobject", "drc-refused", "Het DRC weigert de relatie.")
        # Called inside the request's transaction: the new zaakinformatieobject is visible in this session.
        found = await session.scalar(
            select(ZaakInformatieObject.id).where(ZaakInformatieObject.informatieobject == informatieobject)
        )
        assert found is not None
        self.links.add((informatieobject, zaak))

    async def zaak_ontkoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        self.links.discard((informatieobject, zaak))


@pytest.fixture
def zonder_drc() -> Iterator[None]:
    """As an installation without the Documenten component."""
    previous = koppelvlak.registreer_documenten(None)
    yield
    koppelvlak.registreer_documenten(previous)


@pytest.fixture
def drc() -> Iterator[FakeDocumenten]:
    fake = FakeDocumenten()
    previous = koppelvlak.registreer_documenten(fake)
    yield fake
    koppelvlak.registreer_documenten(previous)


async def iot_url(app: FastAPI, omschrijving: str) -> str:
    async with app.state.db.reader.connect() as conn:
        query = select(InformatieObjectType.id).where(InformatieObjectType.omschrijving == omschrijving)
        return f"{HOST}/catalogi/api/v1/informatieobjecttypen/{(await conn.execute(query)).scalar_one()}"


async def klaagschrift(app: FastAPI, drc: FakeDocumenten) -> str:
    return drc.add(await iot_url(app, "Klaagschrift"))


async def test_zrc_004_relation_and_registratiedatum_are_set_by_the_server(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    document = await klaagschrift(app, drc)
    before = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    r = await api.post(
        "/zaakinformatieobjecten",
        {
            "zaak": zaak_url(zaak),
            "informatieobject": document,
            "titel": "Klaagschrift van de burger",
            "aardRelatieWeergave": "Legt vast, omgekeerd: kan vastgelegd zijn als",
            "registratiedatum": "2001-01-01T00:00:00Z",
        },
    )
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert data["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    assert dt.datetime.fromisoformat(data["registratiedatum"]) >= before
    assert (data["titel"], data["status"], data["vernietigingsdatum"]) == ("Klaagschrift van de burger", None, None)

    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == data
    head = await api.request("HEAD", data["url"])
    assert (head.status_code, head.content, head.headers["ETag"]) == (200, b"", got.headers["ETag"])
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304
    [message] = await messages(db)
    assert (message["resource"], message["actie"]) == ("zaakinformatieobject", "create")

    expanded = await api.get(zaak_url(zaak), params={"expand": "zaakinformatieobjecten"})
    assert expanded.status_code == 200, expanded.text
    assert expanded.json()["_expand"]["zaakinformatieobjecten"] == [data]


async def test_zrc_003_informatieobject_must_exist(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": f"{DRC}/{uuid.uuid4()}"})
    assert r.status_code == 400
    validate_response(SPEC, r)
    assert codes(r) == [("informatieobject", "bad-url")]
    assert await nothing_written(db, ZaakInformatieObject)


async def test_without_a_documenten_api_a_link_is_refused(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, zonder_drc: None
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": f"{DRC}/{uuid.uuid4()}"})
    assert r.status_code == 400
    validate_response(SPEC, r)
    [param] = r.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("informatieobject", "geen-documenten-api")
    assert "geen Documenten API" in param["reason"]
    assert await nothing_written(db, ZaakInformatieObject)


async def test_zrc_017_informatieobjecttype_must_belong_to_the_zaaktype(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    bezwaarschrift = drc.add(await iot_url(app, "Bezwaarschrift"))
    elders = drc.add("https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/" + str(uuid.uuid4()))
    for document in (bezwaarschrift, elders):
        r = await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": document})
        assert r.status_code == 400, r.text
        assert codes(r) == [("informatieobject", "missing-zaaktype-informatieobjecttype-relation")]
    assert await nothing_written(db, ZaakInformatieObject)
    ok = await api.post(
        "/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": await klaagschrift(app, drc)}
    )
    assert ok.status_code == 201, ok.text


async def test_zrc_005_link_is_mirrored_and_removed_in_the_same_transaction(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    document = await klaagschrift(app, drc)
    data = (await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": document})).json()
    assert drc.links == {(document, zaak_url(zaak))}
    r = await api.delete(data["url"])
    assert r.status_code == 204, r.text
    assert drc.links == set()
    assert (await api.get(data["url"])).status_code == 404
    assert [(m["actie"], m["resourceUrl"]) for m in await messages(db)] == [
        ("create", data["url"]),
        ("destroy", data["url"]),
    ]
    # The Documenten side refusing the mirror rolls the whole link back.
    drc.refuse = True
    refused = await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": document})
    assert refused.status_code == 400
    assert await rows(db, ZaakInformatieObject) == 0
    assert len(await messages(db)) == 2


async def test_pair_is_unique_zaak_not_archived_status_of_the_same_zaak(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    other = await insert_zaak(app, klacht)
    gearchiveerd = await insert_zaak(app, klacht, archiefstatus="gearchiveerd")
    statustype_id = uuid.UUID(klacht.statustypen[0].rsplit("/", 1)[1])
    async with UnitOfWork(app.state.sessionmaker) as uow:
        status = Status(
            rsin=other.bronorganisatie,
            zaak_id=other.id,
            statustype_id=statustype_id,
            datum_status_gezet=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        )
        uow.session.add(status)
    status_url = f"{HOST}/zaken/api/v1/statussen/{status.id}"
    document = await klaagschrift(app, drc)
    assert (
        await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": document})
    ).status_code == 201
    cases = [
        ({"zaak": zaak_url(zaak), "informatieobject": document}, ("nonFieldErrors", "unique")),
        ({"zaak": zaak_url(gearchiveerd), "informatieobject": document}, ("zaak", "zaak-archiefstatus")),
        (
            {"zaak": zaak_url(zaak), "informatieobject": await klaagschrift(app, drc), "status": status_url},
            ("status", "zaak-mismatch"),
        ),
        ({"zaak": zaak_url(zaak), "informatieobject": "geen url"}, ("informatieobject", "invalid")),
        ({"zaak": zaak_url(zaak), "informatieobject": document, "titel": "x" * 201}, ("titel", "max_length")),
    ]
    for body, expected in cases:
        r = await api.post("/zaakinformatieobjecten", body)
        assert r.status_code == 400, (expected, r.text)
        validate_response(SPEC, r)
        assert expected in codes(r), r.json()
    assert await rows(db, ZaakInformatieObject) == 1
    ok = await api.post(
        "/zaakinformatieobjecten",
        {"zaak": zaak_url(other), "informatieobject": await klaagschrift(app, drc), "status": status_url},
    )
    assert (ok.status_code, ok.json()["status"]) == (201, status_url)


async def test_zrc_004_zaak_and_informatieobject_cannot_change_relation_info_can(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    other = await insert_zaak(app, catalogus["VBG-KLACHT"])
    document = await klaagschrift(app, drc)
    data = (await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": document})).json()
    r = await api.put(data["url"], {"zaak": zaak_url(other), "informatieobject": document})
    assert r.status_code == 400
    validate_response(SPEC, r)
    assert codes(r) == [("zaak", "wijzigen-niet-toegelaten")]
    r = await api.patch(data["url"], {"informatieobject": await klaagschrift(app, drc)})
    assert codes(r) == [("informatieobject", "wijzigen-niet-toegelaten")]

    r = await api.patch(data["url"], {"titel": "Nieuwe titel", "vernietigingsdatum": "2036-01-01T00:00:00Z"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert (r.json()["titel"], r.json()["vernietigingsdatum"]) == ("Nieuwe titel", "2036-01-01T00:00:00Z")
    assert r.json()["registratiedatum"] == data["registratiedatum"]
    r = await api.put(data["url"], {"zaak": zaak_url(zaak), "informatieobject": document, "beschrijving": "B"})
    assert r.status_code == 200, r.text
    assert (r.json()["titel"], r.json()["beschrijving"], r.json()["vernietigingsdatum"]) == ("", "B", None)
    assert [m["actie"] for m in await messages(db)] == ["create", "partial_update", "update"]
    assert (await audit(db))[1].nieuw["titel"] == "Nieuwe titel"


async def test_list_filters_and_shows_only_what_the_client_may_read(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    mine = await insert_zaak(app, klacht)
    geheim = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    document = await klaagschrift(app, drc)
    a = (await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(mine), "informatieobject": document})).json()
    b = (await api.post("/zaakinformatieobjecten", {"zaak": zaak_url(geheim), "informatieobject": document})).json()
    c = (
        await api.post(
            "/zaakinformatieobjecten", {"zaak": zaak_url(mine), "informatieobject": await klaagschrift(app, drc)}
        )
    ).json()
    r = await api.get("/zaakinformatieobjecten", params={"informatieobject": document})
    validate_response(SPEC, r)
    assert {x["url"] for x in r.json()} == {a["url"], b["url"]}
    r = await api.get("/zaakinformatieobjecten", params={"zaak": zaak_url(mine)})
    assert {x["url"] for x in r.json()} == {a["url"], c["url"]}
    lezer = await client_with(
        app, client, "zio-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    assert {x["url"] for x in (await lezer.get("/zaakinformatieobjecten")).json()} == {a["url"], c["url"]}
    assert (await lezer.get(b["url"])).status_code == 403
    assert (await api.get("/zaakinformatieobjecten", params={"zaak": "x"})).status_code == 400
    assert (await api.get("/zaakinformatieobjecten", params={"expand": "zaak"})).status_code == 400


async def test_zrc_007_closed_zaak_needs_geforceerd_bijwerken_and_verwijderen_may_delete(
    api: Api, app: FastAPI, client: httpx.AsyncClient, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    open_zaak = await insert_zaak(app, klacht)
    gesloten = await insert_zaak(app, klacht, einddatum=dt.date(2026, 11, 20))
    a = (
        await api.post(
            "/zaakinformatieobjecten", {"zaak": zaak_url(open_zaak), "informatieobject": await klaagschrift(app, drc)}
        )
    ).json()
    b = (
        await api.post(
            "/zaakinformatieobjecten", {"zaak": zaak_url(gesloten), "informatieobject": await klaagschrift(app, drc)}
        )
    ).json()
    aanmaker = await client_with(app, client, "aanmaker", [zrc_rechten("zaken.aanmaken", zaaktype=klacht.url)])
    body = {"zaak": zaak_url(gesloten), "informatieobject": await klaagschrift(app, drc)}
    assert (await aanmaker.post("/zaakinformatieobjecten", body)).status_code == 403
    body = {"zaak": zaak_url(open_zaak), "informatieobject": await klaagschrift(app, drc)}
    assert (await aanmaker.post("/zaakinformatieobjecten", body)).status_code == 201
    verwijderaar = await client_with(
        app, client, "verwijderaar", [zrc_rechten("zaken.verwijderen", zaaktype=klacht.url)]
    )
    assert (await verwijderaar.delete(b["url"])).status_code == 403
    assert (await verwijderaar.delete(a["url"])).status_code == 204
    assert (await verwijderaar.patch(b["url"], {"titel": "x"})).status_code == 403
    geforceerd = await client_with(
        app, client, "forceer", [zrc_rechten("zaken.geforceerd-bijwerken", zaaktype=klacht.url)]
    )
    assert (await geforceerd.patch(b["url"], {"titel": "Correctie"})).status_code == 200
    assert (await geforceerd.delete(b["url"])).status_code == 204
    assert await rows(db, ZaakInformatieObject) == 1


async def test_list_query_count_does_not_grow(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    async def grow(n: int) -> None:
        for _ in range(n):
            zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
            body = {"zaak": zaak_url(zaak), "informatieobject": await klaagschrift(app, drc)}
            assert (await api.post("/zaakinformatieobjecten", body)).status_code == 201

    await statements_stay_fixed(api, db, "/zaakinformatieobjecten", grow)
