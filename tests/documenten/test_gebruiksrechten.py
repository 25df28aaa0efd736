"""/gebruiksrechten and drc-006: creating them sets indicatieGebruiksrecht of the document to true, deleting the
last sets it back to null; the client cannot set true itself."""

from __future__ import annotations

from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.documenten.conftest import (
    SPEC,
    Api,
    Catalogus,
    codes,
    create_document,
    document_body,
    iot_url,
    lock,
    messages,
    rows,
)
from zaakwerk.core.db import Database
from zaakwerk.documenten.models import Gebruiksrechten


def _body(document: str, **over: object) -> dict[str, object]:
    return {
        "informatieobject": document,
        "startdatum": "2026-11-02T09:00:00Z",
        "omschrijvingVoorwaarden": "Alleen intern gebruiken.",
    } | over


async def test_drc_006_indicatie_follows_the_gebruiksrechten(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    iot = await iot_url(app, "Klaagschrift")
    refused = await api.post("/enkelvoudiginformatieobjecten", document_body(iot, indicatieGebruiksrecht=True))
    assert codes(refused) == [("indicatieGebruiksrecht", "missing-gebruiksrechten")]
    document = await create_document(api, iot, indicatieGebruiksrecht=False)
    assert document["indicatieGebruiksrecht"] is False

    first = await api.post("/gebruiksrechten", _body(document["url"]))
    assert first.status_code == 201, first.text
    validate_response(SPEC, first)
    second = await api.post("/gebruiksrechten", _body(document["url"], startdatum="2027-01-01T00:00:00Z"))
    assert second.status_code == 201
    assert (await api.get(document["url"])).json()["indicatieGebruiksrecht"] is True

    # While gebruiksrechten exist, an update must keep the indicatie true.
    lock_id = await lock(api, document["url"])
    cleared = await api.patch(document["url"], {"indicatieGebruiksrecht": None, "lock": lock_id})
    assert codes(cleared) == [("indicatieGebruiksrecht", "existing-gebruiksrechten")]

    assert (await api.delete(first.json()["url"])).status_code == 204
    assert (await api.get(document["url"])).json()["indicatieGebruiksrecht"] is True
    assert (await api.delete(second.json()["url"])).status_code == 204
    assert (await api.get(document["url"])).json()["indicatieGebruiksrecht"] is None
    assert [(m["resource"], m["actie"]) for m in await messages(db)][1:] == [
        ("gebruiksrechten", "create"),
        ("gebruiksrechten", "create"),
        ("gebruiksrechten", "destroy"),
        ("gebruiksrechten", "destroy"),
    ]


async def test_gebruiksrechten_read_update_and_filters(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    document = await create_document(api, await iot_url(app, "Klaagschrift"))
    created = (await api.post("/gebruiksrechten", _body(document["url"]))).json()
    got = await api.get(created["url"], params={"expand": "informatieobject"})
    assert got.status_code == 200, got.text
    assert got.json()["_expand"]["informatieobject"]["url"] == document["url"]
    patched = await api.patch(created["url"], {"einddatum": "2027-12-31T00:00:00Z"})
    assert patched.status_code == 200, patched.text
    validate_response(SPEC, patched)
    assert patched.json()["einddatum"] == "2027-12-31T00:00:00Z"
    before_start = await api.patch(created["url"], {"einddatum": "2020-01-01T00:00:00Z"})
    assert codes(before_start) == [("einddatum", "einddatum-voor-startdatum")]
    other = await create_document(api, await iot_url(app, "Klaagschrift"))
    moved = await api.patch(created["url"], {"informatieobject": other["url"]})
    assert codes(moved) == [("informatieobject", "wijzigen-niet-toegelaten")]

    listed = await api.get("/gebruiksrechten", params={"informatieobject": document["url"]})
    validate_response(SPEC, listed)
    assert [g["url"] for g in listed.json()] == [created["url"]]
    assert (await api.get("/gebruiksrechten", params={"startdatum__gt": "2026-11-03T00:00:00Z"})).json() == []
    assert len((await api.get("/gebruiksrechten", params={"einddatum__lte": "2027-12-31T00:00:00Z"})).json()) == 1
    bad = await api.get("/gebruiksrechten", params={"startdatum__gt": "gisteren"})
    assert codes(bad) == [("startdatum__gt", "invalid")]
    assert await rows(db, Gebruiksrechten) == 1
