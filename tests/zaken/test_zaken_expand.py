"""``expand`` on zaken (zrc-025..028): every expandable field, any depth, and the read rule on every expanded
object (an expanded zaak the client may not read is left out, exactly as its direct GET is refused)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.contract.openapi import validate_response
from tests.zaken._lezen import SPEC, add, rol, status, uuid_of, zaakobject
from tests.zaken.conftest import BASE, RSIN, Api, Catalogus, client_with, insert_zaak, zaak_url, zrc_rechten
from zaakwerk.zaken import models as zrc


async def test_zrc_026_expand_zaaktype_hoofdzaak_and_deelzaken(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    hoofd = await insert_zaak(app, klacht, identificatie="HOOFD")
    deel = await insert_zaak(app, klacht, identificatie="DEEL", hoofdzaak_id=hoofd.id)
    r = await api.get(f"{zaak_url(deel)}?expand=zaaktype,hoofdzaak,hoofdzaak.deelzaken")
    assert r.status_code == 200, r.text
    # No validate_response for an expanded single object: the spec's oneOf (the type or GenesteExpansie, the zaak or
    # EmptyObject) matches any object twice, so it can never validate.
    embedded = r.json()["_expand"]
    assert embedded["zaaktype"]["url"] == klacht.url
    assert embedded["zaaktype"]["identificatie"] == "VBG-KLACHT"
    assert embedded["hoofdzaak"]["identificatie"] == "HOOFD"
    # Every segment of a dotted path is expanded (zrc-issue-003), here back to the zaak itself.
    assert [d["identificatie"] for d in embedded["hoofdzaak"]["_expand"]["deelzaken"]] == ["DEEL"]
    listed = await api.get("/zaken?expand=deelzaken&identificatie=HOOFD")
    validate_response(SPEC, listed)
    assert [d["url"] for d in listed.json()["results"][0]["_expand"]["deelzaken"]] == [zaak_url(deel)]


async def test_zrc_026_relevante_andere_zaken_are_expanded_by_their_url(
    api: Api, app: FastAPI, catalogus: Catalogus
) -> None:
    klacht = catalogus["VBG-KLACHT"]
    andere = await insert_zaak(app, klacht, identificatie="ANDER")
    zaak = await insert_zaak(app, klacht, relevante_andere_zaken=[{"url": zaak_url(andere), "aardRelatie": "bijdrage"}])
    r = await api.get(f"{zaak_url(zaak)}?expand=relevanteAndereZaken")
    assert r.status_code == 200, r.text
    validate_response(SPEC, r)
    assert [z["identificatie"] for z in r.json()["_expand"]["relevanteAndereZaken"]] == ["ANDER"]


async def test_an_absent_single_object_is_an_empty_object(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"])
    r = await api.get(f"{zaak_url(zaak)}?expand=hoofdzaak,status,resultaat,deelzaken")
    validate_response(SPEC, r)
    assert r.json()["_expand"] == {"hoofdzaak": {}, "status": {}, "resultaat": {}, "deelzaken": []}


async def test_zrc_026_children_and_nested_types(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    initiator, obj, st = rol(zaak, klacht), zaakobject(zaak), status(zaak, klacht)
    await add(app, initiator, obj, st)
    await _set(app, zaak, status_id=st.id)
    r = await api.get(f"{zaak_url(zaak)}?expand=rollen,rollen.roltype,status.statustype,zaakobjecten")
    assert r.status_code == 200, r.text
    embedded = r.json()["_expand"]
    assert [x["url"] for x in embedded["rollen"]] == [f"{BASE}/rollen/{initiator.id}"]
    assert embedded["rollen"][0]["_expand"]["roltype"]["omschrijvingGeneriek"] == "initiator"
    assert embedded["status"]["url"] == f"{BASE}/statussen/{st.id}"
    assert embedded["status"]["_expand"]["statustype"]["url"] == klacht.statustypen[0]
    assert [x["url"] for x in embedded["zaakobjecten"]] == [f"{BASE}/zaakobjecten/{obj.id}"]


async def test_zrc_026_resultaat_and_zaakinformatieobjecten(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    klacht = catalogus["VBG-KLACHT"]
    zaak = await insert_zaak(app, klacht)
    resultaat = zrc.Resultaat(rsin=RSIN, zaak_id=zaak.id, resultaattype_id=uuid_of(klacht.resultaattypen[0]))
    zio = zrc.ZaakInformatieObject(
        rsin=RSIN, zaak_id=zaak.id, informatieobject="https://drc.example/enkelvoudiginformatieobjecten/1"
    )
    await add(app, resultaat, zio)
    await _set(app, zaak, resultaat_id=resultaat.id)
    r = await api.get(f"{zaak_url(zaak)}?expand=resultaat.resultaattype,zaakinformatieobjecten")
    assert r.status_code == 200, r.text
    embedded = r.json()["_expand"]
    assert embedded["resultaat"]["_expand"]["resultaattype"]["url"] == klacht.resultaattypen[0]
    assert [x["url"] for x in embedded["zaakinformatieobjecten"]] == [f"{BASE}/zaakinformatieobjecten/{zio.id}"]


async def test_expanded_zaken_pass_the_read_rule(app: FastAPI, client: httpx.AsyncClient, catalogus: Catalogus) -> None:
    klacht, bezwaar = catalogus["VBG-KLACHT"], catalogus["VBG-BEZWAAR"]
    hoofd = await insert_zaak(app, klacht, identificatie="HOOFD")
    await insert_zaak(app, klacht, identificatie="OPEN", hoofdzaak_id=hoofd.id)
    await insert_zaak(app, klacht, identificatie="GEHEIM", hoofdzaak_id=hoofd.id, vertrouwelijkheidaanduiding="geheim")
    await insert_zaak(app, bezwaar, identificatie="ANDER-TYPE", hoofdzaak_id=hoofd.id)
    lezer = await client_with(
        app, client, "zrc-lezer", [zrc_rechten("zaken.lezen", zaaktype=klacht.url, max_vertrouwelijkheid="intern")]
    )
    r = await lezer.get(f"{zaak_url(hoofd)}?expand=deelzaken")
    assert r.status_code == 200, r.text
    # The URL list shows every deelzaak (as Open Zaak does); only readable ones are expanded.
    assert len(r.json()["deelzaken"]) == 3
    assert [d["identificatie"] for d in r.json()["_expand"]["deelzaken"]] == ["OPEN"]
    geheime_hoofd = await insert_zaak(app, klacht, vertrouwelijkheidaanduiding="geheim")
    deel = await insert_zaak(app, klacht, hoofdzaak_id=geheime_hoofd.id)
    r = await lezer.get(f"{zaak_url(deel)}?expand=hoofdzaak")
    assert r.json()["_expand"]["hoofdzaak"] == {}


async def test_zrc_027_expand_of_an_unknown_attribute_is_404(api: Api, app: FastAPI, catalogus: Catalogus) -> None:
    zaak = await insert_zaak(app, catalogus["VBG-KLACHT"], hoofdzaak_id=None)
    hoofd = await insert_zaak(app, catalogus["VBG-KLACHT"])
    deel = await insert_zaak(app, catalogus["VBG-KLACHT"], hoofdzaak_id=hoofd.id)
    for url in (f"{zaak_url(zaak)}?expand=omschrijvingen", f"{zaak_url(deel)}?expand=hoofdzaak.bestaatniet"):
        r = await api.get(url)
        assert r.status_code == 404, r.text
        assert r.json()["code"] == "expand-onbekend"
        assert r.json()["invalidParams"][0]["name"] == "expand"
    # A malformed value is bad input, not an unknown attribute.
    assert (await api.get("/zaken?expand=zaaktype..catalogus")).status_code == 400


async def _set(app: FastAPI, zaak: zrc.Zaak, **values: object) -> None:
    from sqlalchemy import update

    from zaakwerk.core.uow import UnitOfWork

    async with UnitOfWork(app.state.sessionmaker) as uow:
        await uow.session.execute(update(zrc.Zaak).where(zrc.Zaak.id == zaak.id).values(**values))
