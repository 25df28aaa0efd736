"""Reading enkelvoudiginformatieobjecten: every list filter of the spec, exact count and pages, ``_zoek``,
expand (drc-011..014), the audit trail, and the sweep of content no version refers to."""

from __future__ import annotations

import uuid

from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.documenten.conftest import RSIN, SPEC, Api, Catalogus, codes, create_document, document_body, iot_url
from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.documenten.storage import storage_for
from zaakwerk.documenten.sweep import sweep_orphans


async def test_list_filters_and_pages(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    iot = await iot_url(app, "Klaagschrift")
    a = await create_document(api, iot, identificatie="DOC-A", trefwoorden=["klacht", "stoep"])
    b = await create_document(api, iot, identificatie="DOC-B", trefwoorden=["klacht", "100%_zeker"])
    c = await create_document(api, iot, identificatie="DOC-C", bronorganisatie="002220647")

    r = await api.get("/enkelvoudiginformatieobjecten")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json()["count"] == 3
    # Newest first.
    assert [d["url"] for d in r.json()["results"]] == [c["url"], b["url"], a["url"]]

    async def urls(**params: str) -> list[str]:
        got = await api.get("/enkelvoudiginformatieobjecten", params=params)
        assert got.status_code == 200, got.text
        return sorted(d["url"] for d in got.json()["results"])

    assert await urls(identificatie="DOC-B") == [b["url"]]
    assert await urls(bronorganisatie=RSIN) == sorted([a["url"], b["url"]])
    assert await urls(trefwoorden="klacht") == sorted([a["url"], b["url"]])
    assert await urls(trefwoorden="klacht,stoep") == [a["url"]]
    assert await urls(trefwoorden="100%_zeker") == [b["url"]]
    assert await urls(trefwoorden="100") == []  # a whole trefwoord, not a part (nor a LIKE pattern)

    app.state.settings.page_size = 2
    try:
        page2 = await api.get("/enkelvoudiginformatieobjecten", params={"page": 2})
        assert (page2.json()["count"], len(page2.json()["results"]), page2.json()["next"]) == (3, 1, None)
        assert (await api.get("/enkelvoudiginformatieobjecten", params={"page": 3})).status_code == 404
    finally:
        app.state.settings.page_size = 100

    unknown = await api.get("/enkelvoudiginformatieobjecten", params={"zaak": "x"})
    assert (unknown.status_code, codes(unknown)) == (400, [("nonFieldErrors", "unknown-parameters")])
    bad = await api.get("/enkelvoudiginformatieobjecten", params={"objectinformatieobjecten_objectType": "taak"})
    assert codes(bad) == [("objectinformatieobjecten_objectType", "invalid_choice")]


async def test_zoek_on_uuids(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    iot = await iot_url(app, "Klaagschrift")
    a = await create_document(api, iot, identificatie="DOC-A")
    b = await create_document(api, iot, identificatie="DOC-B")
    await create_document(api, iot)
    ids = [a["url"].rsplit("/", 1)[1], b["url"].rsplit("/", 1)[1], str(uuid.uuid4())]
    r = await api.post("/enkelvoudiginformatieobjecten/_zoek", {"uuid__in": ids})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert sorted(d["url"] for d in r.json()["results"]) == sorted([a["url"], b["url"]])
    narrowed = await api.post("/enkelvoudiginformatieobjecten/_zoek", {"uuid__in": ids, "identificatie": "DOC-B"})
    assert [d["url"] for d in narrowed.json()["results"]] == [b["url"]]
    assert codes(await api.post("/enkelvoudiginformatieobjecten/_zoek", {})) == [("uuid__in", "required")]
    assert codes(await api.post("/enkelvoudiginformatieobjecten/_zoek", {"uuid__in": ["x"]})) == [
        ("uuid__in", "invalid")
    ]


async def test_drc_011_drc_012_drc_013_expand(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    iot = await iot_url(app, "Klaagschrift")
    document = await create_document(api, iot)
    r = await api.get(document["url"], params={"expand": "informatieobjecttype"})
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert r.json()["_expand"]["informatieobjecttype"]["url"] == iot
    listed = await api.get("/enkelvoudiginformatieobjecten", params={"expand": "informatieobjecttype.catalogus"})
    [item] = listed.json()["results"]
    embedded = item["_expand"]["informatieobjecttype"]
    assert embedded["_expand"]["catalogus"]["url"] == embedded["catalogus"]
    # drc-012: at most three levels; a deeper path is cut off, not refused.
    deep = await api.get(document["url"], params={"expand": "informatieobjecttype.catalogus.zaaktypen.statustypen"})
    assert deep.status_code == 200, deep.text
    zaaktypen = deep.json()["_expand"]["informatieobjecttype"]["_expand"]["catalogus"]["_expand"]["zaaktypen"]
    assert zaaktypen and all("_expand" not in z for z in zaaktypen)
    # drc-011/drc-013: only attributes of this resource that point into the Documenten or Catalogi API.
    for value in ("titel", "bestaatniet", "informatieobjecttype.bestaatniet"):
        refused = await api.get(document["url"], params={"expand": value})
        assert (refused.status_code, refused.json()["invalidParams"][0]["name"]) == (404, "expand"), value


async def test_audittrail_of_a_document(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    body = document_body(await iot_url(app, "Klaagschrift"))
    created = await api.request(
        "POST", "/enkelvoudiginformatieobjecten", body, headers={"X-Audit-Toelichting": "Ontvangen per post"}
    )
    document = created.json()
    r = await api.get(f"{document['url']}/audittrail")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    [entry] = r.json()
    assert (entry["bron"], entry["actie"], entry["resourceUrl"]) == ("drc", "create", document["url"])
    assert entry["toelichting"] == "Ontvangen per post"
    one = await api.get(f"{document['url']}/audittrail/{entry['uuid']}")
    assert one.json() == entry
    assert (await api.get(f"{document['url']}/audittrail/{uuid.uuid4()}")).status_code == 404


async def test_sweep_removes_only_unreferenced_content(
    api: Api, app: FastAPI, db: Database, settings: Settings, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    kept = await create_document(api, iot)
    shared = await create_document(api, iot)  # the same content: one blob for both
    deleted = await create_document(api, iot, inhoud="QW5kZXJlIGluaG91ZA==")
    assert (await api.delete(deleted["url"])).status_code == 204
    storage = storage_for(settings)
    # Content of a write that rolled back after storing it.
    orphan = await storage.store([b"nooit vastgelegd"], max_size=1000)
    assert len(list(storage.stored())) == 3

    async with db.reader.connect() as conn:
        assert await sweep_orphans(storage, conn) == []  # within the grace period nothing goes
        removed = await sweep_orphans(storage, conn, grace_seconds=-1)
    assert orphan.key in removed and len(removed) == 2
    assert len(list(storage.stored())) == 1
    for document in (kept, shared):
        assert (await api.get(document["inhoud"])).status_code == 200


async def test_the_served_openapi_file_is_the_documenten_api_1_7_0(api: Api) -> None:
    r = await api.get("/openapi.yaml")
    assert r.status_code == 200
    assert "version: 1.7.0" in r.text and "http://testserver/documenten/api/v1" in r.text
    assert (await api.get("/enkelvoudiginformatieobjecten")).headers["API-version"] == "1.7.0"
