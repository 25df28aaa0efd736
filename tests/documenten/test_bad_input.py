"""Bad input is a 400 ValidatieFout naming the field, and nothing is written (no row, no content, no audit trail,
no notification)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.documenten.conftest import (
    SPEC,
    Api,
    Catalogus,
    audit,
    codes,
    create_document,
    document_body,
    iot_url,
    lock,
    messages,
    rows,
)
from zaakwerk.config import Settings
from zaakwerk.core.db import Database
from zaakwerk.documenten.models import Gebruiksrechten, InformatieObject, InformatieObjectVersie, ObjectInformatieObject

DOCUMENT_CASES: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
    ({"titel": None}, [("titel", "invalid")]),
    ({"titel": "x" * 201}, [("titel", "max_length")]),
    ({"taal": "nl"}, [("taal", "min_length")]),
    ({"bronorganisatie": "123456789"}, [("bronorganisatie", "invalid")]),
    ({"creatiedatum": "2 november"}, [("creatiedatum", "invalid")]),
    ({"status": "klaar"}, [("status", "invalid_choice")]),
    ({"vertrouwelijkheidaanduiding": "topgeheim"}, [("vertrouwelijkheidaanduiding", "invalid_choice")]),
    ({"link": "geen url"}, [("link", "invalid")]),
    ({"informatieobjecttype": "geen url"}, [("informatieobjecttype", "invalid")]),
    ({"ondertekening": {"soort": "handtekening"}}, [("ondertekening.soort", "invalid_choice")]),
    ({"trefwoorden": "klacht"}, [("trefwoorden", "not_a_list")]),
    ({"inhoud": None, "bestandsomvang": 1000}, [("bestandsomvang", "bestandsdelen-niet-ondersteund")]),
    (
        {"status": "in_bewerking", "ondertekening": {"soort": "digitaal", "datum": "2026-11-02"}},
        [("ondertekening", "invalid_for_status")],
    ),
]


@pytest.mark.parametrize(("over", "expected"), DOCUMENT_CASES, ids=[str(c[0])[:40] for c in DOCUMENT_CASES])
async def test_bad_document_body_writes_nothing(
    api: Api,
    app: FastAPI,
    db: Database,
    settings: Settings,
    catalogus: Catalogus,
    over: dict[str, Any],
    expected: list[tuple[str, str]],
) -> None:
    body = {**document_body(await iot_url(app, "Klaagschrift")), **over}
    r = await api.post("/enkelvoudiginformatieobjecten", body)
    assert r.status_code == 400, r.text
    validate_response(SPEC, r)
    assert codes(r) == expected
    assert await rows(db, InformatieObject) == 0 and await rows(db, InformatieObjectVersie) == 0
    assert await audit(db) == [] and await messages(db) == []
    root = Path(settings.data_dir) / "documenten"
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]


async def test_missing_required_fields_are_all_named(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    r = await api.post("/enkelvoudiginformatieobjecten", {})
    assert r.status_code == 400
    assert sorted(codes(r)) == sorted(
        (name, "required")
        for name in ("bronorganisatie", "creatiedatum", "titel", "auteur", "taal", "informatieobjecttype")
    )
    malformed = await api.request("POST", "/enkelvoudiginformatieobjecten", content=b"{niet json")
    assert codes(malformed) == [("nonFieldErrors", "parse_error")]
    assert await rows(db, InformatieObject) == 0


async def test_bad_update_writes_no_version(api: Api, app: FastAPI, db: Database, catalogus: Catalogus) -> None:
    document = await create_document(api, await iot_url(app, "Klaagschrift"))
    lock_id = await lock(api, document["url"])
    r = await api.patch(document["url"], {"taal": "nederlands", "lock": lock_id})
    assert (r.status_code, codes(r)) == (400, [("taal", "max_length")])
    assert await rows(db, InformatieObjectVersie) == 1
    assert len(await messages(db)) == 1


async def test_bad_objectinformatieobject_and_gebruiksrechten(
    api: Api, app: FastAPI, db: Database, catalogus: Catalogus
) -> None:
    document = await create_document(api, await iot_url(app, "Klaagschrift"))
    r = await api.post(
        "/objectinformatieobjecten",
        {"informatieobject": document["url"], "object": "https://x.nl/1", "objectType": "taak"},
    )
    assert codes(r) == [("objectType", "invalid_choice")]
    r = await api.post("/gebruiksrechten", {"informatieobject": document["url"], "startdatum": "2026-11-02T00:00:00Z"})
    assert codes(r) == [("omschrijvingVoorwaarden", "required")]
    r = await api.post(
        "/gebruiksrechten",
        {
            "informatieobject": "https://elders.nl/1",
            "startdatum": "2026-11-02T00:00:00Z",
            "omschrijvingVoorwaarden": "x",
        },
    )
    assert codes(r) == [("informatieobject", "bad-url")]
    assert await rows(db, ObjectInformatieObject) == 0 and await rows(db, Gebruiksrechten) == 0
    assert (await api.get(document["url"])).json()["indicatieGebruiksrecht"] is None
