"""Creating, updating (a new version each time, drc-009/010 lock), deleting enkelvoudiginformatieobjecten; drc-001,
drc-005, drc-007; content stored and downloaded; every write's audit trail and notification."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from tests.contract.openapi import validate_response
from tests.documenten.conftest import (
    PDF,
    SPEC,
    ZTC,
    Api,
    Catalogus,
    audit,
    b64,
    client_with,
    codes,
    create_document,
    document_body,
    drc_rechten,
    iot_url,
    lock,
    messages,
    rows,
)
from zaakwerk.catalogi.models import InformatieObjectType
from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.core.uow import UnitOfWork
from zaakwerk.documenten.models import InformatieObject, InformatieObjectVersie


def _blobs(settings: Settings) -> list[Path]:
    root = settings.data_dir / "documenten"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def test_create_stores_content_and_shows_the_document(
    api: Api, app: FastAPI, db: Database, settings: Settings, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    r = await api.post("/enkelvoudiginformatieobjecten", document_body(iot, trefwoorden=["klacht", "stoep"]))
    assert r.status_code == 201, r.text
    validate_response(SPEC, r)
    data = r.json()
    assert r.headers["Location"] == data["url"]
    assert (data["versie"], data["locked"], data["lock"], data["bestandsomvang"]) == (1, False, "", len(PDF))
    assert data["inhoud"] == f"{data['url']}/download?versie=1"
    assert data["formaat"] == "application/pdf"  # detected: the client sent none
    assert data["identificatie"]  # generated when not given

    got = await api.get(data["url"])
    validate_response(SPEC, got)
    assert got.json() == {k: v for k, v in data.items() if k != "lock"}
    head = await api.request("HEAD", data["url"])
    assert (head.status_code, head.content, head.headers["ETag"]) == (200, b"", got.headers["ETag"])
    assert (await api.get(data["url"], headers={"If-None-Match": got.headers["ETag"]})).status_code == 304

    download = await api.get(data["inhoud"])
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert 'filename="klacht.pdf"' in download.headers["content-disposition"]

    [message] = await messages(db)
    assert (message["resource"], message["actie"], message["resourceUrl"]) == (
        "enkelvoudiginformatieobject",
        "create",
        data["url"],
    )
    assert message["kenmerken"] == {
        "bronorganisatie": "812345678",
        "informatieobjecttype": iot,
        "vertrouwelijkheidaanduiding": "vertrouwelijk",
    }
    [entry] = await audit(db)
    assert (entry.actie, entry.hoofd_object, entry.nieuw["titel"]) == ("create", data["url"], data["titel"])
    assert len(_blobs(settings)) == 1


async def test_drc_001_informatieobjecttype_must_exist_and_be_published(
    api: Api, app: FastAPI, db: Database, settings: Settings, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    for url in (f"{ZTC}/informatieobjecttypen/{uuid.uuid4()}", "https://elders.example.nl/iot/1", iot):
        if url == iot:
            async with UnitOfWork(app.state.sessionmaker) as uow:
                await uow.session.execute(update(InformatieObjectType).values(concept=True))
        r = await api.post("/enkelvoudiginformatieobjecten", document_body(url))
        assert r.status_code == 400, r.text
        validate_response(SPEC, r)
        assert codes(r) == [("informatieobjecttype", "not-published" if url == iot else "bad-url")]
    assert await rows(db, InformatieObject) == 0
    assert await messages(db) == [] and await audit(db) == []
    assert _blobs(settings) == []  # refused before the content was stored


async def test_drc_005_received_document_cannot_be_in_bewerking(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    for status in ("in_bewerking", "ter_vaststelling"):
        r = await api.post(
            "/enkelvoudiginformatieobjecten", document_body(iot, ontvangstdatum="2026-11-01", status=status)
        )
        assert r.status_code == 400
        assert codes(r) == [("status", "invalid_for_received")]
    assert await rows(db, InformatieObject) == 0
    ok = await create_document(api, iot, ontvangstdatum="2026-11-01", status="definitief")
    assert ok["status"] == "definitief"


async def test_drc_007_vertrouwelijkheidaanduiding_from_the_informatieobjecttype_unless_given(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    assert (await create_document(api, iot))["vertrouwelijkheidaanduiding"] == "vertrouwelijk"
    given = await create_document(api, iot, vertrouwelijkheidaanduiding="openbaar")
    assert given["vertrouwelijkheidaanduiding"] == "openbaar"


async def test_content_larger_than_the_maximum_is_a_400_on_inhoud(
    api: Api, app: FastAPI, db: Database, settings: Settings, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    app.state.settings.documenten_max_size = len(PDF) - 1
    try:
        r = await api.post("/enkelvoudiginformatieobjecten", document_body(iot))
    finally:
        app.state.settings.documenten_max_size = settings.documenten_max_size
    assert r.status_code == 400
    assert codes(r) == [("inhoud", "max_size")]
    bad = await api.post("/enkelvoudiginformatieobjecten", document_body(iot, inhoud="geen base64!"))
    assert codes(bad) == [("inhoud", "invalid")]
    assert await rows(db, InformatieObject) == 0
    assert _blobs(settings) == []


async def test_drc_009_drc_010_update_needs_the_lock_and_makes_a_new_version(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    data = await create_document(api, iot)
    url = data["url"]
    unlocked = await api.patch(url, {"titel": "Nieuw", "lock": "geen"})
    assert (unlocked.status_code, codes(unlocked)) == (400, [("nonFieldErrors", "unlocked")])
    lock_id = await lock(api, url)
    assert len(lock_id) >= 32
    again = await api.post(f"{url}/lock")
    assert (again.status_code, codes(again)) == (400, [("nonFieldErrors", "existing-lock")])
    wrong = await api.patch(url, {"titel": "Nieuw", "lock": "fout"})
    assert (wrong.status_code, codes(wrong)) == (400, [("nonFieldErrors", "incorrect-lock-id")])
    missing = await api.patch(url, {"titel": "Nieuw"})
    assert (missing.status_code, codes(missing)) == (400, [("lock", "required")])

    new_content = b"Tweede versie, platte tekst."
    patched = await api.patch(url, {"titel": "Nieuw", "inhoud": b64(new_content), "lock": lock_id})
    assert patched.status_code == 200, patched.text
    validate_response(SPEC, patched)
    v2 = patched.json()
    assert (v2["versie"], v2["titel"], v2["locked"], v2["bestandsomvang"]) == (2, "Nieuw", True, len(new_content))
    # The GET body sent back whole (its inhoud the download URL) keeps the content.
    body = v2 | {"lock": lock_id, "beschrijving": "PUT"}
    put = await api.put(url, body)
    assert put.status_code == 200, put.text
    v3 = put.json()
    assert (v3["versie"], v3["beschrijving"], v3["bestandsomvang"]) == (3, "PUT", len(new_content))

    assert (await api.get(url)).json()["versie"] == 3
    old = await api.get(url, params={"versie": 1})
    assert (old.json()["versie"], old.json()["titel"]) == (1, "Klaagschrift over de stoep")
    assert (await api.get(old.json()["inhoud"])).content == PDF
    assert (await api.get(f"{url}/download")).content == new_content
    assert (await api.get(f"{url}/download")).headers["content-type"].startswith("text/plain")
    at = dt.datetime.fromisoformat(v2["beginRegistratie"]) + dt.timedelta(microseconds=1)
    by_time = await api.get(url, params={"registratieOp": at.isoformat()})
    assert by_time.json()["versie"] == 2
    assert (await api.get(url, params={"versie": 9})).status_code == 404
    assert (await api.get(url, params={"versie": "x"})).status_code == 400

    unlock_wrong = await api.post(f"{url}/unlock", {"lock": "fout"})
    assert (unlock_wrong.status_code, codes(unlock_wrong)) == (400, [("lock", "incorrect-lock-id")])
    assert (await api.post(f"{url}/unlock", {"lock": lock_id})).status_code == 204
    assert (await api.get(url)).json()["locked"] is False
    assert [m["actie"] for m in await messages(db)] == ["create", "partial_update", "update"]
    assert [a.actie for a in await audit(db)] == ["create", "partial_update", "update"]


async def test_drc_009_geforceerd_unlock_without_the_lock_id(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    url = (await create_document(api, iot))["url"]
    await lock(api, url)
    rechten = drc_rechten("documenten.lezen", "documenten.lock", informatieobjecttype=iot)
    locker = await client_with(app, client, "drc-locker", [rechten])
    refused = await locker.post(f"{url}/unlock", {})
    assert (refused.status_code, codes(refused)) == (400, [("lock", "missing-lock-id")])
    admin = await client_with(
        app, client, "drc-admin", [drc_rechten("documenten.geforceerd-unlock", informatieobjecttype=iot)]
    )
    assert (await admin.post(f"{url}/unlock", {})).status_code == 204
    assert (await api.get(url)).json()["locked"] is False


async def test_delete_removes_the_document_its_versions_and_audit_trail(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    url = (await create_document(api, iot))["url"]
    r = await api.delete(url)
    assert r.status_code == 204, r.text
    assert (await api.get(url)).status_code == 404
    assert await rows(db, InformatieObject) == 0 and await rows(db, InformatieObjectVersie) == 0
    assert await audit(db) == []
    assert [m["actie"] for m in await messages(db)] == ["create", "destroy"]


async def test_content_larger_than_the_general_body_limit_is_accepted(
    api: Api, app: FastAPI, settings: Settings, catalogus: Catalogus
) -> None:
    """The Documenten API takes bodies up to its own maximum content in base64, beyond ZAAKWERK_MAX_BODY_SIZE."""
    content = b"%PDF-1.7\n" + hashlib.sha256(b"zaad").digest() * (settings.max_body_size // 32 + 1)
    assert len(b64(content)) > settings.max_body_size
    document = await create_document(api, await iot_url(app, "Klaagschrift"), inhoud=b64(content))
    assert document["bestandsomvang"] == len(content)
    download = await api.get(document["inhoud"])
    assert hashlib.sha256(download.content).hexdigest() == hashlib.sha256(content).hexdigest()


async def test_identificatie_is_unique_per_bronorganisatie(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    iot = await iot_url(app, "Klaagschrift")
    first = await create_document(api, iot, identificatie="DOC-X")
    taken = await api.post("/enkelvoudiginformatieobjecten", document_body(iot, identificatie="DOC-X"))
    assert (taken.status_code, codes(taken)) == (400, [("identificatie", "identificatie-niet-uniek")])
    await create_document(api, iot, identificatie="DOC-X", bronorganisatie="002220647")
    # Only the latest versions count: once renamed, the old identificatie is free again.
    lock_id = await lock(api, first["url"])
    assert (await api.patch(first["url"], {"identificatie": "DOC-Y", "lock": lock_id})).status_code == 200
    await create_document(api, iot, identificatie="DOC-X")
