"""/objectinformatieobjecten and the Zaken API working against real documents: the zaakinformatieobject leads
and mirrors itself here in its transaction (zrc-005); drc-002, drc-003, drc-004, drc-008."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import delete

from tests.contract.openapi import validate_response
from tests.documenten.conftest import SPEC, Api, Catalogus, codes, create_document, iot_url, rows
from tests.zaken.conftest import BASE as ZRC
from tests.zaken.conftest import insert_zaak, zaak_url
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.documenten.models import ObjectInformatieObject
from zaakwerk.zaken.models import ZaakInformatieObject


async def _linked(api: Api, app: FastAPI, catalogus: Catalogus) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """A document linked to a zaak through the Zaken API: (document, zaak url, zaakinformatieobject)."""
    document = await create_document(api, await iot_url(app, "Klaagschrift"))
    zaak = zaak_url(await insert_zaak(app, catalogus["VBG-KLACHT"]))
    r = await api.post(f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak, "informatieobject": document["url"]})
    assert r.status_code == 201, r.text
    return document, zaak, r.json()


async def test_a_zaakinformatieobject_mirrors_itself_as_objectinformatieobject(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    document, zaak, zio = await _linked(api, app, catalogus)
    r = await api.get("/objectinformatieobjecten", params={"informatieobject": document["url"]})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    [oio] = r.json()
    assert (oio["object"], oio["objectType"], oio["informatieobject"]) == (zaak, "zaak", document["url"])
    detail = await api.get(oio["url"], params={"expand": "informatieobject"})
    assert detail.status_code == 200, detail.text
    assert detail.json()["_expand"]["informatieobject"]["url"] == document["url"]
    assert (await api.get("/objectinformatieobjecten", params={"object": zaak})).json() == [oio]
    found = await api.get("/enkelvoudiginformatieobjecten", params={"objectinformatieobjecten_object": zaak})
    assert [d["url"] for d in found.json()["results"]] == [document["url"]]
    typed = await api.get("/enkelvoudiginformatieobjecten", params={"objectinformatieobjecten_objectType": "besluit"})
    assert typed.json()["count"] == 0

    # Unlinking in the Zaken API removes the mirror in the same transaction.
    assert (await api.delete(zio["url"])).status_code == 204
    assert (await api.get("/objectinformatieobjecten", params={"object": zaak})).json() == []


async def test_zrc_003_against_real_documents(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = zaak_url(await insert_zaak(app, catalogus["VBG-KLACHT"]))
    missing = f"http://testserver/documenten/api/v1/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    r = await api.post(f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak, "informatieobject": missing})
    assert (r.status_code, codes(r)) == (400, [("informatieobject", "bad-url")])
    # zrc-017 with the type the Documenten API reports: Bezwaarschrift is not one of the klacht zaaktype's.
    other = await create_document(api, await iot_url(app, "Bezwaarschrift"))
    r = await api.post(f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak, "informatieobject": other["url"]})
    assert codes(r) == [("informatieobject", "missing-zaaktype-informatieobjecttype-relation")]


async def test_drc_008_a_linked_document_cannot_be_deleted(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    document, _zaak, zio = await _linked(api, app, catalogus)
    r = await api.delete(document["url"])
    assert (r.status_code, codes(r)) == (400, [("nonFieldErrors", "pending-relations")])
    assert (await api.get(document["url"])).status_code == 200
    assert (await api.delete(zio["url"])).status_code == 204
    assert (await api.delete(document["url"])).status_code == 204


async def test_drc_003_drc_004_post_only_when_the_leading_relation_exists_and_is_not_mirrored(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    document, zaak, _zio = await _linked(api, app, catalogus)
    body = {"informatieobject": document["url"], "object": zaak, "objectType": "zaak"}
    duplicate = await api.post("/objectinformatieobjecten", body)
    assert (duplicate.status_code, codes(duplicate)) == (400, [("nonFieldErrors", "unique")])
    validate_response(SPEC, duplicate)
    other_zaak = zaak_url(await insert_zaak(app, catalogus["VBG-KLACHT"]))
    unled = await api.post("/objectinformatieobjecten", {**body, "object": other_zaak})
    assert (unled.status_code, codes(unled)) == (400, [("nonFieldErrors", "inconsistent-relation")])
    assert await rows(db, ObjectInformatieObject) == 1

    # A relation whose mirror was lost (here: removed by hand) may be registered again.
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await uow.session.execute(delete(ObjectInformatieObject))
    restored = await api.post("/objectinformatieobjecten", body)
    assert restored.status_code == 201, restored.text
    validate_response(SPEC, restored)


async def test_drc_002_the_object_must_exist(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    document = await create_document(api, await iot_url(app, "Klaagschrift"))
    for object_, object_type in (
        (f"{ZRC}/zaken/{uuid.uuid4()}", "zaak"),
        ("https://zaken.example.nl/zaken/api/v1/zaken/1", "zaak"),
        ("https://verzoeken.example.nl/api/v1/verzoeken/1", "verzoek"),
    ):
        body = {"informatieobject": document["url"], "object": object_, "objectType": object_type}
        r = await api.post("/objectinformatieobjecten", body)
        assert (r.status_code, codes(r)) == (400, [("object", "bad-url")]), r.text
    assert await rows(db, ObjectInformatieObject) == 0


async def test_delete_only_once_the_leading_relation_is_gone(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    document, _zaak, _zio = await _linked(api, app, catalogus)
    [oio] = (await api.get("/objectinformatieobjecten", params={"informatieobject": document["url"]})).json()
    refused = await api.delete(oio["url"])
    assert (refused.status_code, codes(refused)) == (400, [("nonFieldErrors", "inconsistent-relation")])
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await uow.session.execute(delete(ZaakInformatieObject))
    assert (await api.delete(oio["url"])).status_code == 204
    assert (await api.get(oio["url"])).status_code == 404


async def test_zrc_023_destroying_a_zaak_removes_the_mirrors_of_its_documents(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    """The zaak side removes its zaakinformatieobjecten; the documents lose the mirrored objectinformatieobject in the
    same transaction, and are then free to be destroyed (drc-008)."""
    document, zaak, _zio = await _linked(api, app, catalogus)
    assert await rows(db, ObjectInformatieObject) == 1
    assert (await api.delete(zaak)).status_code == 204
    assert await rows(db, ObjectInformatieObject) == 0
    r = await api.get("/objectinformatieobjecten", params={"informatieobject": document["url"]})
    assert r.json() == []
    assert (await api.delete(document["url"])).status_code == 204


async def test_zrc_007_a_zaak_closes_only_when_its_documents_say_whether_gebruiksrechten_apply(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    document = await create_document(api, await iot_url(app, "Klaagschrift"))  # indicatieGebruiksrecht null
    r = await api.post(f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": document["url"]})
    assert r.status_code == 201, r.text
    resultaat = await api.post(f"{ZRC}/resultaten", {"zaak": zaak_url(zaak), "resultaattype": klacht.resultaattypen[0]})
    assert resultaat.status_code == 201, resultaat.text
    eind = {"zaak": zaak_url(zaak), "statustype": klacht.statustypen[-1], "datumStatusGezet": "2026-11-20T10:00:00Z"}
    r = await api.post(f"{ZRC}/statussen", eind)
    assert (r.status_code, codes(r)) == (400, [("nonFieldErrors", "indicatiegebruiksrecht-unset")])
    assert (await api.get(zaak_url(zaak))).json()["einddatum"] is None
    # Gebruiksrechten recorded (drc-006 sets the indicatie): now it closes.
    r = await api.post(
        "/gebruiksrechten",
        {"informatieobject": document["url"], "startdatum": "2026-01-01T00:00:00Z", "omschrijvingVoorwaarden": "Geen"},
    )
    assert r.status_code == 201, r.text
    r = await api.post(f"{ZRC}/statussen", eind)
    assert r.status_code == 201, r.text
    assert (await api.get(zaak_url(zaak))).json()["einddatum"] == "2026-11-20"
