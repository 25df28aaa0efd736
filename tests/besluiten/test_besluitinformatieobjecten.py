"""/besluitinformatieobjecten, with the Documenten API faked through ``zaakwerk.zaken.koppelvlak``: brc-003 (the
informatieobject exists), brc-005 (the objectinformatieobject mirrored in the same transaction), brc-008 (its
informatieobjecttype belongs to the besluittype); without a Documenten API a link is refused."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tests.besluiten.conftest import SPEC, Api, Catalogus, audit, besluit_body, codes, messages, rows
from tests.contract.openapi import validate_response
from zaakwerk.besluiten.models import BesluitInformatieObject
from zaakwerk.catalogi.models import InformatieObjectType
from zaakwerk.core.db import Database
from zaakwerk.zaken import koppelvlak

DRC = "http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten"


class FakeDocumenten:
    """Known documents (url → informatieobjecttype url); records the mirrored besluit links."""

    def __init__(self) -> None:
        self.documenten: dict[str, str] = {}
        self.links: set[tuple[str, str]] = set()

    def add(self, iot_url: str) -> str:
        url = f"{DRC}/{uuid.uuid4()}"
        self.documenten[url] = iot_url
        return url

    async def informatieobject(self, session: AsyncSession, url: str) -> koppelvlak.InformatieObject | None:
        iot = self.documenten.get(url)
        return None if iot is None else koppelvlak.InformatieObject(url=url, informatieobjecttype=iot)

    async def zaak_gekoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        raise AssertionError("a besluit link is no zaak link")

    async def zaak_ontkoppeld(self, session: AsyncSession, informatieobject: str, zaak: str) -> None:
        raise AssertionError("a besluit link is no zaak link")

    async def besluit_gekoppeld(self, session: AsyncSession, informatieobject: str, besluit: str) -> None:
        # Called inside the request's transaction: the new besluitinformatieobject is visible in this session.
        query = select(BesluitInformatieObject.id).where(BesluitInformatieObject.informatieobject == informatieobject)
        assert await session.scalar(query) is not None
        self.links.add((informatieobject, besluit))

    async def besluit_ontkoppeld(self, session: AsyncSession, informatieobject: str, besluit: str) -> None:
        self.links.discard((informatieobject, besluit))


@pytest.fixture
def drc(app: FastAPI) -> Iterator[FakeDocumenten]:
    fake = FakeDocumenten()
    previous = koppelvlak.registreer_documenten(fake)
    yield fake
    koppelvlak.registreer_documenten(previous)


@pytest.fixture
def zonder_drc(app: FastAPI) -> Iterator[None]:
    """As an installation without the Documenten component."""
    previous = koppelvlak.registreer_documenten(None)
    yield
    koppelvlak.registreer_documenten(previous)


async def iot_url(app: FastAPI, omschrijving: str) -> str:
    async with app.state.db.reader.connect() as conn:
        query = select(InformatieObjectType.id).where(InformatieObjectType.omschrijving == omschrijving)
        return f"http://testserver/catalogi/api/v1/informatieobjecttypen/{(await conn.execute(query)).scalar_one()}"


async def test_create_list_detail_delete_and_the_brc_005_mirror(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    document = drc.add(await iot_url(app, "Beschikking"))
    r = await api.post("/besluitinformatieobjecten", {"informatieobject": document, "besluit": besluit["url"]})
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert (data["informatieobject"], data["besluit"]) == (document, besluit["url"])
    assert drc.links == {(document, besluit["url"])}
    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == data
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304

    other = await api.create("besluiten", await besluit_body(app))
    await api.create("besluitinformatieobjecten", {"informatieobject": document, "besluit": other["url"]})
    listed = await api.get("/besluitinformatieobjecten")
    validate_response(SPEC, listed)
    assert len(listed.json()) == 2
    assert (await api.get(f"/besluitinformatieobjecten?besluit={besluit['url']}")).json() == [data]
    assert len((await api.get(f"/besluitinformatieobjecten?informatieobject={document}")).json()) == 2
    assert (await api.get(f"/besluitinformatieobjecten?informatieobject={DRC}/{uuid.uuid4()}")).json() == []
    expanded = (await api.get(f"{data['url']}?expand=besluit")).json()
    assert expanded["_expand"]["besluit"] == besluit

    assert (await api.delete(data["url"])).status_code == 204
    assert (await api.get(data["url"])).status_code == 404
    assert drc.links == {(document, other["url"])}
    trail = [(a.resource, a.actie) for a in await audit(db) if a.hoofd_object == besluit["url"]]
    bio = "besluitinformatieobject"
    assert trail == [("besluit", "create"), (bio, "create"), (bio, "destroy")]
    assert ("besluitinformatieobject", "destroy") in [(m["resource"], m["actie"]) for m in await messages(db)]


async def test_brc_003_informatieobject_must_exist_and_besluit_be_ours(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    document = drc.add(await iot_url(app, "Beschikking"))
    cases = [
        ({"informatieobject": f"{DRC}/{uuid.uuid4()}", "besluit": besluit["url"]}, [("informatieobject", "bad-url")]),
        ({"informatieobject": document, "besluit": f"https://elders.nl/besluiten/api/v1/besluiten/{uuid.uuid4()}"},
         [("besluit", "bad-url")]),
        ({"informatieobject": document, "besluit": besluit["url"].replace(besluit["url"][-36:], str(uuid.uuid4()))},
         [("besluit", "does_not_exist")]),
        ({"informatieobject": "geen url", "besluit": besluit["url"]}, [("informatieobject", "invalid")]),
        ({"besluit": besluit["url"]}, [("informatieobject", "required")]),
    ]  # fmt: skip
    for body, expected in cases:
        r = await api.post("/besluitinformatieobjecten", body)
        assert r.status_code == 400, r.text
        validate_response(SPEC, r)
        assert codes(r) == expected, body
    await api.create("besluitinformatieobjecten", {"informatieobject": document, "besluit": besluit["url"]})
    again = await api.post("/besluitinformatieobjecten", {"informatieobject": document, "besluit": besluit["url"]})
    assert codes(again) == [("nonFieldErrors", "unique")]
    assert await rows(db, BesluitInformatieObject) == 1


async def test_brc_008_informatieobjecttype_must_belong_to_the_besluittype(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    aanvraag = drc.add(await iot_url(app, "Aanvraag"))
    r = await api.post("/besluitinformatieobjecten", {"informatieobject": aanvraag, "besluit": besluit["url"]})
    assert r.status_code == 400
    assert codes(r) == [("informatieobject", "missing-besluittype-informatieobjecttype-relation")]
    assert await rows(db, BesluitInformatieObject) == 0 and drc.links == set()


async def test_without_a_documenten_api_a_link_is_refused(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, zonder_drc: None
) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    body = {"informatieobject": f"{DRC}/{uuid.uuid4()}", "besluit": besluit["url"]}
    r = await api.post("/besluitinformatieobjecten", body)
    assert r.status_code == 400
    validate_response(SPEC, r)
    [param] = r.json()["invalidParams"]
    assert (param["name"], param["code"]) == ("informatieobject", "geen-documenten-api")
    assert "geen Documenten API" in param["reason"]
    assert await rows(db, BesluitInformatieObject) == 0


async def test_brc_009_destroying_a_besluit_removes_its_links_and_their_mirrors(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus, drc: FakeDocumenten
) -> None:
    besluit = await api.create("besluiten", await besluit_body(app))
    beschikking = await iot_url(app, "Beschikking")
    for _ in range(2):
        body = {"informatieobject": drc.add(beschikking), "besluit": besluit["url"]}
        await api.create("besluitinformatieobjecten", body)
    assert len(drc.links) == 2
    assert (await api.delete(besluit["url"])).status_code == 204
    assert await rows(db, BesluitInformatieObject) == 0
    assert drc.links == set()
