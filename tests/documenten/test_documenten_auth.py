"""Authorisation: a client with rights on one informatieobjecttype up to 'intern' sees exactly those documents in
every list (count included), gets 403 on every other document and on what hangs below it, and cannot create or
change outside its rights."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.documenten.conftest import Api, Catalogus, client_with, create_document, document_body, drc_rechten, iot_url
from tests.helpers import auth_header
from tests.zaken.conftest import BASE as ZRC
from tests.zaken.conftest import insert_zaak, zaak_url, zrc_rechten
from zaakwerk.autorisaties import service as ac
from zaakwerk.core.uow import UnitOfWork

LEZEN = ("documenten.lezen", "documenten.aanmaken", "documenten.lock", "documenten.bijwerken")


async def test_restricted_client_sees_and_touches_only_its_documents(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klaagschrift = await iot_url(app, "Klaagschrift")
    bezwaarschrift = await iot_url(app, "Bezwaarschrift")
    visible = await create_document(api, klaagschrift, vertrouwelijkheidaanduiding="intern")
    too_secret = await create_document(api, klaagschrift, vertrouwelijkheidaanduiding="vertrouwelijk")
    other_type = await create_document(api, bezwaarschrift, vertrouwelijkheidaanduiding="openbaar")
    zaak = zaak_url(await insert_zaak(app, catalogus["VBG-KLACHT"]))
    for document in (visible, too_secret):
        r = await api.post(f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak, "informatieobject": document["url"]})
        assert r.status_code == 201, r.text
        r = await api.post(
            "/gebruiksrechten",
            {"informatieobject": document["url"], "startdatum": "2026-11-02T00:00:00Z", "omschrijvingVoorwaarden": "x"},
        )
        assert r.status_code == 201, r.text

    rechten = drc_rechten(*LEZEN, informatieobjecttype=klaagschrift, max_vertrouwelijkheid="intern")
    lezer = await client_with(app, client, "drc-lezer", [rechten])

    listed = (await lezer.get("/enkelvoudiginformatieobjecten")).json()
    assert (listed["count"], [d["url"] for d in listed["results"]]) == (1, [visible["url"]])
    zoek = await lezer.post(
        "/enkelvoudiginformatieobjecten/_zoek",
        {"uuid__in": [d["url"].rsplit("/", 1)[1] for d in (visible, too_secret, other_type)]},
    )
    assert zoek.json()["count"] == 1
    oios = (await lezer.get("/objectinformatieobjecten")).json()
    assert [o["informatieobject"] for o in oios] == [visible["url"]]
    rechten_lijst = (await lezer.get("/gebruiksrechten")).json()
    assert [g["informatieobject"] for g in rechten_lijst] == [visible["url"]]

    assert (await lezer.get(visible["url"])).status_code == 200
    assert (await lezer.get(visible["inhoud"])).status_code == 200
    for hidden in (too_secret, other_type):
        for url in (hidden["url"], hidden["inhoud"], f"{hidden['url']}?versie=1"):
            assert (await lezer.get(url)).status_code == 403, url
        assert (await lezer.post(f"{hidden['url']}/lock")).status_code == 403
    [hidden_oio] = [
        o for o in (await api.get("/objectinformatieobjecten")).json() if o["informatieobject"] == too_secret["url"]
    ]
    assert (await lezer.get(hidden_oio["url"])).status_code == 403

    # Creating: only its type, only up to its maximum (the default of Klaagschrift is 'vertrouwelijk').
    assert (await lezer.post("/enkelvoudiginformatieobjecten", document_body(klaagschrift))).status_code == 403
    own = document_body(klaagschrift, vertrouwelijkheidaanduiding="openbaar")
    assert (await lezer.post("/enkelvoudiginformatieobjecten", own)).status_code == 201
    other = document_body(bezwaarschrift, vertrouwelijkheidaanduiding="openbaar")
    assert (await lezer.post("/enkelvoudiginformatieobjecten", other)).status_code == 403
    # Raising a document above its maximum in an update is refused too.
    lock_id = (await lezer.post(f"{visible['url']}/lock")).json()["lock"]
    raised = await lezer.patch(visible["url"], {"vertrouwelijkheidaanduiding": "geheim", "lock": lock_id})
    assert raised.status_code == 403
    assert (await lezer.get(visible["url"])).json()["vertrouwelijkheidaanduiding"] == "intern"
    # Without the audittrails scope the trail is closed.
    assert (await lezer.get(f"{visible['url']}/audittrail")).status_code == 403


async def test_alleen_is_gereed_voor_publicatie_reads_only_documents_ready_for_publication(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klaagschrift = await iot_url(app, "Klaagschrift")
    ready = await create_document(api, klaagschrift, isGereedVoorPublicatie=True)
    not_ready = await create_document(api, klaagschrift, isGereedVoorPublicatie=False)
    unknown = await create_document(api, klaagschrift)
    secret = "drc-publicatie-geheim-0123456789-abcdefghijklmnop"
    async with UnitOfWork(app.state.sessionmaker) as uow:
        await ac.create_applicatie(
            uow,
            label="Publicatieplatform",
            client_ids=["drc-publicatie"],
            heeft_alle_autorisaties=True,
            alleen_is_gereed_voor_publicatie=True,
        )
        await ac.set_credentials(uow, "drc-publicatie", secret)
    publicatie = Api(client, auth_header("drc-publicatie", secret))

    listed = (await publicatie.get("/enkelvoudiginformatieobjecten")).json()
    assert (listed["count"], [d["url"] for d in listed["results"]]) == (1, [ready["url"]])
    assert (await publicatie.get(ready["url"])).status_code == 200
    for document in (not_ready, unknown):
        assert (await publicatie.get(document["url"])).status_code == 403
        assert (await publicatie.get(document["inhoud"])).status_code == 403
    # Only reading is narrowed: the applicatie may still lock the document.
    assert (await publicatie.post(f"{not_ready['url']}/lock")).status_code == 200


async def test_drc_014_an_expanded_document_the_client_may_not_read_is_left_out(
    api: Api, app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus
) -> None:
    klaagschrift = await iot_url(app, "Klaagschrift")
    visible = await create_document(api, klaagschrift, vertrouwelijkheidaanduiding="intern")
    hidden = await create_document(api, klaagschrift, vertrouwelijkheidaanduiding="geheim")
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    for document in (visible, hidden):
        r = await api.post(
            f"{ZRC}/zaakinformatieobjecten", {"zaak": zaak_url(zaak), "informatieobject": document["url"]}
        )
        assert r.status_code == 201, r.text
    rechten = [
        zrc_rechten("zaken.lezen", zaaktype=catalogus["VBG-KLACHT"].url),
        drc_rechten("documenten.lezen", informatieobjecttype=klaagschrift, max_vertrouwelijkheid="intern"),
    ]
    lezer = await client_with(app, client, "zrc-drc-lezer", rechten)
    r = await lezer.get(zaak_url(zaak), params={"expand": "zaakinformatieobjecten.informatieobject"})
    assert r.status_code == 200, r.text
    embedded = [z["_expand"]["informatieobject"] for z in r.json()["_expand"]["zaakinformatieobjecten"]]
    assert [e["url"] for e in embedded if e] == [visible["url"]]
    assert len(embedded) == 2
